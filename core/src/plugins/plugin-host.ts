import type { JsonObject, PluginInfo, Services, SettingsApi } from '@trellis/sdk';
import type { Knex } from 'knex';
import type { PluginStep, PluginStepRecorder } from '../audit/plugin-audit.js';
import { pluginActor, type Actor } from '../auth/actor.js';
import { ValidationError } from '../errors.js';
import type { RecordsTransaction } from '../records/records-transaction.js';
import { dependantsOf, dependencyOrder } from './dependency-order.js';
import type { PluginCandidate } from './discovery.js';
import { assertFieldTypesUnused } from './field-type-usage.js';
import { PluginCatalog } from './plugin-catalog.js';
import { confirmationRequired, notEnabled, notInstalled, PluginFailedError, requiredBy } from './plugin-errors.js';
import { DemoSeeder, demoOrder, type DemoReport } from './plugin-demo.js';
import { describeDeclarations, type SchemaDeps } from './plugin-install.js';
import type { MountedRouter, PluginRoutes } from './plugin-router.js';
import type { RuntimeDeps } from './plugin-runtime.js';
import { pluginServices, type PluginServiceDeps } from './plugin-services.js';
import { privacyHooksOf, type PluginPrivacyHook } from './plugin-privacy.js';
import { PluginSettingsValidator } from './plugin-settings.js';
import { PluginStateStore } from './plugin-state.js';
import { PluginSteps } from './plugin-steps.js';
import { followPluginChanges } from './plugin-sync.js';

/** What the plugin host is built on. */
export type PluginHostDeps = Omit<SchemaDeps, 'services'> &
  Omit<RuntimeDeps, 'services' | 'onHookFailure'> & {
    services: Omit<PluginServiceDeps, 'settings'>;
    /** Core's own version, checked against `requires.core`. */
    coreVersion: string;
    /** Seed a plugin's demo data right after it is enabled (TRELLIS_DEMO=1). */
    demo?: boolean;
    /** Who a plugin's demo acts as (the first administrator, so demo records have an owner); default the plugin itself. */
    demoActor?: () => Promise<Actor>;
  };

/**
 * Runs plugins: keeps their state in `trellis_plugins`, installs, enables, disables, upgrades
 * and uninstalls them at run time, mounts enabled ones in dependency order and follows the
 * changes other processes make. Lifecycle steps run one at a time; a plugin that throws is
 * marked failed and nothing else is affected. See docs/reference/plugin-lifecycle.md.
 */
export class PluginHost {
  private readonly state: PluginStateStore;
  /** Writes each lifecycle change to the audit log (set by the composition root). */
  recordStep?: PluginStepRecorder;
  private readonly catalog: PluginCatalog;
  private readonly steps: PluginSteps;
  private readonly settings = new PluginSettingsValidator();
  private readonly services: PluginServiceDeps;
  private readonly demo: DemoSeeder;
  private seenVersion = -1;
  private queue: Promise<unknown> = Promise.resolve();
  private stopFollowing: (() => Promise<void>) | undefined;

  constructor(private readonly deps: PluginHostDeps) {
    this.state = new PluginStateStore(deps.db);
    this.catalog = new PluginCatalog(this.state);
    this.services = { ...deps.services, settings: (plugin) => this.settingsApi(plugin) };
    this.demo = new DemoSeeder({
      db: deps.db,
      logger: deps.logger,
      context: async (plugin) => {
        const actor = deps.demoActor ? await deps.demoActor() : pluginActor(plugin);
        return { plugin, services: pluginServices(this.services, plugin, actor) };
      },
    });
    this.steps = new PluginSteps({
      catalog: this.catalog,
      state: this.state,
      schema: { ...deps, services: this.services },
      runtime: { ...deps, services: this.services, onHookFailure: (plugin, error) => this.markFailed(plugin, error) },
      logger: deps.logger,
      coreVersion: deps.coreVersion,
    });
  }

  /** Moves whenever routes are mounted or unmounted (the OpenAPI document is rebuilt then). */
  get routesVersion(): number {
    return this.steps.routesVersion;
  }

  /**
   * Takes the plugins found on disk or given inline and reads the stored state; registers the
   * field types of installed plugins, which entity metadata needs before it can load.
   */
  async load(candidates: PluginCandidate[]): Promise<void> {
    this.catalog.setCandidates(candidates);
    await this.exclusive(async () => {
      this.seenVersion = await this.state.version();
      await this.catalog.reload();
      await this.catalog.syncFieldTypes();
    });
  }

  /**
   * Registers the field types of plugins installed by another process (called by the metadata
   * store when stored fields use a type it does not know), from their stored state.
   */
  registerInstalledFieldTypes(knex: Knex): Promise<void> {
    return this.catalog.syncFieldTypes(knex);
  }

  /** Mounts enabled plugins (in dependency order) and starts following other processes. */
  async start(): Promise<void> {
    await this.exclusive(() => this.reconcile());
    this.stopFollowing = followPluginChanges(this.deps.db, () => this.refresh(), this.deps.logger);
  }

  /** Stops following and unmounts every plugin (their teardown runs); data and state stay. */
  async stop(): Promise<void> {
    await this.stopFollowing?.();
    await this.exclusive(async () => {
      for (const name of [...this.steps.mounted.keys()].reverse()) await this.steps.unmount(name);
    });
  }

  /** Re-reads the stored state if another process changed it, and mounts or unmounts to match. */
  refresh(): Promise<void> {
    return this.exclusive(() => this.sync());
  }

  /** Every plugin found or installed, by name. */
  async list(): Promise<PluginInfo[]> {
    await this.refresh();
    return this.catalog.names().map((name) => this.catalog.info(name));
  }

  /** One plugin; 404 when it is neither found nor installed. */
  async get(name: string): Promise<PluginInfo> {
    await this.refresh();
    this.catalog.assertKnown(name);
    return this.catalog.info(name);
  }

  /** Installs a plugin (and the plugins it requires, first): its schema and migrations, in one transaction. */
  install(name: string): Promise<PluginInfo> {
    return this.step(name, 'installed', () => this.steps.install(name));
  }

  /**
   * Enables a plugin (installing or upgrading it first, and enabling what it requires); with
   * demo data on, then seeds its demo data (and that of what it requires) if not there yet.
   */
  async enable(name: string): Promise<PluginInfo> {
    const info = await this.step(name, 'enabled', () => this.steps.enable(name));
    if (this.deps.demo) await this.seedDemo([name]);
    return info;
  }

  /**
   * Seeds the demo data of enabled plugins (those named, with what they require; all when no
   * name is given) whose demo has not run on this database yet, each after what it requires.
   * A failing demo is logged and reported, never thrown.
   */
  /**
   * Seeds one enabled plugin's demo data (and that of what it requires) on request, whether or
   * not demo data is on; 409 when the plugin is not enabled, 404 when it is unknown.
   */
  async seedDemoOf(name: string): Promise<DemoReport> {
    const info = await this.get(name);
    if (info.state !== 'enabled') throw notEnabled(name, 'seed the demo data of');
    return this.seedDemo([name]);
  }

  seedDemo(names?: string[]): Promise<DemoReport> {
    return this.exclusive(async () => {
      await this.sync();
      const enabled = [...this.steps.mounted.values()].map(({ definition }) => definition);
      return this.demo.seed(demoOrder(enabled, names));
    });
  }

  /** Disables a plugin: teardown, then its routes, hooks, subscribers and jobs are unplugged. Data stays. */
  disable(name: string): Promise<PluginInfo> {
    return this.step(name, 'disabled', async () => {
      const row = this.catalog.installedRow(name, 'disable');
      const dependants = dependantsOf(name, this.catalog.definitionsIn(['enabled']));
      if (dependants.length) throw requiredBy(name, 'disable', 'enabled', dependants);
      await this.steps.unmount(name);
      if (row.state !== 'installed') await this.steps.saveState(name, 'disabled', null);
    });
  }

  /**
   * Uninstalls a plugin: disables it, then drops its entities, fields, relation types (with
   * their data), settings and state. Without `confirm` it only explains what would be dropped.
   */
  uninstall(name: string, options: { confirm: boolean }): Promise<PluginInfo> {
    return this.step(name, 'uninstalled', async () => {
      const row = this.catalog.row(name);
      if (!row) throw notInstalled(name, 'uninstall');
      // A plugin whose first install failed has nothing to drop but its state.
      if (row.version !== null) {
        if (!options.confirm) throw confirmationRequired(name, describeDeclarations(this.deps.store, name));
        const dependants = dependantsOf(name, this.catalog.definitionsIn(['installed', 'enabled', 'disabled', 'failed']));
        if (dependants.length) throw requiredBy(name, 'uninstall', 'installed', dependants);
        assertFieldTypesUnused(this.deps.store, name);
        await this.steps.unmount(name);
      }
      try {
        await this.steps.uninstall(name);
      } catch (error) {
        if (row.state === 'enabled') await this.steps.saveState(name, 'disabled', null);
        throw error;
      }
    });
  }

  /** Upgrades an installed plugin to the version found: new declarations and newer migrations, in one transaction. */
  upgrade(name: string): Promise<PluginInfo> {
    return this.step(name, 'upgraded', async () => {
      const definition = await this.catalog.loadable(name, 'upgrade');
      const row = this.catalog.installedRow(name, 'upgrade');
      this.steps.checkRequirements(definition, 'upgrade', []);
      await this.steps.upgradeIfNewer(definition, row);
    });
  }

  /** A plugin's settings: stored values over its schema's defaults. Read from the cache, so a hook inside a write transaction never waits. */
  getSettings(name: string): Promise<JsonObject> {
    this.catalog.assertKnown(name);
    const definition = this.catalog.candidate(name)?.definition;
    const stored = this.catalog.row(name)?.settings ?? {};
    return Promise.resolve(definition ? this.settings.effective(definition, stored) : stored);
  }

  /** Validates and stores a plugin's settings (400 naming each bad setting); returns the effective settings. */
  async setSettings(name: string, values: unknown): Promise<JsonObject> {
    this.catalog.assertKnown(name);
    const definition = await this.catalog.loadable(name, 'configure');
    this.catalog.installedRow(name, 'configure');
    if (typeof values !== 'object' || values === null || Array.isArray(values)) throw ValidationError.at('body', 'must be a JSON object');
    const settings = this.settings.check(definition, values);
    await this.state.saveSettings(name, settings);
    this.catalog.cacheSettings(name, settings);
    return this.settings.effective(definition, settings);
  }

  /**
   * Reports a plugin's failure outside a lifecycle step (a hook threw a non-Trellis error):
   * the plugin is unmounted and marked failed, everything else keeps running.
   */
  markFailed(name: string, error: unknown): void {
    void this.exclusive(async () => {
      await this.steps.unmount(name);
      await this.steps.recordFailure(name, error);
      await this.recordStep?.(name, 'failed', { error: this.catalog.row(name)?.error ?? null });
    }).catch((failure: unknown) => this.deps.logger.error('could not mark a plugin failed', { plugin: name, error: failure }));
  }

  /** The mounted router of an enabled plugin, after catching up with other processes when it is not mounted here. */
  async router(name: string): Promise<MountedRouter | undefined> {
    if (!this.steps.mounted.has(name)) await this.refresh();
    return this.steps.mounted.get(name)?.router;
  }

  /** Core's services as a plugin's code gets them, scoped to `plugin` (job and event names, log lines) and acting as `actor`. */
  servicesFor(plugin: string, actor: Actor): Services {
    return pluginServices(this.services, plugin, actor);
  }

  /** Enabled plugins' privacy hooks, acting as `actor` inside `transaction` (data-subject export and erasure). */
  privacyHooks(actor: Actor, transaction: RecordsTransaction): PluginPrivacyHook[] {
    return privacyHooksOf(this.steps.mounted.values(), this.services, actor, transaction);
  }

  /** The routes of every enabled plugin, for the OpenAPI document. */
  routes(): PluginRoutes[] {
    return [...this.steps.mounted.values()].map(({ definition, router }) => ({
      plugin: definition.name,
      description: definition.description ?? '',
      routes: router.routes,
    }));
  }

  /** The UI module file of an enabled plugin, or undefined. */
  uiFile(name: string): string | undefined {
    return this.steps.mounted.has(name) ? (this.catalog.candidate(name)?.uiFile ?? undefined) : undefined;
  }

  /** Runs one lifecycle step exclusively and records it in the audit log; answers the plugin's info afterwards. */
  private step(name: string, done: PluginStep, work: () => Promise<void>): Promise<PluginInfo> {
    return this.exclusive(async () => {
      await this.sync();
      this.catalog.assertKnown(name);
      const was = this.catalog.row(name)?.state;
      try {
        await work();
      } catch (error) {
        await this.catalog.reload();
        const row = this.catalog.row(name);
        if (row?.state === 'failed' && was !== 'failed') await this.recordStep?.(name, 'failed', { step: done, error: row.error });
        throw error;
      }
      await this.catalog.reload();
      const info = this.catalog.info(name);
      await this.recordStep?.(name, done, { version: info.installedVersion, state: info.state });
      return info;
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Catches up with the stored state when its version moved. */
  private async sync(): Promise<void> {
    const version = await this.state.version();
    if (version === this.seenVersion) return;
    this.seenVersion = version;
    await this.reconcile();
  }

  /** Makes this process match the stored state: field types registered, enabled plugins mounted, others not. */
  private async reconcile(): Promise<void> {
    await this.catalog.reload();
    await this.catalog.syncFieldTypes();
    for (const name of [...this.steps.mounted.keys()]) {
      if (this.catalog.row(name)?.state !== 'enabled') await this.steps.unmount(name);
    }
    const pending = this.catalog.rows().filter((row) => row.state === 'enabled' && !this.steps.mounted.has(row.name));
    const startable = [];
    for (const row of pending) {
      const definition = this.catalog.candidate(row.name)?.definition;
      if (definition) startable.push({ definition, row });
      else await this.steps.recordFailure(row.name, new Error(this.catalog.loadError(row.name)));
    }
    let ordered: typeof startable;
    try {
      ordered = dependencyOrder(startable);
    } catch (cycle) {
      // Packages changed on disk so that enabled plugins now require each other: none of them can start.
      for (const { definition } of startable) await this.steps.recordFailure(definition.name, cycle);
      return;
    }
    for (const { definition, row } of ordered) {
      try {
        await this.steps.upgradeIfNewer(definition, row);
      } catch (error) {
        // A failed upgrade has recorded itself; a refused one (a downgrade) is recorded here.
        if (!(error instanceof PluginFailedError)) await this.steps.recordFailure(definition.name, error);
        continue;
      }
      await this.steps.mount(definition, false);
    }
  }

  /** The SettingsApi of one plugin. */
  private settingsApi(plugin: string): SettingsApi {
    return {
      get: async <T extends JsonObject = JsonObject>() => (await this.getSettings(plugin)) as T,
      set: async (values) => void (await this.setSettings(plugin, values)),
    };
  }
}
