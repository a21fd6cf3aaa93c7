// The document viewer: the whole text with line numbers, the cited lines highlighted and scrolled into view.
"use strict";

async function main() {
  const params = new URLSearchParams(location.search);
  const doc = params.get("doc") ?? "000";
  const [from, to] = (params.get("lines") ?? "").split("-").map(Number);
  const meta = await (await fetch(`/api/documents/${encodeURIComponent(doc)}`)).json();
  document.getElementById("title").textContent = meta.title;
  document.getElementById("meta").textContent = [meta.issuer, meta.number, meta.issuedOn].filter(Boolean).join(" · ");
  const excerpt = await (await fetch(`/api/documents/${encodeURIComponent(doc)}/lines/1-${meta.lineCount}`)).json();
  const list = document.getElementById("lines");
  let first = null;
  for (const line of excerpt.lines) {
    const li = document.createElement("li");
    li.value = line.number;
    li.textContent = line.text;
    if (from && line.number >= from && line.number <= (to || from)) {
      li.className = "cited";
      first ??= li;
    }
    list.append(li);
  }
  first?.scrollIntoView({ block: "center" });
}

main().catch((error) => { document.getElementById("meta").textContent = "加载失败：" + error.message; });
