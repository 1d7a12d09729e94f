import type { EnqueueOptions } from '@trellis/sdk';
import { ValidationError } from '../errors.js';
import { JOB_DEFAULTS, type JobRegistration } from './job-queue.js';

/** Largest accepted payload, in bytes of JSON: jobs carry ids and small facts, not documents. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** The retry policy a job is queued with. */
export interface JobSettings {
  retries: number;
  backoffSeconds: number;
  timeoutSeconds: number;
}

const PART = '[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*';
const JOB_NAME = new RegExp(`^${PART}\\.${PART}$`);
const MAX_NAME_LENGTH = 120;
const MAX_SINGLETON_KEY_LENGTH = 255;
// pg-boss refuses an expiry of a day or more; the same bound holds on SQLite.
const MAX_TIMEOUT_SECONDS = 86_399;

/** Checks a fully qualified job name, `<owner>.<job>` in lower snake or kebab case. */
export function checkJobName(name: unknown): string {
  if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH || !JOB_NAME.test(name)) {
    throw ValidationError.at('name', `must be "<owner>.<job>" in lower snake or kebab case (at most ${MAX_NAME_LENGTH} characters)`);
  }
  return name;
}

/** Checks that a payload is a JSON object of at most {@link MAX_PAYLOAD_BYTES}. */
export function checkPayload(payload: unknown): void {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw ValidationError.at('payload', 'must be a JSON object');
  }
  let json: string;
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    throw ValidationError.at('payload', `is not serialisable as JSON (${(error as Error).message})`);
  }
  if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) {
    throw ValidationError.at('payload', `must be at most ${MAX_PAYLOAD_BYTES / 1024} kB of JSON`);
  }
}

/** The instant a job becomes due, from `delaySeconds` or `runAt`; undefined (due now) when neither is given. */
export function dueAt(options: EnqueueOptions | undefined, now: number): Date | undefined {
  const { delaySeconds, runAt } = options ?? {};
  if (delaySeconds !== undefined && runAt !== undefined) {
    throw ValidationError.at('runAt', 'give either delaySeconds or runAt, not both');
  }
  if (delaySeconds !== undefined) {
    if (typeof delaySeconds !== 'number' || !Number.isFinite(delaySeconds) || delaySeconds < 0) {
      throw ValidationError.at('delaySeconds', 'must be a number of seconds, 0 or more');
    }
    return new Date(now + delaySeconds * 1000);
  }
  if (runAt !== undefined) {
    const time = typeof runAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(runAt) ? Date.parse(runAt) : Number.NaN;
    if (Number.isNaN(time)) throw ValidationError.at('runAt', 'must be an ISO 8601 date and time, e.g. 2030-01-31T09:00:00Z');
    return new Date(time);
  }
  return undefined;
}

/** Checks the optional singleton key. */
export function checkSingletonKey(options: EnqueueOptions | undefined): string | undefined {
  const key = options?.singletonKey;
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_SINGLETON_KEY_LENGTH) {
    throw ValidationError.at('singletonKey', `must be a non-empty string of at most ${MAX_SINGLETON_KEY_LENGTH} characters`);
  }
  return key;
}

/** A registration's retry policy, defaults applied and bounds checked. */
export function settingsOf(registration: JobRegistration): JobSettings {
  const {
    retries = JOB_DEFAULTS.retries,
    backoffSeconds = JOB_DEFAULTS.backoffSeconds,
    timeoutSeconds = JOB_DEFAULTS.timeoutSeconds,
  } = registration;
  if (!Number.isInteger(retries) || retries < 0) throw ValidationError.at('retries', 'must be a whole number, 0 or more');
  if (!Number.isFinite(backoffSeconds) || backoffSeconds < 0)
    throw ValidationError.at('backoffSeconds', 'must be a number of seconds, 0 or more');
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    throw ValidationError.at('timeoutSeconds', `must be a number of seconds above 0 and below a day (${MAX_TIMEOUT_SECONDS + 1})`);
  }
  return { retries, backoffSeconds, timeoutSeconds };
}
