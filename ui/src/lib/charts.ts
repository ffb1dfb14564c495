// Charts drawn offline with Apache ECharts, bundled by Vite: only the parts the screens use
// (bar charts, axes, legend, tooltip, the canvas renderer), registered once here. ECharts
// needs no remote content and no eval, so the strict CSP stays as it is.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;

/** The app's font stack (app.css), so chart text looks like the rest of the screen. */
export const CHART_FONT = '"Qiaomen Rare", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** A colour made lighter (for the "closed" bars beside the "found" ones). */
export function lighter(hex: string, keep = 0.45): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(255 - (255 - c) * keep);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `rgb(${r}, ${g}, ${b})`;
}
