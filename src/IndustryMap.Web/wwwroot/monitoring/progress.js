// 目标进度: progress of every assessment target, rolled up to groups and the city where the indicator sums.
"use strict";
(() => {
  const { el, api, say, number, percent, demoBadge, statusBadge, param } = M;
  const pick = (id) => document.getElementById(id);

  async function load() {
    const query = new URLSearchParams();
    for (const id of ["plan", "unit", "indicator", "period"]) if (pick(id).value) query.set(id, pick(id).value);
    query.set("includeDemo", pick("demo").checked);
    try {
      const rows = await api("/api/progress?" + query);
      pick("rows").querySelector("caption").textContent = `目标进度（${rows.length} 项）`;
      pick("rows").querySelector("tbody").replaceChildren(...rows.map((r) => el("tr", {},
        el("td", {}, r.scope, r.scopeKind === "unit" ? "" : el("span", { className: "muted" }, ` 汇总${r.members ? `（${r.reported}/${r.members}）` : ""}`)),
        el("td", {}, r.indicatorName, el("div", { className: "muted" }, r.indicator + (r.lines ? ` · 文件 ${r.document} 第 ${r.lines} 行` : r.origin === "monitoring" ? " · 考核目标" : ""))),
        el("td", { className: "num" }, `${r.year}年 ${number(r.targetValue)}${r.unit ?? ""}`, r.targetDerived ? el("div", { className: "muted" }, "由所属单位目标加总") : null),
        el("td", {}, r.baselineYear ? `${r.baselineYear}年 ${number(r.baselineValue)}` : "—",
          r.baselineSource ? el("div", { className: "muted" }, { stated: "规划所列", reported: "填报值", sum: "加总", implied: "自基期累计" }[r.baselineSource] ?? "") : null),
        el("td", { className: "num" }, r.actual === undefined ? "—" : number(r.actual), r.actualPeriod ? el("div", { className: "muted" }, r.actualPeriod) : null),
        el("td", { className: "num" }, percent(r.completion)),
        el("td", { className: "num" }, percent(r.elapsed)),
        el("td", { className: "num" }, percent(r.actualGrowth)),
        el("td", { className: "num" }, percent(r.requiredGrowth)),
        el("td", { className: "num" }, number(r.projected)),
        el("td", {}, r.annualTarget ? `${r.annualTarget.year}年 ${number(r.annualTarget.value)}${r.annualTarget.derived ? "（推算）" : ""}` : "—"),
        el("td", {}, statusBadge(r.status, r.statusName), r.demo ? demoBadge() : null))));
      say("", "ok");
    } catch (e) { say(e); }
  }

  async function main() {
    const session = await M.loadSession();
    if (!session.signedIn) { say("请先登录。"); return; }
    const [plans, units, indicators] = await Promise.all([api("/api/plans"), api("/api/units"), api("/api/monitoring/indicators")]);
    pick("plan").append(...plans.map((p) => el("option", { value: p.id }, p.title)));
    pick("unit").append(...units.map((u) => el("option", { value: u.name, selected: u.name === param("unit") }, u.name)));
    pick("indicator").append(...indicators.map((i) => el("option", { value: i.indicator }, `${i.name}（${i.indicator}）`)));
    const periods = await api("/api/periods");
    pick("period").append(...periods.map((p) => el("option", { value: p.code }, `${p.name}（${p.code}）`)));
    pick("load").addEventListener("click", load);
    await load();
  }
  document.addEventListener("DOMContentLoaded", () => main().catch((e) => say(e)).finally(M.ready));
})();
