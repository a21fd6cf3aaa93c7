// 项目落地推荐 (issue 6): an officer types a description and sees every planning unit ranked, on a map coloured by
// score and in a table with score bars, each reason with its rule and the clause it cites. Everything is built as
// DOM with textContent (never parsed as HTML). Writes made with the sign-in cookie carry the anti-forgery token from
// GET /api/session as its header.
import { el, t, tn, lang, listSep, api, getJson, data, run, setUpPage, session, signInLink, problemText, sourceView, unitHref } from "./common.js";
import { loadChongqing, ZONE_POSITIONS } from "./geo.js";

/* global echarts */

let units = [];
let lastResult = null;
let chart = null;

/** Server sentences (reasons, notes, the summary) come in both languages; the names inside them stay as printed (data). */
const zhText = (text, tag = "span") => el(tag, { className: "data", lang: "zh-CN", textContent: text });
const serverText = (zh, en, tag = "span") => (lang === "en" && en ? el(tag, { className: "data", lang: "en", textContent: en }) : zhText(zh, tag));

/** One reason: the rule, the words, the clause (a disclosure showing the cited lines) and, if different, where the fact is printed. */
function reasonNode(reason, tag = "li") {
  const node = el(tag, {}, el("span", { className: "rule" }, "[", ...tn(`place.rule.${reason.rule}`), "]"), serverText(reason.text, reason.textEn));
  const clause = sourceView(reason.source);
  if (clause) node.append(clause);
  const fact = reason.evidence;
  if (fact && (fact.document !== reason.source?.document || fact.lines !== reason.source?.lines)) {
    const view = sourceView(fact);
    if (view) node.append(view);
  }
  return node;
}

const landText = (land) => t(`place.land.${land}`);

/** The caption states the weights the server ranked with (result.weights), so it cannot fall behind the rules. */
function renderCaption(weights) {
  const n = (x) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
  document.getElementById("ranking-caption").textContent = t("place.caption",
    n(weights.dominant), n(weights.characteristic), n(weights.wholeCluster), n(weights.dominantSameCluster), n(weights.characteristicSameCluster),
    n(weights.planProduct), n(weights.planCrosswalk), n(weights.registry), weights.registryFullAt, Math.round(weights.registryShare * 100), n(weights.parkFit));
}

/** The signals not known for a unit (issue 13 §2): shown as unknown, since they neither add nor take away. */
function unknownNode(unknown) {
  if (!unknown || unknown.length === 0) return "";
  const names = unknown.map((code) => t(`place.signal.${code}`)).join(listSep());
  return el("p", { className: "unknown muted", title: t("place.unknown.title"), textContent: t("place.unknown", names) });
}

/** "3–7并列" in Chinese, "3–7 tied" in English. */
const tiedRank = (c) => (c.tied ? `${c.rankText}${lang === "en" ? " " : ""}${t("placement.tied")}` : c.rankText);

function renderTable(result) {
  if (result.weights) renderCaption(result.weights);
  const max = Math.max(...result.candidates.map((c) => c.score), 0.0001);
  const showAll = document.getElementById("show-all").checked;
  const body = document.querySelector("#ranking tbody");
  body.replaceChildren();
  for (const c of result.candidates) {
    if (!showAll && c.score === 0 && c.priority === 0) continue;
    const share = Math.round((c.score / max) * 100);
    const bar = el("span", { className: "bar", title: t("place.relative", share) }, el("span"));
    bar.firstChild.style.width = `${share}%`;
    const unit = el("th", { scope: "row", dataset: { label: t("place.col.unit") } }, el("a", { href: unitHref(c.unit), textContent: c.unit, className: "data" }));
    if (c.priority === 2) unit.append(el("span", { className: "priority", textContent: t("place.priority.firstContact") }));
    if (c.priority === 1) unit.append(el("span", { className: "priority" }, ...tn("place.priority.yuxi")));
    const parks = el("td", { dataset: { label: t("place.col.parks") } });
    for (const park of c.parks) {
      const line = el("div", { title: lang === "en" && park.textEn ? park.textEn : park.text }, data(park.name), `: ${landText(park.land)}`);
      const source = sourceView(park.source);
      if (source) line.append(source);
      parks.append(line);
    }
    // Equal priority and score share a rank range (并列): the list order within it is not a ranking.
    const rankCell = el("td", { className: "num", textContent: c.rankText, dataset: { label: t("place.col.rank") } });
    if (c.tied) {
      rankCell.title = t("placement.tiedTitle", c.rankText);
      rankCell.append(el("span", { className: "tied", textContent: ` ${t("placement.tied")}` }));
    }
    body.append(el("tr", { className: c.score === 0 ? "zero" : "" },
      rankCell,
      unit,
      el("td", { dataset: { label: t("place.col.score") } }, bar, el("span", { className: "score num", textContent: c.score.toFixed(3) })),
      el("td", { dataset: { label: t("place.col.reasons") } }, el("ul", { className: "reasons" }, c.reasons.map((r) => reasonNode(r))), unknownNode(c.unknown)),
      parks));
  }
}

/** Five score bands (share of the best score) and their fill: the pages' trimmed ECharts has no visualMap, and bands read better anyway. */
const BANDS = [
  { upTo: 0, color: "#f4f5f7", text: "#1d2330", label: "0" },
  { upTo: 0.3, color: "#c6dbef", text: "#1d2330", label: "≤30%" },
  { upTo: 0.6, color: "#6baed6", text: "#1d2330", label: "30–60%" },
  { upTo: 0.9, color: "#2171b5", text: "#ffffff", label: "60–90%" },
  { upTo: Infinity, color: "#08306b", text: "#ffffff", label: ">90%" },
];
const bandOf = (share) => BANDS.find((b) => share <= b.upTo);

/** The map: each unit's polygon filled by its score band, the functional zones as markers, the top ten labelled with their rank. */
async function renderMap(result) {
  const container = document.getElementById("placement-map");
  const scores = Object.fromEntries(result.candidates.map((c) => [c.unit, c.score]));
  container.dataset.scores = JSON.stringify(scores);
  document.dispatchEvent(new CustomEvent("industrymap:placement", { detail: { scores, ranking: result.candidates.map((c) => c.unit) } }));
  const max = Math.max(...result.candidates.map((c) => c.score), 0.0001);
  const band = (name) => bandOf((scores[name] ?? 0) / max);
  document.getElementById("map-legend").replaceChildren(...BANDS.map((b, i) =>
    el("li", {}, el("span", { className: `swatch band-${i}`, "aria-hidden": "true" }), i === 0 ? t("place.band.zero") : t("place.band", b.label))));
  if (typeof echarts === "undefined") return;
  const geo = await loadChongqing(units);
  if (!chart) {
    echarts.registerMap("chongqing-placement", geo.geoJson);
    chart = echarts.init(container, null, { renderer: "canvas" });
    window.addEventListener("resize", () => chart.resize());
    chart.on("click", (p) => { if (p.name) location.href = unitHref(p.name); });
  }
  const rank = new Map(result.candidates.map((c) => [c.unit, c.rank]));
  const rankText = new Map(result.candidates.map((c) => [c.unit, tiedRank(c)]));
  const label = (name) => (rank.get(name) <= 10 && scores[name] > 0 ? `${rankText.get(name)} ${name}` : "");
  const box = { left: 8, right: 8, top: 8, bottom: 8 };
  chart.setOption({
    animation: false,
    aria: { enabled: true, label: { enabled: true, description: container.getAttribute("aria-label") } },
    tooltip: {
      trigger: "item", confine: true, transitionDuration: 0, backgroundColor: "#ffffff", borderColor: "#55607a", textStyle: { color: "#1d2330" },
      formatter: (p) => el("div", { className: "tip" }, el("strong", { textContent: p.name }),
        el("div", { textContent: t("place.tip", rankText.get(p.name) ?? "—", (scores[p.name] ?? 0).toFixed(3)) })),
    },
    geo: { map: "chongqing-placement", silent: true, ...box, itemStyle: { areaColor: "transparent", borderWidth: 0 } },
    series: [
      {
        type: "map", map: "chongqing-placement", ...box, selectedMode: false,
        itemStyle: { borderColor: "#ffffff", borderWidth: 1 },
        labelLayout: { hideOverlap: true },
        emphasis: { itemStyle: { areaColor: "#E69F00" }, label: { show: true, color: "#1d2330", formatter: (p) => p.name } },
        data: geo.names.map((name) => ({
          name, value: scores[name] ?? 0,
          itemStyle: { areaColor: band(name).color },
          label: { show: label(name) !== "", formatter: label(name), color: band(name).text, fontSize: 10 },
        })),
      },
      {
        type: "scatter", coordinateSystem: "geo", symbol: "diamond", symbolSize: 14,
        label: { show: true, position: "right", fontSize: 10, color: "#1d2330" },
        data: Object.entries(ZONE_POSITIONS).map(([name, value]) => ({
          name, value, itemStyle: { color: band(name).color, borderColor: "#1d2330", borderWidth: 1.5 },
          label: { formatter: label(name) || "" },
        })),
      },
    ],
  }, true);
}

function render(result) {
  lastResult = result;
  document.getElementById("result").hidden = false;
  document.getElementById("summary").replaceChildren(serverText(result.summary, result.summaryEn));
  const industries = document.getElementById("industries");
  industries.replaceChildren();
  if (result.matchesNothing) industries.append(el("li", { textContent: t("placement.noRanking") }));
  for (const industry of result.industries) {
    industries.append(el("li", {}, el("strong", { textContent: industry.name, className: "data" }), " (", data(industry.cluster), `) ${industry.score.toFixed(2)} `,
      industry.matched.map((word) => el("span", { className: "word data", textContent: word }))));
  }
  for (const [id, items] of [["warnings", result.warnings], ["notes", result.notes]]) {
    document.getElementById(id).replaceChildren(...items.map((r) => reasonNode(r, "p")));
  }
  renderTable(result);
  document.getElementById("pipeline-unit").replaceChildren(...result.candidates.map((c) =>
    el("option", { value: c.unit, className: "data", textContent: `${tiedRank(c)}. ${c.unit} (${c.score.toFixed(2)})` })));
  return renderMap(result);
}

function request() {
  const number = (id) => {
    const v = document.getElementById(id).value.trim();
    return v === "" ? null : Number(v);
  };
  const text = (id) => document.getElementById(id).value.trim() || null;
  return {
    description: document.getElementById("description").value,
    amountYi: number("amountYi"),
    landMu: number("landMu"),
    origin: text("origin"),
    foreignInvested: document.getElementById("foreignInvested").checked,
    investor: text("investor"),
    firstContactUnit: text("firstContactUnit"),
  };
}

async function main() {
  setUpPage("place.heading");
  const info = document.getElementById("access");
  const s = await session();
  if (!s.signedIn) info.replaceChildren(t("place.signIn"), " ", signInLink());
  else if (s.user.role !== "investment" && s.user.role !== "admin") info.textContent = t("place.wrongRole");
  units = await getJson("/api/units");
  document.getElementById("firstContactUnit").append(...units.map((u) => el("option", { value: u.name, textContent: u.name, className: "data" })));

  const error = document.getElementById("form-error");
  async function place() {
    error.textContent = "";
    const button = document.getElementById("submit");
    button.disabled = true;
    try {
      const body = request();
      await render(await api("/api/placements", { method: "POST", body }));
      history.replaceState(null, "", shareableAddress(body));
    } catch (e) {
      if (e.status === 401) error.replaceChildren(t("place.signIn"), " ", signInLink());
      else error.textContent = problemText(e);
    } finally {
      button.disabled = false;
    }
  }
  document.getElementById("place-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void place();
  });
  document.getElementById("show-all").addEventListener("change", () => { if (lastResult) renderTable(lastResult); });

  const message = document.getElementById("pipeline-message");
  document.getElementById("pipeline-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const r = request();
    try {
      const added = await api("/api/pipeline", {
        method: "POST",
        body: {
          name: document.getElementById("pipeline-name").value, description: r.description, unit: document.getElementById("pipeline-unit").value,
          amountYi: r.amountYi, landMu: r.landMu, origin: r.origin, foreignInvested: r.foreignInvested, investor: r.investor,
          stage: document.getElementById("pipeline-stage").value,
        },
      });
      message.replaceChildren(t("place.added", added.id), data(added.name), ", ", data(added.unit), `, ${t(`place.stage.${added.stage}`)} (${added.stageOn})`);
    } catch (e) {
      message.textContent = problemText(e);
    }
  });
  // A shared address (?description=…) fills the form and places at once, for a user who may place.
  if (fillFromAddress() && s.signedIn && (s.user.role === "investment" || s.user.role === "admin")) await place();
  void lang;
}

/**
 * The address of a placement, to copy and share: the description, investment, land and origin — not the investor or the
 * first-contact unit, which stay off addresses (browser history, shared links).
 */
const SHARED_FIELDS = ["description", "amountYi", "landMu", "origin"];

function shareableAddress(body) {
  const params = new URLSearchParams();
  for (const field of SHARED_FIELDS) {
    if (body[field] !== null && body[field] !== undefined && String(body[field]).trim() !== "") params.set(field, String(body[field]));
  }
  return `/placement.html?${params}`;
}

/** Fills the form from the address's fields; true when it holds a description. */
function fillFromAddress() {
  const params = new URLSearchParams(location.search);
  for (const field of SHARED_FIELDS) {
    const value = params.get(field);
    const input = document.getElementById(field);
    if (value === null || !input) continue;
    if (input.tagName === "SELECT" && ![...input.options].some((o) => o.value === value)) continue;
    input.value = value.slice(0, 2000);
  }
  return (params.get("description") ?? "").trim() !== "";
}

run(main);
