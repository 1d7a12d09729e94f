/**
 * Where plugin UI can appear in the admin UI, as a closed list. Each slot takes custom
 * elements named `<plugin>-<thing>` from the plugin's UI module, loaded at run time.
 *
 * @example
 * ```ts
 * UI_SLOTS.includes('record.panel'); // true
 * ```
 */
export const UI_SLOTS = ['navigation', 'page', 'record.panel', 'dashboard.widget', 'field.renderer'] as const;

/**
 * One of {@link UI_SLOTS}.
 *
 * @example
 * ```ts
 * const slot: UiSlot = 'dashboard.widget';
 * ```
 */
export type UiSlot = (typeof UI_SLOTS)[number];

/**
 * What a plugin adds to the admin UI. Element names must start with `<plugin>-`; the UI module
 * (package.json `trellis.ui`, built by Vite in library mode with `lit` external) defines them.
 *
 * @example
 * ```ts
 * const ui: UiContributions = {
 *   navigation: [{ label: 'Greetings', path: '/hello' }],
 *   pages: [{ path: '/hello', title: 'Greetings', element: 'hello-greetings-page' }],
 *   recordPanels: [{ entity: 'contact', label: 'Greetings', element: 'hello-contact-panel' }],
 * };
 * ```
 */
export interface UiContributions {
  /** Entries of the main navigation (slot `navigation`). */
  navigation?: Array<{ label: string; path: string; icon?: string }>;
  /** Full pages under `/plugins/<plugin><path>` (slot `page`). */
  pages?: Array<{ path: string; title: string; element: string }>;
  /** Panels on a record's page; the element receives `entity` and `recordId` properties (slot `record.panel`). */
  recordPanels?: Array<{ entity: string; label: string; element: string }>;
  /** Dashboard widgets (slot `dashboard.widget`). */
  dashboardWidgets?: Array<{ label: string; element: string; size?: 'small' | 'medium' | 'large' }>;
  /** Renderers of a field type, typically the plugin's own (slot `field.renderer`); the element receives `value` and `field`. */
  fieldRenderers?: Array<{ fieldType: string; element: string }>;
}
