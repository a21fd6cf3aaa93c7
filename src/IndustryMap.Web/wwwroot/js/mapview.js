// The ECharts map of the 41 planning units, used by the home page and the cluster page. Status is never shown by
// colour alone: every state has a pattern (decal) and a text mark (▲ 主导, ● 特色, ▨ 未记录) in labels, legend and
// tooltip. Palette: Okabe–Ito, readable with the common colour-vision deficiencies.
import { el, t, unitHref } from "./common.js";
import { STATUS, statusFor, designationMatches, mapGroupOf, isYuxi, GROUP_ORDER } from "./layout.js";
import { ZONE_POSITIONS } from "./geo.js";

/* global echarts */

export const STYLE = {
  [STATUS.dominant]: { color: "#0072B2", text: "#ffffff", decal: null, mark: "▲" },
  [STATUS.characteristic]: { color: "#E69F00", text: "#1d2330", decal: { symbol: "circle", symbolSize: 0.35, color: "rgba(0,0,0,0.28)", dashArrayX: 6, dashArrayY: 6 }, mark: "●" },
  [STATUS.none]: { color: "#f4f5f7", text: "#1d2330", decal: null, mark: "" },
  recorded: { color: "#cfe3f3", text: "#1d2330", decal: null, mark: "" },
  [STATUS.notRecorded]: { color: "#c4c4c4", text: "#1d2330", decal: { symbol: "rect", rotation: Math.PI / 4, symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], color: "rgba(60,60,60,0.45)" }, mark: "▨" },
};

export const GROUP_STYLE = {
  "中心城区": { color: "#0072B2", text: "#ffffff", short: "中心" },
  "主城新区": { color: "#009E73", text: "#ffffff", short: "新区" },
  "渝东北三峡库区城镇群": { color: "#E69F00", text: "#1d2330", short: "渝东北" },
  "渝东南武陵山区城镇群": { color: "#CC79A7", text: "#1d2330", short: "渝东南" },
};
const YUXI_DECAL = { symbol: "rect", rotation: -Math.PI / 4, symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 6], color: "rgba(255,255,255,0.55)" };

export function statusText(status) {
  return {
    [STATUS.dominant]: `▲ ${t("map.status.dominant")}`,
    [STATUS.characteristic]: `● ${t("map.status.characteristic")}`,
    [STATUS.none]: t("map.status.none"),
    [STATUS.notRecorded]: `▨ ${t("map.status.notRecorded")}`,
  }[status];
}

/** Tooltip content as DOM (never an HTML string): name, group, the unit's designations with the matching ones marked. */
function tooltipNode(unit, rows, entry, status) {
  const box = el("div", { className: "tip" }, el("strong", { textContent: unit.name }));
  const group = mapGroupOf(unit);
  if (group) box.append(el("div", { className: "tip-group", textContent: group + (isYuxi(unit) ? " · 渝西" : "") }));
  if (entry) box.append(el("div", { className: "tip-status", textContent: `${entry.name}：${statusText(status)}` }));
  if (!rows || rows.length === 0) {
    box.append(el("div", { className: "tip-missing", textContent: t("map.tip.notRecorded") }));
  } else {
    for (const role of ["dominant", "characteristic"]) {
      const list = rows.filter((d) => d.role === role);
      if (list.length === 0) continue;
      box.append(el("div", { className: "tip-role", textContent: t(`role.${role}`) }));
      box.append(el("ul", {}, list.map((d) => {
        const hit = designationMatches(entry, d);
        return el("li", { className: hit ? "hit" : "", textContent: (hit ? (role === "dominant" ? "▲ " : "● ") : "") + d.industry });
      })));
    }
  }
  if ((rows ?? []).some((d) => d.sourceTier === "public")) box.append(el("div", { className: "tip-public", textContent: t("tier.public.note") }));
  box.append(el("div", { className: "tip-hint", textContent: t("map.tip.open") }));
  return box;
}

/**
 * Creates the map in `container`. `data` = {units, rowsByUnit, geo}. Returns {chart, update(state), focus(name)}
 * where state = {mode: "layout"|"groups", entry}. Calls onReady once the first render has finished.
 */
export function createLayoutMap(container, data, { onReady, compact = false } = {}) {
  const { units, rowsByUnit, geo } = data;
  echarts.registerMap("chongqing", geo.geoJson);
  const chart = echarts.init(container, null, { renderer: "canvas" });
  const unitByName = new Map(units.map((u) => [u.name, u]));
  const zones = units.filter((u) => ZONE_POSITIONS[u.name]);
  const box = { left: 8, right: 8, top: 8, bottom: 8 };
  let state = { mode: "layout", entry: null };
  // Issue 11: units whose layout comes from public sources are drawn with a dashed outline (legend: 来自公开资料).
  const isPublic = (name) => (rowsByUnit.get(name) ?? []).some((d) => d.sourceTier === "public");
  const PUBLIC_OUTLINE = { borderColor: "#1d2330", borderWidth: 2, borderType: "dashed" };

  const styleOf = (unit) => {
    if (state.mode === "groups") {
      const group = mapGroupOf(unit);
      const g = GROUP_STYLE[group] ?? STYLE[STATUS.none];
      return { color: g.color, text: g.text, decal: isYuxi(unit) ? YUXI_DECAL : null, mark: "", status: group };
    }
    const status = statusFor(state.entry, rowsByUnit.get(unit.name));
    const s = !state.entry && status === STATUS.none ? STYLE.recorded : STYLE[status];
    return { ...s, status };
  };

  const labelFor = (unit, s) => {
    if (state.mode === "groups") return unit.name;
    // With an industry chosen only the units that have it are labelled; the rest are told apart by fill and pattern.
    if (state.entry) return s.status === STATUS.dominant || s.status === STATUS.characteristic ? `${s.mark}${unit.name}` : "";
    return unit.name;
  };

  function option() {
    const regions = geo.names.map((name) => {
      const unit = unitByName.get(name);
      const s = styleOf(unit ?? { name, groups: [] });
      const label = unit ? labelFor(unit, s) : name;
      const shown = label !== "";
      return {
        name,
        value: 1,
        itemStyle: { areaColor: s.color, decal: s.decal ?? "none", ...(state.mode === "layout" && isPublic(name) ? PUBLIC_OUTLINE : {}) },
        label: { show: shown && !compact, formatter: label, color: s.text },
        emphasis: { label: { show: true, formatter: unit ? unit.name : name } },
      };
    });
    const zonePoints = zones.map((unit) => {
      const s = styleOf(unit);
      const color = state.mode === "groups" ? "#ffffff" : s.color;
      return {
        name: unit.name,
        value: ZONE_POSITIONS[unit.name],
        itemStyle: { color, borderColor: "#1d2330", borderWidth: 1.5, decal: state.mode === "groups" ? "none" : s.decal ?? "none",
          ...(state.mode === "layout" && isPublic(unit.name) ? { borderType: "dashed", borderWidth: 2 } : {}) },
        label: { show: !compact, formatter: `◆${unit.name}` },
      };
    });
    return {
      animation: false,
      aria: { enabled: true, label: { enabled: true, description: container.getAttribute("aria-label") ?? "" } },
      tooltip: {
        trigger: "item",
        confine: true, // also keeps ECharts from adding its arrow, which it builds as an HTML string with a style attribute
        transitionDuration: 0,
        backgroundColor: "#ffffff",
        borderColor: "#55607a",
        textStyle: { color: "#1d2330" },
        formatter: (p) => {
          const unit = unitByName.get(p.name);
          if (!unit) return el("div", { textContent: p.name });
          return tooltipNode(unit, rowsByUnit.get(unit.name), state.mode === "layout" ? state.entry : null, statusFor(state.entry, rowsByUnit.get(unit.name)));
        },
      },
      geo: { map: "chongqing", silent: true, ...box, itemStyle: { areaColor: "transparent", borderWidth: 0 }, label: { show: false }, z: 1 },
      series: [
        {
          type: "map",
          map: "chongqing",
          ...box,
          selectedMode: false,
          itemStyle: { borderColor: "#ffffff", borderWidth: 1 },
          label: { fontSize: compact ? 9 : 11 },
          labelLayout: { hideOverlap: true },
          emphasis: { itemStyle: { areaColor: "#56B4E9", borderColor: "#1d2330", borderWidth: 2 }, label: { color: "#1d2330", fontWeight: "bold" } },
          data: regions,
          z: 2,
        },
        {
          type: "scatter",
          coordinateSystem: "geo",
          symbol: "diamond",
          symbolSize: compact ? 12 : 16,
          label: { position: "right", fontSize: 11, color: "#1d2330", backgroundColor: "rgba(255,255,255,0.8)", padding: [1, 3] },
          emphasis: { scale: 1.4 },
          data: zonePoints,
          z: 5,
        },
      ],
    };
  }

  let readyCalled = false;
  chart.on("finished", () => {
    if (!readyCalled) {
      readyCalled = true;
      onReady?.();
    }
  });
  chart.on("click", (p) => {
    if (unitByName.has(p.name)) location.href = unitHref(p.name);
  });
  chart.setOption(option());
  const resize = () => chart.resize();
  window.addEventListener("resize", resize);

  return {
    chart,
    update(next) {
      state = { ...state, ...next };
      chart.setOption(option(), { replaceMerge: ["series"] });
    },
    /** Highlights a unit and shows its tooltip, e.g. when the list view's row gets keyboard focus. */
    focus(name) {
      chart.dispatchAction({ type: "downplay" });
      if (!name) {
        chart.dispatchAction({ type: "hideTip" });
        return;
      }
      const isZone = Boolean(ZONE_POSITIONS[name]);
      const seriesIndex = isZone ? 1 : 0;
      chart.dispatchAction({ type: "highlight", seriesIndex, name });
      chart.dispatchAction({ type: "showTip", seriesIndex, name });
    },
    styleOf: (name) => ({ ...styleOf(unitByName.get(name)), publicSource: isPublic(name) }),
  };
}

export { GROUP_ORDER };
