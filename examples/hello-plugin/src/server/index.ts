import { definePlugin } from '@trellis/sdk';
import { GREETING, greetingEntity } from './greeting-entity.js';
import { greetingHooks } from './greeting-hooks.js';
import { countGreeting, dailyReport } from './jobs.js';
import { greetingRoutes } from './routes.js';
import { helloSettings } from './settings.js';
import { contactCreated } from './subscribers.js';

/**
 * The hello example plugin: one of each thing a plugin can declare, built only on
 * `@trellis/sdk`. The plugin host finds it through package.json `trellis.plugin`.
 */
export default definePlugin({
  name: 'hello',
  version: '1.0.0',
  description: 'Says hello: an entity, routes, hooks, jobs, settings, and UI: a page, a dashboard card, a record panel and action',
  requires: { core: '^0.1.0' },
  entities: [greetingEntity],
  routes: greetingRoutes,
  hooks: [greetingHooks],
  jobs: [countGreeting, dailyReport],
  subscribers: [contactCreated],
  settings: helloSettings,
  ui: {
    navigation: [{ label: 'Greetings', path: '/greetings', icon: 'hand-wave' }],
    pages: [{ path: '/greetings', title: 'Greetings', element: 'hello-greeting-card' }],
    dashboardWidgets: [{ label: 'A greeting', element: 'hello-greeting-card', size: 'small' }],
    // On the page of each greeting; `entity` names the records that show the panel.
    recordPanels: [{ entity: GREETING, label: 'Greeting', element: 'hello-record-panel' }],
    // No `entity`: every record's page offers to say hello to it.
    recordActions: [{ label: 'Say hello', element: 'hello-greet-action' }],
  },
});
