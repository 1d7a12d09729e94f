import { defineEntity, definePlugin, Tokens, ValidationError } from '@trellis/sdk';

/** The plugin's entity: a real table, created on install. Its name starts with the plugin's. */
export const note = defineEntity({
  name: '{{entity}}',
  label: 'Note',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'body', type: 'long_text' },
  ],
});

export default definePlugin({
  name: '{{name}}',
  version: '0.1.0',
  description: '{{title}}',
  requires: { core: '{{coreRange}}' },
  entities: [note],
  routes(router) {
    // Mounted at /api/plugins/{{name}}: this is GET /api/plugins/{{name}}/hello.
    router.get('/hello', async (ctx) => {
      const notes = await ctx.services.get(Tokens.Records).count(note.name);
      ctx.body = { data: { message: 'Hello from {{name}}', notes } };
    });
  },
  hooks: [
    {
      entity: note.name,
      // Runs inside the write's transaction; throwing rejects the write with a 400.
      beforeCreate(data) {
        if (typeof data.title === 'string') data.title = data.title.trim();
        if (!data.title) throw ValidationError.at('title', 'must not be blank');
      },
    },
  ],
  // Loaded by the admin UI when the plugin is enabled: a page (linked from the navigation), a
  // dashboard widget, and a panel on each note's page. The elements are in src/ui.
  ui: {
    navigation: [{ label: '{{title}}', path: '/overview' }],
    pages: [{ path: '/overview', title: '{{title}}', element: '{{name}}-overview' }],
    dashboardWidgets: [{ label: '{{title}}', element: '{{name}}-overview' }],
    recordPanels: [{ entity: note.name, label: 'About this note', element: '{{name}}-panel' }],
  },
});
