/**
 * The bare specifiers a plugin's UI module may import Lit by; the import map of the admin UI's
 * page sends each to the shared Lit module (src/shared/lit.ts).
 */
export const SHARED_LIT_SPECIFIERS = [
  'lit',
  'lit-html',
  '@lit/reactive-element',
  'lit/decorators.js',
  'lit/directive.js',
  'lit/async-directive.js',
  ...[
    'async-replace',
    'cache',
    'choose',
    'class-map',
    'guard',
    'if-defined',
    'join',
    'keyed',
    'live',
    'map',
    'range',
    'ref',
    'repeat',
    'style-map',
    'unsafe-html',
    'until',
    'when',
  ].map((name) => `lit/directives/${name}.js`),
];
