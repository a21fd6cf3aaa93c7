// The unit page (e.g. 万州区): its group, its dominant and characteristic industries with their sources, the
// neighbouring units that share an industry, and the unit's parks, enterprises, projects and targets.
import { el, t, tn, data, colon, paren, dataList, listSep, getSubject, getJson, setUpPage, setTitle, showError, showNotFound, param, sourceView, unitHref, clusterHref, run } from "./common.js";
import { loadChongqing, neighboursOf } from "./geo.js";
import { byUnit } from "./layout.js";
import { relatedSection } from "./records.js";
import { chainListSection } from "./chainlist.js";

setUpPage("nav.map");

async function main() {
  const name = param("name");
  if (!name) {
    location.replace("/");
    return;
  }
  const units = await getJson("/api/units");
  const known = units.find((u) => u.name === name || u.fullName === name || (u.aliases ?? []).includes(name));
  if (!known) {
    showNotFound(name);
    return;
  }
  const [profile, designations] = await Promise.all([getSubject(`/api/units/${encodeURIComponent(known.name)}`, name), getJson("/api/layouts/2023")]);
  const unit = profile.unit;
  setTitle(unit.name);
  document.getElementById("name").replaceChildren(data(unit.name));
  renderFacts(unit);
  renderLayouts(profile);
  const q = encodeURIComponent(unit.name);
  await Promise.all([
    renderNeighbours(unit, units, designations),
    chainListSection(document.getElementById("chains"), `/api/chains?unit=${q}`),
    relatedSection(document.getElementById("parks"), `/api/parks?unit=${q}`, "parks", { moreHref: `/registry.html?kind=parks&unit=${q}` }),
    relatedSection(document.getElementById("enterprises"), `/api/enterprises?unit=${q}`, "enterprises", { moreHref: `/registry.html?kind=enterprises&unit=${q}` }),
    relatedSection(document.getElementById("projects"), `/api/projects?unit=${q}`, "projects", { moreHref: `/registry.html?kind=projects&unit=${q}` }),
    relatedSection(document.getElementById("targets"), `/api/targets?scope=${q}`, "targets", { limit: 30, expandable: true }),
  ]);
}

function renderFacts(unit) {
  const facts = document.getElementById("facts");
  const add = (label, ...value) => facts.append(el("dt", { textContent: label }), el("dd", {}, ...value));
  if (unit.fullName !== unit.name) add(t("unit.fullName"), data(unit.fullName));
  add(t("unit.kind"), t(`unit.kind.${unit.kind}`));
  if (unit.code) add(t("unit.code"), unit.code);
  const groups = unit.groups.filter((g) => g !== "主城都市区");
  add(t("unit.group"), groups.length
    ? groups.flatMap((g, i) => [i ? listSep() : "", el("a", { href: "/?view=groups", textContent: g, className: "data" })])
    : t("map.group.none"));
}

function designationItem(d, unitName) {
  const mapLink = `/?industry=${encodeURIComponent(d.industry)}&kind=${d.industry === d.cluster ? "cluster" : "sub_industry"}`;
  const li = el("li", { className: `designation role-${d.role}` },
    el("a", { href: mapLink, className: "designation-name data", textContent: d.industry }),
    d.cluster && d.cluster !== d.industry ? el("a", { className: "badge", href: clusterHref(d.cluster) }, ...tn("unit.cluster", data(d.cluster))) : null,
    d.flag === "corrected" ? el("span", { className: "badge flag" }, ...tn("unit.corrected", data(d.printed))) : null,
    d.sourceTier === "public" && d.printed !== d.industry ? el("span", { className: "badge printed" }, ...tn("tier.public.printed", data(d.printed))) : null,
    sourceView(d.source, { focus: unitName }));
  if (d.detail) li.append(el("div", { className: "muted" }, ...tn("unit.detail", data(d.detail))));
  return li;
}

function renderLayouts(profile) {
  const container = document.getElementById("layouts");
  for (const edition of profile.layouts) {
    const section = el("section", { className: "card", "aria-label": t("unit.layout", edition.year) },
      edition.title ? el("h2", { className: "data", textContent: edition.title }) : el("h2", { textContent: t("unit.layout", edition.year) }));
    for (const role of ["dominant", "characteristic"]) {
      const rows = edition[role];
      section.append(el("h3", {}, el("span", { className: `badge ${role}`, textContent: role === "dominant" ? "▲" : "●" }), " ",
        t(`role.${role}`), ...paren(rows.length)));
      section.append(rows.length ? el("ul", { className: "designations", dataset: { role } }, rows.map((d) => designationItem(d, profile.unit.name))) : el("p", { className: "muted", textContent: t("unit.empty") }));
    }
    container.append(section);
  }
  for (const year of profile.notRecordedIn) {
    container.append(el("p", { className: "card pending", textContent: t("unit.notRecorded", year) }));
  }
  if (profile.layouts.length === 0 && profile.notRecordedIn.length === 0) container.append(el("p", { className: "pending", textContent: t("unit.noLayout") }));
}

async function renderNeighbours(unit, units, designations) {
  const container = document.getElementById("neighbours");
  if (unit.kind === "functional_zone") {
    container.replaceChildren(el("p", { className: "muted", textContent: t("unit.neighboursZone") }));
    return;
  }
  const geo = await loadChongqing(units);
  const rowsByUnit = byUnit(designations);
  const mine = new Set((rowsByUnit.get(unit.name) ?? []).map((d) => d.industry));
  const neighbours = neighboursOf(geo, unit.name).map((n) => ({
    name: n,
    shared: [...new Set((rowsByUnit.get(n) ?? []).map((d) => d.industry).filter((i) => mine.has(i)))],
    recorded: rowsByUnit.has(n),
  }));
  neighbours.sort((a, b) => b.shared.length - a.shared.length || a.name.localeCompare(b.name, "zh-CN"));
  const withShared = neighbours.filter((n) => n.shared.length > 0);
  const list = el("ul", { className: "neighbours", id: "neighbour-list" }, neighbours.map((n) => el("li", { dataset: { unit: n.name } },
    el("a", { href: unitHref(n.name), textContent: n.name, className: "data" }), " ",
    n.shared.length ? el("span", {}, ...tn("unit.neighboursShared", el("span", {}, ...dataList(n.shared))))
      : el("span", { className: "muted" }, ...(n.recorded ? ["—"] : paren(t("map.status.notRecorded")))))));
  container.replaceChildren(list);
  if (withShared.length === 0) container.prepend(el("p", { className: "muted", textContent: t("unit.neighboursNone") }));
}

run(main);
