/**
 * Conversions between the API's JSON for a field and what the browser's inputs hold, so each
 * input shows a value the way a person writes it and hands back what the API accepts.
 */

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** An ISO instant as the local `YYYY-MM-DDTHH:mm` a `datetime-local` input shows; '' for none. */
export function toLocalDateTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A `datetime-local` value as an ISO string with the browser's offset (`2026-03-31T09:30:00+02:00`):
 * the API refuses a datetime without an offset. Null for an empty input.
 */
export function fromLocalDateTime(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hours = pad(Math.floor(Math.abs(offset) / 60));
  const minutes = pad(Math.abs(offset) % 60);
  return `${local.length === 16 ? `${local}:00` : local}${sign}${hours}:${minutes}`;
}

/** A number input's text as a number; null when empty, the text itself when it is not a number (the API says why). */
export function numberFrom(text: string): number | string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : trimmed;
}

/** A text input's value: null when blank, as the API means "no value". */
export function textFrom(text: string): string | null {
  return text === '' ? null : text;
}

/** The number a phone field shows for editing: the text as written (`{number, e164}` when read back). */
export function phoneText(value: unknown): string {
  if (value && typeof value === 'object' && 'number' in value) {
    const text = value.number;
    return typeof text === 'string' ? text : '';
  }
  return typeof value === 'string' ? value : '';
}

/** A currency value read back, or the parts of a half-typed one. */
export interface Money {
  amount: number | string | null;
  currency: string;
}

/** The amount and code of a currency value (the field's default code when there is none). */
export function moneyOf(value: unknown, defaultCurrency = ''): Money {
  if (value && typeof value === 'object') {
    const money = value as { amount?: unknown; currency?: unknown };
    return {
      amount: typeof money.amount === 'number' || typeof money.amount === 'string' ? money.amount : null,
      currency: typeof money.currency === 'string' && money.currency ? money.currency : defaultCurrency,
    };
  }
  return { amount: null, currency: defaultCurrency };
}

/** A currency value for the API: null without an amount; the code left out when blank (the field's default applies). */
export function moneyValue(money: Money): { amount: number | string; currency?: string } | null {
  if (money.amount === null || money.amount === '') return null;
  const code = money.currency.trim().toUpperCase();
  return code ? { amount: money.amount, currency: code } : { amount: money.amount };
}

/** The id a lookup value holds: the value itself, or the `id` of an expanded record. */
export function lookupId(value: unknown): string | null {
  if (typeof value === 'string' && value) return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return null;
}

/** A JSON value as editable text (pretty printed); '' for none. */
export function jsonText(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** Common ISO 4217 codes offered by currency inputs (any other code can still be typed). */
export const CURRENCY_CODES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CNY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN', 'INR', 'BRL'];
