// Shared by the monitoring pages (issue 7): the session, JSON calls with the anti-forgery header, small DOM helpers.
// Everything on screen is built with textContent / DOM nodes, never innerHTML, so stored text is always inert.
"use strict";

const M = (() => {
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "className" || key in node) node[key] = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };

  let session = null;

  async function loadSession() {
    if (session) return session;
    const response = await fetch("/api/session");
    session = response.ok ? await response.json() : { signedIn: false };
    const bar = document.getElementById("session");
    if (bar) {
      bar.replaceChildren();
      if (session.signedIn) {
        const u = session.user;
        bar.append(`已登录：${u.displayName ?? u.name}（${u.roleName}${u.unit ? "，" + u.unit : ""}） `, el("a", { href: "/signin" }, "账户"));
      } else {
        bar.append("未登录。监测数据仅对登录用户开放。 ", el("a", { href: "/signin?returnUrl=" + encodeURIComponent(location.pathname + location.search) }, "登录"));
      }
    }
    return session;
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem?.detail ?? `HTTP ${status}`);
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(url, options = {}) {
    const s = await loadSession();
    const headers = { Accept: "application/json", ...(options.headers ?? {}) };
    const method = options.method ?? "GET";
    if (method !== "GET" && s.antiforgery) headers[s.antiforgery.headerName] = s.antiforgery.token;
    let body = options.body;
    if (body !== undefined && !(body instanceof Blob) && !(body instanceof FormData) && typeof body !== "string") {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(body);
    }
    const response = await fetch(url, { method, headers, body });
    const type = response.headers.get("Content-Type") ?? "";
    const data = type.includes("json") ? await response.json() : null;
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  /** Shows a problem (or success) message in the page's message area. */
  function say(message, kind = "error") {
    const box = document.getElementById("message");
    if (!box) return;
    box.className = "message " + kind;
    box.replaceChildren();
    if (message instanceof ApiError) {
      box.append(message.status === 401 ? "请先登录。" : message.message);
      const errors = message.problem?.errors;
      if (Array.isArray(errors) && errors.length) {
        box.append(el("ul", {}, ...errors.map((e) => el("li", {}, (e.row ? `第 ${e.row} 行 ` : "") + (e.message ?? `${e.name ?? e.indicator}：${e.code}`)))));
      }
    } else {
      box.append(String(message));
    }
  }

  const number = (value, digits = 2) =>
    value === null || value === undefined ? "—" : Number(value).toLocaleString("zh-CN", { maximumFractionDigits: digits });
  const percent = (ratio) => (ratio === null || ratio === undefined ? "—" : (Number(ratio) * 100).toFixed(1) + "%");
  const demoBadge = () => el("span", { className: "demo", title: "系统生成的模拟数据，不是真实统计数据" }, "演示数据");
  const statusBadge = (status, name) => el("span", { className: "status " + status }, name);
  const param = (name) => new URLSearchParams(location.search).get(name);

  async function fillPeriods(select, frequency, chosen) {
    const periods = await api("/api/periods" + (frequency ? "?frequency=" + frequency : ""));
    select.replaceChildren(...periods.map((p) => el("option", { value: p.code, selected: p.code === chosen }, `${p.name}（${p.code}）`)));
    return periods;
  }

  /** Marks the page as loaded (body[data-ready]) for people's scripts and the browser tests. */
  const ready = () => { document.body.dataset.ready = "true"; };

  return { el, api, ApiError, loadSession, say, number, percent, demoBadge, statusBadge, param, fillPeriods, ready };
})();

document.addEventListener("DOMContentLoaded", () => {
  const loading = M.loadSession();
  // A page without a script of its own (the monitoring index) is ready once the session is shown.
  if (document.scripts.length === 1) loading.finally(M.ready);
});
