import { defineConfig } from 'vite';

/** Where `npm run dev` forwards server paths: a Trellis started with `npm start` (default host and port). */
const TRELLIS_SERVER = 'http://127.0.0.1:3000';

export default defineConfig({
  // Served by core at the site root; Vite puts content-hashed bundles under /assets/, which core caches for a year.
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': TRELLIS_SERVER,
      '/health': TRELLIS_SERVER,
      '/ready': TRELLIS_SERVER,
    },
  },
});
