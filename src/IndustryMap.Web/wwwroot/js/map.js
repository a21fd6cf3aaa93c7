// The home page: the 2023 layout on the map, chosen by cluster, sub-industry or product, with a legend, the 一区两群
// view and a keyboard-navigable list of the same data. The choice lives in the URL (?industry=…&kind=…&view=groups).
import { el, t, tn, data, colon, paren, listSep, dataList, getJson, setUpPage, showError, unitHref, clusterHref, run, sourceLink } from "./common.js";
import { loadChongqing } from "./geo.js";
import { catalogEntries, byUnit, statusFor, countStatuses, STATUS, mapGroupOf, isYuxi, GROUP_ORDER } from "./layout.js";
import { createLayoutMap, statusText, GROUP_STYLE } from "./mapview.js";

setUpPage("site.title");
performance.mark("map-start");

const ORDER = { [STATUS.dominant]: 0, [STATUS.characteristic]: 1, [STATUS.none]: 2, [STATUS.notRecorded]: 3 };

/** The note 来自公开资料 with links to the pages, for a unit whose layout comes from public sources (issue 11 §1). */
function publicNote(designations) {
  const pages = [...new Map(designations.filter((d) => d.sourceTier === "public" && d.source?.public)
    .map((d) => [d.source.public.url, d.source.public])).values()];
  if (pages.length === 0) return "";
  return el("span", { className: "public-note" }, ...paren(t("tier.public.note"), colon(),
    ...pages.flatMap((p, i) => [i > 0 ? listSep() : "", sourceLink(p)])));
}

async function main() {
  const [units, designations, clusters, coverage] = await Promise.all([getJson("/api/units"), getJson("/api/layouts/2023"), getJson("/api/clusters"),
    getJson("/api/layouts/2023/summary")]);
  const geo = await loadChongqing(units);
  const rowsByUnit = byUnit(designations);
  const entries = catalogEntries(clusters);
  const params = new URLSearchParams(location.search);
  let entry = findEntry(entries, params.get("industry"), params.get("kind"));
  let mode = params.get("view") === "groups" ? "groups" : "layout";

  const input = document.getElementById("industry");
  const mapView = createLayoutMap(document.getElementById("map"), { units, rowsByUnit, geo }, {
    onReady: () => {
      performance.mark("map-interactive");
      document.body.dataset.mapReady = "true";
    },
  });

  function render() {
    mapView.update({ mode, entry });
    renderLegend();
    renderSummary();
    renderList();
    input.value = entry?.name ?? "";
    for (const radio of document.querySelectorAll("input[name=view]")) radio.checked = radio.value === mode;
    const query = new URLSearchParams();
    if (entry) {
      query.set("industry", entry.name);
      query.set("kind", entry.kind);
    }
    if (mode === "groups") query.set("view", "groups");
    history.replaceState(null, "", query.toString() ? `?${query}` : location.pathname);
  }

  function renderSummary() {
    const summary = document.getElementById("summary");
    if (mode === "groups") {
      summary.replaceChildren(...tn("map.groups.summary"));
      return;
    }
    const counts = countStatuses(units, rowsByUnit, entry);
    // Issue 11 §5: how many units the seeds, public sources and nobody record.
    const tiers = el("span", { id: "coverage", textContent: t("map.coverage", coverage.seed, coverage.public, coverage.notRecorded) });
    if (!entry) {
      summary.replaceChildren(t("map.summaryNone", units.length - counts.notRecorded, counts.notRecorded), " ", tiers);
      return;
    }
    summary.replaceChildren(...tn("map.summary", data(entry.name), counts.dominant, counts.characteristic, counts.notRecorded), " ",
      el("a", { href: clusterHref(entry.cluster) }, t("kind.cluster"), colon(), data(entry.cluster)), " ", tiers);
  }

  function renderLegend() {
    const legend = document.getElementById("legend");
    const item = (swatch, ...text) => el("li", {}, el("span", { className: `swatch ${swatch}`, "aria-hidden": "true" }), el("span", {}, ...text));
    if (mode === "groups") {
      legend.replaceChildren(
        ...GROUP_ORDER.map((g) => item(`sw-group-${GROUP_ORDER.indexOf(g)}`,
          data(g), ...paren(t("map.unitsCount", units.filter((u) => mapGroupOf(u) === g).length)))),
        item("sw-yuxi", ...tn("map.group.yuxi"), ...paren(t("map.unitsCount", units.filter(isYuxi).length))),
        item("sw-zone", t("map.legend.zone")));
      return;
    }
    if (!entry) {
      legend.replaceChildren(item("sw-recorded", t("map.legend.recorded")), item("sw-public", t("map.legend.public")),
        item("sw-notRecorded", t("map.legend.notRecorded")), item("sw-zone", t("map.legend.zone")));
      return;
    }
    legend.replaceChildren(
      item("sw-dominant", t("map.legend.dominant")),
      item("sw-characteristic", t("map.legend.characteristic")),
      item("sw-none", t("map.legend.none")),
      item("sw-public", t("map.legend.public")),
      item("sw-notRecorded", t("map.legend.notRecorded")),
      item("sw-zone", t("map.legend.zone")));
  }

  function renderList() {
    const body = document.querySelector("#unit-list tbody");
    const rows = units.map((unit) => ({ unit, status: statusFor(entry, rowsByUnit.get(unit.name)), group: mapGroupOf(unit) }));
    if (mode === "layout" && entry) rows.sort((a, b) => ORDER[a.status] - ORDER[b.status]);
    else rows.sort((a, b) => GROUP_ORDER.indexOf(a.group ?? "~") - GROUP_ORDER.indexOf(b.group ?? "~") || (a.group === null) - (b.group === null));
    body.replaceChildren(...rows.map(({ unit, status, group }) => {
      const designations = rowsByUnit.get(unit.name) ?? [];
      const tr = el("tr", { className: `status-${status}`, dataset: { unit: unit.name, status } });
      tr.append(
        el("th", { scope: "row" }, el("a", { href: unitHref(unit.name), textContent: unit.name, className: "unit-link data" })),
        el("td", {}, group ? data(group + (isYuxi(unit) ? " · 渝西" : "")) : t("map.group.none")),
        el("td", { className: "status", textContent: entry && mode === "layout" ? statusText(status) : (status === STATUS.notRecorded ? statusText(status) : "") }),
        el("td", {}, designations.length === 0 ? t("map.tip.notRecorded") : ["dominant", "characteristic"].map((role) =>
          el("span", { className: `role-list role-${role}` },
            el("span", { className: "role-name", textContent: `${t(`role.${role}.short`)}${colon()}` }),
            dataList(designations.filter((d) => d.role === role).map((d) => d.industry)))), publicNote(designations)));
      return tr;
    }));
  }

  // Keyboard: ↑/↓ move between the units' links, and the focused unit is highlighted on the map.
  const table = document.getElementById("unit-list");
  table.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...table.querySelectorAll("a.unit-link")];
    const index = links.indexOf(document.activeElement);
    if (index < 0) return;
    event.preventDefault();
    links[Math.max(0, Math.min(links.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)))].focus();
  });
  table.addEventListener("focusin", (event) => {
    const row = event.target.closest("tr[data-unit]");
    if (row) mapView.focus(row.dataset.unit);
  });
  table.addEventListener("focusout", () => mapView.focus(null));

  for (const radio of document.querySelectorAll("input[name=view]")) {
    radio.addEventListener("change", () => {
      mode = radio.value;
      render();
    });
  }
  setUpCombobox(input, entries, (chosen) => {
    if (chosen.kind === "unit") {
      location.href = unitHref(chosen.name);
      return;
    }
    entry = chosen;
    mode = "layout";
    render();
  });
  document.getElementById("clear").addEventListener("click", () => {
    entry = null;
    render();
    input.focus();
  });
  render();
}

function findEntry(entries, name, kind) {
  if (!name) return null;
  return entries.find((e) => e.name === name && (!kind || e.kind === kind)) ?? entries.find((e) => e.name === name) ?? null;
}

const KIND_RANK = { cluster: 0, sub_industry: 1, product: 2, unit: 3 };

/** An ARIA 1.2 combobox: suggestions from the 33618 catalog as you type, plus units and aliases from /api/search. */
function setUpCombobox(input, entries, onChoose) {
  const list = document.getElementById("suggestions");
  let options = [];
  let active = -1;
  let searchTimer = 0;
  let searchSeq = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const setActive = (index) => {
    active = index;
    list.querySelectorAll("[role=option]").forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", `suggestion-${index}`);
      list.children[index]?.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const show = (items, q) => {
    options = items.slice(0, 15);
    if (options.length === 0) {
      list.replaceChildren(el("li", { className: "empty", role: "presentation", textContent: t("map.noMatch", q) }));
    } else {
      list.replaceChildren(...options.map((o, i) => {
        const li = el("li", { id: `suggestion-${i}`, role: "option", "aria-selected": "false" },
          el("span", { className: "name", textContent: o.name }),
          el("span", { className: "kind", textContent: t(`kind.${o.kind}`) + (o.kind !== "cluster" && o.cluster ? ` · ${o.cluster}` : "") }));
        li.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
        li.addEventListener("click", () => choose(i));
        return li;
      }));
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    setActive(-1);
  };
  const choose = (index) => {
    const option = options[index];
    if (!option) return;
    close();
    onChoose(option);
  };
  const localMatches = (q) => entries
    .filter((e) => e.name.includes(q))
    .sort((a, b) => (b.name.startsWith(q) - a.name.startsWith(q)) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.name.length - b.name.length);

  input.addEventListener("input", () => {
    const q = input.value.trim();
    clearTimeout(searchTimer);
    if (q === "") {
      close();
      return;
    }
    const local = localMatches(q);
    show(local, q);
    const seq = ++searchSeq;
    searchTimer = setTimeout(async () => {
      try {
        const result = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
        if (seq !== searchSeq) return;
        const extra = [];
        for (const unit of result.units ?? []) extra.push({ kind: "unit", name: unit.name });
        // Industries found through an alias: only the 33618 catalog has a layout to show.
        for (const hit of [...(result.industries ?? []), ...(result.products ?? [])]) {
          if (hit.taxonomy !== "33618") continue;
          const known = entries.find((e) => e.name === hit.name && e.kind === hit.level);
          if (known && !local.includes(known)) extra.push(known);
        }
        if (extra.length) show([...local, ...extra], q);
      } catch { /* suggestions from the catalog are enough */ }
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (list.hidden && input.value.trim()) input.dispatchEvent(new Event("input"));
      setActive(Math.min(options.length - 1, active + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive(Math.max(-1, active - 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const q = input.value.trim();
      if (active >= 0) choose(active);
      else {
        const exact = options.findIndex((o) => o.name === q);
        choose(exact >= 0 ? exact : 0);
      }
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}

run(main);
