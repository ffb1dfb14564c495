import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The desktop shell loads ui/dist (tauri.conf.json: build.frontendDist). Nothing is fetched
// from the network at run time: every script, style and font is bundled here.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari13',
    sourcemap: false,
    // One bundle read from the local disk, never downloaded: Apache ECharts (the 工作台's
    // charts, ~520 kB of the ~780 kB) makes it bigger than Vite's web-page warning.
    chunkSizeWarningLimit: 1000,
  },
});
