// Document intake (issue 16): upload a plan, then review what the extractor proposes beside the document's text.
// Without ?id: the upload form and the uploaded documents. With ?id=N: every target proposal (indicator, scope, year,
// value as printed and normalised, lines, confidence, conflicts with stored data) with 采纳/修改/驳回, the same for a
// whole kind, and the designations; the text on the right, the cited lines highlighted when a proposal is chosen.
// Parks and projects read from tables can be edited before acceptance too; accepted designations enter the draft layout
// edition chosen in #layout-edition (the newest draft unless the reviewer picks another).
import { el, t, api, getJson, setUpPage, param, data, say, when, run, session, documentHref } from "./common.js";

setUpPage("intake.heading");

const comparators = ["eq", "ge", "gt", "le", "lt", "approx", "range", "strive"];

async function main() {
  const s = await session();
  if (!s.signedIn) {
    say(t("intake.signIn"));
    return;
  }
  const id = param("id");
  if (!id) {
    await showUpload();
    return;
  }
  await showReview(id);
}

async function showUpload() {
  document.getElementById("upload").hidden = false;
  const list = document.getElementById("intakes");
  const intakes = await getJson("/api/intake");
  list.replaceChildren(...(intakes.length === 0 ? [el("li", { className: "muted", textContent: t("intake.none") })] : intakes.map((d) => el("li", {},
    el("a", { href: `/intake.html?id=${d.id}` }, data(d.title)), " ",
    el("span", { className: "muted" }, data(d.scope ?? ""), d.scope ? " · " : "", t("intake.uploadedBy"), " ", data(d.uploadedBy), " · ", when(d.uploadedAt))))));
  document.getElementById("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const button = document.getElementById("upload-submit");
    button.disabled = true;
    try {
      const result = await api("/api/intake", { method: "POST", body: form });
      location.href = `/intake.html?id=${result.document.id}`;
    } catch (error) {
      say(error);
    } finally {
      button.disabled = false;
    }
  });
}

function valueText(p) {
  const value = p.comparator === "range" && p.valueHigh !== null && p.valueHigh !== undefined ? `${p.value}—${p.valueHigh}` : `${p.value}`;
  return `${value}${p.unit ?? ""}`;
}

async function showReview(id) {
  const detail = await getJson(`/api/intake/${encodeURIComponent(id)}`);
  const doc = detail.document;
  document.getElementById("review").hidden = false;
  document.getElementById("title").replaceChildren(data(doc.title));
  document.getElementById("meta").replaceChildren(
    data(doc.scope ?? ""), doc.scope ? " · " : "", t("intake.fileKind", doc.fileKind), " · ", t("intake.lineCount", doc.lineCount), " · ",
    t("intake.uploadedBy"), " ", data(doc.uploadedBy), " · ", when(doc.uploadedAt), " · ",
    el("a", { href: documentHref(doc.documentId), textContent: t("intake.openDocument") }), " · ",
    el("a", { href: `/api/intake/${doc.id}/file`, textContent: t("intake.download") }));
  const text = await getJson(`/api/documents/${encodeURIComponent(doc.documentId)}/lines/1-${doc.lineCount}`);
  document.getElementById("lines").replaceChildren(...text.lines.map((line) => el("li", { value: line.number, id: `L${line.number}`, textContent: line.text })));
  await showEditions();
  render(detail);
  for (const [kind, action, button] of [["target", "accept", "accept-all-targets"], ["target", "reject", "reject-all-targets"],
    ["designation", "accept", "accept-all-designations"], ["designation", "reject", "reject-all-designations"]]) {
    document.getElementById(button).addEventListener("click", () => decide(id, [kind === "designation" ? designationEdition({ kind, action }) : { kind, action }]));
  }
  for (const action of ["accept", "reject"]) {
    document.getElementById(`${action}-all-projects`).addEventListener("click", () => decide(id, [{ kind: "park", action }, { kind: "project", action }]));
  }
}

/** The draft layout editions an accepted designation may enter, newest first (the default). */
async function showEditions() {
  const editions = await getJson("/api/layouts");
  const drafts = editions.filter((e) => e.status === "draft").sort((a, b) => b.year - a.year);
  const select = document.getElementById("layout-edition");
  select.replaceChildren(...drafts.map((e, i) => el("option", { value: e.year, textContent: t("intake.editionOption", e.year), selected: i === 0 })));
  select.disabled = drafts.length === 0;
  document.getElementById("no-draft").hidden = drafts.length > 0;
}

/** A designation's acceptance names the edition chosen on the page (none when there is no draft: the proposal records it). */
function designationEdition(decision) {
  const select = document.getElementById("layout-edition");
  return decision.action === "accept" && !select.disabled && select.value ? { ...decision, edition: Number(select.value) } : decision;
}

function highlight(from, to) {
  for (const li of document.querySelectorAll("#lines li.cited")) li.classList.remove("cited");
  let first = null;
  for (let n = from; n <= to; n++) {
    const li = document.getElementById(`L${n}`);
    if (li) { li.classList.add("cited"); first ??= li; }
  }
  first?.scrollIntoView({ block: "center" });
}

async function decide(id, decisions) {
  try {
    const detail = await api(`/api/intake/${encodeURIComponent(id)}/decisions`, { method: "POST", body: { decisions } });
    say(t("intake.saved"), "ok");
    render(detail);
  } catch (error) {
    say(error);
  }
}

function render(detail) {
  const id = detail.document.id;
  const targets = detail.proposals.targets;
  const pending = (kind) => detail.proposals[kind].some((p) => p.status === "proposed");
  document.getElementById("accept-all-targets").disabled = !pending("targets");
  document.getElementById("reject-all-targets").disabled = !pending("targets");
  document.getElementById("accept-all-designations").disabled = !pending("designations");
  document.getElementById("reject-all-designations").disabled = !pending("designations");
  document.getElementById("accept-all-projects").disabled = !pending("parks") && !pending("projects");
  document.getElementById("reject-all-projects").disabled = !pending("parks") && !pending("projects");
  const rows = [...detail.proposals.parks, ...detail.proposals.projects];
  document.getElementById("tables").replaceChildren(...(rows.length === 0 ? [el("li", { className: "muted", textContent: t("intake.noTables") })]
    : rows.map((p) => registryItem(id, p))));
  const body = document.querySelector("#targets tbody");
  body.replaceChildren(...(targets.length === 0 ? [el("tr", {}, el("td", { colSpan: 8, className: "muted", textContent: t("intake.noTargets") }))]
    : targets.map((p) => targetRow(id, p))));
  const list = document.getElementById("designations");
  const designations = detail.proposals.designations;
  list.replaceChildren(...(designations.length === 0 ? [el("li", { className: "muted", textContent: t("intake.noDesignations") })] : designations.map((d) => el("li", {
    className: d.status, dataset: { proposal: d.id } },
  t(`intake.role.${d.role}`), " ", data(d.printed), " → ", d.industries.length ? data(d.industries.join("、")) : t("intake.unmapped"), " · ",
  linesButton(d), " · ", t(`intake.status.${d.status}`),
  d.accepted?.layout ? [" · ", t("intake.enteredLayout", d.accepted.layout.edition)] : [],
  d.status === "proposed" ? [" ", button("intake.accept", () => decide(id, [designationEdition({ proposal: d.id, action: "accept" })]), { className: "accept" }),
    " ", button("intake.reject", () => decide(id, [{ proposal: d.id, action: "reject" }]), { className: "reject" })] : []))));
}

/** A park or project read from a table: as accepted (with the reviewer's edits) once decided, else as proposed. */
function registryItem(id, p) {
  const shown = p.accepted ?? p;
  const item = el("li", { className: p.status, dataset: { proposal: p.id } },
    t(`intake.kind.${p.kind}`), " ", el("span", { className: "name" }, data(shown.name)),
    shown.investment != null ? [" · ", t("intake.investment", ""), el("span", { className: "investment" }, data(`${shown.investment}${shown.investmentUnit ?? ""}`))] : [],
    shown.land != null ? [" · ", t("intake.land", ""), el("span", { className: "land" }, data(`${shown.land}${shown.landUnit ?? ""}`))] : [],
    shown.period ? [" · ", t("intake.period", ""), data(shown.period)] : [],
    shown.stage ? [" · ", data(shown.stage)] : [],
    " · ", linesButton(p), " · ", t(`intake.status.${p.status}`),
    p.accepted?.edited ? [" · ", t("intake.editedMark")] : [],
    p.accepted?.registryId ? [" · ", t("intake.enteredRegistry")] : [],
    p.status === "proposed" ? [" ", button("intake.accept", () => decide(id, [{ proposal: p.id, action: "accept" }]), { className: "accept" }),
      " ", button("intake.edit", () => editRegistryItem(id, p, item), { className: "edit" }),
      " ", button("intake.reject", () => decide(id, [{ proposal: p.id, action: "reject" }]), { className: "reject" })] : []);
  return item;
}

/** The fields of a park or project the reviewer may change before accepting it; an emptied figure is cleared. */
function editRegistryItem(id, p, item) {
  const field = (name, value, props = {}) => el("label", {}, el("span", { textContent: t(`intake.col.${name}`) }),
    el("input", { name, value: value ?? "", ...props }));
  const form = el("form", { className: "edit-form" },
    field("name", p.name, { maxLength: 200 }),
    p.kind === "project" ? [field("investment", p.investment, { inputMode: "decimal" }), field("investmentUnit", p.investmentUnit)] : [],
    field("land", p.land, { inputMode: "decimal" }), field("landUnit", p.landUnit),
    p.kind === "project" ? [field("period", p.period, { maxLength: 60 }), field("stage", p.stage, { maxLength: 60 })] : [],
    el("button", { type: "submit", textContent: t("intake.saveEdit"), className: "save" }),
    button("intake.cancel", () => item.replaceWith(registryItem(id, p))));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const f = new FormData(form);
    const text = (name) => String(f.get(name) ?? "").trim();
    const edit = { name: text("name"), land: text("land") || null, clearLand: !text("land"), landUnit: text("landUnit") };
    if (p.kind === "project") {
      Object.assign(edit, {
        investment: text("investment") || null, clearInvestment: !text("investment"), investmentUnit: text("investmentUnit"),
        period: text("period"), stage: text("stage"),
      });
    }
    decide(id, [{ proposal: p.id, action: "accept", edit }]);
  });
  item.replaceChildren(form);
}

const button = (key, onClick, props = {}) => {
  const b = el("button", { type: "button", textContent: t(key), ...props });
  b.addEventListener("click", onClick);
  return b;
};

function linesButton(p) {
  const [from, to] = p.lines.split("-").map(Number);
  return button("intake.linesN", () => highlight(from, to ?? from), { textContent: t("intake.linesN", p.lines), className: "link" });
}

/**
 * The normalised copy when it differs from the printed unit ("1.4 万亿元" = 14000亿元). The view nests it as
 * {value, high, unit}; an accepted target (p.accepted) keeps the flat fields it was stored with.
 */
function normalizedText(shown) {
  const n = shown.normalized;
  const value = n !== null && typeof n === "object" ? n.value : n;
  const high = n !== null && typeof n === "object" ? n.high : shown.normalizedHigh;
  const unit = (n !== null && typeof n === "object" ? n.unit : null) ?? shown.normalizedUnit;
  if (value === undefined || value === null || unit === shown.unit) return null;
  return `${value}${high !== undefined && high !== null ? `—${high}` : ""}${unit ?? ""}`;
}

function targetRow(id, p) {
  const shown = p.accepted ?? p;
  const conflicts = (p.conflicts ?? []).map((c) => el("div", { className: "conflict" },
    t("intake.conflict"), " ", data(`${c.plan} · ${c.indicator} · ${c.year} · ${c.value}${c.unit ?? ""}`), " ",
    c.document ? el("a", { href: documentHref(c.document, c.from === c.to ? `${c.from}` : `${c.from}-${c.to}`), textContent: t("intake.conflictSource") }) : null));
  const row = el("tr", { className: p.status, dataset: { proposal: p.id } },
    el("td", {}, data(shown.indicator), el("div", { className: "muted" }, data(shown.printed))),
    el("td", {}, shown.scope ? data(shown.scope) : t("intake.city")),
    el("td", {}, shown.year ?? t("intake.yearUnknown")),
    el("td", {}, el("span", { className: "cmp", textContent: t(`intake.cmp.${shown.comparator}`) }), " ", data(valueText(shown)),
      normalizedText(shown) ? el("div", { className: "muted normalized" }, "= ", data(normalizedText(shown))) : null,
      shown.cumulative ? el("div", { className: "muted", textContent: t("intake.cumulative") }) : null),
    el("td", {}, linesButton(p)),
    el("td", {}, `${Math.round(Number(p.confidence) * 100)}%`),
    el("td", {}, t(`intake.status.${p.status}`), p.decidedBy ? el("div", { className: "muted" }, data(p.decidedBy), " ", when(p.decidedAt)) : null, ...conflicts),
    el("td", { className: "actions" }, p.status === "proposed" ? [
      button("intake.accept", () => decide(id, [{ proposal: p.id, action: "accept" }]), { className: "accept" }), " ",
      button("intake.edit", () => editRow(id, p, row), { className: "edit" }), " ",
      button("intake.reject", () => decide(id, [{ proposal: p.id, action: "reject" }]), { className: "reject" })] : []));
  return row;
}

function editRow(id, p, row) {
  const field = (name, value, props = {}) => el("label", {}, el("span", { textContent: t(`intake.col.${name}`) }),
    el("input", { name, value: value ?? "", ...props }));
  const comparator = el("select", { name: "comparator" }, comparators.map((c) => el("option", { value: c, textContent: t(`intake.cmp.${c}`), selected: c === p.comparator })));
  const form = el("form", { className: "edit-form" },
    field("indicator", p.indicator),
    field("year", p.year, { type: "number", min: 1949, max: 2100 }),
    el("label", {}, el("span", { textContent: t("intake.col.comparator") }), comparator),
    field("value", p.value, { inputMode: "decimal" }),
    field("unit", p.unit),
    el("button", { type: "submit", textContent: t("intake.saveEdit"), className: "save" }),
    button("intake.cancel", () => row.replaceWith(targetRow(id, p))));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const f = new FormData(form);
    const year = String(f.get("year") ?? "").trim();
    const value = String(f.get("value") ?? "").trim();
    decide(id, [{
      proposal: p.id, action: "accept",
      edit: {
        indicator: String(f.get("indicator") ?? "").trim(), year: year ? Number(year) : null, clearYear: !year,
        value: value ? value : null, unit: String(f.get("unit") ?? ""), comparator: String(f.get("comparator")),
      },
    }]);
  });
  const cell = el("td", { colSpan: 8 }, form);
  row.replaceChildren(cell);
}

run(main);
