// Shared by every page: language, the site header, DOM building, API calls, sources and number formatting.
// Everything from the data is put on the page with textContent or attributes, never parsed as HTML, and no page
// has inline script or inline event handlers (the app is served with a Content-Security-Policy without 'unsafe-inline').
import { strings } from "./i18n.js";

const LANG_KEY = "industrymap.lang";

export const lang = (() => {
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if (stored === "en" || stored === "zh") return stored;
  } catch { /* storage blocked: default */ }
  return "zh";
})();
document.documentElement.lang = lang === "en" ? "en" : "zh-CN";

/** An interface string, with {0}, {1} … replaced by the arguments. */
export function t(key, ...args) {
  const text = strings[lang][key] ?? strings.zh[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ""));
}

/**
 * True for a URL that may become a link: http(s), absolute or relative to this site. javascript:, data:, vbscript: and
 * anything else are not (issue 10 §7) — el() drops such an href, so no page can link one.
 */
export function isSafeHref(value) {
  try {
    return ["http:", "https:"].includes(new URL(String(value), location.href).protocol);
  } catch {
    return false;
  }
}

/** True for an absolute http(s) URL: what a source taken from a web page may link to. */
export const isWebUrl = (value) => /^https?:\/\//i.test(String(value)) && isSafeHref(value);

/** Builds an element: props are assigned as properties (textContent, className, href …), children appended as nodes or text. An href that is not http(s) is left out. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === "href" && !isSafeHref(value)) continue;
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("aria-") || key === "role" || key === "scope" || key === "for") node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = `${response.status}`;
    try { detail = (await response.json()).detail ?? detail; } catch { /* not a problem document */ }
    const error = new Error(`${url}: ${detail}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

let apiPaths = null;

/** Whether the API has a path (from its OpenAPI document), so pages can ask for features that may not exist yet without a 404. */
export async function apiHas(path) {
  apiPaths ??= getJson("/openapi/v1.json").then((doc) => new Set(Object.keys(doc.paths ?? {}))).catch(() => new Set());
  return (await apiPaths).has(path);
}

/** GET of an endpoint another feature adds: resolves to null while the API does not have it (yet). */
export async function getOptionalJson(url) {
  const path = new URL(url, location.origin).pathname;
  if (!(await apiHas(path))) return null;
  return getJson(url);
}

export const unitHref = (name) => `/unit.html?name=${encodeURIComponent(name)}`;
export const clusterHref = (name) => `/cluster.html?name=${encodeURIComponent(name)}`;
export const documentHref = (doc, lines) => `/document.html?doc=${encodeURIComponent(doc)}` + (lines ? `&lines=${encodeURIComponent(lines)}` : "");

const NAV = [
  ["/", "nav.map"],
  ["/placement.html", "nav.placement"],
  ["/plan.html", "nav.plans"],
  ["/checks.html", "nav.checks"],
  ["/registry.html?kind=parks", "nav.parks"],
  ["/registry.html?kind=enterprises", "nav.enterprises"],
  ["/registry.html?kind=projects", "nav.projects"],
  ["/registry.html?kind=tasks", "nav.tasks"],
  ["/document.html", "nav.documents"],
];

/** Fills the page's <header> and <footer>, translates data-i18n elements and sets the document title. */
export function setUpPage(titleKeyOrText, { literalTitle = false } = {}) {
  const header = document.querySelector("header.site");
  const here = location.pathname + location.search;
  const nav = el("nav", { "aria-label": t("nav.main") },
    el("ul", {}, NAV.map(([href, key]) => {
      const current = href === "/" ? location.pathname === "/" || location.pathname === "/index.html" : here.startsWith(href);
      return el("li", {}, el("a", { href, textContent: t(key), "aria-current": current ? "page" : undefined }));
    })));
  const switcher = el("button", {
    type: "button", className: "lang", id: "lang-switch", textContent: t("lang.switch"), "aria-label": t("lang.switchLabel"),
    lang: lang === "en" ? "zh-CN" : "en",
  });
  switcher.addEventListener("click", () => {
    try { localStorage.setItem(LANG_KEY, lang === "en" ? "zh" : "en"); } catch { /* storage blocked: nothing to remember */ }
    location.reload();
  });
  header.replaceChildren(
    el("div", { className: "brand" }, el("a", { href: "/", textContent: t("site.title") })),
    nav,
    switcher);
  const footer = document.querySelector("footer.site");
  if (footer) footer.replaceChildren(el("p", {}, t("foot"), " ", el("a", { href: "/openapi/v1.json", textContent: "/openapi/v1.json" })));
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of document.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  setTitle(titleKeyOrText, literalTitle);
}

export function setTitle(titleKeyOrText, literal = true) {
  const title = literal ? titleKeyOrText : t(titleKeyOrText);
  document.title = `${title} · ${t("site.short")}`;
}

/** Shows an error in the page's status region instead of a silent blank page. */
export function showError(error) {
  const status = document.getElementById("status") ?? document.querySelector("main");
  status.append(el("p", { className: "error", role: "alert", textContent: t("loadFailed", error.message) }));
  console.warn(error);
}

/**
 * A source citation: a disclosure that, when opened, shows the cited lines (fetched from the API) and links to the
 * document viewer scrolled to them. A source with a URL only links to the page it was taken from.
 */
export function sourceView(source) {
  if (!source) return null;
  if (!source.document || !source.lines) {
    if (source.url && isWebUrl(source.url)) return el("a", { className: "source-url", href: source.url, rel: "noopener noreferrer", textContent: t("sourceUrl") });
    if (source.url) return el("span", { className: "source-url", textContent: source.url }); // not a web address: shown, never linked
    if (source.enteredBy) return el("span", { className: "source-entered", textContent: t("entered", source.enteredBy) });
    return null;
  }
  const details = el("details", { className: "source" });
  const summary = el("summary", { textContent: t("sourceOf", source.document, source.lines), title: t("unit.showSource") });
  const body = el("div", { className: "source-body" });
  details.append(summary, body);
  let loaded = false;
  details.addEventListener("toggle", async () => {
    if (!details.open || loaded) return;
    loaded = true;
    body.replaceChildren(el("p", { textContent: t("loading") }));
    try {
      const excerpt = await getJson(`/api/documents/${encodeURIComponent(source.document)}/lines/${encodeURIComponent(source.lines)}`);
      body.replaceChildren(
        el("p", { className: "source-title", textContent: excerpt.title }),
        el("ol", { className: "lines excerpt", start: excerpt.from },
          excerpt.lines.map((line) => el("li", { value: line.number, textContent: line.text }))),
        el("a", { href: documentHref(source.document, source.lines), textContent: t("unit.openDocument") }));
    } catch (error) {
      loaded = false;
      body.replaceChildren(el("p", { className: "error", textContent: t("loadFailed", error.message) }));
    }
  });
  return details;
}

const integer = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
const exactFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 20 });

/**
 * A value with its unit, the Chinese way: money above 1 亿 is shown in 亿元 (万亿元 above 1 万亿), and the exact
 * stated digits go into the title (hover) so nothing is lost by rounding. Returns {text, exact}.
 */
export function formatQuantity(value, unit) {
  if (value === null || value === undefined || value === "") return { text: "—", exact: "" };
  const number = Number(value);
  const exact = `${typeof value === "string" ? value : exactFormat.format(number)}${unit ? " " + unit : ""}`;
  if (!Number.isFinite(number)) return { text: exact, exact };
  const yuan = { "元": 1, "万元": 1e4, "亿元": 1e8 }[unit ?? ""];
  if (yuan !== undefined) {
    const inYuan = number * yuan;
    if (Math.abs(inYuan) >= 1e12) return { text: `${decimal.format(inYuan / 1e12)} 万亿元`, exact };
    if (Math.abs(inYuan) >= 1e8) return { text: `${decimal.format(inYuan / 1e8)} 亿元`, exact };
    if (Math.abs(inYuan) >= 1e4) return { text: `${decimal.format(inYuan / 1e4)} 万元`, exact };
    return { text: `${decimal.format(inYuan)} 元`, exact };
  }
  const shown = Number.isInteger(number) ? integer.format(number) : decimal.format(number);
  return { text: unit ? `${shown} ${unit}` : shown, exact };
}

/** A <data> element showing a quantity with its unit, the exact value on hover. */
export function quantity(value, unit) {
  const { text, exact } = formatQuantity(value, unit);
  return el("data", { value: value ?? "", textContent: text, title: exact ? t("num.exact", exact) : undefined, className: "num" });
}

/** Runs a page's main function: marks the page ready (for tests and benchmarks) or shows the error. */
export function run(main) {
  main().then(() => {
    performance.mark("page-ready");
    document.body.dataset.ready = "true";
  }, showError);
}

/** Reads ?name= style parameters. */
export const param = (name) => new URLSearchParams(location.search).get(name);
