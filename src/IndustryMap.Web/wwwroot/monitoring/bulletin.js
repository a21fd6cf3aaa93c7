// 通报: the bulletin of a period as a printable page; downloads as Word and Excel; the administrator's review step.
"use strict";
(() => {
  const { el, api, say, number, param } = M;
  const pick = (id) => document.getElementById(id);
  let current = null;
  let summary = null;

  const base = () => `/api/bulletins/${encodeURIComponent(pick("period").value)}`;
  const change = (line) => line.rankChange > 0 ? `↑${line.rankChange}` : line.rankChange < 0 ? `↓${-line.rankChange}` : line.previousRank ? "—" : "新进";

  function render(b) {
    const out = pick("bulletin");
    out.replaceChildren();
    if (b.state !== "reviewed") out.append(el("p", { className: "warn" }, "【草稿，未经审核】"));
    if (b.demo) out.append(el("p", { className: "warn" }, M.demoBadge(), "【演示数据】本通报含系统生成的模拟数值，不是真实统计数据，不得对外使用。"));
    out.append(el("p", { className: "number" }, b.number), el("h2", { className: "title" }, b.title),
      el("p", { className: "salutation" }, "各区县（自治县）经济信息委，两江新区、西部科学城重庆高新区、万盛经开区经济运行部门："),
      el("p", {}, `现将${b.periodName}全市制造业重点指标监测和“赛马”情况通报如下。本通报仅统计经审核锁定的数据。`),
      el("h3", {}, "一、总体情况"), ...b.summary.map((s) => el("p", {}, s)),
      el("h3", {}, "二、“赛马”排名"));
    let n = 0;
    for (const r of b.rankings) {
      for (const g of r.groups) {
        out.append(el("h4", {}, `（${"一二三四五六七八九十"[n++] ?? n}）${r.indexName}·${g.group}`));
        const head = el("tr", {}, ...["排名", "区县", "综合得分", "较上期", ...r.indicators.map((i) => i.name + i.measureName)].map((t) => el("th", { scope: "col" }, t)));
        out.append(el("table", {}, el("thead", {}, head), el("tbody", {}, ...g.units.map((u) => el("tr", {},
          el("td", {}, String(u.rank)), el("td", {}, u.unit), el("td", { className: "num" }, number(u.score)), el("td", {}, change(u)),
          ...u.scores.map((s) => el("td", { className: "num" }, `${number(s.value)}（${number(s.score, 1)}分）`)))))));
      }
    }
    // As in the Word document: a paragraph per indicator, the units most behind first, at most 20 named (the Excel file lists all).
    const paragraphs = (status) => {
      const byIndicator = new Map();
      for (const w of b.warnings.filter((x) => x.status === status)) {
        const key = `${w.indicatorName}（${w.year}年目标）`;
        if (!byIndicator.has(key)) byIndicator.set(key, []);
        byIndicator.get(key).push(w);
      }
      if (byIndicator.size === 0) return [el("p", {}, "无。")];
      return [...byIndicator].map(([key, list]) => {
        list.sort((x, y) => ((x.completion ?? 0) - (x.elapsed ?? 0)) - ((y.completion ?? 0) - (y.elapsed ?? 0)));
        const named = list.slice(0, 20).map((w) => `${w.scope}（完成 ${M.percent(w.completion)}，时序进度 ${M.percent(w.elapsed)}）`).join("、");
        return el("p", {}, `${key}：${named}${list.length > 20 ? `等 ${list.length} 个单位（完整名单见 Excel 附表）。` : "。"}`);
      });
    };
    out.append(el("h3", {}, "三、进度预警"),
      el("h4", {}, "（一）严重滞后"), ...paragraphs("far_behind"),
      el("h4", {}, "（二）滞后"), ...paragraphs("lagging"),
      el("h3", {}, "四、各区县情况"), ...b.units.map((u) => el("p", {}, u.text)),
      el("p", { className: "sign" }, b.issuer), el("p", { className: "sign" }, b.issuedOn));
  }

  async function load() {
    const demo = pick("demo").checked;
    pick("docx").href = `${base()}.docx?includeDemo=${demo}`;
    pick("xlsx").href = `${base()}.xlsx?includeDemo=${demo}`;
    try {
      current = await api(`${base()}?includeDemo=${demo}`);
      render(current);
      const list = await api("/api/bulletins");
      summary = list.find((x) => x.period === current.period) ?? null;
      pick("number").value = summary?.number ?? "";
      pick("title").value = summary?.title ?? "";
      pick("save").disabled = pick("review").disabled = current.state === "reviewed";
      pick("reopen").disabled = current.state !== "reviewed";
      say("", "ok");
    } catch (e) { say(e); }
  }

  async function post(path, body, method = "POST") {
    try {
      summary = await api(base() + path, { method, body: { version: summary?.version ?? 0, ...body } });
      say(summary.stateName === "已审核" ? "已审核定稿。" : "已保存。", "ok");
      await load();
    } catch (e) { say(e); }
  }

  async function main() {
    const session = await M.loadSession();
    if (!session.signedIn) { say("请先登录。"); return; }
    await M.fillPeriods(pick("period"), null, param("period"));
    // Exports leave demo values out unless asked; ?includeDemo=true asks.
    pick("demo").checked = param("includeDemo") === "true";
    pick("load").addEventListener("click", load);
    pick("period").addEventListener("change", load);
    pick("demo").addEventListener("change", load);
    pick("print").addEventListener("click", () => window.print());
    if (session.user.role === "admin") {
      pick("admin").hidden = false;
      pick("save").addEventListener("click", () => post("", { number: pick("number").value, title: pick("title").value }, "PUT"));
      pick("review").addEventListener("click", () => post("/review", {}));
      pick("reopen").addEventListener("click", () => post("/reopen", { reason: pick("reason").value }));
    }
    if (pick("period").value) await load();
  }
  document.addEventListener("DOMContentLoaded", () => main().catch((e) => say(e)).finally(M.ready));
})();
