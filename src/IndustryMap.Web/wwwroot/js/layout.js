// The layout data as the pages use it: which units designate a chosen industry, and how. Pure functions over
// /api/units, /api/layouts/{year} and /api/clusters, so the map, the list, the cluster page and the browser tests
// agree on one definition.

export const STATUS = { dominant: "dominant", characteristic: "characteristic", none: "none", notRecorded: "notRecorded" };

/** Everything that can be chosen on the map, from the 33618 catalog: clusters, their sub-industries and products. */
export function catalogEntries(clusters) {
  const entries = [];
  const seen = new Set();
  const add = (entry) => {
    const key = `${entry.kind}|${entry.name}`;
    if (!seen.has(key)) {
      seen.add(key);
      entries.push(entry);
    }
  };
  for (const cluster of clusters) {
    add({ kind: "cluster", name: cluster.name, cluster: cluster.name, tier: cluster.tier });
    for (const sub of cluster.subIndustries) {
      add({ kind: "sub_industry", name: sub.name, cluster: cluster.name });
      for (const product of sub.children ?? []) add({ kind: "product", name: product.name, parent: sub.name, cluster: cluster.name });
    }
    for (const product of cluster.products ?? []) add({ kind: "product", name: product.name, parent: null, cluster: cluster.name });
  }
  return entries;
}

/**
 * Whether a designation (one row of /api/layouts) concerns the chosen entry:
 * a cluster matches every designation in it (including a designation of the cluster itself, e.g. 云阳's 新型显示);
 * a sub-industry matches designations of that sub-industry;
 * a product matches designations of the sub-industry it belongs to, and designations whose printed text names it
 * (the layout names products in parentheses, e.g. 江津's “（电驱、电转向、智能座舱等）”).
 */
export function designationMatches(entry, d) {
  if (!entry) return false;
  switch (entry.kind) {
    case "cluster": return d.cluster === entry.name;
    case "sub_industry": return d.industry === entry.name;
    case "product": return (entry.parent !== null && d.industry === entry.parent) || (d.printed ?? "").includes(entry.name);
    default: return false;
  }
}

/** Designations per unit name. */
export function byUnit(designations) {
  const map = new Map();
  for (const d of designations) {
    if (!map.has(d.unit)) map.set(d.unit, []);
    map.get(d.unit).push(d);
  }
  for (const rows of map.values()) rows.sort((a, b) => (a.role === b.role ? a.position - b.position : a.role === "dominant" ? -1 : 1));
  return map;
}

/** Each unit's status for the entry: dominant wins over characteristic; units without a recorded layout are their own case. */
export function statusFor(entry, rows) {
  if (!rows || rows.length === 0) return STATUS.notRecorded;
  const hits = rows.filter((d) => designationMatches(entry, d));
  if (hits.some((d) => d.role === "dominant")) return STATUS.dominant;
  if (hits.length > 0) return STATUS.characteristic;
  return STATUS.none;
}

export function countStatuses(units, rowsByUnit, entry) {
  const counts = { dominant: 0, characteristic: 0, none: 0, notRecorded: 0 };
  for (const unit of units) counts[statusFor(entry, rowsByUnit.get(unit.name))]++;
  return counts;
}

/** Industry label as it should be read: the corrected name where the document's print was corrected. */
export const industryLabel = (d) => d.industry;

/** The 一区两群 group a unit belongs to, at the level the map colours (片区 for 主城都市区), or null (functional zones). */
export const GROUP_ORDER = ["中心城区", "主城新区", "渝东北三峡库区城镇群", "渝东南武陵山区城镇群"];
export function mapGroupOf(unit) {
  return GROUP_ORDER.find((g) => unit.groups.includes(g)) ?? null;
}
export const isYuxi = (unit) => unit.groups.includes("渝西地区");
