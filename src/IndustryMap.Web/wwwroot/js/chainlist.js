// The list of industry chains (issue 12) shown on the unit and cluster pages: name (a link to the chain page), unit,
// node, local and gap counts, from /api/chains?unit=… or ?cluster=….
import { el, t, data, getJson, sourceView } from "./common.js";

export async function chainListSection(container, url) {
  const chains = await getJson(url);
  if (chains.length === 0) {
    container.replaceChildren(el("p", { className: "muted", textContent: t("chain.none") }));
    return;
  }
  const table = el("table", { className: "chain-table" },
    el("thead", {}, el("tr", {}, ["chain.chains", "chain.unit", "chain.col.nodes", "chain.col.local", "chain.col.gaps", "source"]
      .map((k) => el("th", { scope: "col", textContent: t(k) })))),
    el("tbody", {}, chains.map((c) => el("tr", { dataset: { chain: c.id } },
      el("th", { scope: "row" }, el("a", { href: `/chain.html?id=${encodeURIComponent(c.id)}`, className: "data", textContent: c.name })),
      el("td", {}, c.unit ? data(c.unit) : t("chain.city")),
      el("td", { textContent: String(c.nodes) }),
      el("td", { textContent: `${c.local}/${c.enterprises}` }),
      el("td", { textContent: String(c.gaps) }),
      el("td", {}, sourceView(c.source))))));
  container.replaceChildren(el("div", { className: "table-wrap", tabIndex: 0 }, table));
}
