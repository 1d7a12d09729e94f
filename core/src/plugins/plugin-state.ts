import type { FieldTypeBase, JsonObject } from '@trellis/sdk';
import type { Knex } from 'knex';
import type { Database } from '../db/connect.js';

/** The channel PostgreSQL processes use to tell each other that plugin state changed. */
export const PLUGINS_CHANNEL = 'trellis_plugins';

/** A stored state; `discovered` is never stored (it means "no row"). */
export type StoredPluginState = 'installed' | 'enabled' | 'disabled' | 'failed';

/** A row of `trellis_plugins`. */
export interface PluginRow {
  name: string;
  /** The installed version, or null when no install has committed (a failed first install). */
  version: string | null;
  state: StoredPluginState;
  error: string | null;
  settings: JsonObject;
  /** The plugin's field types and their bases, kept so its fields stay readable without its module. */
  fieldTypes: Array<{ name: string; base: FieldTypeBase }>;
  installedAt: string | null;
  updatedAt: string;
}

interface RawRow {
  name: string;
  version: string | null;
  state: StoredPluginState;
  error: string | null;
  settings: string;
  field_types: string;
  installed_at: string | Date | null;
  updated_at: string | Date;
}

const iso = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

function fromRaw(raw: RawRow): PluginRow {
  return {
    name: raw.name,
    version: raw.version,
    state: raw.state,
    error: raw.error,
    settings: JSON.parse(raw.settings) as JsonObject,
    fieldTypes: JSON.parse(raw.field_types) as PluginRow['fieldTypes'],
    installedAt: iso(raw.installed_at),
    updatedAt: iso(raw.updated_at) ?? '',
  };
}

/**
 * Reads and writes `trellis_plugins`. Every write bumps the plugin-state version in the same
 * transaction (and NOTIFYs on PostgreSQL), which is how other processes notice they must
 * mount or unmount a plugin.
 */
export class PluginStateStore {
  constructor(private readonly db: Database) {}

  /** Every stored plugin, by name. */
  async all(knex: Knex = this.db.knex): Promise<Map<string, PluginRow>> {
    const rows = await knex<RawRow>('trellis_plugins').orderBy('name');
    return new Map(rows.map((raw) => [raw.name, fromRaw(raw)]));
  }

  /** One stored plugin, or undefined. */
  async get(name: string, knex: Knex = this.db.knex): Promise<PluginRow | undefined> {
    const raw = await knex<RawRow>('trellis_plugins').where({ name }).first();
    return raw ? fromRaw(raw) : undefined;
  }

  /** The plugin-state version, compared by other processes. */
  async version(knex: Knex = this.db.knex): Promise<number> {
    const row = await knex('trellis_plugin_version').where({ id: 1 }).first<{ version: number | string } | undefined>('version');
    return Number(row?.version);
  }

  /** Creates or changes a row (in the given transaction, or its own). */
  async save(row: Omit<PluginRow, 'updatedAt'>, knex?: Knex.Transaction): Promise<void> {
    await this.write(knex, async (trx) => {
      const values = {
        name: row.name,
        version: row.version,
        state: row.state,
        error: row.error,
        settings: JSON.stringify(row.settings),
        field_types: JSON.stringify(row.fieldTypes),
        installed_at: row.installedAt,
        updated_at: new Date().toISOString(),
      };
      await trx('trellis_plugins').insert(values).onConflict('name').merge();
    });
  }

  /** Replaces a plugin's stored settings, leaving the rest of its row alone. */
  async saveSettings(name: string, settings: JsonObject): Promise<void> {
    await this.write(undefined, (trx) =>
      trx('trellis_plugins')
        .where({ name })
        .update({ settings: JSON.stringify(settings), updated_at: new Date().toISOString() }),
    );
  }

  /** Deletes a row (uninstall). */
  async remove(name: string, knex?: Knex.Transaction): Promise<void> {
    await this.write(knex, (trx) => trx('trellis_plugins').where({ name }).delete());
  }

  private async write(given: Knex.Transaction | undefined, work: (trx: Knex.Transaction) => Promise<unknown>): Promise<void> {
    const run = async (trx: Knex.Transaction) => {
      await work(trx);
      await trx('trellis_plugin_version').where({ id: 1 }).increment('version', 1);
      if (this.db.dialect === 'postgres') await trx.raw(`NOTIFY ${PLUGINS_CHANNEL}`);
    };
    if (given) await run(given);
    else await this.db.knex.transaction(run);
  }
}
