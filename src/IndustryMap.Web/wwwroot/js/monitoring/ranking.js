// 赛马排名: the composite index of a period per peer group, rank change, and the drill-down to the values behind each score.
// A period with no approved values says so instead of ranking every unit first with 0 points.
import { el, fill, t, lang, api, say, data, number, demoBadge, param, session, signInLink, setUpPage, run } from "../common.js";
import { fillPeriods, periodName, measureName, rankChange } from "./monitoring.js";

setUpPage("mon.nav.ranking", { section: "monitoring" });
const pick = (id) => document.getElementById(id);

/** Whether a ranking has any value behind it (an approved submission of some unit for some indicator). */
export const hasValues = (ranking) => ranking.groups.some((g) => g.units.some((u) => u.scores.some((s) => s.value !== undefined && s.value !== null)));

const normalizationName = (r) => (lang === "en" ? t(`mon.normalization.${r.normalization}`) : r.normalizationName);

function drill(ranking, group, line) {
  pick("drill").hidden = false;
  fill(pick("drill-title"), data(line.unit), " · ", data(ranking.indexName), " · ", data(group.group), " ",
    t("mon.rank.place", line.rank, number(line.score)), line.demo ? demoBadge() : null);
  const cell = (label, props, ...children) => el("td", { ...props, dataset: { label: t(label) } }, ...children);
  pick("drill-rows").replaceChildren(...line.scores.map((s) => el("tr", {},
    cell("mon.col.indicator", {}, data(s.name)), cell("mon.col.measure", {}, measureName(s.measure, s.measureName)),
    cell("mon.col.valueShort", { className: "num" }, number(s.value, 4), s.target !== undefined && s.target !== null ? ` (${t("mon.rank.target", number(s.target))})` : ""),
    cell("mon.col.score", { className: "num" }, number(s.score)), cell("mon.col.weight", { className: "num" }, number(s.weight, 4)),
    cell("mon.col.used", {}, ...s.submitted.map((v) => el("div", {},
      el("a", { href: `/monitoring/entry.html?unit=${encodeURIComponent(line.unit)}&period=${encodeURIComponent(v.period)}`, textContent: periodName(v.period) }), `: ${number(v.value, 4)}`,
      v.demo ? demoBadge() : null))))));
  pick("drill").scrollIntoView({ behavior: "smooth" });
}

async function load() {
  const query = new URLSearchParams({ period: pick("period").value, includeDemo: pick("demo").checked });
  if (pick("index").value) query.set("index", pick("index").value);
  try {
    const rankings = await api("/api/rankings?" + query);
    const out = pick("rankings");
    out.replaceChildren();
    if (rankings.length === 0) out.append(el("p", { className: "empty" }, t("mon.rank.noIndex")));
    for (const r of rankings) {
      out.append(el("h2", {}, data(r.indexName), r.demo ? demoBadge() : null),
        el("p", { className: "muted" }, periodName(r.period, r.periodName), r.previousPeriod ? t("mon.rank.comparedWith", periodName(r.previousPeriod)) : "", "; ",
          normalizationName(r), "; ", ...r.indicators.flatMap((i, n) => [n ? ", " : "", data(i.name), " ", measureName(i.measure, i.measureName), " ", t("mon.rank.weight", i.weight)])));
      if (!hasValues(r)) {
        out.append(el("p", { className: "empty", dataset: { empty: "no-values" } }, t("mon.rank.noValues", periodName(r.period, r.periodName))));
        continue;
      }
      for (const g of r.groups) {
        const table = el("table", { className: "cards-on-phone" }, el("caption", {}, data(g.group)),
          el("thead", {}, el("tr", {}, el("th", { scope: "col", textContent: t("mon.col.rank") }), el("th", { scope: "col", textContent: t("mon.unit") }),
            el("th", { scope: "col", className: "num", textContent: t("mon.col.composite") }), el("th", { scope: "col", textContent: t("mon.col.change") }),
            ...r.indicators.map((i) => el("th", { scope: "col", className: "num" }, data(i.name), " ", measureName(i.measure, i.measureName))))));
        const body = el("tbody");
        for (const line of g.units) {
          const row = el("tr", { className: "clickable", tabIndex: 0 },
            el("td", { dataset: { label: t("mon.col.rank") } }, String(line.rank)),
            el("td", { dataset: { label: t("mon.unit") } }, data(line.unit), line.missing ? el("span", { className: "muted" }, " ", t("mon.rank.missing", line.missing)) : null),
            el("td", { className: "num", dataset: { label: t("mon.col.composite") } }, number(line.score)),
            el("td", { dataset: { label: t("mon.col.change") } }, rankChange(line)),
            ...line.scores.map((s, i) => el("td", { className: "num", dataset: { label: r.indicators[i]?.name ?? "" } }, t("mon.rank.valueScore", number(s.value), number(s.score, 1)))));
          row.addEventListener("click", () => drill(r, g, line));
          row.addEventListener("keydown", (e) => { if (e.key === "Enter") drill(r, g, line); });
          body.append(row);
        }
        table.append(body);
        out.append(el("div", { className: "table-wrap" }, table));
      }
    }
    say("");
  } catch (e) { say(e); }
}

run(async () => {
  const s = await session();
  if (!s.signedIn) { pick("status").append(el("p", { className: "notice" }, t("mon.signInFirst"), " ", signInLink())); return; }
  const indexes = await api("/api/rankings/indexes");
  pick("index").append(...indexes.map((i) => el("option", { value: i.code, textContent: i.name, className: "data" })));
  const frequency = indexes[0]?.frequency ?? "quarter";
  await fillPeriods(pick("period"), frequency, param("period"));
  pick("load").addEventListener("click", load);
  if (pick("period").value) await load();
});
