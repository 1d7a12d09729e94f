import { defineConfig } from 'vite';

/**
 * Builds the UI module (package.json `trellis.ui`) as one ES module. `lit` stays external: the
 * admin UI provides its single copy at run time, so the plugin never ships a second Lit.
 */
export default defineConfig({
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    target: 'es2022',
    lib: { entry: 'src/ui/index.ts', formats: ['es'], fileName: () => 'index.js' },
    rolldownOptions: { external: [/^lit(\/.*)?$/, /^@lit\//, /^lit-(html|element)(\/.*)?$/] },
  },
});
