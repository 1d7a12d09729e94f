import { definePlugin } from '@trellis/sdk';
import { dealHooks, stageHooks } from './deal-hooks.js';
import { seedSalesDemo } from './demo.js';
import { fillExpectedMonth } from './expected-month.js';
import { activityEntity } from './entities/activity.js';
import { dealEntity } from './entities/deal.js';
import { leadEntity } from './entities/lead.js';
import { pipelineEntity, stageEntity } from './entities/pipeline.js';
import { leadHooks } from './lead-scoring.js';
import { PLUGIN } from './names.js';
import { salesPermissions } from './permissions.js';
import { createDefaultPipeline } from './pipelines.js';
import { activityAbout, dealConcerns, dealInvolves } from './relation-types.js';
import { sendReminders } from './reminders.js';
import { salesRoutes } from './routes/index.js';
import { salesSettings } from './settings.js';

export { DEFAULT_PIPELINE } from './pipelines.js';
export type { SalesSettings, ScoringRule } from './settings.js';

/**
 * The sales plugin: leads, deals, pipelines and stages, activities, the board, forecast,
 * conversion and win/loss routes, built only on `@trellis/sdk` on top of the contacts plugin's
 * companies and contacts. See docs/plugins/sales.md.
 */
export default definePlugin({
  name: PLUGIN,
  version: '1.1.0',
  description: 'Sales pipeline: leads, deals, pipelines and stages, activities, board, forecast and win/loss',
  requires: { core: '^0.1.0', plugins: { contacts: '^1.0.0' } },
  entities: [pipelineEntity, stageEntity, dealEntity, leadEntity, activityEntity],
  relationTypes: [activityAbout, dealConcerns, dealInvolves],
  migrations: [{ version: '1.0.0', up: ({ records }) => createDefaultPipeline(records).then(() => undefined) }, fillExpectedMonth],
  routes: salesRoutes,
  hooks: [dealHooks, stageHooks, leadHooks],
  jobs: [sendReminders],
  settings: salesSettings,
  permissions: salesPermissions,
  demo: seedSalesDemo,
  ui: {
    navigation: [
      { label: 'Pipeline', path: '/board', icon: 'kanban' },
      { label: 'Forecast', path: '/forecast', icon: 'chart' },
      { label: 'Activities', path: '/activities', icon: 'calendar' },
    ],
    pages: [
      { path: '/board', title: 'Pipeline', element: 'sales-board-page' },
      { path: '/forecast', title: 'Forecast', element: 'sales-forecast-page' },
      { path: '/activities', title: 'Activities', element: 'sales-activities-page' },
    ],
    recordPanels: [
      { entity: 'company', label: 'Deals', element: 'sales-deal-panel' },
      { entity: 'contact', label: 'Deals', element: 'sales-deal-panel' },
    ],
    dashboardWidgets: [{ label: 'Open pipeline', element: 'sales-pipeline-widget', size: 'medium' }],
  },
});
