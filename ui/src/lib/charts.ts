// Charts drawn offline with Apache ECharts, bundled by Vite: only the parts the screens use
// (bar charts, axes, legend, tooltip, the canvas renderer), registered once here. ECharts
// needs no remote content and no eval, so the strict CSP stays as it is. Screens import this
// module with `import()` (a chunk of its own, read from the app's files when the first chart
// is drawn); what they need before that is in chart-style.ts.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
