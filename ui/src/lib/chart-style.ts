// What the screens need to describe a chart, without ECharts itself: the option type (erased
// at build time), the font and the colour helper. ECharts (lib/charts.ts, ~520 kB of
// script) is loaded only when a chart is drawn, so the first screen's numbers never wait
// for it to be parsed.
import type { EChartsCoreOption } from 'echarts/core';

export type ChartOption = EChartsCoreOption;

/** The app's font stack (app.css) without the bundled rare-character font: canvas text
 *  asks for every family of the list, which made WebKit fetch the 16 MB font at each start
 *  whatever the characters; WebKit still falls back to the system's CJK fonts per glyph. */
export const CHART_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** A colour made lighter (for the "closed" bars beside the "found" ones). */
export function lighter(hex: string, keep = 0.45): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(255 - (255 - c) * keep);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `rgb(${r}, ${g}, ${b})`;
}
