/** The periods the forecast page offers, as `from`/`to` months of expected close. */
export interface Period {
  key: string;
  label: string;
  from?: string;
  to?: string;
}

const monthKey = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;

/** The month `offset` months after the current one. */
function monthFromNow(offset: number, now: Date): string {
  return monthKey(new Date(now.getFullYear(), now.getMonth() + offset, 1));
}

/**
 * The choices of the period selector, computed from `now`: this quarter's next three months,
 * six and twelve months ahead (overdue closes included from the start of the year), this
 * year, and everything (deals without a close date too).
 *
 * @example
 * ```ts
 * periods(new Date(2026, 2, 15))[0]; // { key: '3m', label: 'Next 3 months', from: '2026-03', to: '2026-05' }
 * ```
 */
export function periods(now = new Date()): Period[] {
  const year = now.getFullYear();
  return [
    { key: '3m', label: 'Next 3 months', from: monthFromNow(0, now), to: monthFromNow(2, now) },
    { key: '6m', label: 'Next 6 months', from: monthFromNow(0, now), to: monthFromNow(5, now) },
    { key: '12m', label: 'Next 12 months', from: monthFromNow(0, now), to: monthFromNow(11, now) },
    { key: 'year', label: `This year (${year})`, from: `${year}-01`, to: `${year}-12` },
    { key: 'all', label: 'All open deals' },
  ];
}
