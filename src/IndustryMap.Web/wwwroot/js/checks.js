// The consistency page: the findings of /api/checks (conflicting statements, cascades whose parts do not add up to
// the whole, growth rates that do not follow from their own baseline and target), grouped by plan, each item linked
// to its source. Problems first; findings that agree can be shown too.
import { el, t, lang, data, mixed, colon, paren, getJson, setUpPage, quantity, sourceView, run } from "./common.js";

setUpPage("checks.heading");


async function main() {
  const [report, plans] = await Promise.all([getJson("/api/checks"), getJson("/api/plans")]);
  const content = document.getElementById("content");
  const showAll = el("input", { type: "checkbox", id: "show-all" });
  content.append(el("p", { className: "summary" },
    t("checks.summary", report.total, report.problems), " ",
    Object.entries(report.byStatus).map(([s, n]) => `${label(s)} ${n}`).join(" · ")),
  el("p", {}, showAll, " ", el("label", { for: "show-all", textContent: t("checks.showAll") })));
  const list = el("div", { id: "findings" });
  content.append(list);
  const render = () => {
    list.replaceChildren();
    for (const plan of plans) {
      const findings = report.findings.filter((f) => f.plan === plan.id && (showAll.checked || f.status !== "agrees"));
      if (findings.length === 0) continue;
      list.append(el("section", { "aria-labelledby": `plan-${plan.id}` }, el("h2", { id: `plan-${plan.id}` }, data(plan.title), ...paren(findings.length)), findings.map(finding)));
    }
  };
  showAll.addEventListener("change", render);
  render();
}

const label = (status) => t(`checks.status.${status}`);

function finding(f) {
  const card = el("article", { className: `card finding status-${f.status}`, dataset: { status: f.status, kind: f.kind } },
    el("h3", {}, el("span", { className: `badge ${f.status === "agrees" ? "" : "conflict"}`, textContent: label(f.status) }), " ", data(f.title)),
    lang === "en" && f.messageEn ? el("p", {}, ...mixed(f.messageEn)) : el("p", { textContent: f.message, className: lang === "en" ? "data" : "" }));
  if (f.expected !== undefined || f.actual !== undefined) {
    card.append(el("p", {}, t("checks.expected"), quantity(f.expected, f.unit), t("checks.stated"), quantity(f.actual, f.unit),
      f.difference !== undefined ? [t("checks.difference"), quantity(f.difference, f.unit)] : null));
  }
  card.append(el("ul", {}, f.items.map((i) => el("li", {}, data(i.label), colon(), quantity(i.value, i.unit), i.printed ? el("span", { className: "muted data", textContent: ` “${i.printed}”` }) : null, " ",
    sourceView(i.source)))));
  return card;
}

run(main);
