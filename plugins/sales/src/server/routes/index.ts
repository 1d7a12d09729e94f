import type { PluginRouter } from '@trellis/sdk';
import { ACTIVITY, DEAL, LEAD } from '../names.js';
import { winLoss } from './analytics.js';
import { board, stageDeals } from './board.js';
import { convertLead } from './convert.js';
import { forecast } from './forecast.js';
import { lostReasons } from './lost-reasons.js';
import { moveDeal } from './move.js';
import { dueActivities } from './activities.js';

const readDeals = { permission: { entity: DEAL, action: 'read' } } as const;

/**
 * The plugin's routes, under `/api/plugins/sales` while it is enabled. Each checks the
 * caller's right on the entity it serves first (403 otherwise), and reads and writes through
 * the records API as the caller, so roles' scopes apply (a rep's board and forecast show the
 * deals they may read).
 *
 * @example
 * ```ts
 * definePlugin({ name: 'sales', version: '1.0.0', routes: salesRoutes });
 * ```
 */
export function salesRoutes(router: PluginRouter): void {
  router.get('/pipelines/:id/board', readDeals, board);
  router.get('/stages/:id/deals', readDeals, stageDeals);
  router.post('/deals/:id/move', { permission: { entity: DEAL, action: 'update' } }, moveDeal);
  router.get('/forecast', readDeals, forecast);
  router.get('/analytics/win-loss', readDeals, winLoss);
  router.get('/lost-reasons', readDeals, lostReasons);
  router.post('/leads/:id/convert', { permission: { entity: LEAD, action: 'update' } }, convertLead);
  router.get('/activities/due', { permission: { entity: ACTIVITY, action: 'read' } }, dueActivities);
}
