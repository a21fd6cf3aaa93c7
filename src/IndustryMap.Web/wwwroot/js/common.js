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
  return marked(key, args).replace(/[⟦⟧]/g, "");
}

function marked(key, args) {
  const text = strings[lang][key] ?? strings.zh[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ""));
}

/**
 * An interface string as nodes: arguments may be nodes (data(name) keeps a unit name marked as data), and Chinese
 * names the English text keeps (⟦渝西⟧) become <span class="data" lang="zh-CN">.
 */
export function tn(key, ...args) {
  const text = strings[lang][key] ?? strings.zh[key] ?? key;
  const out = [];
  for (const part of text.split(/(⟦[^⟧]*⟧|\{\d+\})/)) {
    if (!part) continue;
    if (part.startsWith("⟦")) out.push(el("span", { className: "data", lang: "zh-CN", textContent: part.slice(1, -1) }));
    else if (/^\{\d+\}$/.test(part)) {
      const arg = args[Number(part.slice(1, -1))];
      out.push(arg instanceof Node ? arg : String(arg ?? ""));
    } else out.push(part);
  }
  return out;
}

/** Punctuation of the interface language: "：" or ": ", "（x）" or " (x)", "、" or ", ". */
export const colon = () => (lang === "en" ? ": " : "：");
export const paren = (...inner) => (lang === "en" ? [" (", ...inner, ")"] : ["（", ...inner, "）"]);
export const listSep = () => (lang === "en" ? ", " : "、");
/** Data items (names) joined with the language's separator, each marked as data. */
export const dataList = (items) => items.flatMap((x, i) => (i ? [listSep(), data(x)] : [data(x)]));

/** Replaces a node's children, leaving out null/undefined/false (DOM replaceChildren would print them as "null"). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** Server English that keeps Chinese names and units (“14100 亿元”): the Chinese runs marked as data in lang zh-CN. */
export function mixed(text) {
  return String(text ?? "").split(/([\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+)/).filter(Boolean).map((part) =>
    /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/.test(part) ? el("span", { className: "data", lang: "zh-CN", textContent: part }) : part);
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

/** A refused or failed request: the HTTP status and the RFC 7807 problem document (code, detail, errors) when there is one. */
export class ApiError extends Error {
  constructor(url, status, problem) {
    super(problem?.detail ?? problem?.title ?? `${status}`);
    this.url = url;
    this.status = status;
    this.problem = problem ?? null;
  }
}

let sessionPromise = null;

/** Who is signed in and the anti-forgery token for writes (GET /api/session), fetched once per page. */
export function session() {
  sessionPromise ??= fetch("/api/session", { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : { signedIn: false }))
    .catch(() => ({ signedIn: false }));
  return sessionPromise;
}

/**
 * The one request helper of every page: JSON in and out, the anti-forgery header on writes (a page signed in with the
 * cookie must send it, docs/security.md), a Blob/FormData/string body sent as is. Throws ApiError when refused.
 */
export async function api(url, { method = "GET", body, headers = {} } = {}) {
  const sent = { Accept: "application/json", ...headers };
  if (method !== "GET" && method !== "HEAD") {
    const s = await session();
    if (s.antiforgery) sent[s.antiforgery.headerName] = s.antiforgery.token;
  }
  let payload = body;
  if (body !== undefined && body !== null && !(body instanceof Blob) && !(body instanceof FormData) && typeof body !== "string") {
    sent["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, { method, headers: sent, body: payload, credentials: "same-origin" });
  const type = response.headers.get("Content-Type") ?? "";
  const data = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(url, response.status, data);
  return data;
}

export const getJson = (url) => api(url);

/** GET of the page's subject (a unit, a document, a plan named in the URL): a 404 makes the page say "not found: name". */
export async function getSubject(url, name) {
  try {
    return await api(url);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) error.notFoundName = name;
    throw error;
  }
}

/** A refusal in words: the problem's detail (Chinese from the API; the English detail or the code in English), rows listed. */
export function problemText(error) {
  if (!(error instanceof ApiError)) return t("requestFailed", error?.message ?? String(error));
  if (error.status === 401) return t("signInFirst");
  if (error.status === 403) return t("forbidden");
  const problem = error.problem ?? {};
  const detail = lang === "en" ? (problem.detailEn ?? (problem.code ? t("refused", problem.code) : null)) : problem.detail;
  return detail ?? t("requestFailed", error.status);
}

/** Shows a message (or an ApiError with its listed errors) in the page's #message box; an empty message hides it. */
export function say(message, kind = "error") {
  const box = document.getElementById("message");
  if (!box) return;
  box.className = `message ${message ? kind : ""}`;
  box.replaceChildren();
  if (!message) return;
  if (message instanceof ApiError || message instanceof Error) {
    box.append(problemText(message));
    const errors = message.problem?.errors;
    if (Array.isArray(errors) && errors.length) {
      box.append(el("ul", {}, errors.map((e) => el("li", {},
        e.row ? t("rowN", e.row) + " " : "",
        lang === "en" ? (e.messageEn ?? `${e.name ?? e.indicator ?? e.field ?? ""}: ${e.code ?? ""}`) : (e.message ?? `${e.name ?? e.indicator}：${e.code}`)))));
    }
  } else {
    box.append(String(message));
  }
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
export const documentHref = (doc, lines, focus) => `/document.html?doc=${encodeURIComponent(doc)}` + (lines ? `&lines=${encodeURIComponent(lines)}` : "") +
  (focus ? `&focus=${encodeURIComponent(focus)}` : "");

const NAV = [
  ["/", "nav.map"],
  ["/monitoring/", "nav.monitoring"],
  ["/placement.html", "nav.placement"],
  ["/plan.html", "nav.plans"],
  ["/checks.html", "nav.checks"],
  ["/registry.html?kind=parks", "nav.parks"],
  ["/registry.html?kind=enterprises", "nav.enterprises"],
  ["/registry.html?kind=projects", "nav.projects"],
  ["/registry.html?kind=tasks", "nav.tasks"],
  ["/document.html", "nav.documents"],
];

/** Pages of a section shown as a second row of navigation at the top of <main>. */
const SECTIONS = {
  monitoring: [
    ["/monitoring/", "mon.nav.home"],
    ["/monitoring/entry.html", "mon.nav.entry"],
    ["/monitoring/review.html", "mon.nav.review"],
    ["/monitoring/progress.html", "mon.nav.progress"],
    ["/monitoring/ranking.html", "mon.nav.ranking"],
    ["/monitoring/bulletin.html", "mon.nav.bulletin"],
  ],
};

const isCurrent = (href) => {
  const here = location.pathname + location.search;
  if (href === "/") return location.pathname === "/" || location.pathname === "/index.html";
  if (href.endsWith("/")) return location.pathname.startsWith(href);
  return here.startsWith(href);
};

/**
 * Fills the page's <header class="site"> (brand, navigation, the signed-in user with 退出 or a 登录 link, the language
 * switch) and <footer class="site">, translates data-i18n elements and sets the document title. Every page calls it.
 * `section` adds that section's navigation (e.g. "monitoring") at the top of <main>.
 */
export function setUpPage(titleKeyOrText, { literalTitle = false, section = null } = {}) {
  const header = document.querySelector("header.site");
  const nav = el("nav", { "aria-label": t("nav.main") },
    el("ul", {}, NAV.map(([href, key]) => {
      const current = href === "/monitoring/" ? location.pathname.startsWith("/monitoring/") : isCurrent(href);
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
  const who = el("div", { id: "session", className: "session", "aria-live": "polite" });
  if (header) {
    header.replaceChildren(
      el("div", { className: "brand" }, el("a", { href: "/", textContent: t("site.title") })),
      nav, who, switcher);
    fillSession(who);
  }
  if (section && SECTIONS[section]) {
    const main = document.querySelector("main");
    main?.prepend(el("nav", { className: "subnav no-print", "aria-label": t(`${section}.navLabel`) },
      el("ul", {}, SECTIONS[section].map(([href, key]) => el("li", {},
        el("a", { href, textContent: t(key), "aria-current": location.pathname === href || (href.endsWith("/") && location.pathname === `${href}index.html`) ? "page" : undefined }))))));
  }
  const footer = document.querySelector("footer.site");
  if (footer) footer.replaceChildren(el("p", {}, ...tn("foot"), " ", el("a", { href: "/openapi/v1.json", textContent: "/openapi/v1.json" })));
  translate(document);
  setTitle(titleKeyOrText, literalTitle);
}

/** Translates data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label) and data-i18n-title under root. */
export function translate(root) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.replaceChildren(...tn(node.dataset.i18n));
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  for (const node of root.querySelectorAll("[data-i18n-title]")) node.title = t(node.dataset.i18nTitle);
}

const signInHref = () => `/signin?returnUrl=${encodeURIComponent(location.pathname + location.search)}`;

/** A 登录 link that returns to this page. */
export const signInLink = () => el("a", { href: signInHref(), textContent: t("signIn") });

async function fillSession(box) {
  const s = await session();
  if (!s.signedIn) {
    box.replaceChildren(el("a", { href: signInHref(), textContent: t("signIn"), className: "signin" }));
    return;
  }
  const u = s.user;
  const out = el("button", { type: "button", className: "signout", textContent: t("signOut") });
  out.addEventListener("click", async () => {
    const headers = s.antiforgery ? { [s.antiforgery.headerName]: s.antiforgery.token } : {};
    await fetch("/signout", { method: "POST", headers, credentials: "same-origin" }).catch(() => null);
    location.href = "/";
  });
  box.replaceChildren(
    el("span", { className: "who", title: t("signedInAs", u.name) },
      el("span", { className: "data", textContent: u.displayName ?? u.name }),
      " · ", t(`role.${u.role}`), u.unit ? el("span", { className: "data", textContent: ` · ${u.unit}` }) : null),
    " ", el("a", { href: "/signin", textContent: t("account") }), " ", out);
}

export function setTitle(titleKeyOrText, literal = true) {
  const title = literal ? titleKeyOrText : t(titleKeyOrText);
  document.title = `${title} · ${t("site.short")}`;
}

/** Shows an error in the page's status region instead of a silent blank page; a 404 reads "not found". */
export function showError(error) {
  const status = document.getElementById("status") ?? document.querySelector("main");
  const text = error instanceof ApiError && error.status === 404 ? t("notFoundPage") : t("loadFailed", problemText(error));
  status.append(el("p", { className: "error", role: "alert", textContent: text }));
  console.warn(error);
}

/** A page whose subject (?name=, ?doc=, ?id=) does not exist: the heading says so, the empty sections go. */
export function showNotFound(what) {
  const heading = document.querySelector("main h1");
  if (heading) heading.replaceChildren(t("notFoundHeading"));
  for (const node of document.querySelectorAll("main > :not(h1):not(.subnav)")) node.remove();
  document.querySelector("main").append(
    el("p", { className: "not-found", role: "status" }, t("notFoundName"), " ", el("strong", { className: "data", textContent: what ?? "" })),
    el("p", {}, el("a", { href: "/", textContent: t("backToMap") })));
  document.title = `${t("notFoundHeading")} · ${t("site.short")}`;
}

/** Data as stored (a unit or industry name, document text): shown in every language as it is, marked for the language checks. */
export const data = (text, tag = "span", props = {}) => el(tag, { ...props, className: `data${props.className ? " " + props.className : ""}`, textContent: text ?? "" });

const beijing = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** A stored UTC instant (ISO-8601) for people: Beijing time "2026-12-02 04:52", the instant itself on hover. */
export function when(iso) {
  if (!iso) return el("span", { textContent: "—" });
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return el("span", { textContent: String(iso) });
  const parts = Object.fromEntries(beijing.formatToParts(date).map((p) => [p.type, p.value]));
  return el("time", { dateTime: iso, title: t("time.beijing"), textContent: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}` });
}

/** A number for people ("—" when there is none). */
export const number = (value, digits = 2) =>
  value === null || value === undefined || value === "" ? "—" : Number(value).toLocaleString("zh-CN", { maximumFractionDigits: digits });
/** A ratio (0.42) as a percentage ("42.0%"), "—" when there is none. */
export const percent = (ratio) => (ratio === null || ratio === undefined ? "—" : `${(Number(ratio) * 100).toFixed(1)}%`);

/** The 演示数据 mark on values made up by `industrymap demo`. */
export const demoBadge = () => el("span", { className: "demo", title: t("demo.title"), textContent: t("demo.badge") });

/** A workflow or progress status in words (submission states, bulletin states, progress statuses), styled by its code. */
export const statusBadge = (status) => el("span", { className: `status ${status}`, textContent: t(`status.${status}`) });

let documentTitles = null;

/** Documents by short title: "渝府办发〔2023〕87号" style numbers where printed, else the title; the id stays as the tooltip. */
export function documentLabel(id) {
  documentTitles ??= getJson("/api/documents").then((list) => new Map(list.map((d) => [d.id, d]))).catch(() => new Map());
  return documentTitles.then((map) => {
    const d = map.get(id);
    return { short: d ? shortTitle(d) : id, title: d ? `${d.id} · ${d.title}` : id };
  });
}

const shortTitle = (d) => d.shortTitle ?? d.number ?? d.title;

/**
 * A source citation: a disclosure that, when opened, shows the cited lines (fetched from the API) and links to the
 * document viewer scrolled to them. A source with a URL only links to the page it was taken from.
 */
export function sourceView(source, { focus } = {}) {
  if (!source) return null;
  if (source.public) return publicSourceView(source.public);
  if (!source.document || !source.lines) {
    if (source.url && isWebUrl(source.url)) return el("a", { className: "source-url", href: source.url, rel: "noopener noreferrer", textContent: t("sourceUrl") });
    if (source.url) return el("span", { className: "source-url", textContent: source.url }); // not a web address: shown, never linked
    if (source.enteredBy) return el("span", { className: "source-entered" }, t("entered"), data(source.enteredBy));
    return null;
  }
  const details = el("details", { className: "source" });
  const summary = el("summary", { textContent: t("sourceOf", source.document, source.lines), title: source.document });
  documentLabel(source.document).then((d) => {
    summary.replaceChildren(t("sourceOfPre"), el("span", { className: "data", textContent: d.short }), t("sourceOfPost", source.lines));
    summary.title = d.title;
  });
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
        el("p", { className: "source-title data", textContent: excerpt.title }),
        el("ol", { className: "lines excerpt data", start: excerpt.from },
          excerpt.lines.map((line) => el("li", { value: line.number }, ...cleanLine(line.text, focus ? columnOf(excerpt.lines, focus) : -1)))),
        el("a", { href: documentHref(source.document, source.lines, focus), textContent: t("unit.openDocument") }));
    } catch (error) {
      loaded = false;
      body.replaceChildren(el("p", { className: "error", textContent: t("loadFailed", problemText(error)) }));
    }
  });
  return details;
}

/**
 * A stored line as people should read it. Seed 000 keeps the web page's list markup in its text
 * (`<ul style="list-style-type: none"> ➤ 主导产业 <ul …> • 精密铜材 …`) and puts side-by-side columns on one line,
 * separated by tabs. The text stays as stored (byte-exact in the API and in data-raw); here the tags are dropped, each
 * "➤ heading" becomes a list item with its "• items" as a nested list, and each tab-separated column its own block.
 * `focusColumn` (0-based) marks the column of the cited unit.
 */
export function cleanLine(text, focusColumn = -1) {
  const structured = /<\/?[a-z][^>]*>/i.test(text) || /\t/.test(text);
  if (!structured) return [text];
  const columns = text.split("\t").map((c) => c.replace(/<\/?[a-z][^>]*>/gi, " ").replace(/\s+/g, " ").trim());
  const column = (c) => {
    if (!c.includes("➤") && !c.includes("•")) return c;
    const sections = c.split("➤").map((x) => x.trim()).filter(Boolean);
    return el("ul", { className: "clean-list" }, sections.map((section) => {
      const [head, ...items] = section.split("•").map((x) => x.trim());
      return el("li", {}, head, items.length ? el("ul", {}, items.filter(Boolean).map((i) => el("li", { textContent: i }))) : null);
    }));
  };
  const row = el("div", { className: "columns", dataset: { raw: text } }, columns.map((c, i) =>
    el("div", { className: `column${i === focusColumn ? " focus" : ""}` }, column(c))));
  return [row];
}

/** The column (0-based) of a tab-separated line that names `name`, or -1. */
export const columnOf = (lines, name) => {
  for (const line of lines) {
    const index = line.text.split("\t").findIndex((c) => c.trim() === name);
    if (index >= 0) return index;
  }
  return -1;
};
// ---- public sources (issue 11, decision 0010) ----

/** Only http(s) addresses become links (a javascript: or data: URL never does). */
export function isWebUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * A link to a public page (title as text, publisher and dates on hover), or the title alone when the URL is not http(s).
 * The title is the page's own words: data, shown as printed in both languages.
 */
export function sourceLink(page) {
  const title = `${page.publisher}${listSep()}${t("tier.public.published")} ${page.published ?? "—"}${listSep()}${t("tier.public.retrieved")} ${page.retrieved}`;
  const props = { className: "source-public-link data", lang: "zh-CN", textContent: page.title, title };
  return isWebUrl(page.url) ? el("a", { ...props, href: page.url, rel: "noopener noreferrer" }) : el("span", props);
}

/** A public-tier citation: the note 来自公开资料 (outlined badge) and the page, its publisher and date as printed (data). */
export function publicSourceView(page) {
  return el("span", { className: "source-public" }, el("span", { className: "tier-badge tier-public", textContent: t("tier.public.note") }), " ", sourceLink(page),
    el("span", { className: "source-public-meta" }, ...paren(data(page.publisher), listSep(), page.published ?? "—")));
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
  const ready = () => {
    performance.mark("page-ready");
    document.body.dataset.ready = "true";
  };
  main().then(ready, (error) => {
    if (error instanceof ApiError && error.status === 404 && error.notFoundName !== undefined) showNotFound(error.notFoundName);
    else showError(error);
    ready();
  });
}

/** Reads ?name= style parameters. */
export const param = (name) => new URLSearchParams(location.search).get(name);
