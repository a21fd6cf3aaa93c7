// The home page: the 2023 layout of every planning unit, filterable by industry. Everything is built with
// textContent (never innerHTML), so stored text is always rendered inert.
"use strict";

const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
};

const getJson = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
};

function sourceLink(designation) {
  const s = designation.source;
  return s && s.document ? `/document.html?doc=${encodeURIComponent(s.document)}&lines=${encodeURIComponent(s.lines)}` : null;
}

function tag(designation, hit) {
  const label = designation.printed !== designation.industry && designation.flag === "corrected" ? designation.industry : designation.printed;
  const link = sourceLink(designation);
  const span = el("span", { className: "tag" + (hit ? " hit-" + designation.role : "") });
  span.append(link ? el("a", { href: link, title: `原文：第 ${designation.source.lines} 行` }, label) : label);
  if (designation.flag === "corrected") span.append(el("span", { className: "flag", title: `原文印作“${designation.printed}”` }, " [已校正]"));
  return span;
}

async function main() {
  const [units, layout, clusters] = await Promise.all([getJson("/api/units"), getJson("/api/layouts/2023"), getJson("/api/clusters")]);
  const options = document.getElementById("industry-options");
  const industryCluster = new Map();
  for (const cluster of clusters) {
    options.append(el("option", { value: cluster.name, label: `集群 · ${cluster.tier ?? ""}` }));
    industryCluster.set(cluster.name, cluster.name);
    for (const sub of cluster.subIndustries) {
      options.append(el("option", { value: sub.name, label: `细分产业 · ${cluster.name}` }));
      industryCluster.set(sub.name, cluster.name);
    }
  }
  const byUnit = new Map();
  for (const row of layout) {
    if (!byUnit.has(row.unit)) byUnit.set(row.unit, []);
    byUnit.get(row.unit).push(row);
  }
  const input = document.getElementById("industry");
  const legend = document.getElementById("legend");
  const body = document.querySelector("#layout tbody");

  function render() {
    const q = input.value.trim();
    const matches = (d) => q !== "" && (d.industry === q || d.cluster === q || d.industry.includes(q) || (d.detail ?? "").includes(q));
    body.replaceChildren();
    let dominant = 0, characteristic = 0;
    for (const unit of units) {
      const rows = byUnit.get(unit.name) ?? [];
      const tr = el("tr", { className: rows.length ? "" : "not-recorded" });
      tr.append(el("th", { scope: "row" }, unit.name));
      tr.append(el("td", {}, unit.groups.filter((g) => g !== "主城都市区").join("、")));
      if (!rows.length) {
        tr.append(el("td", { colSpan: 2 }, "未记录（种子文件未给出该区县的布局）"));
      } else {
        for (const role of ["dominant", "characteristic"]) {
          const td = el("td");
          for (const d of rows.filter((r) => r.role === role)) {
            const hit = matches(d);
            if (hit && role === "dominant") dominant++;
            if (hit && role === "characteristic") characteristic++;
            td.append(tag(d, hit));
          }
          tr.append(td);
        }
      }
      body.append(tr);
    }
    legend.textContent = q === "" ? "输入产业后，▲ 深色标记主导产业，● 浅色标记特色产业；灰色斜体为未记录布局的区县。"
      : `“${q}”：${dominant} 处为主导产业（▲ 深色），${characteristic} 处为特色产业（● 浅色）。`;
  }
  input.addEventListener("input", render);
  document.getElementById("clear").addEventListener("click", () => { input.value = ""; render(); });
  render();
}

main().catch((error) => {
  document.getElementById("legend").textContent = "加载失败：" + error.message;
});
