import { defineConfig } from 'vitest/config';

/**
 * `npm run screenshots`: drives the built admin UI on a demo database and saves the main screens
 * under docs/screenshots/ (referenced from the README). Not part of `npm test`.
 */
export default defineConfig({
  test: {
    root: new URL('../../..', import.meta.url).pathname,
    include: ['admin-ui/test/screenshots/*.shots.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
