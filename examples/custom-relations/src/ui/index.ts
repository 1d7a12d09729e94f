/**
 * The custom-relations plugin's UI module (package.json `trellis.ui`), loaded by the admin UI
 * at run time. Importing it defines the rating renderer.
 */
export { CustomRelationsStars } from './custom-relations-stars.js';
