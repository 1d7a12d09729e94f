import { defineConfig } from 'vite';

/**
 * Builds the UI module in library mode to dist/ui/index.js. `lit` stays external: the admin UI
 * provides its single copy at run time, so every plugin's elements share one Lit.
 */
export default defineConfig({
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: { entry: 'src/ui/index.ts', formats: ['es'], fileName: 'index' },
    rolldownOptions: { external: [/^lit(\/.*)?$/, /^@lit\//, /^lit-(html|element)(\/.*)?$/] },
  },
});
