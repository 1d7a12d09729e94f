/**
 * Where plugin UI can appear in the admin UI, as a closed list. Each slot takes custom
 * elements named `<plugin>-<thing>` from the plugin's UI module, loaded at run time.
 *
 * @example
 * ```ts
 * UI_SLOTS.includes('record.panel'); // true
 * ```
 */
export const UI_SLOTS = ['navigation', 'page', 'record.panel', 'record.action', 'dashboard.widget', 'field.renderer'] as const;

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
 * An entry of the main navigation, under "Apps": a link to one of the plugin's pages (slot `navigation`).
 *
 * @example
 * ```ts
 * const entry: UiNavigationEntry = { label: 'Greetings', path: '/greetings', icon: 'hand-wave' };
 * ```
 */
export interface UiNavigationEntry {
  /** The link's text. */
  label: string;
  /** A page of the plugin: the link goes to `/plugins/<plugin><path>`. */
  path: string;
  /** An icon name, a hint the admin UI may show beside the label. */
  icon?: string;
}

/**
 * A full page at `/plugins/<plugin><path>` (slot `page`). The element receives `path` (the
 * part of the address after `/plugins/<plugin>`, e.g. `/greetings`) and `query` (the
 * `URLSearchParams` of the address) properties; `query` is set again when only it changes.
 *
 * @example
 * ```ts
 * const page: UiPage = { path: '/greetings', title: 'Greetings', element: 'hello-greeting-card' };
 * ```
 */
export interface UiPage {
  /** Starts with `/`; the page is shown at `/plugins/<plugin><path>`. */
  path: string;
  /** The page's heading and the browser tab's title. */
  title: string;
  /** The custom element shown, named `<plugin>-<thing>`. */
  element: string;
}

/**
 * A panel on a record's page, in a section headed by `label` (slot `record.panel`). The
 * element receives `entity` (the entity's name), `recordId` and `record` (the record as the
 * API returns it; set again after every change to the record) properties.
 *
 * @example
 * ```ts
 * const panel: UiRecordPanel = { entity: 'contact', label: 'Greetings', element: 'hello-contact-panel' };
 * ```
 */
export interface UiRecordPanel {
  /** The entity whose records show the panel; omitted, the records of every entity show it. */
  entity?: string;
  /** The section's heading. */
  label: string;
  /** The custom element shown, named `<plugin>-<thing>`. */
  element: string;
}

/**
 * An element in the action area of a record's page, beside the record's own buttons (slot
 * `record.action`): typically one button that does something with the record. The element
 * receives `entity`, `recordId` and `record` properties, like a record panel.
 *
 * @example
 * ```ts
 * const action: UiRecordAction = { label: 'Say hello', element: 'hello-greet-action' };
 * ```
 */
export interface UiRecordAction {
  /** The entity whose records show the action; omitted, the records of every entity show it. */
  entity?: string;
  /** What the action does, in a few words: the accessible name of the element's place. */
  label: string;
  /** The custom element shown, named `<plugin>-<thing>`. */
  element: string;
}

/**
 * A card on the home dashboard, headed by `label` (slot `dashboard.widget`). The element
 * receives no properties; it fetches what it shows.
 *
 * @example
 * ```ts
 * const widget: UiDashboardWidget = { label: 'A greeting', element: 'hello-greeting-card', size: 'small' };
 * ```
 */
export interface UiDashboardWidget {
  /** The card's heading. */
  label: string;
  /** The custom element shown, named `<plugin>-<thing>`. */
  element: string;
  /** How much of the dashboard's width the card takes: one column (`small`, the default), two, or the whole row. */
  size?: 'small' | 'medium' | 'large';
}

/**
 * The element that displays values of a field type, typically one the plugin contributes
 * (slot `field.renderer`). The element receives `value` (the value as the API returns it) and
 * `field` (the field's metadata) properties.
 *
 * @example
 * ```ts
 * const renderer: UiFieldRenderer = { fieldType: 'shop.rating', element: 'shop-stars' };
 * ```
 */
export interface UiFieldRenderer {
  /** The field type, e.g. `shop.rating`. */
  fieldType: string;
  /** The custom element shown, named `<plugin>-<thing>`. */
  element: string;
}

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
 *   recordActions: [{ label: 'Say hello', element: 'hello-greet-action' }],
 * };
 * ```
 */
export interface UiContributions {
  /** Entries of the main navigation (slot `navigation`). */
  navigation?: UiNavigationEntry[];
  /** Full pages under `/plugins/<plugin><path>`; the element receives `path` and `query` properties (slot `page`). */
  pages?: UiPage[];
  /** Panels on a record's page; the element receives `entity`, `recordId` and `record` properties (slot `record.panel`). */
  recordPanels?: UiRecordPanel[];
  /** Elements in a record page's action area; they receive `entity`, `recordId` and `record` properties (slot `record.action`). */
  recordActions?: UiRecordAction[];
  /** Dashboard widgets (slot `dashboard.widget`). */
  dashboardWidgets?: UiDashboardWidget[];
  /** Renderers of a field type, typically the plugin's own (slot `field.renderer`); the element receives `value` and `field`. */
  fieldRenderers?: UiFieldRenderer[];
}

/**
 * The problems of a plugin's UI contributions, as sentences: elements not named
 * `<plugin>-<thing>`, and pages or navigation entries whose path does not start with `/`.
 * `definePlugin` refuses a plugin that has any, so the mistake shows when the plugin is
 * discovered rather than as a blank slot in the admin UI.
 *
 * @example
 * ```ts
 * uiProblems('hello', { pages: [{ path: '/greetings', title: 'Greetings', element: 'greeting-card' }] });
 * // ['element "greeting-card" must be named "hello-<thing>" (lower case, words joined by "-")']
 * ```
 */
export function uiProblems(plugin: string, ui: UiContributions): string[] {
  const problems: string[] = [];
  for (const entry of [...(ui.navigation ?? []), ...(ui.pages ?? [])])
    if (!entry.path.startsWith('/'))
      problems.push(`${'element' in entry ? 'page' : 'navigation entry'} "${entry.path}": the path must start with "/"`);
  const elements = [
    ...(ui.pages ?? []),
    ...(ui.recordPanels ?? []),
    ...(ui.recordActions ?? []),
    ...(ui.dashboardWidgets ?? []),
    ...(ui.fieldRenderers ?? []),
  ].map((entry) => entry.element);
  for (const element of new Set(elements))
    if (!element.startsWith(`${plugin}-`) || !/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(element))
      problems.push(`element "${element}" must be named "${plugin}-<thing>" (lower case, words joined by "-")`);
  return problems;
}
