// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Dependency boundaries (docs/reference/architecture.md): each rule names the boundary it
 * protects, so a contributor who trips it learns why rather than just what.
 */
const boundary = (message, group) => ({ group, message: `Trellis boundary: ${message}` });

const CORE = ['@trellis/core', '@trellis/core/*', '**/core/src/**', '**/core/dist/**'];
const ADMIN_UI = ['@trellis/admin-ui', '@trellis/admin-ui/*', '**/admin-ui/src/**'];
const PLUGINS = ['@trellis/plugin-*', '@trellis/example-*', '**/plugins/*/src/**', '**/examples/*/src/**'];

const boundaries = [
  {
    files: ['plugins/**/*.{ts,js,mjs}', 'examples/**/*.{ts,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary(
              'plugins and examples may import only @trellis/sdk (and lit) from Trellis. Core internals are not a public API; if the SDK lacks something, grow the SDK.',
              [...CORE, ...ADMIN_UI, '@trellis/plugin-*', '@trellis/example-*'],
            ),
          ],
        },
      ],
    },
  },
  {
    // A first-party plugin's tests boot the plugins it requires (contacts for sales) beside it,
    // through their packages' public entry; core and the admin UI stay out of reach.
    files: ['plugins/*/test/**/*.{ts,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary(
              "a plugin's tests may import @trellis/sdk, their own plugin and the packages of the plugins it requires (@trellis/plugin-*), never core or the admin UI.",
              [...CORE, ...ADMIN_UI, '@trellis/example-*'],
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['sdk/src/**/*.{ts,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary('the SDK is the public contract and depends on nothing of ours; core implements it, not the other way round.', [
              '@trellis/*',
              ...CORE,
              ...ADMIN_UI,
              ...PLUGINS,
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['admin-ui/**/*.{ts,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary('the admin UI talks to core over HTTP only and loads plugin UI at run time; it never imports core or a plugin.', [
              ...CORE,
              ...PLUGINS,
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.{ts,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary('core never imports a plugin or the admin UI; plugins are discovered and loaded at run time.', [
              ...PLUGINS,
              ...ADMIN_UI,
            ]),
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'docs/.vitepress/cache/**',
      'docs/.vitepress/dist/**',
      'docs/reference/sdk/**',
      'bench/results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.ts', 'bench/*.mjs', 'docs/.vitepress/*.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      // A Koa middleware that does not await next() answers 404 before the route runs.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests read untyped JSON responses; `any` there is the honest type.
    files: ['**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['admin-ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...boundaries,
);
