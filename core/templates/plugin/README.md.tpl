# {{title}}

A [Trellis](https://github.com/trellis-crm/trellis) plugin.

- `src/server/index.ts`: the plugin (`definePlugin`): the `{{entity}}` entity, the route
  `GET /api/plugins/{{name}}/hello` and a hook that trims note titles.
- `src/ui/`: the UI module (Lit): `<{{name}}-overview>`, the plugin's page and dashboard widget,
  and `<{{name}}-panel>`, a panel on each note's page.
- `test/`: tests that boot Trellis in process with the plugin enabled.

```sh
npm install
npm run build   # dist/server (tsc) and dist/ui/index.js (vite)
npm test
```

Install it into a Trellis server with `npm install trellis-plugin-{{name}}` in the server's
folder, then `npx trellis plugin install {{name}}` and `npx trellis plugin enable {{name}}`.
See the guide "Writing a plugin" in the Trellis documentation.
