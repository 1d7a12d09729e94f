import type { PluginContext, PluginRouter } from './context.js';
import type { EntityDefinition } from './entities.js';
import type { DomainEvent, DomainEventType } from './events.js';
import type { FieldDefinition } from './fields.js';
import type { FieldTypeDefinition } from './field-types.js';
import type { RecordHooks } from './hooks.js';
import type { JobDefinition } from './jobs.js';
import type { JsonSchema } from './json.js';
import type { RecordsApi } from './services.js';
import type { RelationTypeDefinition } from './relations.js';
import { uiProblems, type UiContributions } from './ui.js';
import type { PluginPermissions } from './permissions.js';
import type { PluginPrivacy } from './privacy.js';

/**
 * What a plugin needs to run: a semver range of core and of other plugins.
 *
 * @example
 * ```ts
 * const requires: PluginRequirements = { core: '^0.1.0', plugins: { sales: '^1.0.0' } };
 * ```
 */
export interface PluginRequirements {
  /** Range of `@trellis/core` versions. */
  core?: string;
  /** Other plugins by name, with version ranges; they are installed and enabled first. */
  plugins?: Record<string, string>;
}

/**
 * Fields a plugin adds to an entity it does not own (core's, a user's or another plugin's).
 *
 * @example
 * ```ts
 * const extension: EntityExtension = { entity: 'contact', fields: [{ name: 'hello_nickname', type: 'text' }] };
 * ```
 */
export interface EntityExtension {
  /** The entity to extend; it must exist when the plugin is installed. */
  entity: string;
  /** The added fields; prefix their names with the plugin's to avoid clashes. */
  fields: FieldDefinition[];
}

/**
 * What a migration's `up` receives: records inside the install or upgrade transaction.
 *
 * @example
 * ```ts
 * const up = async ({ records }: MigrationContext) => {
 *   await records.create('hello_greeting', { message: 'Welcome' });
 * };
 * ```
 */
export interface MigrationContext extends PluginContext {
  /** Records, inside the migration's transaction. */
  readonly records: RecordsApi;
}

/**
 * A data migration. Entities, fields and relation types are created from the declaration
 * (new ones are added on upgrade); migrations move data. Each runs once, up only, in the
 * install or upgrade transaction, in version order: on install every migration up to the
 * plugin's version, on upgrade those newer than the installed version.
 *
 * @example
 * ```ts
 * const migration: PluginMigration = {
 *   version: '1.1.0',
 *   async up({ records }) {
 *     await records.create('hello_greeting', { message: 'Now with emoji 👋' });
 *   },
 * };
 * ```
 */
export interface PluginMigration {
  /** The plugin version that introduced it (semver). */
  version: string;
  /** The change. Throwing rolls the install or upgrade back. */
  up(ctx: MigrationContext): void | Promise<void>;
}

/**
 * An after-commit listener of domain events.
 *
 * @example
 * ```ts
 * const onContact: EventSubscriber = {
 *   event: 'record.created',
 *   entity: 'contact',
 *   handle: (event, ctx) => ctx.services.get(Tokens.Logger).info('new contact', { type: event.type }),
 * };
 * ```
 */
export interface EventSubscriber {
  /** The event type, e.g. `record.updated`, `relation.added` or `sales.deal_won`. */
  event: DomainEventType;
  /** For record events: only this entity. */
  entity?: string;
  /** Called after commit; errors are logged and never undo the change. */
  handle(event: DomainEvent, ctx: PluginContext): void | Promise<void>;
}

/**
 * The plugin's settings: a JSON Schema of an object. Values are validated on every write and
 * stored per installation; `default`s in the schema fill the gaps.
 *
 * @example
 * ```ts
 * const settings: PluginSettings = {
 *   schema: { type: 'object', properties: { greeting: { type: 'string', default: 'Hello' } }, additionalProperties: false },
 * };
 * ```
 */
export interface PluginSettings {
  /** JSON Schema with `type: 'object'`. */
  schema: JsonSchema;
}

/**
 * Everything a plugin declares. Core reads it when the plugin is discovered, creates what it
 * declares on install, and mounts routes, hooks, subscribers and jobs on enable.
 *
 * @example
 * ```ts
 * export default definePlugin({
 *   name: 'hello',
 *   version: '1.0.0',
 *   requires: { core: '^0.1.0' },
 *   entities: [defineEntity({ name: 'hello_greeting', label: 'Greeting', fields: [{ name: 'message', type: 'text', required: true }] })],
 *   routes(router) {
 *     router.get('/hello', (ctx) => { ctx.body = { data: { message: 'Hello' } }; });
 *   },
 * });
 * ```
 */
export interface PluginDefinition {
  /** Lower kebab case, unique: `/api/plugins/<name>`, events `<name>.*`, elements `<name>-*`. */
  name: string;
  /** Semver version of the plugin. */
  version: string;
  /** One line shown in the plugin manager. */
  description?: string;
  /** Core and plugin versions it needs. */
  requires?: PluginRequirements;
  /** Entities the plugin owns (dropped on uninstall with confirmation). Prefix names with the plugin's. */
  entities?: EntityDefinition[];
  /** Fields added to entities the plugin does not own. */
  fields?: EntityExtension[];
  /** Relation types the plugin owns. */
  relationTypes?: RelationTypeDefinition[];
  /** Field types the plugin contributes. */
  fieldTypes?: FieldTypeDefinition[];
  /** Data migrations, run on install and upgrade. */
  migrations?: PluginMigration[];
  /** Fills the plugin's router, mounted at `/api/plugins/<name>` while enabled. */
  routes?(router: PluginRouter, ctx: PluginContext): void;
  /** Record hooks, active while enabled. */
  hooks?: RecordHooks[];
  /** After-commit event listeners, active while enabled. */
  subscribers?: EventSubscriber[];
  /** Background jobs and schedules; run while enabled. */
  jobs?: JobDefinition[];
  /** Settings schema. */
  settings?: PluginSettings;
  /** Admin UI contributions (the module itself is package.json's `trellis.ui`). */
  ui?: UiContributions;
  /** Default rights of roles on the plugin's entities, applied on install. */
  permissions?: PluginPermissions;
  /** The plugin's part in data-subject export and erasure. */
  privacy?: PluginPrivacy;
  /** Called on enable, after routes and hooks are mounted; throwing marks the plugin failed. */
  setup?(ctx: PluginContext): void | Promise<void>;
  /** Called on disable, before everything is unmounted. */
  teardown?(ctx: PluginContext): void | Promise<void>;
  /**
   * Seeds demo data: called once per database, after the plugin is enabled, when demo data is
   * asked for (`TRELLIS_DEMO=1` or `trellis demo`); the demo data of the plugins it requires is
   * seeded first. Its services act as the first administrator, so the records have an owner.
   * Throwing is logged and reported but never fails the plugin; the demo is then tried again
   * next time, so write it to cope with a partial earlier run or to fail before writing.
   *
   * @example
   * ```ts
   * definePlugin({
   *   name: 'hello',
   *   version: '1.0.0',
   *   entities: [greetingEntity],
   *   async demo(ctx) {
   *     const records = ctx.services.get(Tokens.Records);
   *     for (const message of ['Welcome', 'Bonjour']) await records.create('hello_greeting', { message });
   *   },
   * });
   * ```
   */
  demo?(ctx: PluginContext): Promise<void>;
}

/**
 * Where a plugin is in its lifecycle: `discovered` (found, never installed), `installed` (its
 * tables exist, never enabled), `enabled`, `disabled` (data kept), `failed` (see `error`).
 *
 * @example
 * ```ts
 * const live = (state: PluginState) => state === 'enabled';
 * ```
 */
export type PluginState = 'discovered' | 'installed' | 'enabled' | 'disabled' | 'failed';

/**
 * A plugin as `GET /api/plugins` reports it.
 *
 * @example
 * ```ts
 * const failing = (plugins: PluginInfo[]) => plugins.filter((plugin) => plugin.state === 'failed').map((plugin) => `${plugin.name}: ${plugin.error}`);
 * ```
 */
export interface PluginInfo {
  /** The plugin's name. */
  name: string;
  /** The version found on disk (or given to the test kit). */
  version: string;
  /** The version installed in the database, or null. */
  installedVersion: string | null;
  /** One line. */
  description: string;
  /** Lifecycle state. */
  state: PluginState;
  /** Why it failed, when `state` is `failed` (or when it could not be loaded). */
  error: string | null;
  /** What it requires. */
  requires: PluginRequirements;
  /** Where it was found: a directory, a package name, or `inline`. */
  source: string;
  /** Whether it has demo data to seed (`demo` in its definition): `POST /api/plugins/<name>/demo` seeds it. */
  hasDemo: boolean;
  /** Its UI contributions and the URL of its UI module, if any. */
  ui:
    | (UiContributions & {
        /** The URL the admin UI imports the plugin's UI module from, or null when it has none. */
        module: string | null;
      })
    | null;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * Declares a plugin; checks names and versions at once so a plugin with a typo fails when it
 * is discovered (reported by the plugin manager), not half-way through an install.
 *
 * @example
 * ```ts
 * export default definePlugin({ name: 'hello', version: '1.0.0', description: 'Says hello' });
 * ```
 */
export function definePlugin<const T extends PluginDefinition>(definition: T): T {
  const where = `definePlugin("${definition.name}")`;
  if (!NAME.test(definition.name)) throw new TypeError(`${where}: the name must be lower kebab case (e.g. "sales" or "custom-relations")`);
  if (!SEMVER.test(definition.version)) throw new TypeError(`${where}: version "${definition.version}" is not semver (e.g. "1.0.0")`);
  for (const migration of definition.migrations ?? [])
    if (!SEMVER.test(migration.version)) throw new TypeError(`${where}: migration version "${migration.version}" is not semver`);
  unique(
    where,
    'job',
    (definition.jobs ?? []).map((job) => job.name),
  );
  unique(
    where,
    'entity',
    (definition.entities ?? []).map((entity) => entity.name),
  );
  unique(
    where,
    'migration version',
    (definition.migrations ?? []).map((migration) => migration.version),
  );
  for (const type of definition.fieldTypes ?? [])
    if (!type.name.startsWith(`${definition.name}.`))
      throw new TypeError(`${where}: field type "${type.name}" must be named "${definition.name}.<type>"`);
  if (definition.demo !== undefined && typeof definition.demo !== 'function') throw new TypeError(`${where}: demo must be a function`);
  const [uiProblem] = uiProblems(definition.name, definition.ui ?? {});
  if (uiProblem) throw new TypeError(`${where}: ui ${uiProblem}`);
  return Object.freeze(definition);
}

function unique(where: string, what: string, names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new TypeError(`${where}: ${what} "${name}" is declared twice`);
    seen.add(name);
  }
}

/**
 * What a demo run did: the plugins whose `demo` ran and succeeded, and those whose demo failed
 * (or was skipped because a plugin they require failed its own).
 *
 * @example
 * ```ts
 * const report: DemoReport = { seeded: ['contacts'], failed: [] };
 * const ok = report.failed.length === 0;
 * ```
 */
export interface DemoReport {
  /** Plugins seeded by this run, each after what it requires. */
  seeded: string[];
  /** Plugins whose demo threw, with the error message. */
  failed: Array<{
    /** The plugin whose demo data is missing. */
    plugin: string;
    /** Why: what its demo threw, or which required plugin failed first. */
    error: string;
  }>;
}
