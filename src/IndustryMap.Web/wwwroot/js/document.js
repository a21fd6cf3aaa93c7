// The document viewer: the whole text with line numbers; ?lines=39-40 highlights the cited lines and scrolls to them.
// Without ?doc it lists the source documents.
import { el, t, getJson, setUpPage, setTitle, showError, param, documentHref, run } from "./common.js";

setUpPage("nav.documents");

async function main() {
  const doc = param("doc");
  if (!doc) {
    const documents = await getJson("/api/documents");
    document.getElementById("title").textContent = t("doc.list");
    document.getElementById("lines").replaceWith(el("ul", { className: "doc-list" }, documents.map((d) => el("li", {},
      el("a", { href: documentHref(d.id), textContent: `${d.id} · ${d.title}` }), " ",
      el("span", { className: "muted", textContent: [d.number, d.issuedOn, t("doc.lines", d.lineCount)].filter(Boolean).join(" · ") })))));
    return;
  }
  const [from, to] = (param("lines") ?? "").split("-").map((n) => Number.parseInt(n, 10));
  const meta = await getJson(`/api/documents/${encodeURIComponent(doc)}`);
  setTitle(meta.title);
  document.getElementById("title").textContent = meta.title;
  document.getElementById("meta").textContent = [meta.issuer, meta.number, meta.issuedOn, t("doc.lines", meta.lineCount)].filter(Boolean).join(" · ");
  const excerpt = await getJson(`/api/documents/${encodeURIComponent(doc)}/lines/1-${meta.lineCount}`);
  const last = Number.isFinite(to) ? to : from;
  const list = document.getElementById("lines");
  let first = null;
  const items = excerpt.lines.map((line) => {
    const li = el("li", { value: line.number, id: `L${line.number}`, textContent: line.text });
    if (Number.isFinite(from) && line.number >= from && line.number <= last) {
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
