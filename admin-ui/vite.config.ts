import { defineConfig } from 'vite';

/** Where `npm run dev` forwards server paths: the Trellis server on 127.0.0.1 and its PORT (3000 by default). */
const TRELLIS_SERVER = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

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
