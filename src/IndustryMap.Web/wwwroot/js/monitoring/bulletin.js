// 通报: the bulletin of a period as a printable page; downloads as Word and Excel; the administrator's review step.
// The bulletin itself is a Chinese official document (公文): it is shown as it prints, in both interface languages.
// A period with no approved values says so, and cannot be finalised (the API refuses too).
import { el, fill, t, api, say, number, percent, statusBadge, param, session, signInLink, setUpPage, demoBadge, run } from "../common.js";
import { fillPeriods, rankChange } from "./monitoring.js";
import { hasApprovedValues } from "./bulletin-rules.js";

setUpPage("mon.nav.bulletin", { section: "monitoring" });
const pick = (id) => document.getElementById(id);
let current = null;
let summary = null;
let admin = false;

const base = () => `/api/bulletins/${encodeURIComponent(pick("period").value)}`;

function render(b) {
  const out = pick("bulletin");
  out.replaceChildren();
  if (b.state !== "reviewed") out.append(el("p", { className: "warn" }, "【草稿，未经审核】"));
  if (b.demo) out.append(el("p", { className: "warn" }, demoBadge(), "【演示数据】本通报含系统生成的模拟数值，不是真实统计数据，不得对外使用。"));
  out.append(el("p", { className: "number" }, b.number), el("h2", { className: "title" }, b.title),
    el("p", { className: "salutation" }, "各区县（自治县）经济信息委，两江新区、西部科学城重庆高新区、万盛经开区经济运行部门："),
    el("p", {}, `现将${b.periodName}全市制造业重点指标监测和“赛马”情况通报如下。本通报仅统计经审核锁定的数据。`),
    el("h3", {}, "一、总体情况"), ...b.summary.map((s) => el("p", {}, s)),
    el("h3", {}, "二、“赛马”排名"));
  if (!hasApprovedValues(b)) {
    out.append(el("p", { className: "empty" }, "本期没有经审核锁定的数值，不作排名。"));
  } else {
    let n = 0;
    for (const r of b.rankings) {
      for (const g of r.groups) {
        out.append(el("h4", {}, `（${"一二三四五六七八九十"[n++] ?? n}）${r.indexName}·${g.group}`));
        const head = el("tr", {}, ...["排名", "区县", "综合得分", "较上期", ...r.indicators.map((i) => i.name + i.measureName)].map((x) => el("th", { scope: "col" }, x)));
        out.append(el("div", { className: "table-wrap" }, el("table", {}, el("thead", {}, head), el("tbody", {}, ...g.units.map((u) => el("tr", {},
          el("td", {}, String(u.rank)), el("td", {}, u.unit), el("td", { className: "num" }, number(u.score)), el("td", {}, rankChange(u)),
          ...u.scores.map((s) => el("td", { className: "num" }, `${number(s.value)}（${number(s.score, 1)}分）`))))))));
      }
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
      const named = list.slice(0, 20).map((w) => `${w.scope}（完成 ${percent(w.completion)}，时序进度 ${percent(w.elapsed)}）`).join("、");
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
    const empty = !hasApprovedValues(current);
    fill(pick("state-line"), t("mon.bulletin.state"), " ", statusBadge(current.state === "reviewed" ? "reviewed" : "bulletin_draft"),
      empty ? el("span", { className: "empty", dataset: { empty: "no-values" } }, " ", t("mon.bulletin.noValues")) : null);
    pick("save").disabled = current.state === "reviewed";
    pick("review").disabled = current.state === "reviewed" || empty;
    pick("review").title = empty ? t("mon.bulletin.noValues") : "";
    pick("reopen").disabled = current.state !== "reviewed";
    say("");
  } catch (e) { say(e); }
}

async function post(path, body, method = "POST") {
  try {
    summary = await api(base() + path, { method, body: { version: summary?.version ?? 0, ...body } });
    say(summary.state === "reviewed" ? t("mon.bulletin.reviewed") : t("mon.saved"), "ok");
    await load();
  } catch (e) { say(e); }
}

run(async () => {
  const s = await session();
  if (!s.signedIn) { pick("status").append(el("p", { className: "notice" }, t("mon.signInFirst"), " ", signInLink())); return; }
  await fillPeriods(pick("period"), null, param("period"));
  // Exports leave demo values out unless asked; ?includeDemo=true asks.
  pick("demo").checked = param("includeDemo") === "true";
  pick("load").addEventListener("click", load);
  pick("period").addEventListener("change", load);
  pick("demo").addEventListener("change", load);
  pick("print").addEventListener("click", () => window.print());
  admin = s.user.role === "admin";
  if (admin) {
    pick("admin").hidden = false;
    pick("save").addEventListener("click", () => post("", { number: pick("number").value, title: pick("title").value }, "PUT"));
    pick("review").addEventListener("click", () => post("/review", {}));
    pick("reopen").addEventListener("click", () => post("/reopen", { reason: pick("reason").value }));
  }
  if (pick("period").value) await load();
});
