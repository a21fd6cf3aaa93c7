// The cluster page: tier, sub-industries and products with sources, the cluster's layout map (the live version of
// seed 000's picture pages "智能网联新能源汽车（一）…"), the units that host it, and the cluster's targets.
import { el, t, tn, data, colon, paren, getJson, setUpPage, setTitle, showError, showNotFound, param, sourceView, unitHref, clusterHref, run } from "./common.js";
import { loadChongqing } from "./geo.js";
import { byUnit, statusFor, countStatuses, STATUS } from "./layout.js";
import { createLayoutMap } from "./mapview.js";
import { relatedSection } from "./records.js";
import { chainListSection } from "./chainlist.js";

setUpPage("nav.map");

async function main() {
  const [clusters, units, designations] = await Promise.all([getJson("/api/clusters"), getJson("/api/units"), getJson("/api/layouts/2023")]);
  const name = param("name") ?? clusters[0]?.name;
  const cluster = clusters.find((c) => c.name === name || (c.aliases ?? []).includes(name));
  renderCatalog(clusters, cluster);
  if (!cluster) {
    showNotFound(name);
    return;
  }
  setTitle(cluster.name);
  document.getElementById("name").replaceChildren(data(cluster.name));
  const facts = document.getElementById("facts");
  facts.append(el("dt", { textContent: t("cluster.tier") }), el("dd", {}, cluster.tier ? data(cluster.tier) : "—"));
  facts.append(el("dt", { textContent: t("source") }), el("dd", {}, (cluster.sources ?? []).map(sourceView)));

  const entry = { kind: "cluster", name: cluster.name, cluster: cluster.name };
  const rowsByUnit = byUnit(designations);
  const counts = countStatuses(units, rowsByUnit, entry);
  document.getElementById("summary").replaceChildren(...tn("map.summary", data(cluster.name), counts.dominant, counts.characteristic, counts.notRecorded), " ",
    el("a", { href: `/?industry=${encodeURIComponent(cluster.name)}&kind=cluster`, textContent: t("nav.map") }));
  const item = (swatch, text) => el("li", {}, el("span", { className: `swatch ${swatch}`, "aria-hidden": "true" }), el("span", { textContent: text }));
  document.getElementById("legend").replaceChildren(item("sw-dominant", t("map.legend.dominant")), item("sw-characteristic", t("map.legend.characteristic")),
    item("sw-none", t("map.legend.none")), item("sw-notRecorded", t("map.legend.notRecorded")), item("sw-zone", t("map.legend.zone")));
  renderHosts(units, rowsByUnit, entry);
  renderSubIndustries(cluster);
  const targets = relatedSection(document.getElementById("targets"), `/api/targets?scope=${encodeURIComponent(cluster.name)}`, "targets", { limit: 30, expandable: true });

  const geo = await loadChongqing(units);
  const view = createLayoutMap(document.getElementById("map"), { units, rowsByUnit, geo }, {
    onReady: () => { document.body.dataset.mapReady = "true"; },
  });
  view.update({ mode: "layout", entry });
  await Promise.all([targets, chainListSection(document.getElementById("chains"), `/api/chains?cluster=${encodeURIComponent(cluster.name)}`)]);
}

function renderHosts(units, rowsByUnit, entry) {
  const container = document.getElementById("hosts");
  const table = el("table", {},
    el("thead", {}, el("tr", {}, [t("map.col.unit"), t("map.col.status"), t("map.col.designations")].map((h) => el("th", { scope: "col", textContent: h })))));
  const body = el("tbody");
  for (const status of [STATUS.dominant, STATUS.characteristic]) {
    for (const unit of units.filter((u) => statusFor(entry, rowsByUnit.get(u.name)) === status)) {
      const hits = rowsByUnit.get(unit.name).filter((d) => d.cluster === entry.name);
      body.append(el("tr", { dataset: { unit: unit.name, status } },
        el("th", { scope: "row" }, el("a", { href: unitHref(unit.name), textContent: unit.name, className: "data" })),
        el("td", { textContent: status === STATUS.dominant ? `▲ ${t("map.status.dominant")}` : `● ${t("map.status.characteristic")}` }),
        el("td", {}, hits.map((d) => el("div", {}, data(d.industry), ...paren(t(`role.${d.role}.short`)), sourceView(d.source, { focus: unit.name }))))));
    }
  }
  table.append(body);
  container.replaceChildren(body.children.length ? table : el("p", { className: "muted", textContent: t("cluster.none") }));
}

function renderSubIndustries(cluster) {
  const container = document.getElementById("subs");
  const mapLink = (name, kind) => el("a", { href: `/?industry=${encodeURIComponent(name)}&kind=${kind}`, textContent: name, className: "data" });
  if (cluster.subIndustries.length === 0 && cluster.products.length === 0) {
    container.replaceChildren(el("p", { className: "muted", textContent: t("cluster.none") }));
    return;
  }
  const list = el("ul", { className: "designations" }, cluster.subIndustries.map((sub) => el("li", {},
    mapLink(sub.name, "sub_industry"), " ", (sub.sources ?? []).map(sourceView),
    sub.children?.length ? el("div", {}, el("span", { className: "muted", textContent: `${t("cluster.products")}${colon()}` }),
      el("ul", { className: "chips" }, sub.children.map((p) => el("li", {}, mapLink(p.name, "product"))))) : null)));
  container.replaceChildren(list);
  if (cluster.products.length) {
    container.append(el("h3", { textContent: t("cluster.products") }),
      el("ul", { className: "chips" }, cluster.products.map((p) => el("li", {}, mapLink(p.name, "product"), " ", (p.sources ?? []).slice(0, 1).map(sourceView)))));
  }
}

function renderCatalog(clusters, current) {
  const list = document.getElementById("catalog");
  list.replaceChildren(...clusters.map((c) => el("li", {},
    el("a", { href: clusterHref(c.name), textContent: c.name, className: "data", "aria-current": c === current ? "page" : undefined }),
    c.tier ? [" ", data(c.tier, "span", { className: "muted" })] : null)));
}

run(main);
