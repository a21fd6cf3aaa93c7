// The registries (parks, enterprises, projects, tasks): a sortable, filterable table from /api/tables/{kind}, with
// .xlsx and CSV exports of exactly the rows shown (the server applies the same filter and order, RegistryTables.View).
import { el, t, lang, getJson, setUpPage, setTitle, param, sourceView, unitHref, run } from "./common.js";

const KINDS = ["parks", "enterprises", "projects", "tasks"];
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
    if (a.getAttribute("href") === `/registry.html?kind=${kind}`) a.setAttribute("aria-current", "page");
    else if (a.getAttribute("href").startsWith("/registry.html")) a.removeAttribute("aria-current");
  }
  const unitColumn = table.columns.findIndex((c) => c.key === "unit");
  const state = { q: param("q") ?? "", unit: param("unit") ?? "", sort: param("sort") ?? "", desc: param("desc") === "true" };

  const filter = document.getElementById("filter");
  const unitSelect = document.getElementById("unit-filter");
  filter.value = state.q;
  const units = unitColumn < 0 ? [] : [...new Set(table.rows.map((r) => cellText(r.cells[unitColumn])).filter(Boolean))].sort();
  unitSelect.append(...units.map((u) => el("option", { value: u, textContent: u })));
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
    if (column.key === "unit" && value) return el("td", {}, el("a", { href: unitHref(value), textContent: value }));
    return el("td", { textContent: cellText(value) });
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
