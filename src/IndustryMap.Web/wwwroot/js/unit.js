// The unit page (e.g. 万州区): its group, its dominant and characteristic industries with their sources, the
// neighbouring units that share an industry, and the unit's parks, enterprises, projects and targets.
import { el, t, getJson, setUpPage, setTitle, showError, param, sourceView, unitHref, clusterHref, run } from "./common.js";
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
  const [profile, units, designations] = await Promise.all([
    getJson(`/api/units/${encodeURIComponent(name)}`), getJson("/api/units"), getJson("/api/layouts/2023")]);
  const unit = profile.unit;
  setTitle(unit.name);
  document.getElementById("name").textContent = unit.name;
  renderFacts(unit);
  renderLayouts(profile);
  const q = encodeURIComponent(unit.name);
  await Promise.all([
    renderNeighbours(unit, units, designations),
    chainListSection(document.getElementById("chains"), `/api/chains?unit=${q}`),
    relatedSection(document.getElementById("parks"), `/api/parks?unit=${q}`, "parks", { moreHref: `/registry.html?kind=parks&unit=${q}` }),
    relatedSection(document.getElementById("enterprises"), `/api/enterprises?unit=${q}`, "enterprises", { moreHref: `/registry.html?kind=enterprises&unit=${q}` }),
    relatedSection(document.getElementById("projects"), `/api/projects?unit=${q}`, "projects", { moreHref: `/registry.html?kind=projects&unit=${q}` }),
    relatedSection(document.getElementById("targets"), `/api/targets?scope=${q}`, "targets", { limit: 30 }),
  ]);
}

function renderFacts(unit) {
  const facts = document.getElementById("facts");
  const add = (label, ...value) => facts.append(el("dt", { textContent: label }), el("dd", {}, ...value));
  if (unit.fullName !== unit.name) add(t("unit.fullName"), unit.fullName);
  add(t("unit.kind"), t(`unit.kind.${unit.kind}`));
  if (unit.code) add(t("unit.code"), unit.code);
  const groups = unit.groups.filter((g) => g !== "主城都市区");
  add(t("unit.group"), groups.length
    ? groups.flatMap((g, i) => [i ? "、" : "", el("a", { href: "/?view=groups", textContent: g })])
    : t("map.group.none"));
}

function designationItem(d) {
  const mapLink = `/?industry=${encodeURIComponent(d.industry)}&kind=${d.industry === d.cluster ? "cluster" : "sub_industry"}`;
  const li = el("li", { className: `designation role-${d.role}` },
    el("a", { href: mapLink, className: "designation-name", textContent: d.industry }),
    d.cluster && d.cluster !== d.industry ? el("a", { className: "badge", href: clusterHref(d.cluster), textContent: t("unit.cluster", d.cluster) }) : null,
    d.flag === "corrected" ? el("span", { className: "badge flag", textContent: t("unit.corrected", d.printed) }) : null,
    sourceView(d.source));
  if (d.detail) li.append(el("div", { className: "muted", textContent: t("unit.detail", d.detail) }));
  return li;
}

function renderLayouts(profile) {
  const container = document.getElementById("layouts");
  for (const edition of profile.layouts) {
    const section = el("section", { className: "card", "aria-label": t("unit.layout", edition.year) },
      el("h2", { textContent: edition.title || t("unit.layout", edition.year) }));
    for (const role of ["dominant", "characteristic"]) {
      const rows = edition[role];
      section.append(el("h3", {}, el("span", { className: `badge ${role}`, textContent: role === "dominant" ? "▲" : "●" }), " ",
        `${t(`role.${role}`)}（${rows.length}）`));
      section.append(rows.length ? el("ul", { className: "designations", dataset: { role } }, rows.map(designationItem)) : el("p", { className: "muted", textContent: t("unit.empty") }));
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
    el("a", { href: unitHref(n.name), textContent: n.name }), " ",
    n.shared.length ? el("span", { textContent: t("unit.neighboursShared", n.shared.join("、")) })
      : el("span", { className: "muted", textContent: n.recorded ? "—" : `（${t("map.status.notRecorded")}）` }))));
  container.replaceChildren(list);
  if (withShared.length === 0) container.prepend(el("p", { className: "muted", textContent: t("unit.neighboursNone") }));
}

run(main);
