/**
 * The one copy of Lit that the admin UI and every plugin's UI module share. The page's import
 * map sends `lit`, its sub-paths and `lit-html`/`@lit/reactive-element` here, so a plugin
 * built with Lit external gets the same classes, directives and template cache as the app.
 */
export * from 'lit';
export * from 'lit/decorators.js';
export * from 'lit/async-directive.js';
export * from 'lit/directives/async-replace.js';
export * from 'lit/directives/cache.js';
export * from 'lit/directives/choose.js';
export * from 'lit/directives/class-map.js';
export * from 'lit/directives/guard.js';
export * from 'lit/directives/if-defined.js';
export * from 'lit/directives/join.js';
export * from 'lit/directives/keyed.js';
export * from 'lit/directives/live.js';
export * from 'lit/directives/map.js';
export * from 'lit/directives/range.js';
export * from 'lit/directives/ref.js';
export * from 'lit/directives/repeat.js';
export * from 'lit/directives/style-map.js';
export * from 'lit/directives/unsafe-html.js';
export * from 'lit/directives/until.js';
export * from 'lit/directives/when.js';
