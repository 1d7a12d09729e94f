// The UI module the admin UI loads at run time (package.json `trellis.ui`): it defines the
// elements named in the plugin's `ui` contributions.
export { {{pascal}}Overview } from './{{name}}-overview.js';
export { {{pascal}}Panel } from './{{name}}-panel.js';
