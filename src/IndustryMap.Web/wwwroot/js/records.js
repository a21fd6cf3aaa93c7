// Small tables of related records (parks, enterprises, projects, targets) for the unit and cluster pages. The
// registries' APIs belong to another feature; until they answer, a section says so instead of failing.
import { el, t, getOptionalJson, sourceView, quantity } from "./common.js";

const SKIP = new Set(["id", "source", "sources", "conflicts", "note", "aliases"]);

/** Fetches `url`, keeps the rows `keep` accepts, and shows them as a table in `container` (or "pending"/"none"). */
export async function relatedSection(container, url, keep, columns) {
  let rows;
  try {
    rows = await getOptionalJson(url);
  } catch {
    rows = null;
  }
  if (rows === null) {
    container.replaceChildren(el("p", { className: "pending", textContent: t("unit.pending") }));
    return;
  }
  const list = (Array.isArray(rows) ? rows : rows.items ?? rows.rows ?? []).filter(keep);
  if (list.length === 0) {
    container.replaceChildren(el("p", { className: "muted", textContent: t("unit.empty") }));
    return;
  }
  container.replaceChildren(recordTable(list.slice(0, 50), columns));
  if (list.length > 50) container.append(el("p", { className: "muted", textContent: `… ${list.length}` }));
}

/** Whether any string field of the row names the unit (by name or alias). */
export function mentionsUnit(unit) {
  const names = new Set([unit.name, unit.fullName, ...(unit.aliases ?? [])]);
  return (row) => Object.values(row).some((v) => (typeof v === "string" && names.has(v)) || (Array.isArray(v) && v.some((x) => names.has(x))));
}

export function cellValue(row, key) {
  const value = row[key];
  if (key === "value" && ("unit" in row)) return quantity(value, row.unit);
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return t(value ? "yes" : "no");
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? v?.name ?? "" : String(v))).join("、");
  if (typeof value === "object") return value.name ?? "";
  return String(value);
}

export function recordTable(rows, columns) {
  const keys = columns ?? Object.keys(rows[0]).filter((k) => !SKIP.has(k) && !(k === "unit" && "value" in rows[0]));
  const hasSource = rows.some((r) => r.source);
  return el("div", { className: "table-wrap" }, el("table", {},
    el("thead", {}, el("tr", {}, keys.map((k) => el("th", { scope: "col", textContent: k })), hasSource ? el("th", { scope: "col", textContent: t("source") }) : null)),
    el("tbody", {}, rows.map((row) => el("tr", {},
      keys.map((k) => el("td", {}, cellValue(row, k))),
      hasSource ? el("td", {}, sourceView(row.source)) : null)))));
}
