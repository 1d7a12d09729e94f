import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run on the TypeScript sources; no build is needed before `npm test`.
    alias: [
      { find: /^@trellis\/sdk$/, replacement: source('./sdk/src/index.ts') },
      { find: /^@trellis\/sdk\/testing$/, replacement: source('./sdk/src/testing/index.ts') },
      { find: /^@trellis\/core\/testing$/, replacement: source('./core/src/testing/index.ts') },
    ],
  },
  test: {
    include: ['**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Type tests of the SDK's public contract (see sdk/test/*.test-d.ts).
    typecheck: { enabled: true, include: ['sdk/test/**/*.test-d.ts'], tsconfig: 'sdk/test/tsconfig.json' },
  },
});
