// The console's charting library: Apache ECharts reduced to what the analytics page draws (line and
// bar charts on a grid, tooltip, legend, aria descriptions, SVG renderer), exposed as one global.
// A separate script loaded by that page only (console/README.md: keep ECharts out of console.js).
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

(globalThis as unknown as { ZhiwenCharts: { init: typeof echarts.init } }).ZhiwenCharts = { init: echarts.init };
