/**
 * The sales plugin's UI module (package.json `trellis.ui`), loaded by the admin UI at run time.
 * Its elements (the deal board, the forecast page, the deal and activity panels) are defined
 * here as they are written; until then the module defines nothing.
 */
export {};
