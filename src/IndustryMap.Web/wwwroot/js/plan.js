// The plan page: each indicator as a table by scope and year (baselines and targets), every value with its unit and
// source, conflicting statements of the same fact marked, and a chart per indicator that has a series over years.
import { el, t, lang, data, paren, colon, getSubject, showNotFound, getJson, setUpPage, setTitle, param, sourceView, quantity, formatQuantity, run } from "./common.js";

/* global echarts */
setUpPage("plan.heading");

const COMPARATOR = { ge: "≥", gt: ">", approx: "≈", strive: t("plan.strive"), eq: "" };

async function main() {
  const plans = await getJson("/api/plans");
  const id = param("id") ?? plans[0]?.id;
  const content = document.getElementById("content");
  if (!plans.some((p) => p.id === id)) {
    showNotFound(id);
    return;
  }
  const picker = el("select", { id: "plan-picker" }, plans.map((p) => el("option", { value: p.id, textContent: p.title, title: p.id, selected: p.id === id, className: "data" })));
  picker.addEventListener("change", () => { location.search = `?id=${encodeURIComponent(picker.value)}`; });
  content.append(el("p", { className: "plan-choice" }, el("label", { for: "plan-picker", textContent: t("plan.choose") }), " ", picker));
  const detail = await getSubject(`/api/plans/${encodeURIComponent(id)}`, id);
  const plan = detail.plan;
  setTitle(plan.title);
  document.getElementById("title").replaceChildren(data(plan.title));
  content.append(el("p", { className: "muted" }, data([plan.issuer, plan.periodStart && `${plan.periodStart}—${plan.periodEnd}`, plan.scope].filter(Boolean).join(" · ")), " ",
    sourceView(plan.source)));
  if (detail.indicators.length === 0) {
    content.append(el("p", { className: "muted", textContent: t("plan.none") }));
    return;
  }
  const charts = [];
  for (const indicator of detail.indicators) {
    const targets = detail.targets.filter((x) => x.indicator === indicator.id);
    if (targets.length === 0) continue;
    const section = el("section", { className: "card", id: `indicator-${indicator.id}` });
    section.append(el("h2", {}, data(indicator.name), ...(indicator.unit ? paren(data(indicator.unit)) : [])),
      el("p", { className: "muted" }, data([indicator.attribute, indicator.category].filter(Boolean).join(" · ")), indicator.cumulative ? ` · ${t("plan.cumulative")}` : "", " ",
        sourceView(indicator.source)));
    const years = [...new Set(targets.flatMap((x) => [x.year, x.baselineYear]).filter((y) => y))].sort();
    // A target whose document prints no year is shown so, in its own column (never given a guessed year).
    if (targets.some((x) => x.year === undefined || x.year === null)) years.push(null);
    const scopes = [...new Set(targets.map((x) => scopeLabel(x)))];
    const table = el("table", {}, el("thead", {}, el("tr", {}, el("th", { scope: "col", textContent: t("plan.col.scope") }),
      years.map((y) => el("th", { scope: "col", textContent: y === null ? t("plan.yearUnknown") : String(y) })))));
    const body = el("tbody");
    for (const scope of scopes) {
      const row = el("tr", {}, el("th", { scope: "row", textContent: scope, className: "data" }));
      for (const year of years) {
        const cellTargets = targets.filter((x) => scopeLabel(x) === scope && (x.year ?? null) === year);
        const baselines = year === null ? [] : targets.filter((x) => scopeLabel(x) === scope && x.baselineYear === year && x.baselineValue !== undefined);
        row.append(el("td", { className: "num-cell" }, cellTargets.map(targetCell),
          baselines.map((b) => el("div", { className: "muted" }, `${t("plan.baseline")} `, quantity(b.baselineValue, b.unit)))));
      }
      body.append(row);
    }
    table.append(body);
    section.append(el("div", { className: "table-wrap" }, table));
    const series = scopes.map((scope) => ({ scope, points: targets.filter((x) => scopeLabel(x) === scope && x.year && (x.period ?? "year") !== "average").map((x) => [String(x.year), Number(x.value), x]) }))
      .filter((s) => s.points.length >= 2).slice(0, 8);
    if (series.length) {
      // The label is the indicator's name and unit as stored (data): in Chinese on both interfaces.
      const chart = el("div", { className: "chart", role: "img", lang: "zh-CN", "aria-label": indicator.unit ? `${indicator.name}（${indicator.unit}）` : indicator.name });
      section.append(chart);
      charts.push({ chart, series, years: years.filter((y) => y !== null).map(String), unit: indicator.unit });
    }
    content.append(section);
  }
  for (const c of charts) drawChart(c);
}

function scopeLabel(target) {
  return target.scope ?? (target.scopeKind === "city" ? t("plan.city") : target.scopeKind);
}

function targetCell(target) {
  const value = target.valueHigh !== undefined ? `${target.value}—${target.valueHigh}` : target.value;
  const shown = target.valueHigh !== undefined ? { text: `${value} ${target.unit ?? ""}`.trim(), exact: target.printed } : formatQuantity(target.value, target.unit);
  const period = target.period === "average" ? t("plan.average", target.yearFrom, target.year) : target.period === "sum" ? t("plan.sum", target.yearFrom, target.year)
    : target.period === "each_year" ? t("plan.eachYear") : "";
  const text = `${period ? `${period} ` : ""}${COMPARATOR[target.comparator] ?? ""}${target.cumulative ? `[${shown.text}]` : shown.text}`;
  const box = el("div", { className: "target" },
    el("data", { className: "num", value: String(target.value), textContent: text, title: `${t("num.exact", shown.exact)}\n${target.printed}` }), " ",
    sourceView(target.source));
  if (target.conflicts?.length) {
    box.append(el("div", { className: "conflicts" }, el("span", { className: "badge conflict", textContent: t("plan.conflict") }),
      target.conflicts.map((c) => el("div", {}, quantity(c.value, c.unit), " ", el("span", { className: "muted data", textContent: c.printed }), " ", sourceView(c.source)))));
  }
  return box;
}

function drawChart({ chart, series, years, unit }) {
  const instance = echarts.init(chart, null, { renderer: "canvas" });
  instance.setOption({
    animation: false,
    // The chart's accessible description in the interface language (ECharts' generated one is Chinese only).
    aria: { enabled: true, label: { enabled: true, description: chart.getAttribute("aria-label") ?? "" } },
    grid: { left: 60, right: 20, top: 30, bottom: 30 },
    tooltip: {
      trigger: "item", confine: true,
      formatter: (p) => el("div", {}, el("strong", { textContent: p.seriesName }), el("div", { textContent: `${p.name}${colon()}${formatQuantity(p.value[1], unit).text}` })),
    },
    xAxis: { type: "category", data: years },
    yAxis: { type: "value", name: unit ?? "" },
    series: series.map((s) => ({ type: "line", name: s.scope, data: s.points.map(([year, value]) => [year, value]), symbolSize: 8 })),
  });
  window.addEventListener("resize", () => instance.resize());
}

run(main);
