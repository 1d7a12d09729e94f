import type { DemoReport, PluginContext, PluginDefinition } from '@trellis/sdk';
import type { Knex } from 'knex';
import type { Database } from '../db/connect.js';
import type { Logger } from '../logger.js';
import { dependencyOrder, requiredPlugins } from './dependency-order.js';
import { errorMessage } from './plugin-errors.js';

/** The table that remembers which plugins' demo data a database holds. */
const DEMO_TABLE = 'trellis_plugin_demo';

/** What a demo run did (the type the test kit hands plugin tests). */
export type { DemoReport };

/** What seeding demo data needs. */
export interface DemoDeps {
  db: Database;
  logger: Logger;
  /** The context a plugin's demo receives. */
  context(plugin: string): Promise<PluginContext>;
}

/** Forgets that a plugin's demo data was seeded (on uninstall, inside its transaction). */
export async function forgetDemo(knex: Knex, plugin: string): Promise<void> {
  await knex(DEMO_TABLE).where({ plugin }).delete();
}

/**
 * The plugins among `enabled` that `names` (all of them when absent) designate, with the
 * plugins they require, each after what it requires.
 */
export function demoOrder(enabled: PluginDefinition[], names?: string[]): PluginDefinition[] {
  const byName = new Map(enabled.map((definition) => [definition.name, definition]));
  const wanted = new Map<string, PluginDefinition>();
  const add = (name: string) => {
    const definition = byName.get(name);
    if (!definition || wanted.has(name)) return;
    wanted.set(name, definition);
    for (const [required] of requiredPlugins(definition)) add(required);
  };
  for (const name of names ?? byName.keys()) add(name);
  return dependencyOrder([...wanted.values()].map((definition) => ({ definition }))).map(({ definition }) => definition);
}

/**
 * Runs plugins' `demo` once per database. The marker row is written only after a demo
 * succeeded, so a failed demo is tried again next time; a failure is logged and reported,
 * never thrown, and the plugins requiring the failed one are skipped (their demo data would
 * point at records that are not there). Two processes seeding the same new database at the
 * same instant may both run a demo: start one process with TRELLIS_DEMO=1, or use `trellis demo`.
 */
export class DemoSeeder {
  constructor(private readonly deps: DemoDeps) {}

  /** The plugins whose demo data this database holds. */
  async seededPlugins(): Promise<Set<string>> {
    return new Set(await this.deps.db.knex(DEMO_TABLE).pluck<string[]>('plugin'));
  }

  /** Seeds the demo data of `ordered` (each after what it requires) that is not there yet. */
  async seed(ordered: PluginDefinition[]): Promise<DemoReport> {
    const report: DemoReport = { seeded: [], failed: [] };
    const seeded = await this.seededPlugins();
    const failed = new Set<string>();
    for (const definition of ordered) {
      const { name } = definition;
      if (!definition.demo || seeded.has(name)) continue;
      const brokenRequirement = requiredPlugins(definition).find(([required]) => failed.has(required))?.[0];
      const error = brokenRequirement ? `the demo data of "${brokenRequirement}", which it requires, failed` : await this.run(definition);
      if (error === null) {
        report.seeded.push(name);
        continue;
      }
      failed.add(name);
      report.failed.push({ plugin: name, error });
      this.deps.logger.error('demo data failed', { plugin: name, error });
    }
    return report;
  }

  /** Runs one demo and writes its marker; answers the error message, or null on success. */
  private async run(definition: PluginDefinition): Promise<string | null> {
    const plugin = definition.name;
    try {
      await definition.demo?.(await this.deps.context(plugin));
    } catch (error) {
      return errorMessage(error);
    }
    await this.deps.db.knex(DEMO_TABLE).insert({ plugin, seeded_at: new Date().toISOString() }).onConflict('plugin').ignore();
    this.deps.logger.info('demo data seeded', { plugin });
    return null;
  }
}
