// 审核与上报情况: the reporting rate of a period; the administrator opens a unit's report and approves, returns or unlocks it.
import { el, fill, t, api, say, data, when, number, demoBadge, statusBadge, param, session, signInLink, setUpPage, run } from "../common.js";
import { fillPeriods, periodName, checkText, historyItem } from "./monitoring.js";

setUpPage("mon.nav.review", { section: "monitoring" });

const periodSelect = document.getElementById("period");
const demo = document.getElementById("demo");
let current = null;

async function loadRate() {
  try {
    const rate = await api(`/api/periods/${encodeURIComponent(periodSelect.value)}/reporting?includeDemo=${demo.checked}`);
    fill(document.getElementById("summary"), 
      el("strong", {}, t("mon.review.rate", periodName(rate.period ?? periodSelect.value, rate.periodName), rate.expected, rate.submitted, rate.approved, (rate.rate * 100).toFixed(1))),
      el("div", { className: "muted" }, t("mon.review.due", rate.dueOn), rate.duePassed ? t("mon.review.duePassed") : "", " · ",
        t("mon.review.counts", rate.submittedLate, rate.late, rate.inProgress, rate.notStarted)));
    document.querySelector("#units tbody").replaceChildren(...rate.units.map((u) => {
      const row = el("tr", { className: "clickable", tabIndex: 0 },
        el("td", { dataset: { label: t("mon.unit") } }, data(u.unit), u.demo ? demoBadge() : null),
        el("td", { dataset: { label: t("mon.col.state") } }, statusBadge(u.state)),
        el("td", { dataset: { label: t("mon.col.late") } }, u.late ? t("mon.late") : ""),
        el("td", { dataset: { label: t("mon.col.submittedAt") } }, u.submittedAt ? when(u.submittedAt) : ""),
        el("td", { dataset: { label: t("mon.col.updated") } }, u.updatedBy ? [data(u.updatedBy), " ", when(u.updatedAt)] : ""));
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
    fill(document.getElementById("detail-title"), data(f.unit), ` · ${periodName(f.period, f.periodName)} `, statusBadge(f.state), f.demo ? demoBadge() : null,
      el("span", { className: "muted" }, " ", t("mon.entry.version", f.version)));
    document.querySelector("#values tbody").replaceChildren(...f.lines.map((l) => el("tr", {},
      el("td", { dataset: { label: t("mon.col.indicator") } }, data(l.name), l.demo ? demoBadge() : null),
      el("td", { className: "num", dataset: { label: t("mon.col.valueShort") } }, number(l.value, 4)),
      el("td", { dataset: { label: t("mon.col.unit") } }, data(l.unit ?? "")),
      el("td", { className: "num", dataset: { label: t("mon.col.previous") } }, number(l.previous, 4)),
      el("td", { dataset: { label: t("mon.col.checks") } }, ...l.checks.map((c) => el("div", { className: "check " + c.severity }, checkText(c, l)))))));
    document.getElementById("history").replaceChildren(...f.history.map(historyItem));
    document.getElementById("approve").disabled = document.getElementById("return").disabled = f.state !== "submitted";
    document.getElementById("unlock").disabled = f.state !== "approved";
  } catch (e) { say(e); }
}

async function act(action, extra) {
  try {
    current = await api(`/api/submissions/${encodeURIComponent(current.unit)}/${encodeURIComponent(current.period)}/${action}`,
      { method: "POST", body: { version: current.version, ...extra } });
    say(t(`mon.review.done.${action}`), "ok");
    await openUnit();
    await loadRate();
  } catch (e) { say(e); }
}

run(async () => {
  const s = await session();
  if (!s.signedIn) { document.getElementById("status").append(el("p", { className: "notice" }, t("mon.signInFirst"), " ", signInLink())); return; }
  await fillPeriods(periodSelect, null, param("period"));
  periodSelect.addEventListener("change", loadRate);
  demo.addEventListener("change", loadRate);
  document.getElementById("approve").addEventListener("click", () => act("approve", {}));
  document.getElementById("return").addEventListener("click", () => act("return", { comment: document.getElementById("comment").value }));
  document.getElementById("unlock").addEventListener("click", () => act("unlock", { reason: document.getElementById("reason").value }));
  if (s.user.role !== "admin") {
    for (const id of ["approve", "return", "unlock"]) document.getElementById(id).hidden = true;
  }
  if (periodSelect.value) await loadRate();
});
