import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The desktop shell freezes Object.prototype (tauri.conf.json: app.security.freezePrototype).
 * ECharts' Scheduler copies a class's prototype keys onto a plain object, `constructor`
 * among them (tslib's __extends makes it enumerable); with Object.prototype frozen that
 * assignment throws ("Attempted to assign to readonly property") and the whole bundle stops
 * before the app mounts. The keys are only collected there (the object is a probe for which
 * series type a task touches), so `constructor` can be skipped. The build fails if ECharts'
 * code changes and the line is not found, rather than shipping a bundle that cannot start.
 */
function echartsFrozenPrototype(): Plugin {
  const from = 'target[name_1] = noop;';
  const to = "if (name_1 !== 'constructor') target[name_1] = noop;";
  return {
    name: 'qiaomen-echarts-frozen-prototype',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/echarts/lib/core/Scheduler.js')) return null;
      if (!code.includes(from)) {
        throw new Error(`echarts/lib/core/Scheduler.js changed: "${from}" not found; check mockMethods under a frozen Object.prototype`);
      }
      return { code: code.replace(from, to), map: null };
    },
  };
}

// The desktop shell loads ui/dist (tauri.conf.json: build.frontendDist). Nothing is fetched
// from the network at run time: every script, style and font is bundled here.
export default defineConfig({
  plugins: [echartsFrozenPrototype(), svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari13',
    sourcemap: false,
    // Bundles read from the app's own files, never downloaded: the app, and Apache ECharts
    // (the 工作台's charts, ~520 kB) in a chunk of its own, loaded when a chart is drawn so
    // the first screen does not wait for it; that chunk is bigger than Vite's web-page warning.
    chunkSizeWarningLimit: 1000,
  },
});
