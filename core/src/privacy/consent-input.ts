import type { ConsentStatus, FieldProblem, JsonObject, RecordRef } from '@trellis/sdk';
import { ValidationError } from '../errors.js';
import { isJsonObject } from '../json-object.js';

/** Purposes and channels: lower snake case. */
const NAME = /^[a-z][a-z0-9_]*$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** Largest proof, in bytes of JSON. */
export const MAX_PROOF_BYTES = 16 * 1024;
/** The statuses a consent may have. */
export const CONSENT_STATUSES: readonly ConsentStatus[] = ['granted', 'withdrawn'];

/** A consent as a client sends it, checked. */
export interface ConsentInput {
  subject: RecordRef;
  purpose: string;
  channel: string;
  status: ConsentStatus;
  source: string;
  proof: JsonObject;
  recordedAt: string;
}

function name(value: unknown, path: string, max: number, problems: FieldProblem[]): string {
  if (typeof value !== 'string' || !NAME.test(value) || value.length > max) {
    problems.push({ path, message: `must be lower snake case, at most ${max} characters` });
    return '';
  }
  return value;
}

/** Checks a consent body; every problem names its path. The subject's existence is checked by the service. */
export function checkConsentInput(body: unknown): ConsentInput {
  if (!isJsonObject(body)) throw ValidationError.at('body', 'must be a JSON object');
  const problems: FieldProblem[] = [];
  const subject = body.subject;
  if (!isJsonObject(subject) || typeof subject.entity !== 'string' || typeof subject.id !== 'string') {
    problems.push({ path: 'subject', message: 'must be an object with the entity and id of a person' });
  }
  const purpose = name(body.purpose, 'purpose', 64, problems);
  const channel = name(body.channel, 'channel', 32, problems);
  if (!CONSENT_STATUSES.includes(body.status as ConsentStatus)) problems.push({ path: 'status', message: 'must be granted or withdrawn' });
  if (typeof body.source !== 'string' || body.source.trim() === '' || body.source.length > 100) {
    problems.push({ path: 'source', message: 'must be a non-empty string of at most 100 characters' });
  }
  const proof = body.proof ?? {};
  if (!isJsonObject(proof)) problems.push({ path: 'proof', message: 'must be a JSON object' });
  else if (Buffer.byteLength(JSON.stringify(proof)) > MAX_PROOF_BYTES) {
    problems.push({ path: 'proof', message: `must be at most ${MAX_PROOF_BYTES / 1024} kB as JSON` });
  }
  const recordedAt = body.recordedAt;
  if (recordedAt !== undefined && (typeof recordedAt !== 'string' || !ISO_WITH_ZONE.test(recordedAt) || isNaN(Date.parse(recordedAt)))) {
    problems.push({ path: 'recordedAt', message: 'must be an ISO 8601 date-time with a time zone' });
  }
  const unknown = Object.keys(body).filter(
    (key) => !['subject', 'purpose', 'channel', 'status', 'source', 'proof', 'recordedAt'].includes(key),
  );
  for (const key of unknown) problems.push({ path: key, message: 'is not a consent property' });
  if (problems.length) throw new ValidationError(problems);
  const ref = subject as { entity: string; id: string };
  return {
    subject: { entity: ref.entity, id: ref.id },
    purpose,
    channel,
    status: body.status as ConsentStatus,
    source: (body.source as string).trim(),
    proof: proof as JsonObject,
    recordedAt: new Date((recordedAt as string | undefined) ?? Date.now()).toISOString(),
  };
}
