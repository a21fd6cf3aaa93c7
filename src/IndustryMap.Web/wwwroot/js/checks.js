// The consistency page: the findings of /api/checks (conflicting statements, cascades whose parts do not add up to
// the whole, growth rates that do not follow from their own baseline and target), grouped by plan, each item linked
// to its source. Problems first; findings that agree can be shown too.
import { el, t, lang, getJson, setUpPage, quantity, sourceView, run } from "./common.js";

setUpPage("checks.heading");

const STATUS_LABEL = {
  conflict: ["冲突", "conflict"], mismatch: ["不一致", "mismatch"], incomplete: ["不完整", "incomplete"], agrees: ["一致", "agrees"],
};

async function main() {
  const [report, plans] = await Promise.all([getJson("/api/checks"), getJson("/api/plans")]);
  const content = document.getElementById("content");
  const showAll = el("input", { type: "checkbox", id: "show-all" });
  content.append(el("p", { className: "summary" },
    lang === "en" ? `${report.total} checks, ${report.problems} problems. ` : `共 ${report.total} 项检查，发现 ${report.problems} 个问题。`,
    Object.entries(report.byStatus).map(([s, n]) => `${label(s)} ${n}`).join(" · ")),
  el("p", {}, showAll, " ", el("label", { for: "show-all", textContent: lang === "en" ? "Also show checks that agree" : "同时显示一致的检查结果" })));
  const list = el("div", { id: "findings" });
  content.append(list);
  const render = () => {
    list.replaceChildren();
    for (const plan of plans) {
      const findings = report.findings.filter((f) => f.plan === plan.id && (showAll.checked || f.status !== "agrees"));
      if (findings.length === 0) continue;
      list.append(el("section", { "aria-label": plan.title }, el("h2", { textContent: `${plan.title}（${findings.length}）` }), findings.map(finding)));
    }
  };
  showAll.addEventListener("change", render);
  render();
}

const label = (status) => (STATUS_LABEL[status] ?? [status, status])[lang === "en" ? 1 : 0];

function finding(f) {
  const card = el("article", { className: `card finding status-${f.status}`, dataset: { status: f.status, kind: f.kind } },
    el("h3", {}, el("span", { className: `badge ${f.status === "agrees" ? "" : "conflict"}`, textContent: label(f.status) }), " ", f.title),
    el("p", { textContent: lang === "en" ? f.messageEn : f.message }));
  if (f.expected !== undefined || f.actual !== undefined) {
    card.append(el("p", {}, lang === "en" ? "expected " : "应为 ", quantity(f.expected, f.unit), lang === "en" ? " · stated " : " · 实为 ", quantity(f.actual, f.unit),
      f.difference !== undefined ? [lang === "en" ? " · difference " : " · 差 ", quantity(f.difference, f.unit)] : null));
  }
  card.append(el("ul", {}, f.items.map((i) => el("li", {}, `${i.label}：`, quantity(i.value, i.unit), i.printed ? el("span", { className: "muted", textContent: ` “${i.printed}”` }) : null, " ",
    sourceView(i.source)))));
  return card;
}

run(main);
