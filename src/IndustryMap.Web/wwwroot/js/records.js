// Small tables of related records (parks, enterprises, projects, targets) for the unit and cluster pages, from the
// registry and plan APIs. A section whose API is missing says so instead of failing.
import { el, t, lang, getOptionalJson, sourceView, quantity } from "./common.js";

const zhEn = (zh, en) => (lang === "en" ? en : zh);
const COMPARATOR = { ge: "≥", gt: ">", approx: "≈", strive: "", eq: "", range: "" };

export const COLUMNS = {
  parks: [
    [zhEn("名称", "Name"), (p) => p.name],
    [zhEn("类型", "Kind"), (p) => (p.carrierKind ? zhEn(p.carrierKind.zh, p.carrierKind.en) : "")],
    [zhEn("级别", "Level"), (p) => el("span", { title: p.levelPrinted ?? "", textContent: p.level ?? "" })],
    [zhEn("规划面积", "Planned area"), (p) => (p.plannedArea?.value !== undefined ? quantity(p.plannedArea.value, p.plannedArea.unit) : "")],
    [zhEn("主导产业", "Focus industries"), (p) => (p.focusIndustries ?? []).join("、")],
  ],
  enterprises: [
    [zhEn("名称", "Name"), (e) => e.name],
    [zhEn("层级", "Tiers"), (e) => [...(e.tiers ?? []), ...(e.labels ?? [])].join("、")],
    [zhEn("产业", "Industry"), (e) => e.industry ?? ""],
  ],
  projects: [
    [zhEn("项目名称", "Project"), (p) => p.name],
    [zhEn("阶段", "Stage"), (p) => p.stagePrinted ?? ""],
    [zhEn("总投资", "Investment"), (p) => (p.investment?.value !== undefined ? quantity(p.investment.value, p.investment.unit) : "")],
    [zhEn("产业", "Industry"), (p) => p.industry ?? ""],
  ],
  targets: [
    [zhEn("指标", "Indicator"), (x) => x.indicatorName],
    [zhEn("年份", "Year"), (x) => (x.year ? String(x.year) : "")],
    [zhEn("目标", "Target"), (x) => el("span", {}, COMPARATOR[x.comparator] ?? "", quantity(x.value, x.unit),
      x.conflicts?.length ? el("span", { className: "badge conflict", textContent: t("plan.conflict") }) : null)],
    [zhEn("规划", "Plan"), (x) => el("a", { href: `/plan.html?id=${encodeURIComponent(x.plan)}`, textContent: x.plan })],
  ],
};

/** Fetches `url` and shows its rows (at most `limit`) with the kind's columns, a source per row, and a link to the full list. */
export async function relatedSection(container, url, kind, { limit = 12, moreHref } = {}) {
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
  container.replaceChildren(el("div", { className: "table-wrap" }, el("table", { dataset: { kind } },
    el("thead", {}, el("tr", {}, columns.map(([label]) => el("th", { scope: "col", textContent: label })), el("th", { scope: "col", textContent: t("source") }))),
    el("tbody", {}, rows.slice(0, limit).map((row) => el("tr", {}, columns.map(([, get]) => el("td", {}, get(row))), el("td", {}, sourceView(row.source))))))));
  if (rows.length > limit || moreHref) {
    container.append(el("p", {}, moreHref ? el("a", { href: moreHref, textContent: zhEn(`全部 ${rows.length} 条 →`, `All ${rows.length} →`) }) : `… ${rows.length}`));
  }
}
