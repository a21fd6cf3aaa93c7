// 数据填报: a unit officer fills in (or uploads) their unit's report for a period, saves a draft, submits it.
import { el, fill, t, api, say, data, when, number, demoBadge, statusBadge, param, session, signInLink, setUpPage, run } from "../common.js";
import { fillPeriods, periodName, checkText, historyItem, rangeText } from "./monitoring.js";

setUpPage("mon.nav.entry", { section: "monitoring" });

const unitSelect = document.getElementById("unit");
const periodSelect = document.getElementById("period");
let form = null;

const url = () => `/api/submissions/${encodeURIComponent(unitSelect.value)}/${encodeURIComponent(periodSelect.value)}`;
const editable = () => form && (form.state === "draft" || form.state === "returned" || form.state === "not_started");

function render() {
  fill(document.getElementById("head"), 
    el("strong", {}, data(form.unit), " · ", periodName(form.period, form.periodName)), " ", statusBadge(form.state),
    form.demo ? demoBadge() : null,
    el("div", { className: "muted" }, t("mon.entry.due", form.dueOn), form.late ? t("mon.entry.late") : "", " · ", t("mon.entry.version", form.version),
      form.updatedBy ? [" · ", t("mon.entry.updated"), " ", data(form.updatedBy), " ", when(form.updatedAt)] : null),
    form.comment ? el("div", { className: "check error" }, t("mon.entry.comment"), data(form.comment)) : null,
    form.state === "approved" ? el("div", { className: "muted" }, t("mon.entry.locked")) : null,
  );
  document.querySelector("#form tbody").replaceChildren(...form.lines.map((line, n) => {
    // Labelled by the indicator's name (data) and the column heading, so the label is in the interface language.
    const value = el("input", { type: "text", inputMode: "decimal", value: line.value ?? "", disabled: !editable(), dataset: { indicator: line.indicator }, "aria-labelledby": `line-${n} col-value` });
    const note = el("input", { type: "text", maxLength: 200, value: line.note ?? "", disabled: !editable(), dataset: { note: line.indicator }, "aria-labelledby": `line-${n} col-note` });
    const range = rangeText(line.min, line.max);
    return el("tr", {},
      el("td", { dataset: { label: t("mon.col.indicator") } }, data(line.name, "span", { id: `line-${n}` }), line.required ? el("span", { title: t("mon.required"), textContent: " *" }) : null,
        line.demo ? demoBadge() : null, range ? el("div", { className: "muted" }, range) : null),
      el("td", { dataset: { label: t("mon.col.unit") } }, data(line.unit ?? "")),
      el("td", { dataset: { label: t("mon.col.value") } }, value),
      el("td", { dataset: { label: t("mon.col.note") } }, note),
      el("td", { className: "num", dataset: { label: t("mon.col.previous") } },
        line.previous === undefined || line.previous === null ? "—" : [number(line.previous, 4), " (", periodName(line.previousPeriod, line.previousPeriodName ?? line.previousPeriod), ")"]),
      el("td", { dataset: { label: t("mon.col.checks") } }, ...line.checks.map((c) => el("div", { className: "check " + c.severity }, checkText(c, line)))));
  }));
  document.getElementById("history").replaceChildren(...form.history.map(historyItem));
  for (const id of ["save", "upload"]) document.getElementById(id).disabled = !editable();
  document.getElementById("submit").disabled = !(form.state === "draft" || form.state === "returned");
  document.getElementById("xlsx").href = url() + "/template.xlsx";
  document.getElementById("csv").href = url() + "/template.csv";
}

async function load() {
  try {
    form = await api(url());
    say("");
    render();
  } catch (e) { say(e); }
}

async function save() {
  const values = [...document.querySelectorAll("input[data-indicator]")].map((input) => ({
    indicator: input.dataset.indicator, value: input.value.trim() === "" ? null : input.value.trim(),
    note: document.querySelector(`input[data-note="${CSS.escape(input.dataset.indicator)}"]`).value,
  }));
  try {
    form = await api(url(), { method: "PUT", body: { version: form.version, values } });
    render();
    say(form.errors ? t("mon.entry.savedWithErrors", form.errors) : t("mon.entry.saved"), "ok");
  } catch (e) { say(e); }
}

async function submit() {
  try {
    form = await api(url() + "/submit", { method: "POST", body: { version: form.version } });
    render();
    say(t("mon.entry.submitted"), "ok");
  } catch (e) { say(e); }
}

async function upload() {
  const file = document.getElementById("file").files[0];
  if (!file) { say(t("mon.entry.chooseFile")); return; }
  try {
    form = await api(`${url()}/upload?version=${form.version}`, { method: "POST", body: file });
    render();
    say(t("mon.entry.uploaded"), "ok");
  } catch (e) { say(e); }
}

run(async () => {
  const s = await session();
  if (!s.signedIn) { document.getElementById("status").append(el("p", { className: "notice" }, t("mon.signInFirst"), " ", signInLink())); return; }
  const units = await api("/api/units");
  const mine = s.user.unit;
  const choices = mine ? units.filter((u) => u.name === mine) : units;
  unitSelect.replaceChildren(...choices.map((u) => el("option", { value: u.name, selected: u.name === (param("unit") ?? mine), textContent: u.name, className: "data" })));
  await fillPeriods(periodSelect, null, param("period"));
  document.getElementById("load").addEventListener("click", load);
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("submit").addEventListener("click", submit);
  document.getElementById("upload").addEventListener("click", upload);
  if (periodSelect.value) await load();
});
