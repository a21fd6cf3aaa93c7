// The document viewer: the whole text with line numbers; ?lines=39-40 highlights the cited lines and scrolls to them,
// ?focus=万州区 marks that unit's column of a line shared by several units. Lines that keep the web page's list markup
// are shown as lists (cleanLine); the stored text itself is unchanged (API, data-raw). Without ?doc it lists the documents.
import { el, t, getJson, getSubject, showNotFound, setUpPage, setTitle, param, documentHref, data, cleanLine, columnOf, run } from "./common.js";

setUpPage("nav.documents");

async function main() {
  const doc = param("doc");
  if (!doc) {
    const documents = await getJson("/api/documents");
    document.getElementById("title").textContent = t("doc.list");
    document.getElementById("lines").replaceWith(el("ul", { className: "doc-list" }, documents.map((d) => el("li", {},
      el("a", { href: documentHref(d.id), textContent: d.title, title: d.id, className: "data" }), " ",
      el("span", { className: "muted" }, data([d.number, d.issuedOn].filter(Boolean).join(" · ")), " · ", t("doc.lines", d.lineCount))))));
    return;
  }
  const [from, to] = (param("lines") ?? "").split("-").map((n) => Number.parseInt(n, 10));
  const documents = await getJson("/api/documents");
  if (!documents.some((d) => d.id === doc)) {
    showNotFound(doc);
    return;
  }
  const meta = await getSubject(`/api/documents/${encodeURIComponent(doc)}`, doc);
  setTitle(meta.title);
  document.getElementById("title").replaceChildren(data(meta.title));
  document.getElementById("title").title = meta.id;
  document.getElementById("meta").replaceChildren(data([meta.issuer, meta.number, meta.issuedOn].filter(Boolean).join(" · ")), " · ", t("doc.lines", meta.lineCount));
  const excerpt = await getJson(`/api/documents/${encodeURIComponent(doc)}/lines/1-${meta.lineCount}`);
  const last = Number.isFinite(to) ? to : from;
  const cited = Number.isFinite(from) ? excerpt.lines.filter((line) => line.number >= from && line.number <= last) : [];
  const focus = param("focus") ? columnOf(cited, param("focus")) : -1;
  const list = document.getElementById("lines");
  list.classList.add("data");
  let first = null;
  const items = excerpt.lines.map((line) => {
    const isCited = cited.includes(line);
    const li = el("li", { value: line.number, id: `L${line.number}` }, ...cleanLine(line.text, isCited ? focus : -1));
    if (isCited) {
      li.className = "cited";
      li.tabIndex = -1;
      first ??= li;
    }
    return li;
  });
  list.replaceChildren(...items);
  if (first) {
    document.getElementById("cited").textContent = t("doc.cited", param("lines"));
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
  }
}

run(main);
