// 目标进度: progress of every assessment target, rolled up to groups and the city where the indicator sums.
import { el, t, lang, api, say, data, number, percent, demoBadge, statusBadge, param, session, signInLink, setUpPage, documentLabel, documentHref, run } from "../common.js";
import { fillPeriods, periodName } from "./monitoring.js";

setUpPage("mon.nav.progress", { section: "monitoring" });
const pick = (id) => document.getElementById(id);

/** Where a target comes from: the plan document's lines (by short title, linked) or the assessment targets set in monitoring. */
function origin(r) {
  if (r.lines && r.document) {
    const link = el("a", { href: documentHref(r.document, r.lines), textContent: r.document });
    documentLabel(r.document).then((d) => { link.textContent = t("sourceOf", d.short, r.lines); link.title = d.title; link.classList.add("data"); });
    return link;
  }
  return r.origin === "monitoring" ? t("mon.progress.assessment") : null;
}

async function load() {
  const query = new URLSearchParams();
  for (const id of ["plan", "unit", "indicator", "period"]) if (pick(id).value) query.set(id, pick(id).value);
  query.set("includeDemo", pick("demo").checked);
  try {
    const rows = await api("/api/progress?" + query);
    pick("rows").querySelector("caption").textContent = t("mon.progress.caption", rows.length);
    const cell = (label, props, ...children) => el("td", { ...props, dataset: { label: t(label) } }, ...children);
    pick("rows").querySelector("tbody").replaceChildren(...rows.map((r) => el("tr", {},
      cell("mon.col.scope", {}, data(r.scope), r.scopeKind === "unit" ? "" : el("span", { className: "muted" }, " ", t("mon.progress.rollup"),
        r.members ? ` (${r.reported}/${r.members})` : "")),
      cell("mon.col.indicator", {}, data(r.indicatorName), el("div", { className: "muted" }, origin(r))),
      cell("mon.col.target", { className: "num" }, t("mon.yearValue", r.year, number(r.targetValue)), data(r.unit ? ` ${r.unit}` : ""),
        r.targetDerived ? el("div", { className: "muted" }, t("mon.progress.derived")) : null),
      cell("mon.col.baseline", {}, r.baselineYear ? t("mon.yearValue", r.baselineYear, number(r.baselineValue)) : "—",
        r.baselineSource ? el("div", { className: "muted" }, t(`mon.baseline.${r.baselineSource}`)) : null),
      cell("mon.col.actual", { className: "num" }, r.actual === undefined || r.actual === null ? "—" : number(r.actual),
        r.actualPeriod ? el("div", { className: "muted" }, periodName(r.actualPeriod, r.actualPeriodName)) : null),
      cell("mon.col.completion", { className: "num" }, percent(r.completion)),
      cell("mon.col.elapsed", { className: "num" }, percent(r.elapsed)),
      cell("mon.col.actualGrowth", { className: "num" }, percent(r.actualGrowth)),
      cell("mon.col.requiredGrowth", { className: "num" }, percent(r.requiredGrowth)),
      cell("mon.col.projected", { className: "num" }, number(r.projected)),
      cell("mon.col.annual", {}, r.annualTarget ? [t("mon.yearValue", r.annualTarget.year, number(r.annualTarget.value)), r.annualTarget.derived ? t("mon.progress.derivedYear") : ""] : "—"),
      cell("mon.col.status", {}, statusBadge(r.status), r.demo ? demoBadge() : null))));
    say("");
  } catch (e) { say(e); }
}

run(async () => {
  const s = await session();
  if (!s.signedIn) { pick("status").append(el("p", { className: "notice" }, t("mon.signInFirst"), " ", signInLink())); return; }
  const [plans, units, indicators] = await Promise.all([api("/api/plans"), api("/api/units"), api("/api/monitoring/indicators")]);
  pick("plan").append(...plans.map((p) => el("option", { value: p.id, textContent: p.title, className: "data" })));
  pick("unit").append(...units.map((u) => el("option", { value: u.name, selected: u.name === param("unit"), textContent: u.name, className: "data" })));
  pick("indicator").append(...indicators.map((i) => el("option", { value: i.indicator, textContent: i.name, title: i.indicator, className: "data" })));
  const periods = await api("/api/periods");
  pick("period").append(...periods.map((p) => el("option", { value: p.code, textContent: periodName(p.code, p.name) })));
  pick("load").addEventListener("click", load);
  await load();
  void lang;
});
