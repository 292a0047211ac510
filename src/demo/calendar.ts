import { addDays, type IsoDate } from '../kernel/dates.ts';

/** Working-day helpers for the demo: invoices are written and money arrives on weekdays. */

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function nextWeekday(date: IsoDate): IsoDate {
  const w = weekday(date);
  return w === 6 ? addDays(date, 2) : w === 0 ? addDays(date, 1) : date;
}

export function previousWeekday(date: IsoDate): IsoDate {
  const w = weekday(date);
  return w === 6 ? addDays(date, -1) : w === 0 ? addDays(date, -2) : date;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

function lastDayOfMonth(date: IsoDate): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The day a payment run that covers `date` goes out: weekly runs on the next Thursday, semi-monthly
 * runs on the 15th or the last day of the month; then the next weekday if that is a weekend.
 */
export function paymentRunDate(date: IsoDate, runs: 'weekly' | 'semi_monthly'): IsoDate {
  if (runs === 'weekly') return addDays(date, (4 - weekday(date) + 7) % 7);
  const fifteenth = `${date.slice(0, 8)}15`;
  return nextWeekday(date <= fifteenth ? fifteenth : lastDayOfMonth(date));
}
