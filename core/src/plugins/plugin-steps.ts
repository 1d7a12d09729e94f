import type { PluginDefinition } from '@trellis/sdk';
import semver from 'semver';
import type { Logger } from '../logger.js';
import { requiredPlugins, satisfies, unmetRequirements } from './dependency-order.js';
import type { PluginCatalog } from './plugin-catalog.js';
import { dependencyCycle, dependencyMissing, downgrade, errorMessage, PluginFailedError, versionMismatch } from './plugin-errors.js';
import { registerPluginFieldTypes, storedFieldTypes } from './plugin-field-types.js';
import { forgetDemo } from './plugin-demo.js';
import { applyDeclarations, dropDeclarations, schemaTransaction, type SchemaDeps } from './plugin-install.js';
import { mountPlugin, unmountPlugin, type MountedPlugin, type RuntimeDeps } from './plugin-runtime.js';
import type { PluginRow, PluginStateStore, StoredPluginState } from './plugin-state.js';

/** What the lifecycle steps work with. */
export interface StepDeps {
  catalog: PluginCatalog;
  state: PluginStateStore;
  schema: SchemaDeps;
  runtime: RuntimeDeps;
  logger: Logger;
  coreVersion: string;
}

/**
 * The lifecycle steps of the plugin host, each leaving the database and this process in a
 * consistent state: installs and upgrades are one transaction, a plugin whose code throws is
 * recorded as failed. The host runs them one at a time.
 */
export class PluginSteps {
  /** The plugins this process runs. */
  readonly mounted = new Map<string, MountedPlugin>();
  /** Moves whenever routes are mounted or unmounted. */
  routesVersion = 0;

  constructor(private readonly deps: StepDeps) {}

  /** Installs a plugin after the plugins it requires (`path`: the plugins that required it, to catch cycles). */
  async install(name: string, path: string[] = []): Promise<void> {
    const definition = await this.deps.catalog.loadable(name, 'install');
    this.checkRequirements(definition, 'install', path);
    for (const [required] of requiredPlugins(definition)) await this.install(required, [...path, name]);
    if (!this.deps.catalog.row(name)?.version) await this.installNow(definition);
  }

  /** Enables a plugin after the plugins it requires, installing or upgrading it first when needed. */
  async enable(name: string, path: string[] = []): Promise<void> {
    const definition = await this.deps.catalog.loadable(name, 'enable');
    this.checkRequirements(definition, 'enable', path);
    for (const [required] of requiredPlugins(definition)) await this.enable(required, [...path, name]);
    const row = this.deps.catalog.row(name);
    if (!row?.version) await this.installNow(definition);
    else await this.upgradeIfNewer(definition, row);
    if (!this.mounted.has(name)) await this.mount(definition, true);
  }

  /** Checks core's version, and that required plugins are there in versions their ranges accept. */
  checkRequirements(definition: PluginDefinition, verb: string, path: string[]): void {
    const { name } = definition;
    if (path.includes(name)) throw dependencyCycle([...path.slice(path.indexOf(name)), name]);
    const core = definition.requires?.core;
    if (core && !satisfies(this.deps.coreVersion, core)) {
      throw versionMismatch(name, verb, [{ name: '@trellis/core', range: core, found: this.deps.coreVersion }]);
    }
    const unmet = unmetRequirements(definition, (required) => this.deps.catalog.candidate(required)?.definition?.version ?? null);
    const missing = unmet.filter((requirement) => requirement.found === null);
    if (missing.length) throw dependencyMissing(name, verb, missing);
    if (unmet.length) throw versionMismatch(name, verb, unmet);
  }

  /** Upgrades an installed plugin when the version found is newer; refuses an older one. */
  async upgradeIfNewer(definition: PluginDefinition, row: PluginRow): Promise<void> {
    const from = row.version as string;
    if (semver.lt(definition.version, from)) throw downgrade(definition.name, from, definition.version);
    if (!semver.gt(definition.version, from)) return;
    const removeTypes = registerPluginFieldTypes(definition.fieldTypes ?? []);
    try {
      await schemaTransaction(this.deps.schema, async (trx, records) => {
        await applyDeclarations(this.deps.schema, definition, from, trx, records);
        await this.deps.state.save({ ...row, version: definition.version, fieldTypes: storedFieldTypes(definition) }, trx);
      });
    } catch (error) {
      // The fields of the version that stays installed keep their (stored) types.
      this.deps.catalog.replaceFieldTypes(definition.name, registerPluginFieldTypes(row.fieldTypes));
      throw await this.failure(definition.name, 'upgrade', error);
    }
    this.deps.catalog.replaceFieldTypes(definition.name, removeTypes);
    await this.deps.catalog.reload();
    await this.defaultPermissions(definition);
  }

  /** Drops what a plugin created, its state and its demo marker, in one transaction (it must be unmounted). */
  async uninstall(name: string): Promise<void> {
    await schemaTransaction(this.deps.schema, async (trx) => {
      await dropDeclarations(this.deps.schema, name, trx);
      await this.deps.state.remove(name, trx);
      // Its demo records are gone with its entities: a reinstall seeds them again.
      await forgetDemo(trx, name);
    });
    this.deps.catalog.replaceFieldTypes(name, undefined);
    await this.deps.catalog.reload();
  }

  /** Mounts a plugin and records it enabled; on failure records it failed (and throws TRELLIS_PLUGIN_FAILED when asked). */
  async mount(definition: PluginDefinition, rethrow: boolean): Promise<void> {
    try {
      this.mounted.set(definition.name, await mountPlugin(definition, this.deps.runtime));
    } catch (error) {
      const failure = await this.failure(definition.name, 'start', error);
      if (rethrow) throw failure;
      return;
    }
    this.routesVersion++;
    await this.saveState(definition.name, 'enabled', null);
  }

  /** Unmounts a plugin if this process runs it (its teardown runs first). */
  async unmount(name: string): Promise<void> {
    const mounted = this.mounted.get(name);
    if (!mounted) return;
    this.mounted.delete(name);
    this.routesVersion++;
    await unmountPlugin(mounted, this.deps.logger);
  }

  /** Stores a plugin's state, when it changes. */
  async saveState(name: string, state: StoredPluginState, error: string | null): Promise<void> {
    const row = this.deps.catalog.row(name);
    if (!row || (row.state === state && row.error === error)) return;
    await this.deps.state.save({ ...row, state, error });
    await this.deps.catalog.reload();
  }

  /** Records a plugin as failed, keeping its version and settings. */
  async recordFailure(name: string, error: unknown): Promise<void> {
    this.deps.logger.error('plugin failed', { plugin: name, error });
    const row = await this.deps.state.get(name);
    await this.deps.state.save({
      name,
      version: row?.version ?? null,
      state: 'failed',
      error: errorMessage(error),
      settings: row?.settings ?? {},
      fieldTypes: row?.fieldTypes ?? [],
      installedAt: row?.installedAt ?? null,
    });
    await this.deps.catalog.reload();
  }

  private async installNow(definition: PluginDefinition): Promise<void> {
    const { name } = definition;
    const removeTypes = registerPluginFieldTypes(definition.fieldTypes ?? []);
    try {
      await schemaTransaction(this.deps.schema, async (trx, records) => {
        await applyDeclarations(this.deps.schema, definition, null, trx, records);
        const row = { name, version: definition.version, state: 'installed' as const, error: null, settings: {} };
        await this.deps.state.save({ ...row, fieldTypes: storedFieldTypes(definition), installedAt: new Date().toISOString() }, trx);
      });
    } catch (error) {
      removeTypes();
      throw await this.failure(name, 'install', error);
    }
    this.deps.catalog.replaceFieldTypes(name, removeTypes);
    await this.deps.catalog.reload();
    await this.defaultPermissions(definition);
  }

  /**
   * Roles are an administrator's: a plugin's defaults only fill in what no role says about its
   * entities yet, so applying them again on upgrade reaches entities the new version added.
   */
  private async defaultPermissions(definition: PluginDefinition): Promise<void> {
    if (definition.permissions) await this.deps.schema.services.defaultPermissions(definition.name, definition.permissions);
  }

  private async failure(name: string, step: string, error: unknown): Promise<PluginFailedError> {
    await this.recordFailure(name, error);
    return new PluginFailedError(name, step, errorMessage(error));
  }
}
