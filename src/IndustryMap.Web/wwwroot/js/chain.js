// The chain page (issue 12): a chain map drawn from /api/chains/{id} — nodes in columns by stage, coloured and shaped by
// how well they are supplied locally (gap / weak / strong; Okabe–Ito colours plus a distinct shape each, so the
// difference never rests on colour alone) — and the same data as a table for keyboards and screen readers.
import { el, t, api, data, dataList, paren, getJson, say, session, setUpPage, setTitle, param, sourceView, unitHref, run } from "./common.js";

setUpPage("chain.title");

const STAGES = ["material", "upstream", "midstream", "downstream", "terminal"];
export const STATUS_STYLE = {
  gap: { color: "#D55E00", symbol: "triangle", mark: "▲" },
  weak: { color: "#E69F00", symbol: "diamond", mark: "◆" },
  strong: { color: "#0072B2", symbol: "circle", mark: "●" },
  not_applicable: { color: "#999999", symbol: "rect", mark: "■" },
};

async function main() {
  const id = param("id");
  const chain = await getJson(`/api/chains/${encodeURIComponent(id ?? "")}`);
  setTitle(chain.name);
  document.getElementById("name").replaceChildren(data(chain.name));
  const facts = document.getElementById("facts");
  const fact = (key, ...value) => facts.append(el("dt", { textContent: t(key) }), el("dd", {}, ...value));
  fact("chain.unit", chain.unit ? el("a", { href: unitHref(chain.unit), className: "data", textContent: chain.unit }) : t("chain.city"));
  fact("chain.industries", ...(chain.industries.length ? dataList(chain.industries) : ["—"]));
  fact("chain.adminLeader", chain.adminLeader ? data(chain.adminLeader) : "—");
  fact("chain.enterpriseLeader", chain.enterpriseLeader ? data(chain.enterpriseLeader) : "—", chain.enterpriseLeaderBasis === "curated" ? ` (${t("chain.curated")})` : "");
  fact("chain.localShare", t("chain.localOf", chain.local, chain.enterprises, chain.share ?? "—"));
  if (chain.localPrinted != null) fact("chain.localPrinted", String(chain.localPrinted), chain.localPrintedSource ? sourceView(chain.localPrintedSource) : "");
  if (chain.quality) fact("chain.quality", data(chain.quality));
  fact("source", sourceView(chain.source));
  document.getElementById("legend").replaceChildren(...Object.entries(STATUS_STYLE).map(([status, s]) =>
    el("li", { dataset: { status } }, el("span", { textContent: s.mark, style: `color:${s.color}`, "aria-hidden": "true" }), " ", t(`chain.status.${status}`))));
  renderList(chain);
  renderDiagram(chain);
  await setUpEditing(chain);
}

// The .xlsx template of this chain, and its import for the administrator and the officer of the chain's unit (issue 12 §6).
let editingReady = false;
async function setUpEditing(chain) {
  document.getElementById("template-link").href = `/api/chains/${encodeURIComponent(chain.id)}/template.xlsx`;
  const s = await session();
  const form = document.getElementById("import-form");
  form.hidden = !(chain.unit && s.signedIn && (s.user.role === "admin" || (s.user.role === "unit" && s.user.unit === chain.unit)));
  if (editingReady) return;
  editingReady = true;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = document.getElementById("import-file").files[0];
    if (!file) return;
    const body = new FormData();
    body.append("file", file, file.name);
    try {
      const result = await api(`/api/units/${encodeURIComponent(chain.unit)}/chains/import`, { method: "POST", body });
      say(t("chain.edit.imported", result.nodes, result.members, result.version), "ok");
      if (result.id === chain.id) await main();
      else location.href = `/chain.html?id=${encodeURIComponent(result.id)}`;
    } catch (error) {
      say(error);
    }
  });
}

function renderList(chain) {
  const table = el("table", { className: "chain-list" },
    el("thead", {}, el("tr", {}, ["chain.col.segment", "chain.col.node", "chain.col.status", "chain.col.local", "chain.col.members", "source"]
      .map((k) => el("th", { scope: "col", textContent: t(k) })))));
  const body = el("tbody");
  for (const node of chain.nodes) {
    const s = STATUS_STYLE[node.status];
    body.append(el("tr", { dataset: { node: node.id, status: node.status } },
      el("td", {}, node.segment ? data(node.segment) : t(`chain.stage.${node.stage}`)),
      el("th", { scope: "row" }, data(node.name)),
      el("td", {}, el("span", { textContent: s.mark, style: `color:${s.color}`, "aria-hidden": "true" }), " ", t(`chain.status.${node.status}`)),
      el("td", {}, ...(node.enterprises ? [`${node.local}/${node.enterprises}`, ...paren(`${node.share}%`)] : ["—"])),
      el("td", {}, el("ul", { className: "chips" }, node.members.map((m) =>
        el("li", { dataset: { location: m.location ?? "" } }, data(m.name), ...(m.kind === "enterprise" ? paren(t(`chain.location.${m.location ?? "unknown"}`)) : []))))),
      el("td", {}, sourceView(node.source))));
  }
  table.append(body);
  // At phone width the table scrolls in its own box (keyboard-focusable), never the page.
  document.getElementById("list").replaceChildren(el("div", { className: "table-wrap", tabIndex: 0 }, table));
}

function renderDiagram(chain) {
  const container = document.getElementById("diagram");
  container.setAttribute("aria-label", t("chain.diagramLabel"));
  const stages = STAGES.filter((s) => chain.nodes.some((n) => n.stage === s));
  const rows = Object.fromEntries(stages.map((s) => [s, 0]));
  const points = chain.nodes.map((n) => ({ node: n, x: stages.indexOf(n.stage), y: rows[n.stage]++ }));
  const at = Object.fromEntries(points.map((p) => [p.node.id, [p.x, p.y]]));
  const chart = echarts.init(container, null, { renderer: "canvas" });
  chart.on("finished", () => { document.body.dataset.chartReady = "true"; });
  chart.setOption({
    aria: { enabled: true, label: { enabled: true, description: container.getAttribute("aria-label") ?? "" } },
    animation: false,
    tooltip: { formatter: (p) => `${p.data.name}<br>${t(`chain.status.${p.data.status}`)} ${p.data.local}/${p.data.enterprises}` },
    grid: { left: 20, right: 20, top: 30, bottom: 20, containLabel: true },
    xAxis: { type: "category", data: stages.map((s) => t(`chain.stage.${s}`)), position: "top", axisTick: { show: false } },
    yAxis: { type: "value", inverse: true, show: false, min: -0.5, max: Math.max(...Object.values(rows)) - 0.5 },
    series: [{
      type: "scatter",
      symbolSize: 18,
      label: { show: true, position: "right", formatter: (p) => p.data.name },
      data: points.map((p) => ({
        value: [p.x, p.y], name: p.node.name, status: p.node.status, local: p.node.local, enterprises: p.node.enterprises,
        symbol: STATUS_STYLE[p.node.status].symbol, itemStyle: { color: STATUS_STYLE[p.node.status].color },
      })),
      markLine: {
        symbol: ["none", "arrow"], silent: true, lineStyle: { color: "#555", type: "solid" }, label: { show: false },
        data: chain.edges.filter((e) => at[e.from] && at[e.to]).map((e) => [{ coord: at[e.from] }, { coord: at[e.to] }]),
      },
    }],
  });
  container.dataset.nodes = String(points.length);
  container.dataset.gaps = String(chain.nodes.filter((n) => n.status === "gap").length);
}

run(main);
