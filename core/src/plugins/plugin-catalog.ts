import type { JsonObject, PluginDefinition, PluginInfo } from '@trellis/sdk';
import type { Knex } from 'knex';
import { reloadCandidate, type PluginCandidate } from './discovery.js';
import { notInstalled, PACKAGE_NOT_FOUND, unavailable, unknownPlugin } from './plugin-errors.js';
import { registerPluginFieldTypes } from './plugin-field-types.js';
import { pluginInfo } from './plugin-info.js';
import type { PluginRow, PluginStateStore, StoredPluginState } from './plugin-state.js';

/**
 * What this process knows about plugins: the candidates found on disk or given inline, a cache
 * of their stored state, and the field types registered for installed ones.
 */
export class PluginCatalog {
  private candidates = new Map<string, PluginCandidate>();
  private stored = new Map<string, PluginRow>();
  private readonly fieldTypes = new Map<string, () => void>();

  constructor(private readonly state: PluginStateStore) {}

  /** Replaces the candidates (at start-up). */
  setCandidates(candidates: PluginCandidate[]): void {
    this.candidates = new Map(candidates.map((candidate) => [candidate.name, candidate]));
  }

  /** Re-reads the stored state (inside a transaction when given one). */
  async reload(knex?: Knex): Promise<void> {
    this.stored = await this.state.all(knex);
  }

  /** The stored row of a plugin, if any. */
  row(name: string): PluginRow | undefined {
    return this.stored.get(name);
  }

  /** Every stored row. */
  rows(): PluginRow[] {
    return [...this.stored.values()];
  }

  /** The candidate of a plugin, if it was found. */
  candidate(name: string): PluginCandidate | undefined {
    return this.candidates.get(name);
  }

  /** Every plugin found or stored, in name order. */
  names(): string[] {
    return [...new Set([...this.candidates.keys(), ...this.stored.keys()])].sort();
  }

  /** A plugin as the manager reports it. */
  info(name: string): PluginInfo {
    return pluginInfo(name, this.candidates.get(name), this.stored.get(name));
  }

  /** 404 for a plugin that is neither found nor stored. */
  assertKnown(name: string): void {
    if (!this.candidates.has(name) && !this.stored.has(name)) throw unknownPlugin(name);
  }

  /** The row of an installed plugin; 409 when it is not installed. */
  installedRow(name: string, verb: string): PluginRow {
    const row = this.stored.get(name);
    if (!row?.version) throw notInstalled(name, verb);
    return row;
  }

  /** The definitions of installed plugins in the given states. */
  definitionsIn(states: StoredPluginState[]): PluginDefinition[] {
    return this.rows()
      .filter((row) => row.version !== null && states.includes(row.state))
      .flatMap((row) => this.candidates.get(row.name)?.definition ?? []);
  }

  /** The definition to act on; a package that failed to load is imported again first (a retry after a fix). */
  async loadable(name: string, verb: string): Promise<PluginDefinition> {
    let candidate = this.candidates.get(name);
    if (!candidate) throw unavailable(name, verb, PACKAGE_NOT_FOUND);
    if (!candidate.definition && candidate.packageDir) {
      candidate = await reloadCandidate(candidate);
      this.candidates.set(name, candidate);
    }
    if (!candidate.definition) throw unavailable(name, verb, candidate.error ?? 'it could not be loaded');
    return candidate.definition;
  }

  /** Why a stored plugin cannot run in this process. */
  loadError(name: string): string {
    return this.candidates.get(name)?.error ?? PACKAGE_NOT_FOUND;
  }

  /** Updates the cached settings after a write. */
  cacheSettings(name: string, settings: JsonObject): void {
    const row = this.stored.get(name);
    if (row) this.stored.set(name, { ...row, settings });
  }

  /**
   * Registers the field types of installed plugins not registered yet (from their definition,
   * or from the stored bases when the module is missing) and removes those of plugins no
   * longer installed. Reads the stored state through `knex` (the metadata store's transaction,
   * when it asks while loading).
   */
  async syncFieldTypes(knex?: Knex): Promise<void> {
    const rows = knex ? [...(await this.state.all(knex)).values()] : this.rows();
    for (const row of rows) {
      if (row.version === null || this.fieldTypes.has(row.name)) continue;
      const definition = this.candidates.get(row.name)?.definition;
      this.fieldTypes.set(row.name, registerPluginFieldTypes(definition?.fieldTypes ?? row.fieldTypes));
    }
    if (knex) return;
    for (const name of [...this.fieldTypes.keys()]) if (!this.stored.get(name)?.version) this.replaceFieldTypes(name, undefined);
  }

  /** Swaps the registration of a plugin's field types (undefined: none any more). */
  replaceFieldTypes(name: string, remove: (() => void) | undefined): void {
    this.fieldTypes.get(name)?.();
    if (remove) this.fieldTypes.set(name, remove);
    else this.fieldTypes.delete(name);
  }
}
