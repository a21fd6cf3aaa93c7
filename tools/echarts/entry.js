// The parts of ECharts the pages use, and nothing else: the district map (map series on a geo coordinate system),
// functional-zone markers (scatter), indicator charts on the plan page (line, bar), tooltips and the canvas renderer.
import * as echarts from "echarts/core";
import { MapChart, ScatterChart, LineChart, BarChart } from "echarts/charts";
import { GeoComponent, TooltipComponent, GridComponent, AriaComponent, MarkLineComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([MapChart, ScatterChart, LineChart, BarChart, GeoComponent, TooltipComponent, GridComponent, AriaComponent, MarkLineComponent, CanvasRenderer]);
globalThis.echarts = echarts;
