/**
 * The hello plugin's UI module (package.json `trellis.ui`), loaded by the admin UI at run time.
 * Importing it defines the plugin's custom elements.
 */
export { HelloGreetingCard } from './hello-greeting-card.js';
export { HelloRecordPanel } from './hello-record-panel.js';
export { HelloGreetAction } from './hello-greet-action.js';
