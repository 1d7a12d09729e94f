import { NotFoundError, ValidationError, type RecordsApi, type TrellisRecord } from '@trellis/sdk';
import { PIPELINE, STAGE } from './names.js';

/** The pipeline created on install, with its stages: name, probability, kind, rotting days. */
export const DEFAULT_PIPELINE = {
  name: 'Sales',
  stages: [
    { name: 'Qualification', probability: 10, kind: 'open', rotting_days: 14 },
    { name: 'Proposal', probability: 40, kind: 'open', rotting_days: 21 },
    { name: 'Negotiation', probability: 70, kind: 'open', rotting_days: 14 },
    { name: 'Won', probability: 100, kind: 'won', rotting_days: null },
    { name: 'Lost', probability: 0, kind: 'lost', rotting_days: null },
  ],
} as const;

/**
 * Creates the default pipeline and its stages (positions 10, 20, …, leaving room in between).
 *
 * @example
 * ```ts
 * const migration: PluginMigration = { version: '1.0.0', up: ({ records }) => createDefaultPipeline(records) };
 * ```
 */
export async function createDefaultPipeline(records: RecordsApi): Promise<TrellisRecord> {
  const pipeline = await records.create(PIPELINE, { name: DEFAULT_PIPELINE.name, is_default: true });
  for (const [index, stage] of DEFAULT_PIPELINE.stages.entries())
    await records.create(STAGE, { ...stage, pipeline: pipeline.id, position: (index + 1) * 10 });
  return pipeline;
}

/** A stage as the plugin's code uses it. */
export interface Stage {
  id: string;
  pipeline: string;
  name: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  rotting_days: number | null;
}

/** A stage record in the shape the plugin uses. */
export function toStage(record: TrellisRecord): Stage {
  return {
    id: record.id,
    pipeline: String(record.pipeline),
    name: String(record.name),
    position: Number(record.position ?? 0),
    probability: Number(record.probability ?? 0),
    kind: (record.kind as Stage['kind'] | null) ?? 'open',
    rotting_days: typeof record.rotting_days === 'number' ? record.rotting_days : null,
  };
}

/**
 * A stage by id; a missing (or unreadable) one is a 400 naming `path`, since it came from the
 * request.
 *
 * @example
 * ```ts
 * const stage = await stageAt(records, body.stage, 'stage');
 * ```
 */
export async function stageAt(records: RecordsApi, id: unknown, path: string): Promise<Stage> {
  if (typeof id !== 'string') throw ValidationError.at(path, 'must be the id of a stage');
  try {
    return toStage(await records.get(STAGE, id));
  } catch (error) {
    if (error instanceof NotFoundError) throw ValidationError.at(path, `stage ${id} does not exist`);
    throw error;
  }
}

/**
 * The stages of a pipeline in board order (position, then id).
 *
 * @example
 * ```ts
 * const [first] = await stagesOf(records, pipelineId);
 * ```
 */
export async function stagesOf(records: RecordsApi, pipeline: string): Promise<Stage[]> {
  const page = await records.list(STAGE, { filter: { pipeline: { eq: pipeline } }, sort: ['position', 'id'], limit: 200 });
  return page.data.map(toStage);
}

/**
 * The pipeline new deals go to when they name none: the one marked default, else the oldest.
 *
 * @example
 * ```ts
 * const pipeline = await defaultPipeline(records);
 * ```
 */
export async function defaultPipeline(records: RecordsApi): Promise<TrellisRecord | null> {
  const marked = await records.list(PIPELINE, { filter: { is_default: { eq: true } }, sort: ['id'], limit: 1 });
  if (marked.data[0]) return marked.data[0];
  return (await records.list(PIPELINE, { sort: ['id'], limit: 1 })).data[0] ?? null;
}

/**
 * Where a deal starts in a pipeline: its first open stage.
 *
 * @example
 * ```ts
 * const stage = await firstOpenStage(records, pipelineId, 'pipeline');
 * ```
 */
export async function firstOpenStage(records: RecordsApi, pipeline: string, path: string): Promise<Stage> {
  const stage = (await stagesOf(records, pipeline)).find((candidate) => candidate.kind === 'open');
  if (!stage) throw ValidationError.at(path, 'the pipeline has no open stage to start in');
  return stage;
}
