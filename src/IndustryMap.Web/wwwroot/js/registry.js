// The registries (parks, enterprises, projects, tasks): a sortable, filterable table from /api/tables/{kind}, with
// .xlsx and CSV exports of exactly the rows shown (the server applies the same filter and order, RegistryTables.View).
import { el, t, tn, lang, data, getJson, setUpPage, setTitle, param, sourceView, unitHref, documentLabel, run } from "./common.js";

const KINDS = ["parks", "carriers", "enterprises", "projects", "tasks"];
setUpPage("nav.parks");

const numberFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
const cellText = (cell) => (cell === null || cell === undefined ? "" : String(cell));

async function main() {
  const kind = KINDS.includes(param("kind")) ? param("kind") : "parks";
  const table = await getJson(`/api/tables/${kind}`);
  const title = lang === "en" ? table.titleEn : table.title;
  setTitle(title);
  document.getElementById("title").textContent = title;
  for (const a of document.querySelectorAll("header.site nav a")) {
    if (a.getAttribute("href") === `/registry.html?kind=${kind === "carriers" ? "parks" : kind}`) a.setAttribute("aria-current", "page");
    else if (a.getAttribute("href").startsWith("/registry.html")) a.removeAttribute("aria-current");
  }
  if (kind === "parks") {
    // Platforms, laboratories and standard factories are not parks (decision 0011): listed on their own page.
    document.getElementById("count").after(" ", el("a", { id: "other-carriers", href: "/registry.html?kind=carriers", textContent: t("park.otherCarriers") }));
  }
  const unitColumn = table.columns.findIndex((c) => c.key === "unit");
  // Ids stay in the API and the exports; people read names: a task's plan by its title, a project library by its
  // document (the annex that prints it), the id on hover.
  const plans = table.columns.some((c) => c.key === "plan") ? new Map((await getJson("/api/plans")).map((p) => [p.id, p.title])) : new Map();
  const libraryDocuments = new Map();
  if (table.columns.some((c) => c.key === "library")) {
    for (const r of table.rows) {
      if (r.source?.document && !libraryDocuments.has(r.cells[0])) libraryDocuments.set(r.cells[0], r.source.document);
    }
    for (const [library, doc] of libraryDocuments) libraryDocuments.set(library, (await documentLabel(doc)).short);
  }
  const state = { q: param("q") ?? "", unit: param("unit") ?? "", sort: param("sort") ?? "", desc: param("desc") === "true" };

  const filter = document.getElementById("filter");
  const unitSelect = document.getElementById("unit-filter");
  filter.value = state.q;
  const units = unitColumn < 0 ? [] : [...new Set(table.rows.map((r) => cellText(r.cells[unitColumn])).filter(Boolean))].sort();
  unitSelect.append(...units.map((u) => el("option", { value: u, textContent: u, className: "data" })));
  unitSelect.value = state.unit;
  state.unit = unitSelect.value; // a unit with no rows here is no filter
  if (unitColumn < 0) unitSelect.disabled = true;

  const head = document.querySelector("#registry thead");
  const body = document.querySelector("#registry tbody");

  function visibleRows() {
    // The same rules as RegistryTables.View on the server.
    const words = state.q.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase());
    let rows = table.rows.filter((r) => words.every((w) => r.cells.some((c) => cellText(c).toLowerCase().includes(w))));
    if (state.unit && unitColumn >= 0) rows = rows.filter((r) => cellText(r.cells[unitColumn]) === state.unit);
    const index = table.columns.findIndex((c) => c.key === state.sort);
    if (index >= 0) {
      const numeric = table.columns[index].numeric;
      const present = rows.filter((r) => cellText(r.cells[index]) !== "");
      const empty = rows.filter((r) => cellText(r.cells[index]) === "");
      present.sort((a, b) => {
        const x = a.cells[index];
        const y = b.cells[index];
        if (numeric) return x - y;
        const sx = cellText(x);
        const sy = cellText(y);
        return sx < sy ? -1 : sx > sy ? 1 : 0;
      });
      if (state.desc) present.reverse();
      rows = [...present, ...empty];
    }
    return rows;
  }

  function renderHead() {
    head.replaceChildren(el("tr", {}, table.columns.map((c) => {
      const th = el("th", { scope: "col", "aria-sort": c.key === state.sort ? (state.desc ? "descending" : "ascending") : "none" });
      const button = el("button", { type: "button", className: "sort", textContent: lang === "en" ? c.en : c.zh });
      button.addEventListener("click", () => {
        state.desc = state.sort === c.key ? !state.desc : false;
        state.sort = c.key;
        render();
      });
      th.append(button);
      return th;
    }), el("th", { scope: "col", textContent: t("source") })));
  }

  function cell(column, value, printed) {
    if (column.numeric) {
      if (value === null || value === undefined) return el("td", { className: "num-cell" });
      const exact = `${value}${printed ? `（${printed}）` : ""}`;
      return el("td", { className: "num-cell" }, el("data", { className: "num", value: String(value), textContent: numberFormat.format(value), title: t("num.exact", exact) }));
    }
    if (column.key === "unit" && value) return el("td", {}, el("a", { href: unitHref(value), textContent: value, className: "data" }));
    if (column.key === "plan" && plans.has(value)) {
      return el("td", { title: value }, el("a", { href: `/plan.html?id=${encodeURIComponent(value)}`, textContent: plans.get(value), className: "data" }));
    }
    if (column.key === "library" && libraryDocuments.has(value)) return el("td", { title: value }, ...tn("reg.library", data(libraryDocuments.get(value))));
    return el("td", printed ? { title: printed } : {}, data(cellText(value)));
  }

  function render() {
    const rows = visibleRows();
    renderHead();
    body.replaceChildren(...rows.map((r) => el("tr", {}, table.columns.map((c, i) => cell(c, r.cells[i], r.printed[i])),
      el("td", {}, sourceView(r.source), mentionsView(r.mentions)))));
    document.getElementById("count").textContent = t("reg.rows", rows.length, table.rows.length);
    const query = new URLSearchParams({ kind });
    if (state.q) query.set("q", state.q);
    if (state.unit) query.set("unit", state.unit);
    if (state.sort) query.set("sort", state.sort);
    if (state.desc) query.set("desc", "true");
    history.replaceState(null, "", `?${query}`);
    query.delete("kind");
    const suffix = query.toString() ? `?${query}` : "";
    document.getElementById("export-xlsx").href = `/api/tables/${kind}/export.xlsx${suffix}`;
    document.getElementById("export-csv").href = `/api/tables/${kind}/export.csv${suffix}`;
  }

  filter.addEventListener("input", () => {
    state.q = filter.value.trim();
    render();
  });
  unitSelect.addEventListener("change", () => {
    state.unit = unitSelect.value;
    render();
  });
  render();
}

// An entity's mentions (issue 15): each source that names the firm or prints the project, with what it states there.
function mentionsView(mentions) {
  if (!mentions?.length) return null;
  return el("details", { className: "mentions" }, el("summary", { textContent: t("reg.mentions", mentions.length) }),
    el("ul", {}, mentions.map((m) => el("li", {}, m.name, m.detail ? el("span", { className: "muted", textContent: `（${m.detail}）` }) : null, " ", sourceView(m.source)))));
}

run(main);
