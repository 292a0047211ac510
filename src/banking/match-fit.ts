import type { IsoDate } from '../kernel/dates.ts';
import { type MatchIndex, oldestOpen, openCount, slotValues } from './match-index.ts';

/**
 * How an amount settles a set of invoices. Money is conserved by construction: the allocations plus
 * the overpayment are the amount, to the cent. A discount is a write-off, not money received.
 */

export interface Part {
  readonly idx: number;
  readonly amount: number;
}

export interface Settlement {
  /** exact/discount: zero remainder; partial: something stays open; over: money left; settled: nothing was open. */
  readonly kind: 'exact' | 'discount' | 'partial' | 'over' | 'settled';
  readonly allocations: readonly Part[];
  readonly discounts: readonly Part[];
  readonly overpayment: number;
  readonly shortfall: Part | null;
}

/** The discount an invoice allows for a payment made on `date`, or 0. */
export function discountFor(index: MatchIndex, idx: number, date: IsoDate): number {
  const d = index.invoices[idx]!.discount;
  if (!d || !(d.amount > 0) || d.amount >= index.remaining[idx]! || date > d.until) return 0;
  return d.amount;
}

/**
 * Settles `targets` (oldest first) with `amount`: exactly, exactly with the early-payment discounts the
 * date allows, oldest first leaving one invoice short, or in full with money left over.
 * @example settle(index, [a, b], 300, '2026-03-01') // a 100 + b 200 open: { kind: 'exact', ... }
 */
export function settle(
  index: MatchIndex,
  targets: readonly number[],
  amount: number,
  date: IsoDate,
): Settlement {
  const open = targets.filter((t) => index.remaining[t]! > 0);
  let total = 0;
  for (const t of open) total += index.remaining[t]!;
  if (open.length === 0) {
    return { kind: 'settled', allocations: [], discounts: [], overpayment: amount, shortfall: null };
  }
  const full = open.map((idx) => ({ idx, amount: index.remaining[idx]! }));
  if (amount === total)
    return { kind: 'exact', allocations: full, discounts: [], overpayment: 0, shortfall: null };
  const discounts = open
    .map((idx) => ({ idx, amount: discountFor(index, idx, date) }))
    .filter((d) => d.amount > 0);
  const discountTotal = discounts.reduce((s, d) => s + d.amount, 0);
  if (discountTotal > 0 && amount === total - discountTotal) {
    const allocations = full.map((p) => ({
      idx: p.idx,
      amount: p.amount - (discounts.find((d) => d.idx === p.idx)?.amount ?? 0),
    }));
    return { kind: 'discount', allocations, discounts, overpayment: 0, shortfall: null };
  }
  if (amount > total)
    return { kind: 'over', allocations: full, discounts: [], overpayment: amount - total, shortfall: null };
  const allocations: Part[] = [];
  let left = amount;
  let shortfall: Part | null = null;
  for (const p of full) {
    if (left === 0) break;
    const take = Math.min(left, p.amount);
    allocations.push({ idx: p.idx, amount: take });
    left -= take;
    if (take < p.amount) shortfall = { idx: p.idx, amount: p.amount - take };
  }
  return { kind: 'partial', allocations, discounts: [], overpayment: 0, shortfall };
}

/**
 * Subsets of `values` (by position) of at least `minSize` elements summing to `target`, at most
 * `limit` of them, found depth-first with sum bounds; `budget` caps the nodes visited so one line never
 * costs more than a few thousand steps.
 */
export function subsetsSumming(
  values: readonly number[],
  target: number,
  opts: { readonly minSize: number; readonly limit: number; readonly budget?: number },
): number[][] {
  const found: number[][] = [];
  const suffix: number[] = new Array(values.length + 1).fill(0);
  for (let i = values.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + values[i]!;
  let budget = opts.budget ?? 20_000;
  const chosen: number[] = [];
  const walk = (from: number, sum: number): void => {
    if (found.length >= opts.limit || budget-- <= 0) return;
    if (sum === target) {
      if (chosen.length >= opts.minSize) found.push([...chosen]);
      return;
    }
    if (sum + suffix[from]! < target) return;
    for (let i = from; i < values.length; i++) {
      if (sum + values[i]! > target) continue;
      chosen.push(i);
      walk(i + 1, sum + values[i]!);
      chosen.pop();
      if (found.length >= opts.limit) return;
    }
  };
  walk(0, 0);
  return found;
}

export interface Fit {
  readonly how: 'single' | 'discount' | 'prefix' | 'subset';
  readonly items: readonly number[];
  readonly settlement: Settlement;
}

/** Invoices of a customer among an amount index slot, or among the customer's items when fewer. */
function matching(
  index: MatchIndex,
  customerId: string,
  currency: string,
  slot: readonly number[],
  test: (idx: number) => boolean,
): number[] {
  if (slot.length === 0) return [];
  const pool =
    slot.length <= openCount(index, customerId, currency)
      ? slot
      : oldestOpen(index, customerId, currency, { amount: Number.MAX_SAFE_INTEGER, count: 0 });
  const out: number[] = [];
  for (const idx of pool)
    if (index.invoices[idx]!.customerId === customerId && test(idx) && !out.includes(idx)) out.push(idx);
  return out;
}

/**
 * Every way (up to four) the customer's open items in the line's currency take `amount` with zero
 * remainder: one invoice, one invoice less its discount, the oldest ones in order, or another
 * combination of the `maxCombination` oldest. Several fits mean the payer's intent is unclear.
 */
export function exactFits(
  index: MatchIndex,
  customerId: string,
  currency: string,
  amount: number,
  date: IsoDate,
  maxCombination: number,
): Fit[] {
  const fits: Fit[] = [];
  const add = (how: Fit['how'], items: readonly number[]) => {
    const settlement = settle(index, items, amount, date);
    if (settlement.kind === 'exact' || settlement.kind === 'discount') fits.push({ how, items, settlement });
  };
  const bySingle = slotValues(index.byAmount.get(currency)?.get(amount));
  for (const idx of matching(index, customerId, currency, bySingle, (i) => index.remaining[i] === amount))
    add('single', [idx]);
  const byDiscount = slotValues(index.byDiscounted.get(currency)?.get(amount));
  const discounted = (i: number) =>
    index.remaining[i]! - discountFor(index, i, date) === amount && discountFor(index, i, date) > 0;
  for (const idx of matching(index, customerId, currency, byDiscount, discounted)) add('discount', [idx]);
  // One invoice of exactly the amount is what payers mean far more often than a coincidental combination.
  if (fits.length > 0) return fits.slice(0, 4);
  const oldest = oldestOpen(index, customerId, currency, { amount, count: maxCombination });
  let sum = 0;
  let prefix: readonly number[] | null = null;
  for (let k = 0; k < oldest.length && sum < amount; k++) {
    sum += index.remaining[oldest[k]!]!;
    if (sum === amount && k >= 1) prefix = oldest.slice(0, k + 1);
  }
  if (prefix) add('prefix', prefix);
  const pool = oldest.slice(0, maxCombination);
  const values = pool.map((i) => index.remaining[i]!);
  for (const subset of subsetsSumming(values, amount, { minSize: 2, limit: 3 })) {
    const items = subset.map((p) => pool[p]!);
    if (prefix && items.length === prefix.length && items.every((x, i) => x === prefix[i])) continue;
    add('subset', items);
  }
  return fits.slice(0, 4);
}
