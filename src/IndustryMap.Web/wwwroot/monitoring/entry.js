// 数据填报: a unit officer fills in (or uploads) their unit's report for a period, saves a draft, submits it.
"use strict";
(() => {
  const { el, api, say, number, demoBadge, statusBadge, param } = M;
  const unitSelect = document.getElementById("unit");
  const periodSelect = document.getElementById("period");
  let form = null;

  const url = () => `/api/submissions/${encodeURIComponent(unitSelect.value)}/${encodeURIComponent(periodSelect.value)}`;
  const editable = () => form && (form.state === "draft" || form.state === "returned" || form.state === "not_started");

  function render() {
    const head = document.getElementById("head");
    head.replaceChildren(
      el("strong", {}, `${form.unit} · ${form.periodName}`), " ", statusBadge(form.state, form.stateName),
      form.demo ? demoBadge() : null,
      el("div", { className: "muted" }, `截止日期 ${form.dueOn}${form.late ? "（已逾期）" : ""} · 第 ${form.version} 版` +
        (form.updatedBy ? ` · 最后修改 ${form.updatedBy} ${form.updatedAt}` : "")),
      form.comment ? el("div", { className: "check error" }, `审核意见：${form.comment}`) : null,
      form.state === "approved" ? el("div", { className: "muted" }, "已审核锁定：如需修改，请联系市经济信息委填写理由解锁。") : null,
    );
    const body = document.querySelector("#form tbody");
    body.replaceChildren(...form.lines.map((line) => {
      const value = el("input", { type: "text", inputMode: "decimal", value: line.value ?? "", disabled: !editable(), dataset: { indicator: line.indicator } });
      value.setAttribute("aria-label", line.name);
      const note = el("input", { type: "text", maxLength: 200, value: line.note ?? "", disabled: !editable(), dataset: { note: line.indicator } });
      note.setAttribute("aria-label", line.name + " 备注");
      const range = line.min !== undefined || line.max !== undefined ? `允许范围 ${line.min ?? ""} ~ ${line.max ?? ""}` : "";
      return el("tr", {},
        el("td", {}, line.name, line.required ? " *" : "", line.demo ? demoBadge() : null, el("div", { className: "muted" }, `${line.indicator} ${range}`)),
        el("td", {}, line.unit ?? ""),
        el("td", {}, value),
        el("td", {}, note),
        el("td", { className: "num" }, line.previous === undefined ? "—" : `${number(line.previous, 4)}（${line.previousPeriod}）`),
        el("td", {}, ...line.checks.map((c) => el("div", { className: "check " + c.severity }, c.message))));
    }));
    document.getElementById("history").replaceChildren(...form.history.map((e) =>
      el("li", {}, `${e.at} ${e.actor}：${e.action}（${e.fromState ?? "—"} → ${e.toState}）${e.comment ? "，" + e.comment : ""}`)));
    for (const id of ["save", "upload"]) document.getElementById(id).disabled = !editable();
    document.getElementById("submit").disabled = !(form.state === "draft" || form.state === "returned");
    document.getElementById("xlsx").href = url() + "/template.xlsx";
    document.getElementById("csv").href = url() + "/template.csv";
  }

  async function load() {
    try {
      form = await api(url());
      say("", "ok");
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
      say(form.errors ? `已保存草稿；有 ${form.errors} 项需要修正后才能提交。` : "已保存草稿。", "ok");
    } catch (e) { say(e); }
  }

  async function submit() {
    try {
      form = await api(url() + "/submit", { method: "POST", body: { version: form.version } });
      render();
      say("已提交，等待市经济信息委审核。", "ok");
    } catch (e) { say(e); }
  }

  async function upload() {
    const file = document.getElementById("file").files[0];
    if (!file) { say("请先选择填好的模板文件。"); return; }
    try {
      form = await api(`${url()}/upload?version=${form.version}`, { method: "POST", body: file });
      render();
      say("已读取上传的文件并保存为草稿，请核对后提交。", "ok");
    } catch (e) { say(e); }
  }

  async function main() {
    const session = await M.loadSession();
    if (!session.signedIn) { say("请先登录。"); return; }
    const units = await api("/api/units");
    const mine = session.user.unit;
    const choices = mine ? units.filter((u) => u.name === mine) : units;
    unitSelect.replaceChildren(...choices.map((u) => el("option", { value: u.name, selected: u.name === (param("unit") ?? mine) }, u.name)));
    await M.fillPeriods(periodSelect, null, param("period"));
    document.getElementById("load").addEventListener("click", load);
    document.getElementById("save").addEventListener("click", save);
    document.getElementById("submit").addEventListener("click", submit);
    document.getElementById("upload").addEventListener("click", upload);
    if (periodSelect.value) await load();
  }
  document.addEventListener("DOMContentLoaded", () => main().catch((e) => say(e)).finally(M.ready));
})();
