import { defineConfig } from 'vite';

// The service serves the built files at /console (src/console/console.setup.ts); everything,
// the chart library included, is bundled: no CDN, it works offline and under script-src 'self'.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 300,
  },
});
