import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  plugins: [solid()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // The only chunk past 500 kB is mathjs, loaded on the first calculation, never at start-up.
    chunkSizeWarningLimit: 700,
  },
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
});
