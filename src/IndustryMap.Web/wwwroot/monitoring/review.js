// 审核与上报情况: the reporting rate of a period; the administrator opens a unit's report and approves, returns or unlocks it.
"use strict";
(() => {
  const { el, api, say, number, demoBadge, statusBadge, param } = M;
  const periodSelect = document.getElementById("period");
  const demo = document.getElementById("demo");
  let current = null;

  async function loadRate() {
    try {
      const rate = await api(`/api/periods/${encodeURIComponent(periodSelect.value)}/reporting?includeDemo=${demo.checked}`);
      document.getElementById("summary").replaceChildren(
        el("strong", {}, `${rate.periodName}：应报 ${rate.expected} 个，已报送 ${rate.submitted} 个（已审核 ${rate.approved} 个），报送率 ${(rate.rate * 100).toFixed(1)}%`),
        el("div", { className: "muted" }, `截止 ${rate.dueOn}${rate.duePassed ? "（已过）" : ""} · 逾期报送 ${rate.submittedLate} · 逾期未报 ${rate.late} · 填报中 ${rate.inProgress} · 未开始 ${rate.notStarted}`));
      document.querySelector("#units tbody").replaceChildren(...rate.units.map((u) => {
        const row = el("tr", { className: "clickable", tabIndex: 0 },
          el("td", {}, u.unit, u.demo ? demoBadge() : null), el("td", {}, statusBadge(u.state, u.stateName)),
          el("td", {}, u.late ? "逾期" : ""), el("td", {}, u.submittedAt ?? ""), el("td", {}, u.updatedBy ? `${u.updatedBy} ${u.updatedAt}` : ""));
        const open = () => openUnit(u.unit, row);
        row.addEventListener("click", open);
        row.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
        return row;
      }));
    } catch (e) { say(e); }
  }

  async function openUnit(unit, row) {
    document.querySelectorAll("#units tr.selected").forEach((r) => r.classList.remove("selected"));
    row?.classList.add("selected");
    try {
      if (unit !== undefined) current = await api(`/api/submissions/${encodeURIComponent(unit)}/${encodeURIComponent(periodSelect.value)}`);
      const f = current;
      document.getElementById("detail").hidden = false;
      document.getElementById("detail-title").replaceChildren(`${f.unit} · ${f.periodName} `, statusBadge(f.state, f.stateName), f.demo ? demoBadge() : null,
        el("span", { className: "muted" }, ` 第 ${f.version} 版`));
      document.querySelector("#values tbody").replaceChildren(...f.lines.map((l) => el("tr", {},
        el("td", {}, l.name, l.demo ? demoBadge() : null), el("td", { className: "num" }, number(l.value, 4)), el("td", {}, l.unit ?? ""),
        el("td", { className: "num" }, number(l.previous, 4)),
        el("td", {}, ...l.checks.map((c) => el("div", { className: "check " + c.severity }, c.message))))));
      document.getElementById("history").replaceChildren(...f.history.map((e) =>
        el("li", {}, `${e.at} ${e.actor}：${e.action}（${e.fromState ?? "—"} → ${e.toState}）${e.comment ? "，" + e.comment : ""}`)));
      document.getElementById("approve").disabled = document.getElementById("return").disabled = f.state !== "submitted";
      document.getElementById("unlock").disabled = f.state !== "approved";
    } catch (e) { say(e); }
  }

  async function act(action, extra) {
    try {
      current = await api(`/api/submissions/${encodeURIComponent(current.unit)}/${encodeURIComponent(current.period)}/${action}`,
        { method: "POST", body: { version: current.version, ...extra } });
      say({ approve: "已审核通过并锁定。", return: "已退回。", unlock: "已解锁，单位可重新修改。" }[action], "ok");
      await openUnit();
      await loadRate();
    } catch (e) { say(e); }
  }

  async function main() {
    const session = await M.loadSession();
    if (!session.signedIn) { say("请先登录。"); return; }
    await M.fillPeriods(periodSelect, null, param("period"));
    periodSelect.addEventListener("change", loadRate);
    demo.addEventListener("change", loadRate);
    document.getElementById("approve").addEventListener("click", () => act("approve", {}));
    document.getElementById("return").addEventListener("click", () => act("return", { comment: document.getElementById("comment").value }));
    document.getElementById("unlock").addEventListener("click", () => act("unlock", { reason: document.getElementById("reason").value }));
    if (session.user.role !== "admin") {
      for (const id of ["approve", "return", "unlock"]) document.getElementById(id).hidden = true;
    }
    if (periodSelect.value) await loadRate();
  }
  document.addEventListener("DOMContentLoaded", () => main().catch((e) => say(e)).finally(M.ready));
})();
