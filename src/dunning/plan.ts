import { fromDayNumber, type IsoDate, toDayNumber } from '../kernel/dates.ts';
import { formatMinor } from '../kernel/money.ts';
import type { Level, Policy } from './model.ts';

/**
 * The dunning planner: a pure function from open items, customer states, policies and a date to the
 * actions due that day and, for every invoice not acted on, the reason. It reads no clock, no
 * database and no environment, so a year of reminders can be replayed in milliseconds.
 */

/** An open invoice as the planner sees it. The optional pause inputs are filled by later capabilities. */
export interface PlanInvoice {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly number: string;
  readonly currency: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly total: number;
  /** What is still owed, minor units (> 0 for an open invoice). */
  readonly open: number;
  /** The structured payment reference printed on it, carried through to the message. */
  readonly paymentReference?: string | null;
  /** The effective policy (the most specific assignment). */
  readonly policyId: string;
  readonly onHold: boolean;
  /** Levels this invoice already got, ever: never sent again. */
  readonly sent: readonly { readonly position: number; readonly date: IsoDate }[];
  readonly disputed?: boolean;
  /** A promise to pay pauses reminders until this day (promised date plus grace), inclusive. */
  readonly promiseUntil?: IsoDate | null;
  readonly inPaymentPlan?: boolean;
  readonly factored?: boolean;
  /** A bank line that may be this invoice's payment waits in the review queue. */
  readonly incomingUnmatched?: boolean;
}

export interface CustomerState {
  readonly customerId: string;
  readonly onHold: boolean;
  readonly country: string;
  /** Unapplied credit per currency, minor units. */
  readonly credit: Readonly<Record<string, number>>;
  /** The customer's local date of this run, when it differs from the organisation's. */
  readonly asOf?: IsoDate;
}

export interface PlanCalendar {
  /** The day itself when it is a business day in the country, else the next one. */
  nextBusinessDay(date: IsoDate, country: string): IsoDate;
}

export type SkipReason =
  | 'customer_on_hold'
  | 'on_hold'
  | 'disputed'
  | 'factored'
  | 'payment_plan'
  | 'promise_to_pay'
  | 'incoming_payment_unmatched'
  | 'unapplied_credit'
  | 'not_yet_due'
  | 'already_sent'
  | 'below_minimum'
  | 'no_policy';

export interface Skip {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly reason: SkipReason;
  /** A sentence for people: "promise to pay until 2026-04-10", "next: level 4 on 2026-03-28". */
  readonly detail: string;
  /** When the next level falls due, if known. */
  readonly next: { readonly position: number; readonly date: IsoDate } | null;
}

export interface PlannedItem {
  readonly invoiceId: string;
  readonly policyId: string;
  readonly number: string;
  readonly level: Level;
  readonly open: number;
  readonly total: number;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly daysOverdue: number;
  readonly paymentReference?: string | null;
}

/** One message to one customer in one currency: every invoice due for a step, at the highest level among them. */
export interface PlannedAction {
  readonly customerId: string;
  readonly currency: string;
  readonly policyId: string;
  readonly level: Level;
  readonly asOf: IsoDate;
  readonly items: readonly PlannedItem[];
  readonly totalOpen: number;
}

export interface DunningPlan {
  readonly actions: readonly PlannedAction[];
  readonly skipped: readonly Skip[];
}

interface LevelDate {
  readonly level: Level;
  readonly date: IsoDate;
}

/**
 * The day each level falls due for one invoice. `due` levels count from the (possibly shifted) due
 * date; `previous` levels count from the day the previous level was actually sent, or from the day
 * it fell due when it was skipped.
 */
export function levelDates(policy: Policy, dueDate: IsoDate, sent: PlanInvoice['sent']): LevelDate[] {
  const levels = sortedLevels(policy);
  const days = new Array<number>(levels.length);
  fillLevelDays(levels, toDayNumber(dueDate), sent, days);
  return levels.map((level, k) => ({ level, date: fromDayNumber(days[k]!) }));
}

/** A policy's levels in position order, sorted once per policy object. */
const sortedByPolicy = new WeakMap<Policy, readonly Level[]>();

function sortedLevels(policy: Policy): readonly Level[] {
  let levels = sortedByPolicy.get(policy);
  if (!levels) {
    levels = [...policy.levels].sort((a, b) => a.position - b.position);
    sortedByPolicy.set(policy, levels);
  }
  return levels;
}

/** The day number each level falls due (see levelDates), written into `out`. */
function fillLevelDays(
  levels: readonly Level[],
  due: number,
  sent: PlanInvoice['sent'],
  out: number[],
): void {
  let previous = due;
  for (let k = 0; k < levels.length; k++) {
    const level = levels[k]!;
    const day = level.trigger === 'due' ? due + level.days : previous + level.days;
    out[k] = day;
    previous = day;
    for (const s of sent) if (s.position === level.position) previous = toDayNumber(s.date);
  }
}

/**
 * A note about the due date ("the day is approaching", "today is the day") is stale once the due
 * date has passed: a late one would say something untrue, so the next level waits its turn. The
 * due-day note goes only on the due day itself, and only when that is a business day for the
 * customer: sent on Monday for a Saturday due date, "today is the day" would be untrue.
 */
function isStale(
  l: Level,
  due: number,
  today: number,
  dueDate: IsoDate,
  country: string,
  calendar: PlanCalendar,
): boolean {
  return (
    l.trigger === 'due' &&
    l.days <= 0 &&
    (today > due || (l.days === 0 && calendar.nextBusinessDay(dueDate, country) !== dueDate))
  );
}

function money(minor: number, currency: string): string {
  return `${formatMinor(minor, currency)} ${currency}`;
}

/**
 * Plans one run.
 * - An invoice gets at most one level per run: the highest level whose day has come and that it did
 *   not get before. After missed days the run sends the level due now, once, not the stale ones.
 * - Pauses come first (holds, disputes, factoring, plans, promises, unmatched incoming payments),
 *   then unapplied credit, which covers the customer's oldest invoices in its currency first.
 * - One action per customer and currency (one amount, one bank account, one payment block),
 *   written with the template of the highest level among its invoices.
 *
 * @example
 *   planDunning([invoice({ dueDate: '2026-03-02' })], [customer()], policies, '2026-03-09', calendar)
 *   // one action at level 3 ("7 days overdue")
 */
export function planDunning(
  invoices: readonly PlanInvoice[],
  customers: readonly CustomerState[],
  policies: ReadonlyMap<string, Policy>,
  asOf: IsoDate,
  calendar: PlanCalendar,
): DunningPlan {
  const customerById = new Map(customers.map((c) => [c.customerId, c]));
  const skipped: Skip[] = [];
  const skip = (inv: PlanInvoice, reason: SkipReason, detail: string, next: Skip['next'] = null) =>
    skipped.push({ invoiceId: inv.invoiceId, customerId: inv.customerId, reason, detail, next });

  // Unapplied credit covers the oldest invoices of a customer and currency first. Most runs have
  // few customers with credit: only their invoices are grouped.
  const covered = new Set<string>();
  const withCredit = new Set(
    customers.filter((c) => Object.values(c.credit).some((v) => v > 0)).map((c) => c.customerId),
  );
  const byCustomerCurrency = new Map<string, PlanInvoice[]>();
  if (withCredit.size > 0) {
    for (const inv of invoices) {
      if (!withCredit.has(inv.customerId)) continue;
      const key = `${inv.customerId}\u0000${inv.currency}`;
      const list = byCustomerCurrency.get(key) ?? [];
      list.push(inv);
      byCustomerCurrency.set(key, list);
    }
  }
  for (const list of byCustomerCurrency.values()) {
    const first = list[0]!;
    let credit = customerById.get(first.customerId)?.credit[first.currency] ?? 0;
    if (credit <= 0) continue;
    const oldestFirst = [...list].sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number),
    );
    for (const inv of oldestFirst) {
      if (inv.open > credit) break;
      credit -= inv.open;
      covered.add(inv.invoiceId);
    }
  }

  const candidates = new Map<string, { day: IsoDate; items: PlannedItem[] }>();
  // Scratch space for one invoice's level days (no allocation per invoice).
  const levelDays: number[] = [];
  const dayOf = (date: IsoDate) => (date === asOf ? asOfDay : toDayNumber(date));
  const asOfDay = toDayNumber(asOf);
  for (const inv of invoices) {
    const customer = customerById.get(inv.customerId);
    const policy = policies.get(inv.policyId);
    const day = customer?.asOf ?? asOf;
    if (!policy || policy.levels.length === 0) {
      skip(inv, 'no_policy', `no dunning policy with levels applies (policy ${inv.policyId})`);
      continue;
    }
    if (customer?.onHold) {
      skip(inv, 'customer_on_hold', 'the customer is on hold');
      continue;
    }
    if (inv.onHold) {
      skip(inv, 'on_hold', 'the invoice is on hold');
      continue;
    }
    if (inv.disputed) {
      skip(inv, 'disputed', 'the invoice is disputed');
      continue;
    }
    if (inv.factored) {
      skip(inv, 'factored', 'the invoice was sold to a factor');
      continue;
    }
    if (inv.inPaymentPlan) {
      skip(inv, 'payment_plan', 'the invoice is in a payment plan');
      continue;
    }
    if (inv.promiseUntil && inv.promiseUntil >= day) {
      skip(inv, 'promise_to_pay', `promise to pay; reminders wait until after ${inv.promiseUntil}`);
      continue;
    }
    if (inv.incomingUnmatched) {
      skip(
        inv,
        'incoming_payment_unmatched',
        'an incoming payment that may be for it waits in the bank review queue',
      );
      continue;
    }

    const dueDate = policy.shiftDueToBusinessDay
      ? calendar.nextBusinessDay(inv.dueDate, customer?.country ?? '')
      : inv.dueDate;
    const due = toDayNumber(dueDate);
    const today = dayOf(day);
    const levels = sortedLevels(policy);
    fillLevelDays(levels, due, inv.sent, levelDays);
    let highestSent = 0;
    for (const s of inv.sent) if (s.position > highestSent) highestSent = s.position;
    const country = customer?.country ?? '';
    let targetAt = -1;
    for (let k = 0; k < levels.length; k++) {
      if (levelDays[k]! <= today && !isStale(levels[k]!, due, today, dueDate, country, calendar))
        targetAt = k;
    }
    const target = targetAt < 0 ? undefined : { level: levels[targetAt]!, date: levelDays[targetAt]! };
    const floor = Math.max(highestSent, target?.level.position ?? 0);
    let next: Skip['next'] = null;
    for (let k = 0; k < levels.length; k++) {
      if (levels[k]!.position > floor && levelDays[k]! > today) {
        next = { position: levels[k]!.position, date: fromDayNumber(levelDays[k]!) };
        break;
      }
    }
    const nextText = next ? `next: level ${next.position} on ${next.date}` : 'no further level';

    if (!target) {
      skip(inv, 'not_yet_due', nextText, next);
      continue;
    }
    if (target.level.position <= highestSent) {
      skip(inv, 'already_sent', `level ${highestSent} already sent; ${nextText}`, next);
      continue;
    }
    if (covered.has(inv.invoiceId)) {
      skip(
        inv,
        'unapplied_credit',
        "the customer's unapplied credit covers it; apply the credit instead of chasing",
      );
      continue;
    }
    const minimum = target.level.minAmounts[inv.currency] ?? 0;
    if (inv.open < minimum) {
      skip(
        inv,
        'below_minimum',
        `open ${money(inv.open, inv.currency)} is below the minimum ${money(minimum, inv.currency)} of level ${target.level.position}`,
        next,
      );
      continue;
    }
    const key = `${inv.customerId}\u0000${inv.currency}`;
    const group = candidates.get(key) ?? { day, items: [] };
    group.items.push({
      invoiceId: inv.invoiceId,
      policyId: policy.id,
      number: inv.number,
      level: target.level,
      open: inv.open,
      total: inv.total,
      issueDate: inv.issueDate,
      dueDate: inv.dueDate,
      daysOverdue: Math.max(0, today - due),
      paymentReference: inv.paymentReference ?? null,
    });
    candidates.set(key, group);
  }

  const actions: PlannedAction[] = [];
  for (const [key, group] of candidates) {
    const [customerId, currency] = key.split('\u0000') as [string, string];
    const items = group.items.sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number),
    );
    const top = items.reduce((best, it) => (it.level.position > best.level.position ? it : best), items[0]!);
    actions.push({
      customerId,
      currency,
      policyId: top.policyId,
      level: top.level,
      asOf: group.day,
      items,
      totalOpen: items.reduce((s, it) => s + it.open, 0),
    });
  }
  actions.sort((a, b) => a.customerId.localeCompare(b.customerId) || a.currency.localeCompare(b.currency));
  return { actions, skipped };
}
