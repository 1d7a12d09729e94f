import { ORDERED_OPS } from './field-type.js';
import { scalarType } from './scalar.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** True when `YYYY-MM-DD` names a day that exists (no 30 February, no month 13). */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text.slice(0, 10);
}

/** A calendar date, `YYYY-MM-DD`, with no time zone. */
export const dateType = scalarType({
  type: 'date',
  renderer: 'date-input',
  operators: ORDERED_OPS,
  sql: { sqlite: 'TEXT', postgres: 'date' },
  schema: () => ({ type: 'string', format: 'date' }),
  operandError: (value) => (typeof value === 'string' && DATE.test(value) && isCalendarDate(value) ? null : 'must be a date, YYYY-MM-DD'),
});

/**
 * An instant, written in ISO 8601 with an offset. Stored in UTC with milliseconds, so the
 * SQLite text column sorts in time order and both engines return the same string.
 */
export const datetimeType = scalarType({
  type: 'datetime',
  renderer: 'datetime-input',
  operators: ORDERED_OPS,
  sql: { sqlite: 'TEXT', postgres: 'timestamptz' },
  schema: () => ({ type: 'string', format: 'date-time' }),
  // The date-time format admits a leap second (23:59:60), which Date cannot represent.
  check: (value) => (Number.isNaN(Date.parse(value as string)) ? 'is not a date and time that can be stored (no leap seconds)' : null),
  normalise: (value) => new Date(value as string).toISOString(),
  operandError: (value) =>
    typeof value === 'string' && DATE_TIME.test(value) && isCalendarDate(value) && !Number.isNaN(Date.parse(value))
      ? null
      : 'must be an ISO 8601 date-time with an offset, e.g. 2026-01-31T09:00:00Z',
});
