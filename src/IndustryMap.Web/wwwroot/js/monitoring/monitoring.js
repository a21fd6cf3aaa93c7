// What the monitoring pages (issue 7) share beyond common.js: periods, measures, checks and workflow history in words.
// Built on common.js (el, t, api): there is no second set of page helpers.
import { el, t, lang, api, data, when, statusBadge } from "../common.js";

/** A reporting period for people: the server's Chinese name ("2025年第三季度"), or "2025 Q3" in English. */
export function periodName(code, zhName) {
  if (lang !== "en") return zhName ?? code ?? "—";
  const m = /^(\d{4})(?:Q([1-4])|-(\d{2}))?$/.exec(code ?? "");
  if (!m) return code ?? "—";
  if (m[2]) return `${m[1]} Q${m[2]}`;
  if (m[3]) return new Date(Date.UTC(Number(m[1]), Number(m[3]) - 1, 1)).toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });
  return m[1];
}

/** Fills a <select> with the reporting periods (of one frequency), choosing `chosen` or the latest. */
export async function fillPeriods(select, frequency, chosen) {
  const periods = await api("/api/periods" + (frequency ? `?frequency=${frequency}` : ""));
  select.replaceChildren(...periods.map((p) => el("option", { value: p.code, selected: p.code === chosen, textContent: periodName(p.code, p.name) })));
  return periods;
}

/** A ranking measure (value, growth, completion) in words. */
export const measureName = (measure, zhName) => (lang === "en" ? t(`mon.measure.${measure}`) : zhName ?? t(`mon.measure.${measure}`));

/** An indicator named as the plan names it (data), with a measure in words. */
export const indicatorWithMeasure = (name, measure, zhName) => el("span", {}, data(name), " ", measureName(measure, zhName));

/** A value check of a form line: the server's Chinese message, or its code in English words. */
export function checkText(check, line = {}) {
  if (lang !== "en") return check.message;
  return t(`mon.check.${check.code}`, line.min ?? "", line.max ?? "");
}

/** A submission's history in words: when (Beijing time), who, what, from which state to which, the comment. */
export function historyItem(e) {
  return el("li", {}, when(e.at), " ", data(e.actor), " ", t(`mon.action.${e.action}`), " ",
    e.fromState ? statusBadge(e.fromState) : null, e.fromState ? " → " : null, statusBadge(e.toState),
    e.comment ? el("span", {}, t("mon.comment"), data(e.comment)) : null);
}

/** The allowed range of a value in words; nothing when there are no bounds, one side when only one is set. */
export function rangeText(min, max) {
  const hasMin = min !== undefined && min !== null;
  const hasMax = max !== undefined && max !== null;
  if (hasMin && hasMax) return t("mon.range.both", min, max);
  if (hasMin) return t("mon.range.min", min);
  if (hasMax) return t("mon.range.max", max);
  return "";
}

/** Change of rank in words: ↑2, ↓1, — (same), or 新进 (no rank last period). */
export const rankChange = (line) => line.rankChange > 0 ? `↑${line.rankChange}` : line.rankChange < 0 ? `↓${-line.rankChange}` : line.previousRank ? "—" : t("mon.rank.new");
