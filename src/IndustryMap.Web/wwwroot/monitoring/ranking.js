// 赛马排名: the composite index of a period per peer group, rank change, and the drill-down to the values behind each score.
"use strict";
(() => {
  const { el, api, say, number, demoBadge, param } = M;
  const pick = (id) => document.getElementById(id);
  const change = (line) => line.rankChange > 0 ? `↑${line.rankChange}` : line.rankChange < 0 ? `↓${-line.rankChange}` : line.previousRank ? "—" : "新进";

  function drill(ranking, group, line) {
    pick("drill").hidden = false;
    pick("drill-title").replaceChildren(`${line.unit} · ${ranking.indexName} · ${group.group} 第 ${line.rank} 名，得分 ${number(line.score)}`,
      line.demo ? demoBadge() : null);
    pick("drill-rows").replaceChildren(...line.scores.map((s) => el("tr", {},
      el("td", {}, s.name), el("td", {}, s.measureName), el("td", { className: "num" }, number(s.value, 4) + (s.target !== undefined ? `（目标 ${number(s.target)}）` : "")),
      el("td", { className: "num" }, number(s.score)), el("td", { className: "num" }, number(s.weight, 4)),
      el("td", {}, ...s.submitted.map((v) => el("div", {},
        el("a", { href: `/monitoring/entry.html?unit=${encodeURIComponent(line.unit)}&period=${encodeURIComponent(v.period)}` }, v.period), `：${number(v.value, 4)}`,
        v.demo ? demoBadge() : null))))));
    pick("drill").scrollIntoView({ behavior: "smooth" });
  }

  async function load() {
    const query = new URLSearchParams({ period: pick("period").value, includeDemo: pick("demo").checked });
    if (pick("index").value) query.set("index", pick("index").value);
    try {
      const rankings = await api("/api/rankings?" + query);
      const out = pick("rankings");
      out.replaceChildren();
      if (rankings.length === 0) out.append(el("p", {}, "该报告期没有相同频率的赛马指数。"));
      for (const r of rankings) {
        out.append(el("h2", {}, r.indexName, r.demo ? demoBadge() : null),
          el("p", { className: "muted" }, `${r.periodName}${r.previousPeriod ? `，名次变化对比 ${r.previousPeriod}` : ""}；${r.normalizationName}；` +
            r.indicators.map((i) => `${i.name}${i.measureName} 权重 ${i.weight}`).join("，")));
        for (const g of r.groups) {
          const table = el("table", {}, el("caption", {}, g.group),
            el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "排名"), el("th", { scope: "col" }, "区县"), el("th", { scope: "col", className: "num" }, "综合得分"),
              el("th", { scope: "col" }, "较上期"), ...r.indicators.map((i) => el("th", { scope: "col", className: "num" }, `${i.name}${i.measureName}`)))));
          const body = el("tbody");
          for (const line of g.units) {
            const row = el("tr", { className: "clickable", tabIndex: 0 },
              el("td", {}, String(line.rank)), el("td", {}, line.unit, line.missing ? el("span", { className: "muted" }, `（缺 ${line.missing} 项）`) : null),
              el("td", { className: "num" }, number(line.score)), el("td", {}, change(line)),
              ...line.scores.map((s) => el("td", { className: "num" }, `${number(s.value)}（${number(s.score, 1)}分）`)));
            row.addEventListener("click", () => drill(r, g, line));
            row.addEventListener("keydown", (e) => { if (e.key === "Enter") drill(r, g, line); });
            body.append(row);
          }
          table.append(body);
          out.append(table);
        }
      }
      say("", "ok");
    } catch (e) { say(e); }
  }

  async function main() {
    const session = await M.loadSession();
    if (!session.signedIn) { say("请先登录。"); return; }
    const indexes = await api("/api/rankings/indexes");
    pick("index").append(...indexes.map((i) => el("option", { value: i.code }, i.name)));
    const frequency = indexes[0]?.frequency ?? "quarter";
    await M.fillPeriods(pick("period"), frequency, param("period"));
    pick("load").addEventListener("click", load);
    if (pick("period").value) await load();
  }
  document.addEventListener("DOMContentLoaded", () => main().catch((e) => say(e)).finally(M.ready));
})();
