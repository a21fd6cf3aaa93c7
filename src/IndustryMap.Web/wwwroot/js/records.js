// Small tables of related records (parks, enterprises, projects, targets) for the unit and cluster pages, from the
// registry and plan APIs. A section whose API is missing says so instead of failing.
import { el, t, lang, getJson, getOptionalJson, sourceView, quantity, data, dataList } from "./common.js";

const COMPARATOR = { ge: "≥", gt: ">", approx: "≈", strive: "", eq: "", range: "" };

let plans = null;
/** Plans by name: the title for an id such as yx2027, the id as the tooltip. */
function planLink(id) {
  const link = el("a", { href: `/plan.html?id=${encodeURIComponent(id)}`, textContent: id, title: id, className: "data" });
  plans ??= getJson("/api/plans").then((list) => new Map(list.map((p) => [p.id, p.title]))).catch(() => new Map());
  plans.then((map) => { if (map.has(id)) link.textContent = map.get(id); });
  return link;
}

export const COLUMNS = {
  parks: [
    ["records.col.name", (p) => data(p.name)],
    ["records.col.kind", (p) => (p.carrierKind ? (lang === "en" ? p.carrierKind.en : p.carrierKind.zh) : "")],
    ["records.col.level", (p) => el("span", { title: p.levelPrinted ?? "", className: "data", textContent: p.level ?? "" })],
    ["records.col.area", (p) => (p.plannedArea?.value !== undefined ? quantity(p.plannedArea.value, p.plannedArea.unit) : "")],
    ["records.col.focus", (p) => dataList(p.focusIndustries ?? [])],
  ],
  enterprises: [
    ["records.col.name", (e) => data(e.name)],
    ["records.col.tiers", (e) => dataList([...(e.tiers ?? []), ...(e.labels ?? [])])],
    ["records.col.industry", (e) => data(e.industry ?? "")],
  ],
  projects: [
    ["records.col.project", (p) => data(p.name)],
    ["records.col.stage", (p) => data(p.stagePrinted ?? "")],
    ["records.col.investment", (p) => (p.investment?.value !== undefined ? quantity(p.investment.value, p.investment.unit) : "")],
    ["records.col.industry", (p) => data(p.industry ?? "")],
  ],
  targets: [
    ["records.col.indicator", (x) => data(x.indicatorName)],
    ["records.col.year", (x) => (x.year ? String(x.year) : "")],
    ["records.col.target", (x) => el("span", {}, COMPARATOR[x.comparator] ?? "", quantity(x.value, x.unit),
      x.conflicts?.length ? el("span", { className: "badge conflict", textContent: t("plan.conflict") }) : null)],
    ["records.col.plan", (x) => planLink(x.plan)],
  ],
};

/** Fetches `url` and shows its rows (at most `limit`) with the kind's columns, a source per row, and a link to the full list. */
export async function relatedSection(container, url, kind, { limit = 12, moreHref, expandable = false } = {}) {
  const rows = await getOptionalJson(url);
  if (rows === null) {
    container.replaceChildren(el("p", { className: "pending", textContent: t("unit.pending") }));
    return;
  }
  if (rows.length === 0) {
    container.replaceChildren(el("p", { className: "muted", textContent: t("unit.empty") }));
    return;
  }
  const columns = COLUMNS[kind];
  const render = (shown) => {
    container.replaceChildren(el("div", { className: "table-wrap" }, el("table", { dataset: { kind }, className: "cards-on-phone" },
      el("thead", {}, el("tr", {}, columns.map(([label]) => el("th", { scope: "col", textContent: t(label) })), el("th", { scope: "col", textContent: t("source") }))),
      el("tbody", {}, rows.slice(0, shown).map((row) => el("tr", {},
        columns.map(([label, get]) => el("td", { dataset: { label: t(label) } }, get(row))),
        el("td", { dataset: { label: t("source") } }, sourceView(row.source))))))));
    if (moreHref) {
      container.append(el("p", {}, el("a", { href: moreHref, textContent: t("records.all", rows.length) })));
    } else if (rows.length > shown && expandable) {
      // Every row is reachable: the button shows the rest here.
      const more = el("button", { type: "button", className: "show-all", textContent: t("unit.allTargets", rows.length) });
      more.addEventListener("click", () => render(rows.length));
      container.append(el("p", {}, t("unit.targetsShown", shown, rows.length), " ", more));
    }
  };
  render(expandable || !moreHref ? Math.min(limit, rows.length) : limit);
}
