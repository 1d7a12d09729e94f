import type { Money } from './types.js';

/**
 * An amount with its currency, without cents (a board shows orders of magnitude).
 *
 * @example
 * ```ts
 * money(12000, 'EUR'); // '€12,000'
 * ```
 */
export function money(amount: number, currency = 'EUR'): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    // An unknown currency code: the number and the code as they are.
    return `${Math.round(amount).toLocaleString()} ${currency}`;
  }
}

/** A deal's amount, or '' when it has none. */
export function dealAmount(value: Money | null | undefined): string {
  return value && typeof value.amount === 'number' ? money(value.amount, value.currency || 'EUR') : '';
}

/** The currency of a list of deals (the first one found), so column sums can be shown in it. */
export function currencyOf(amounts: Array<Money | null | undefined>): string {
  return amounts.find((value) => value?.currency)?.currency ?? 'EUR';
}

/** A calendar date (`2026-03-31`) as the reader's locale writes it, in short form. */
export function shortDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return value;
  return new Date(year, month - 1, day).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A moment (`2026-03-31T09:00:00Z`) as date and time in the reader's locale. */
export function dateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A month key (`2026-03`) as "Mar 2026". */
export function monthLabel(month: string | null): string {
  if (!month) return 'No close date';
  const [year, number] = month.split('-').map(Number);
  if (!year || !number) return month;
  return new Date(year, number - 1, 1).toLocaleDateString(undefined, { month: 'short', year: 'numeric' });
}

/** "1 day", "3 days". */
export function days(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}

/** A percentage as written on a card ("40 %"), or '' when unknown. */
export function percent(value: number | null | undefined): string {
  return typeof value === 'number' ? `${value} %` : '';
}
