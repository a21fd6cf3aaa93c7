// 项目落地推荐: an officer types a description and sees every planning unit ranked, with the rule and clause behind
// each reason. Everything is built with textContent (never innerHTML), so a hostile description or stored name is
// rendered inert. Writes made with the sign-in cookie carry the anti-forgery token from GET /api/session.
"use strict";

const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
};

let csrf = null;

async function session() {
  const response = await fetch("/api/session", { credentials: "same-origin" });
  if (!response.ok) return null;
  const s = await response.json();
  if (s.antiforgery) csrf = s.antiforgery;
  return s;
}

async function postJson(url, body) {
  const headers = { "Content-Type": "application/json" };
  if (csrf) headers[csrf.headerName] = csrf.token;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" });
  const data = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, data };
}

function sourceLink(source, label) {
  if (!source) return null;
  if (source.document && source.lines) {
    return el("a", { className: "cite", href: `/document.html?doc=${encodeURIComponent(source.document)}&lines=${encodeURIComponent(source.lines)}`,
      title: `原文：文件 ${source.document} 第 ${source.lines} 行` }, label ?? `〔文件 ${source.document} 第 ${source.lines} 行〕`);
  }
  if (source.url && /^https?:\/\//.test(source.url)) {
    return el("a", { className: "cite", href: source.url, rel: "noopener noreferrer", target: "_blank" }, label ?? "〔来源〕");
  }
  return null;
}

function reasonItem(reason) {
  const li = el("li");
  li.append(el("span", { className: "rule" }, `[${reason.ruleName}]`), reason.text);
  const clause = sourceLink(reason.source);
  if (clause) li.append(clause);
  if (reason.evidence && (reason.evidence.document !== reason.source?.document || reason.evidence.lines !== reason.source?.lines)) {
    const fact = sourceLink(reason.evidence, reason.evidence.document ? `〔布局原文 ${reason.evidence.document} 第 ${reason.evidence.lines} 行〕` : "〔来源〕");
    if (fact) li.append(fact);
  }
  return li;
}

function problemText(data) {
  if (data && Array.isArray(data.errors) && data.errors.length) return data.errors.map((e) => e.message).join("；");
  return (data && (data.detail || data.title)) || "请求失败";
}

let lastResult = null;

function render(result) {
  lastResult = result;
  document.getElementById("result").hidden = false;
  document.getElementById("summary").textContent = result.summary;

  const industries = document.getElementById("industries");
  industries.replaceChildren();
  if (result.matchesNothing) industries.append(el("li", {}, "未识别出产业：描述未匹配到任何产业名称、别名、重点产品或关键词。"));
  for (const industry of result.industries) {
    const li = el("li", {}, el("strong", {}, industry.name), `（${industry.cluster}）${industry.score.toFixed(2)} `);
    for (const word of industry.matched) li.append(el("span", { className: "word" }, word));
    industries.append(li);
  }

  for (const [id, items] of [["warnings", result.warnings], ["notes", result.notes]]) {
    const box = document.getElementById(id);
    box.replaceChildren();
    for (const reason of items) {
      const p = el("p", {}, el("span", { className: "rule" }, `[${reason.ruleName}]`), reason.text);
      const link = sourceLink(reason.source);
      if (link) p.append(link);
      if (reason.evidence && reason.evidence.url) p.append(sourceLink(reason.evidence, "〔目录来源〕"));
      box.append(p);
    }
  }

  const max = Math.max(...result.candidates.map((c) => c.score), 0.0001);
  const showAll = document.getElementById("show-all").checked;
  const body = document.querySelector("#ranking tbody");
  body.replaceChildren();
  for (const c of result.candidates) {
    if (!showAll && c.score === 0 && c.priority === 0) continue;
    const tr = el("tr", { className: c.score === 0 ? "zero" : "" });
    tr.append(el("td", {}, String(c.rank)));
    const unit = el("th", { scope: "row" }, c.unit);
    if (c.priority === 2) unit.append(el("span", { className: "badge" }, "首谈"));
    if (c.priority === 1) unit.append(el("span", { className: "badge" }, "渝西优先"));
    tr.append(unit);
    const bar = el("span", { className: "bar", title: `相对得分 ${Math.round((c.score / max) * 100)}%` }, el("span"));
    bar.firstChild.style.width = `${Math.round((c.score / max) * 100)}%`;
    tr.append(el("td", {}, bar, el("span", { className: "score" }, c.score.toFixed(3))));
    const reasons = el("ul", { className: "reasons" });
    for (const r of c.reasons) reasons.append(reasonItem(r));
    tr.append(el("td", {}, reasons));
    const parks = el("td");
    for (const park of c.parks) {
      const p = el("div", { title: park.text }, park.name, `：${landText(park.land)}`);
      const link = sourceLink(park.source, "〔原文〕");
      if (link) p.append(link);
      parks.append(p);
    }
    tr.append(parks);
    body.append(tr);
  }

  const select = document.getElementById("pipeline-unit");
  select.replaceChildren(...result.candidates.map((c) => el("option", { value: c.unit }, `${c.rank}. ${c.unit}（${c.score.toFixed(2)}）`)));

  // Map hook (see placement.html): unit → score, for the ECharts map.
  const scores = Object.fromEntries(result.candidates.map((c) => [c.unit, c.score]));
  document.getElementById("placement-map").dataset.scores = JSON.stringify(scores);
  document.dispatchEvent(new CustomEvent("industrymap:placement", { detail: { scores, ranking: result.candidates.map((c) => c.unit) } }));
}

function landText(land) {
  return { sufficient: "规划用地满足", insufficient: "规划用地不足", unknown: "用地情况未知", not_requested: "项目未说明用地" }[land] ?? land;
}

function request() {
  const number = (id) => {
    const v = document.getElementById(id).value.trim();
    return v === "" ? null : Number(v);
  };
  const text = (id) => document.getElementById(id).value.trim() || null;
  return {
    description: document.getElementById("description").value,
    amountYi: number("amountYi"),
    landMu: number("landMu"),
    origin: text("origin"),
    foreignInvested: document.getElementById("foreignInvested").checked,
    investor: text("investor"),
    firstContactUnit: text("firstContactUnit"),
  };
}

async function main() {
  const info = document.getElementById("session");
  const s = await session();
  if (!s || !s.signedIn) {
    info.replaceChildren("本功能供招商用户和管理员使用：请先", el("a", { href: "/signin?returnUrl=%2Fplacement.html" }, "登录"), "。");
  } else {
    info.textContent = `当前用户：${s.user.displayName ?? s.user.name}（${s.user.roleName ?? s.user.role}${s.user.unit ? " · " + s.user.unit : ""}）`;
  }
  const units = await fetch("/api/units").then((r) => (r.ok ? r.json() : []));
  const firstContact = document.getElementById("firstContactUnit");
  for (const unit of units) firstContact.append(el("option", { value: unit.name }, unit.name));

  const error = document.getElementById("form-error");
  document.getElementById("place-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const button = document.getElementById("submit");
    button.disabled = true;
    try {
      const { ok, status, data } = await postJson("/api/placements", request());
      if (ok) render(data);
      else if (status === 401) error.replaceChildren("请先登录：", el("a", { href: "/signin?returnUrl=%2Fplacement.html" }, "登录"));
      else error.textContent = problemText(data);
    } catch (e) {
      error.textContent = `请求失败：${e.message}`;
    } finally {
      button.disabled = false;
    }
  });
  document.getElementById("show-all").addEventListener("change", () => { if (lastResult) render(lastResult); });

  const message = document.getElementById("pipeline-message");
  document.getElementById("pipeline-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const r = request();
    const { ok, data } = await postJson("/api/pipeline", {
      name: document.getElementById("pipeline-name").value, description: r.description, unit: document.getElementById("pipeline-unit").value,
      amountYi: r.amountYi, landMu: r.landMu, origin: r.origin, foreignInvested: r.foreignInvested, investor: r.investor,
      stage: document.getElementById("pipeline-stage").value,
    });
    message.textContent = ok ? `已加入项目库：第 ${data.id} 号“${data.name}”，${data.unit}，${data.stageChinese}（${data.stageOn}）` : problemText(data);
  });
}

main();
