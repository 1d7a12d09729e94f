/**
 * The sales plugin's UI module (package.json `trellis.ui`), loaded by the admin UI at run time.
 * Importing it defines every element the plugin's `ui` contributions name: the board, forecast
 * and activities pages, the deals panel on companies and contacts, and the pipeline widget.
 */
import './board/sales-board-page.js';
import './forecast/sales-forecast-page.js';
import './activities/sales-activities-page.js';
import './sales-deal-panel.js';
import './sales-pipeline-widget.js';
