// The ECharts map of the 41 planning units, used by the home page and the cluster page. Status is never shown by
// colour alone: every state has a pattern (decal) and a text mark (▲ 主导, ● 特色, ▨ 未记录) in labels, legend and
// tooltip. Palette: Okabe–Ito, readable with the common colour-vision deficiencies.
import { el, t, tn, unitHref } from "./common.js";
import { STATUS, statusFor, designationMatches, mapGroupOf, isYuxi, GROUP_ORDER } from "./layout.js";
import { ZONE_POSITIONS, INSET_UNITS, INSET_ZONES, insetGeoJson } from "./geo.js";

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
 * The polygons without the source's label points (cp): those are the districts' old town centres, which for 渝北,
 * 巴南 and 北碚 sit next to the city core and crowd 璧山 and each other; ECharts then labels each polygon at its centre.
 */
function withoutLabelPoints(geoJson, points = {}) {
  const copy = structuredClone(geoJson);
  for (const feature of copy.features) {
    delete feature.properties.cp;
    if (points[feature.properties.name]) feature.properties.cp = points[feature.properties.name];
  }
  return copy;
}

// Hand-placed label points (longitude, latitude), each inside its district, where the polygon centres of two
// neighbours put their names on top of each other: 北碚/渝北 and 大足/璧山 (marked ▲ at phone width) on the city map,
// 綦江 beside the 万盛经开区 marker; 九龙坡/大渡口 in the inset.
const LABEL_POINTS = { "北碚区": [106.44, 29.93], "渝北区": [106.85, 29.76], "大足区": [105.7, 29.63], "璧山区": [106.24, 29.5],
  "綦江区": [106.62, 28.85] };
const INSET_LABEL_POINTS = { "九龙坡区": [106.31, 29.42] };

/**
 * Creates the map in `container`. `data` = {units, rowsByUnit, geo}. Returns {chart, update(state), focus(name)}
 * where state = {mode: "layout"|"groups", entry}. Calls onReady once the first render has finished.
 */
export function createLayoutMap(container, data, { onReady, compact = false } = {}) {
  const { units, rowsByUnit, geo } = data;
  echarts.registerMap("chongqing", withoutLabelPoints(geo.geoJson, LABEL_POINTS));
  const chart = echarts.init(container, null, { renderer: "canvas" });
  const unitByName = new Map(units.map((u) => [u.name, u]));
  const zones = units.filter((u) => ZONE_POSITIONS[u.name]);
  // preserveAspect: with all four sides given ECharts would stretch the shape to the box (squeezed at phone width).
  const box = { left: 8, right: 8, top: 8, bottom: 8, preserveAspect: "contain" };
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

  // Every unit keeps its name, with or without a chosen industry (issue 14 §6); the status mark (▲ ●) is added to the
  // units that have the industry, the rest are told apart by fill and pattern.
  // (▨ not recorded is told by its hatching and the legend: the label stays the name.)
  const labelFor = (unit, s) => (state.mode === "layout" && state.entry && s.status !== STATUS.notRecorded ? `${s.mark}${unit.name}` : unit.name);

  // The inset of 中心城区 (not on the compact map of the cluster page): its units are named there, not on the main map.
  const inset = !compact;
  if (inset) echarts.registerMap("chongqing-inset", withoutLabelPoints(insetGeoJson(geo), INSET_LABEL_POINTS));
  const inInset = (name) => inset && (INSET_UNITS.includes(name) || INSET_ZONES.includes(name));
  const insetBox = el("div", { className: "map-inset", id: "map-inset", "aria-hidden": "true" }, el("span", { className: "map-inset-caption" }, ...tn("map.inset")));
  if (inset) container.append(insetBox);

  /**
   * Where the whole city and the inset go, in pixels: side by side on a wide map (the inset on the left), stacked on a
   * narrow one (the inset below), so neither covers the other.
   */
  function layout() {
    const width = chart.getWidth();
    const height = chart.getHeight();
    if (!inset) return { main: box, frame: null, map: null };
    let frame;
    let main;
    if (width >= 700) {
      frame = { x: 6, y: 6, width: Math.round(width * 0.36), height: Math.round(Math.min(height - 12, width * 0.36 * 0.85)) };
      main = { left: frame.x + frame.width + 8, right: 8, top: 8, bottom: 8, preserveAspect: "contain" };
    } else {
      const insetHeight = Math.round((width - 12) * 0.72);
      frame = { x: 6, y: height - insetHeight - 6, width: width - 12, height: insetHeight };
      main = { left: 8, right: 8, top: 8, bottom: insetHeight + 16, preserveAspect: "contain" };
    }
    const map = { left: frame.x + 6, top: frame.y + 22, width: frame.width - 12, height: frame.height - 28, preserveAspect: "contain" };
    return { main, frame, map };
  }

  function regionData(names, { labelled }) {
    return names.map((name) => {
      const unit = unitByName.get(name);
      const s = styleOf(unit ?? { name, groups: [] });
      const label = unit ? labelFor(unit, s) : name;
      const shown = labelled(name);
      return {
        name,
        value: 1,
        itemStyle: { areaColor: s.color, decal: s.decal ?? "none", ...(state.mode === "layout" && isPublic(name) ? PUBLIC_OUTLINE : {}) },
        label: { show: shown, formatter: label, color: s.text },
        emphasis: { label: { show: shown, formatter: unit ? unit.name : name } },
      };
    });
  }

  function zoneData(list) {
    return list.map((unit) => {
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
  }

  function option() {
    const regions = regionData(geo.names, { labelled: (name) => !compact && !inInset(name) });
    const zonePoints = zoneData(zones.filter((u) => !inInset(u.name)));
    const extra = { geo: [], series: [] };
    const { main, frame, map } = layout();
    const small = chart.getWidth() < 700;
    if (inset) {
      // The frame and its caption are page elements over the canvas (the trimmed ECharts bundle has no graphic
      // component), so the caption is translated and read like any other text.
      Object.assign(insetBox.style, { left: `${frame.x}px`, top: `${frame.y}px`, width: `${frame.width}px`, height: `${frame.height}px` });
      extra.geo.push({ map: "chongqing-inset", silent: true, ...map, itemStyle: { areaColor: "transparent", borderWidth: 0 }, label: { show: false }, z: 3 });
      extra.series.push(
        {
          type: "map", map: "chongqing-inset", id: "inset", ...map, selectedMode: false,
          itemStyle: { borderColor: "#ffffff", borderWidth: 1 },
          label: { fontSize: 11, fontWeight: "bold" },
          labelLayout: { hideOverlap: true },
          emphasis: { itemStyle: { areaColor: "#56B4E9", borderColor: "#1d2330", borderWidth: 2 }, label: { color: "#1d2330" } },
          data: regionData(INSET_UNITS, { labelled: () => true }),
          z: 4,
        },
        {
          type: "scatter", id: "inset-zones", coordinateSystem: "geo", geoIndex: 1, symbol: "diamond", symbolSize: 12,
          label: { position: "right", distance: 3, fontSize: 10, color: "#1d2330", backgroundColor: "rgba(255,255,255,0.85)", padding: [1, 2] },
          labelLayout: { hideOverlap: true },
          emphasis: { scale: 1.4 },
          data: zoneData(zones.filter((u) => INSET_ZONES.includes(u.name))),
          z: 6,
        });
    }
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
      geo: [{ map: "chongqing", silent: true, ...main, itemStyle: { areaColor: "transparent", borderWidth: 0 }, label: { show: false }, z: 1 }, ...extra.geo],
      series: [
        {
          type: "map",
          map: "chongqing",
          ...main,
          selectedMode: false,
          itemStyle: { borderColor: "#ffffff", borderWidth: 1 },
          label: { fontSize: compact || small ? 9 : 11 },
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
        ...extra.series,
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
  const resize = () => {
    chart.resize();
    if (inset) chart.setOption(option(), { replaceMerge: ["series", "geo"] });
  };
  window.addEventListener("resize", resize);

  return {
    chart,
    update(next) {
      state = { ...state, ...next };
      chart.setOption(option(), { replaceMerge: ["series", "geo"] });
    },
    /** Highlights a unit and shows its tooltip, e.g. when the list view's row gets keyboard focus. */
    focus(name) {
      chart.dispatchAction({ type: "downplay" });
      if (!name) {
        chart.dispatchAction({ type: "hideTip" });
        return;
      }
      const isZone = Boolean(ZONE_POSITIONS[name]);
      // Series: 0 the map, 1 its zone markers, 2 the inset's map, 3 the inset's zone markers.
      const seriesIndex = (isZone ? 1 : 0) + (inInset(name) ? 2 : 0);
      chart.dispatchAction({ type: "highlight", seriesIndex, name });
      chart.dispatchAction({ type: "showTip", seriesIndex, name });
    },
    styleOf: (name) => ({ ...styleOf(unitByName.get(name)), publicSource: isPublic(name) }),
  };
}

export { GROUP_ORDER };
