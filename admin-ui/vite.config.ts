import { defineConfig, type Plugin } from 'vite';
import { SHARED_LIT_SPECIFIERS } from './shared-lit-specifiers.js';

/** Where `npm run dev` forwards server paths: the Trellis server on 127.0.0.1 and its PORT (3000 by default). */
const TRELLIS_SERVER = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

/** The stable URL of the shared Lit module in a build (outside the content-hashed assets/). */
const SHARED_LIT_URL = '/shared/lit.js';

/**
 * Puts an import map first in the page: plugin UI modules, loaded at run time from the server,
 * import `lit` by its bare name and must get the app's own copy (the dev server serves it from
 * source, a build from {@link SHARED_LIT_URL}).
 */
function sharedLitImportMap(): Plugin {
  let url = SHARED_LIT_URL;
  return {
    name: 'trellis-shared-lit-import-map',
    configResolved(config) {
      if (config.command === 'serve') url = '/src/shared/lit.ts';
    },
    transformIndexHtml() {
      const imports = Object.fromEntries(SHARED_LIT_SPECIFIERS.map((specifier) => [specifier, url]));
      return [{ tag: 'script', attrs: { type: 'importmap' }, children: JSON.stringify({ imports }), injectTo: 'head-prepend' }];
    },
  };
}

export default defineConfig({
  // Served by core at the site root; Vite puts content-hashed bundles under /assets/, which core caches for a year.
  base: '/',
  plugins: [sharedLitImportMap()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: { index: 'index.html', lit: 'src/shared/lit.ts' },
      // The shared Lit entry must keep its exports: plugin modules import them by name.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'lit' ? SHARED_LIT_URL.slice(1) : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: {
      '/api': TRELLIS_SERVER,
      '/health': TRELLIS_SERVER,
      '/ready': TRELLIS_SERVER,
    },
  },
});
