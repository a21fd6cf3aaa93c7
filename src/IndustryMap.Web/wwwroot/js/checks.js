// The consistency page: the findings of /api/checks grouped by kind (冲突, 复述, 级联不符, 增速不符, 计数不符, 分级不一,
// 数据质量) or by plan, each side linked to its lines, and how many findings are problems. Problems first; findings
// that agree (and restatements, which are never problems) can be shown too.
import { el, t, lang, data, mixed, colon, paren, getJson, setUpPage, quantity, sourceView, param, run } from "./common.js";

setUpPage("checks.heading");

const KIND_EN = { conflict: "conflict", restatement: "restatement", cascade: "parts vs whole", growth: "growth rate", count: "count", tier: "tier", quality: "data quality" };

async function main() {
  const [report, plans] = await Promise.all([getJson("/api/checks"), getJson("/api/plans")]);
  const content = document.getElementById("content");
  const kindName = (kind) => (lang === "en" ? KIND_EN[kind] ?? kind : report.kinds.find((k) => k.kind === kind)?.name ?? kind);
  const showAll = el("input", { type: "checkbox", id: "show-all" });
  const groupBy = el("select", { id: "group-by" }, el("option", { value: "kind", textContent: t("checks.byKind") }), el("option", { value: "plan", textContent: t("checks.byPlan") }));
  groupBy.value = param("by") === "plan" ? "plan" : "kind";
  content.append(
    el("p", { className: "summary", id: "checks-summary", textContent: t("checks.summary", report.total, report.problems) }),
    el("ul", { className: "kinds", id: "checks-kinds" }, report.kinds.map((k) => el("li", { dataset: { kind: k.kind }, textContent: t("checks.kindCount", kindName(k.kind), k.total, k.problems) }))),
    el("p", {}, el("label", { for: "group-by", textContent: t("checks.groupBy") }), groupBy, " ", showAll, " ", el("label", { for: "show-all", textContent: t("checks.showAll") })));
  const list = el("div", { id: "findings" });
  content.append(list);
  const render = () => {
    const shown = report.findings.filter((f) => showAll.checked || f.status !== "agrees");
    const groups = groupBy.value === "plan"
      ? plans.map((p) => ({ key: p.id, title: p.title, findings: shown.filter((f) => f.plan === p.id) }))
      : report.kinds.map((k) => ({ key: k.kind, title: kindName(k.kind), findings: shown.filter((f) => f.kind === k.kind) }));
    list.replaceChildren(...groups.filter((g) => g.findings.length > 0).map((g) =>
      el("section", { "aria-label": g.title, dataset: { group: g.key } },
        el("h2", {}, groupBy.value === "plan" ? data(g.title) : g.title, ...paren(g.findings.length)),
        g.findings.map((f) => finding(f, groupBy.value === "plan" ? kindName(f.kind) : plans.find((p) => p.id === f.plan)?.title ?? f.plan)))));
  };
  groupBy.addEventListener("change", render);
  showAll.addEventListener("change", render);
  render();
}

function finding(f, context) {
  const problem = f.status === "conflict" || f.status === "mismatch" || f.status === "incomplete";
  const card = el("article", { className: `card finding status-${f.status}`, dataset: { status: f.status, kind: f.kind } },
    el("h3", {}, el("span", { className: `badge ${problem ? "conflict" : ""}`, textContent: t(`checks.status.${f.status}`) }), " ", data(f.title),
      el("span", { className: "muted", textContent: " · " }), data(context, "span", { className: "muted" })),
    lang === "en" && f.messageEn ? el("p", {}, ...mixed(f.messageEn)) : lang === "en" ? el("p", { textContent: f.message, className: "data" })
      : el("p", {}, ...(f.kind === "quality" ? withNotes(f.message) : [f.message])));
  if (f.expected !== undefined || f.actual !== undefined) {
    card.append(el("p", {}, t("checks.expected"), quantity(f.expected, f.unit), t("checks.actual"), quantity(f.actual, f.unit),
      f.difference !== undefined ? [t("checks.difference"), quantity(f.difference, f.unit)] : null));
  }
  card.append(el("ul", {}, f.items.map((i) => el("li", {}, data(i.label), colon(), quantity(i.value, i.unit), i.printed ? el("span", { className: "muted data", textContent: ` “${i.printed}”` }) : null, " ",
    sourceView(i.source)))));
  return card;
}

/**
 * A data-quality finding quotes the seed row's own quality note, which the curators wrote in English
 * (“shifted columns: …”): in the Chinese message its ASCII runs are that stored note, marked as data in lang en.
 */
function withNotes(message) {
  return String(message).split(/([\x20-\x7e]*[A-Za-z][\x20-\x7e]*)/).filter(Boolean).map((part) =>
    /[A-Za-z]/.test(part) ? el("span", { className: "data", lang: "en", textContent: part }) : part);
}

run(main);
