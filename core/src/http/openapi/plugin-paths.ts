import type { JsonSchema } from '../../entities/field-types/index.js';
import type { PluginRoutes } from '../../plugins/plugin-router.js';
import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

const TAGS = ['Plugins'];

/** The tag of the plugin manager's paths. */
export const PLUGIN_TAG: OpenApiObject = {
  name: 'Plugins',
  description: 'The plugin manager: discovered and installed plugins, their lifecycle and settings',
};

const REQUIREMENTS: JsonSchema = {
  type: 'object',
  properties: {
    core: { type: 'string', description: 'Semver range of core' },
    plugins: { type: 'object', additionalProperties: { type: 'string' }, description: 'Required plugins and their ranges' },
  },
};

const PLUGIN_INFO: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    version: { type: 'string', description: 'The version found on disk (or given inline)' },
    installedVersion: { type: ['string', 'null'], description: 'The version installed in the database' },
    description: { type: 'string' },
    state: { type: 'string', enum: ['discovered', 'installed', 'enabled', 'disabled', 'failed'] },
    error: { type: ['string', 'null'], description: 'Why it failed or could not be loaded' },
    requires: REQUIREMENTS,
    source: { type: 'string', description: 'The package folder, `node_modules:<package>`, `inline`, or `missing`' },
    hasDemo: { type: 'boolean', description: 'Whether it has demo data (`POST /api/plugins/{name}/demo` seeds it)' },
    ui: {
      type: ['object', 'null'],
      description: 'UI contributions, and `module`: the URL of the plugin’s UI module (served while it is enabled)',
      properties: { module: { type: ['string', 'null'] } },
    },
  },
  required: ['name', 'version', 'installedVersion', 'description', 'state', 'error', 'requires', 'source', 'hasDemo', 'ui'],
};

/** Schemas of the plugin manager's paths, for `components.schemas`. */
export const PLUGIN_SCHEMAS: Record<string, JsonSchema> = {
  PluginInfo: PLUGIN_INFO,
  PluginSettings: { type: 'object', description: 'Validated against the plugin’s settings schema; its defaults fill the gaps' },
};

const NAME: OpenApiObject = { name: 'name', in: 'path', required: true, description: 'The plugin name', schema: { type: 'string' } };
const ONE = jsonResponse('The plugin after the step', dataOf(ref('PluginInfo')));
const FAILED = {
  '500': {
    description: 'TRELLIS_PLUGIN_FAILED: the plugin’s own code threw; it is now `failed` with the error, and nothing it did was kept',
    content: { 'application/problem+json': { schema: ref('Problem') } },
  },
};

const STEPS: Record<string, string> = {
  install: 'Install: create its entities, fields and relation types and run its migrations, in one transaction (required plugins first)',
  enable:
    'Enable: install or upgrade it if needed, then mount its routes, hooks, subscribers and jobs and run its setup (required plugins first)',
  disable: 'Disable: run its teardown and unmount everything; data is kept. 409 TRELLIS_PLUGIN_REQUIRED_BY while enabled plugins need it',
  upgrade: 'Upgrade to the version found: add what it newly declares and run the newer migrations, in one transaction',
};

function step(verb: string, summary: string): OpenApiObject {
  return {
    post: {
      operationId: `plugins${verb.charAt(0).toUpperCase()}${verb.slice(1)}`,
      tags: TAGS,
      summary,
      description: 'Administrators only.',
      responses: { '200': ONE, ...problems(401, 403, 404, 409), ...FAILED },
    },
  };
}

/** `/api/plugins`: the plugin manager. */
export function pluginManagerPaths(): Record<string, OpenApiObject> {
  return {
    '/api/plugins': {
      get: {
        operationId: 'pluginsList',
        tags: TAGS,
        summary: 'Every plugin found or installed, with its state',
        responses: { '200': jsonResponse('The plugins', dataOf({ type: 'array', items: ref('PluginInfo') })), ...problems(401) },
      },
    },
    '/api/plugins/{name}': {
      parameters: [NAME],
      get: {
        operationId: 'pluginsGet',
        tags: TAGS,
        summary: 'One plugin',
        responses: { '200': jsonResponse('The plugin', dataOf(ref('PluginInfo'))), ...problems(401, 404) },
      },
    },
    ...Object.fromEntries(
      Object.entries(STEPS).map(([verb, summary]) => [`/api/plugins/{name}/${verb}`, { parameters: [NAME], ...step(verb, summary) }]),
    ),
    '/api/plugins/{name}/uninstall': {
      parameters: [NAME],
      post: {
        operationId: 'pluginsUninstall',
        tags: TAGS,
        summary: 'Uninstall: disable it, then drop its entities, fields and relation types with their data, its settings and state',
        description:
          'Administrators only. Without `{"confirm": "<name>"}` the answer is 409 TRELLIS_CONFIRMATION_REQUIRED saying what would be dropped.',
        requestBody: jsonBody({ type: 'object', properties: { confirm: { type: 'string', description: 'The plugin’s name' } } }),
        responses: { '200': jsonResponse('The plugin, now discovered', dataOf(ref('PluginInfo'))), ...problems(401, 403, 404, 409) },
      },
    },
    '/api/plugins/{name}/demo': {
      parameters: [NAME],
      post: {
        operationId: 'pluginsSeedDemo',
        tags: TAGS,
        summary: 'Seed the demo data of an enabled plugin and of the plugins it requires, once per database',
        description:
          'Administrators only. Plugins whose demo data is already there are skipped; a failing demo is reported in `failed`, never as an error. 409 TRELLIS_PLUGIN_NOT_ENABLED when the plugin is not enabled.',
        responses: {
          '200': jsonResponse(
            'What was seeded',
            dataOf({
              type: 'object',
              required: ['seeded', 'failed'],
              properties: {
                seeded: { type: 'array', items: { type: 'string' }, description: 'Plugins whose demo data was seeded now' },
                failed: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['plugin', 'error'],
                    properties: { plugin: { type: 'string' }, error: { type: 'string' } },
                  },
                },
              },
            }),
          ),
          ...problems(401, 403, 404, 409),
        },
      },
    },
    '/api/plugins/{name}/settings': {
      parameters: [NAME],
      get: {
        operationId: 'pluginsGetSettings',
        tags: TAGS,
        summary: 'The plugin’s settings (administrators only)',
        responses: { '200': jsonResponse('The settings', dataOf(ref('PluginSettings'))), ...problems(401, 403, 404) },
      },
      put: {
        operationId: 'pluginsSetSettings',
        tags: TAGS,
        summary: 'Replace the plugin’s settings (administrators only); 400 names each setting its schema refuses',
        requestBody: jsonBody(ref('PluginSettings')),
        responses: { '200': jsonResponse('The settings as stored', dataOf(ref('PluginSettings'))), ...problems(400, 401, 403, 404, 409) },
      },
    },
  };
}

/** `/api/plugins/<name>/…`: the routes of each enabled plugin, tagged with its name (their bodies are the plugin's own). */
export function pluginRoutePaths(plugins: PluginRoutes[]): Record<string, OpenApiObject> {
  const paths: Record<string, OpenApiObject> = {};
  for (const { plugin, routes } of plugins) {
    for (const route of routes) {
      const parameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const item = (paths[path] ??= parameters.length ? { parameters } : {});
      item[route.method] = {
        tags: [plugin],
        summary: `${route.method.toUpperCase()} ${path} (plugin ${plugin})`,
        responses: { default: { description: 'Defined by the plugin' } },
      };
    }
  }
  return paths;
}

/** A tag per enabled plugin. */
export function pluginTags(plugins: PluginRoutes[]): OpenApiObject[] {
  return plugins.map(({ plugin, description }) => ({ name: plugin, description: description || `Routes of plugin ${plugin}` }));
}
