import { addDays, type IsoDate } from '../kernel/dates.ts';
import { maxDate, nextWeekday, paymentRunDate } from './calendar.ts';
import { CREDIT_REASONS, type Text } from './catalogue.ts';
import type { PlannedCustomer } from './plan-customers.ts';
import type { PlannedInvoice } from './plan-invoices.ts';
import type { Rng } from './random.ts';

/**
 * What will happen to each invoice, decided from the customer's payment profile as if time went on
 * past `asOf`; whatever falls after `asOf` has simply not happened yet. That is what leaves recent
 * invoices open, a slow payer's last ones overdue by days or weeks, and a chaotic payer's old ones
 * overdue by months. Amounts of "pay the rest" are settled later, by `settle`.
 */
export type PaymentMode =
  /** Pays whatever is open on the invoice. */
  | 'rest'
  /** Pays a fixed part. */
  | 'part'
  /** Pays the invoice total less earlier transfers, ignoring a credit note: the excess becomes credit. */
  | 'gross'
  /** Pays the whole invoice a second time by mistake. */
  | 'duplicate';

export type Intent =
  | {
      readonly kind: 'credit';
      readonly date: IsoDate;
      readonly invoice: string;
      readonly amount: number;
      readonly reason: Text;
    }
  | {
      readonly kind: 'pay';
      readonly date: IsoDate;
      readonly invoice: string;
      readonly mode: PaymentMode;
      /** For `part`. */
      readonly amount: number;
    }
  | { readonly kind: 'writeOff'; readonly date: IsoDate; readonly invoice: string; readonly memo: string };

interface Pay {
  readonly at: IsoDate;
  readonly mode: PaymentMode;
  readonly amount?: number;
}

/** `pct` % of `total`, rounded down to whole currency units (never below one unit, never above total). */
function share(total: number, pct: number): number {
  const raw = total * pct - ((total * pct) % 100);
  const units = raw / 100;
  return Math.min(total, Math.max(100, units - (units % 100)));
}

const WRITE_OFF_MEMOS = [
  'Bad debt: collection agency closed the file as uncollectible',
  'Bad debt: customer unreachable, claim below the cost of court action',
  'Uncollectible: company struck off the register',
];

function schedule(rng: Rng, c: PlannedCustomer, inv: PlannedInvoice): { pays: Pay[]; writeOff: boolean } {
  const due = inv.dueDate;
  const issue = inv.issueDate;
  const late = (lo: number, hi: number) => addDays(due, rng.int(lo, hi));
  if (c.method === 'card') return { pays: [{ at: issue, mode: 'rest' }], writeOff: false };
  if (c.method === 'direct_debit') return { pays: [{ at: due, mode: 'rest' }], writeOff: false };
  switch (c.profile) {
    case 'good':
      switch (
        rng.weighted([
          ['early', 80],
          ['bitLate', 12],
          ['advance', 5],
          ['twice', 3],
        ] as const)
      ) {
        case 'early':
          return {
            pays: [{ at: late(-Math.min(7, c.input.paymentTermsDays - 3), 0), mode: 'rest' }],
            writeOff: false,
          };
        case 'bitLate':
          return { pays: [{ at: late(1, 9), mode: 'rest' }], writeOff: false };
        case 'advance':
          return {
            pays: [
              { at: addDays(issue, rng.int(1, 4)), mode: 'part', amount: share(inv.total, rng.int(30, 50)) },
              { at: late(-3, 0), mode: 'rest' },
            ],
            writeOff: false,
          };
        case 'twice': {
          const first = late(-5, 0);
          return {
            pays: [
              { at: first, mode: 'rest' },
              { at: addDays(first, rng.int(3, 15)), mode: 'duplicate' },
            ],
            writeOff: false,
          };
        }
      }
      break;
    case 'slow':
      switch (
        rng.weighted([
          ['late', 65],
          ['veryLate', 12],
          ['partThenRest', 18],
          ['onTime', 5],
        ] as const)
      ) {
        case 'late':
          return { pays: [{ at: late(7, 45), mode: 'rest' }], writeOff: false };
        case 'veryLate':
          return { pays: [{ at: late(46, 100), mode: 'rest' }], writeOff: false };
        case 'partThenRest':
          return {
            pays: [
              { at: late(5, 25), mode: 'part', amount: share(inv.total, rng.int(40, 60)) },
              { at: late(30, 80), mode: 'rest' },
            ],
            writeOff: false,
          };
        case 'onTime':
          return { pays: [{ at: late(-2, 0), mode: 'rest' }], writeOff: false };
      }
      break;
    case 'chaotic':
      switch (
        rng.weighted([
          ['onTime', 15],
          ['late', 30],
          ['partThenRest', 17],
          ['partOnly', 15],
          ['never', 23],
        ] as const)
      ) {
        case 'onTime':
          return { pays: [{ at: late(-3, 4), mode: 'rest' }], writeOff: false };
        case 'late':
          return { pays: [{ at: late(15, 120), mode: 'rest' }], writeOff: false };
        case 'partThenRest':
          return {
            pays: [
              { at: late(5, 50), mode: 'part', amount: share(inv.total, rng.int(20, 60)) },
              { at: late(60, 200), mode: 'rest' },
            ],
            writeOff: false,
          };
        case 'partOnly':
          return {
            pays: [{ at: late(5, 60), mode: 'part', amount: share(inv.total, rng.int(20, 60)) }],
            writeOff: rng.chance(0.55),
          };
        case 'never':
          return { pays: [], writeOff: rng.chance(0.55) };
      }
  }
  throw new Error(`unhandled profile ${c.profile}`);
}

function creditNote(rng: Rng, inv: PlannedInvoice): { intent: Intent; whole: boolean } {
  const kinds = CREDIT_REASONS.filter((r) => (inv.lines.length > 1 ? true : r.basis !== 'line'));
  const reason = rng.weighted(
    kinds.map((r) => [r, r.basis === 'whole' ? 3 : r.basis === 'line' ? 6 : 5] as const),
  );
  const whole = reason.basis === 'whole';
  const amount = whole
    ? inv.total
    : reason.basis === 'line'
      ? rng.pick(inv.lines).total
      : share(inv.total, rng.pick([3, 5, 10]));
  const date = nextWeekday(addDays(inv.issueDate, whole ? rng.int(1, 6) : rng.int(2, 20)));
  return { intent: { kind: 'credit', date, invoice: inv.key, amount, reason: reason.text }, whole };
}

/** The disputed invoice: a sizeable one issued one and a half to five months ago. */
function disputedInvoice(invoices: readonly PlannedInvoice[], asOf: IsoDate): string | undefined {
  const candidates = invoices.filter(
    (i) => !i.draft && i.issueDate <= addDays(asOf, -45) && i.issueDate >= addDays(asOf, -150),
  );
  return [...candidates].sort((a, b) => b.total - a.total)[0]?.key;
}

/** Plans credit notes, payments and write-offs for a customer's invoices, up to `asOf`. */
export function planSettlements(
  rng: Rng,
  c: PlannedCustomer,
  invoices: readonly PlannedInvoice[],
  asOf: IsoDate,
): Intent[] {
  const intents: Intent[] = [];
  const disputed = c.disputed ? disputedInvoice(invoices, asOf) : undefined;
  const issued = invoices.filter((i) => !i.draft);
  const insolvencyWriteOff = c.insolventFrom ? nextWeekday(addDays(c.insolventFrom, rng.int(45, 90))) : null;
  for (const [n, inv] of issued.entries()) {
    let { pays, writeOff } = schedule(rng, c, inv);
    // An insolvent customer stops paying, starting with the last invoices before the proceedings.
    if (c.insolventFrom && n >= issued.length - 2) pays = [];
    if (inv.key === disputed) pays = [];
    if (rng.chance(c.profile === 'chaotic' ? 0.08 : 0.05)) {
      const cn = creditNote(rng, inv);
      intents.push(cn.intent);
      if (cn.whole) pays = [];
      // Some customers pay the original amount and ignore the credit note: the excess is credit.
      else if (rng.chance(0.25))
        pays = pays.map((p) => (p.mode === 'rest' && p.at > cn.intent.date ? { ...p, mode: 'gross' } : p));
    }
    for (const p of pays) {
      const at = maxDate(p.at, inv.issueDate);
      const date =
        c.paymentRuns && c.method === 'bank_transfer' ? paymentRunDate(at, c.paymentRuns) : nextWeekday(at);
      if (c.insolventFrom && date >= c.insolventFrom) continue;
      intents.push({ kind: 'pay', date, invoice: inv.key, mode: p.mode, amount: p.amount ?? 0 });
    }
    if (writeOff) {
      const date = nextWeekday(addDays(inv.dueDate, rng.int(150, 230)));
      intents.push({ kind: 'writeOff', date, invoice: inv.key, memo: rng.pick(WRITE_OFF_MEMOS) });
    }
    if (insolvencyWriteOff) {
      intents.push({
        kind: 'writeOff',
        date: insolvencyWriteOff,
        invoice: inv.key,
        memo: 'Uncollectible: customer in insolvency proceedings, claim lodged with the insolvency administrator',
      });
    }
  }
  return intents.filter((i) => i.date <= asOf);
}
