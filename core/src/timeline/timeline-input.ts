import type { JsonObject, RecordRef } from '@trellis/sdk';
import type { Ajv, ValidateFunction } from 'ajv';
import { assertBody } from '../entities/definitions.js';
import { isRecordId } from '../entities/field-types/index.js';
import { ajvProblems } from '../entities/validators.js';
import { ValidationError } from '../errors.js';
import { isJsonObject } from '../json-object.js';

/** Entries on one page when the caller does not say. */
export const DEFAULT_TIMELINE_LIMIT = 25;
/** The most entries one page may hold. */
export const MAX_TIMELINE_LIMIT = 200;
/** Longest title, in characters. */
export const MAX_TITLE = 500;
/** Longest body, in characters. */
export const MAX_BODY = 20_000;
/** Largest `data`, in bytes of JSON. */
export const MAX_DATA_BYTES = 64 * 1024;

const KIND = /^[a-z][a-z0-9_]*$/;

/** What an entry says, as a client or a plugin sends it (the record is named apart). */
export interface TimelineContent {
  kind: string;
  title: string;
  body?: string;
  data?: JsonObject;
  occurredAt?: string;
}

/** The JSON Schema of {@link TimelineContent}; the OpenAPI document shows the same one. */
export const TIMELINE_CONTENT_SCHEMA = {
  type: 'object',
  properties: {
    kind: { type: 'string', maxLength: 64, description: 'Lower snake case: call, email, note, stage_change…' },
    title: { type: 'string', minLength: 1, maxLength: MAX_TITLE },
    body: { type: 'string', maxLength: MAX_BODY },
    data: { type: 'object', description: `Anything structured the poster wants to keep; at most ${MAX_DATA_BYTES / 1024} kB as JSON` },
    occurredAt: { type: 'string', format: 'date-time', description: 'When it happened (default: now), with a time zone' },
  },
  required: ['kind', 'title'],
  additionalProperties: false,
};

const RECORD_SCHEMA = {
  type: 'object',
  properties: { entity: { type: 'string' }, id: { type: 'string' } },
  required: ['entity', 'id'],
  additionalProperties: false,
};

/** Checks entries and list options; one instance per app (its validators are compiled once). */
export class TimelineInput {
  private readonly validators: { content: ValidateFunction; record: ValidateFunction };

  constructor(ajv: Ajv) {
    this.validators = { content: ajv.compile(TIMELINE_CONTENT_SCHEMA), record: ajv.compile(RECORD_SCHEMA) };
  }

  /** The record an entry is about; problems are reported under `record`. */
  record(value: unknown): RecordRef {
    return assertBody<RecordRef>(this.validators.record, value, 'record.');
  }

  /** An entry's content, checked: every problem is reported, each naming its field. */
  content(value: unknown): TimelineContent {
    const validate = this.validators.content;
    const problems = validate(value) ? [] : ajvProblems(validate.errors, '', 'is not an accepted property');
    const add = (path: string, message: string) => {
      if (!problems.some((problem) => problem.path === path)) problems.push({ path, message });
    };
    const content: Partial<TimelineContent> = isJsonObject(value) ? value : {};
    if (typeof content.kind === 'string' && !KIND.test(content.kind))
      add('kind', 'must be lower snake case (a-z, 0-9, _), starting with a letter');
    if (typeof content.title === 'string' && !content.title.trim()) add('title', 'must not be blank');
    // The date-time format admits a leap second (23:59:60), which Date cannot represent.
    if (typeof content.occurredAt === 'string' && Number.isNaN(Date.parse(content.occurredAt)))
      add('occurredAt', 'is not a date and time JavaScript can represent');
    if (isJsonObject(content.data) && Buffer.byteLength(JSON.stringify(content.data)) > MAX_DATA_BYTES)
      add('data', `must be at most ${MAX_DATA_BYTES / 1024} kB as JSON`);
    if (problems.length) throw new ValidationError(problems);
    return value as TimelineContent;
  }

  /** A page size: 1 to {@link MAX_TIMELINE_LIMIT}. */
  limit(value: number | undefined): number {
    if (value === undefined) return DEFAULT_TIMELINE_LIMIT;
    if (!Number.isInteger(value) || value < 1 || value > MAX_TIMELINE_LIMIT)
      throw ValidationError.at('limit', `must be a whole number from 1 to ${MAX_TIMELINE_LIMIT}`);
    return value;
  }
}

/** The cursor after an entry: its time and id, which the (occurred_at, id) keyset continues from. */
export function encodeTimelineCursor(occurredAt: string, id: string): string {
  return Buffer.from(JSON.stringify([occurredAt, id])).toString('base64url');
}

/** Reads a cursor made by {@link encodeTimelineCursor}; a 400 naming `cursor` otherwise. */
export function decodeTimelineCursor(cursor: string): { occurredAt: string; id: string } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== 2) throw ValidationError.at('cursor', 'is not a cursor of this list');
  const [occurredAt, id] = value as unknown[];
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt)) || !isRecordId(id))
    throw ValidationError.at('cursor', 'is not a cursor of this list');
  return { occurredAt, id };
}
