import type { z } from 'zod';
import { addDays, daysBetween, type IsoDate, isIsoDate } from '../kernel/dates.ts';
import type { orgInput } from '../orgs/organization.ts';
import { BANKS, generateIban } from './identifiers.ts';
import { type PlannedCustomer, planCustomers } from './plan-customers.ts';
import { type PlannedInvoice, planInvoice, planInvoices } from './plan-invoices.ts';
import { planSettlements } from './plan-settlements.ts';
import { createRng, type Rng } from './random.ts';
import { compareEvents, type DemoEvent, type ExpectedInvoice, settle } from './settle.ts';

export interface DemoOptions {
  readonly customers: number;
  readonly seed: number;
  /** The demo's "today": every date in it is on or before this day. */
  readonly asOf: IsoDate;
}

/**
 * Everything the demo will write, as plain data: a pure function of the options (no clock, no
 * database, no Math.random), so the same seed and day always give the same business.
 */
export interface DemoPlan {
  readonly seed: number;
  readonly asOf: IsoDate;
  readonly org: z.input<typeof orgInput>;
  readonly customers: readonly PlannedCustomer[];
  /** In the order they are posted: by date, then issue < credit note < credit applied < payment < write-off. */
  readonly events: readonly DemoEvent[];
  /** What each invoice must show on `asOf` once loaded. */
  readonly invoices: readonly ExpectedInvoice[];
  /** Unapplied credit each customer must have at the end. */
  readonly credits: readonly {
    readonly customerRef: string;
    readonly currency: string;
    readonly amount: number;
  }[];
}

export const DEMO_ORG_NAME = 'Moravia Industrial Supply s.r.o.';

function planOrg(rng: Rng): DemoPlan['org'] {
  const cz = BANKS.CZ!;
  const kb = cz.find((b) => b.code === '0100')!;
  const rb = cz.find((b) => b.code === '5500')!;
  const account = (bank: typeof kb, currency: string) => ({
    iban: generateIban(rng, 'CZ', bank),
    bic: bank.bic,
    bankName: bank.name,
    currency,
  });
  return {
    legalName: DEMO_ORG_NAME,
    country: 'CZ',
    baseCurrency: 'CZK',
    timeZone: 'Europe/Prague',
    bankAccounts: [account(kb, 'CZK'), account(kb, 'EUR'), account(rb, 'GBP'), account(rb, 'NOK')],
  };
}

/**
 * Numbers documents in yearly series (`2026-000123`) in date order. The window starts mid-year, so
 * the first year's series does not start at 1: it continues from an estimate of what was issued
 * before the window at the same pace.
 */
function numberSeries(
  dates: readonly IsoDate[],
  windowStart: IsoDate,
  format: (year: string, n: number) => string,
): string[] {
  const perDay = dates.length / 366;
  const counters = new Map<string, number>();
  return dates.map((d) => {
    const year = d.slice(0, 4);
    let n = counters.get(year);
    if (n === undefined) {
      const yearStart = `${year}-01-01`;
      n = windowStart > yearStart ? Math.round(daysBetween(yearStart, windowStart) * perDay) : 0;
    }
    counters.set(year, n + 1);
    return format(year, n + 1);
  });
}

/** A few invoices still being prepared: drafts dated today or the last two days. */
function planDrafts(
  rng: Rng,
  customers: readonly PlannedCustomer[],
  invoices: PlannedInvoice[][],
  asOf: IsoDate,
) {
  const candidates = customers.filter((c) => c.segment !== 'consumer' && !c.input.onHold);
  const count = Math.min(candidates.length, Math.max(1, Math.round(customers.length / 40)));
  for (const c of rng.sample(candidates, count)) {
    const list = invoices[c.index]!;
    list.push(planInvoice(rng, c, list.length, addDays(asOf, -rng.int(0, 2)), true));
  }
}

export function planDemo(opts: DemoOptions): DemoPlan {
  if (!Number.isInteger(opts.customers) || opts.customers < 1 || opts.customers > 100_000) {
    throw new Error(`customers must be an integer from 1 to 100000, got ${opts.customers}`);
  }
  if (!isIsoDate(opts.asOf)) throw new Error(`asOf must be a date YYYY-MM-DD, got ${opts.asOf}`);
  const rng = createRng(opts.seed);
  const { asOf } = opts;
  const org = planOrg(rng.fork('org'));
  const customers = planCustomers(rng.fork('customers'), opts.customers, asOf);
  const invoices = customers.map((c) => planInvoices(rng.fork(`invoices:${c.index}`), c, asOf));
  planDrafts(rng.fork('drafts'), customers, invoices, asOf);

  const all = invoices
    .flat()
    .sort((a, b) =>
      a.issueDate !== b.issueDate
        ? a.issueDate < b.issueDate
          ? -1
          : 1
        : a.customerIndex - b.customerIndex || a.key.localeCompare(b.key),
    );
  const windowStart = addDays(asOf, -365);
  const invoiceNumbers = numberSeries(
    all.map((i) => i.issueDate),
    windowStart,
    (y, n) => `${y}-${String(n).padStart(6, '0')}`,
  );
  const numbers = new Map(all.map((inv, i) => [inv.key, invoiceNumbers[i]!]));

  const tagged: { event: DemoEvent; customer: number; seq: number }[] = [];
  const expected: ExpectedInvoice[] = [];
  const credits: DemoPlan['credits'][number][] = [];
  for (const c of customers) {
    const r = rng.fork(`settle:${c.index}`);
    const list = invoices[c.index]!;
    const s = settle(r, c, list, planSettlements(r, c, list, asOf), numbers);
    for (const [seq, event] of s.events.entries()) tagged.push({ event, customer: c.index, seq });
    expected.push(...s.invoices);
    credits.push({ customerRef: c.ref, currency: c.input.currency, amount: s.credit });
  }
  tagged.sort((a, b) => compareEvents(a.event, b.event) || a.customer - b.customer || a.seq - b.seq);

  const creditNoteNumbers = numberSeries(
    tagged.filter((t) => t.event.kind === 'creditNote').map((t) => t.event.date),
    windowStart,
    (y, n) => `OD-${y}-${String(n).padStart(4, '0')}`,
  );
  let k = 0;
  const events = tagged.map(({ event }) =>
    event.kind === 'creditNote' ? { ...event, number: creditNoteNumbers[k++]! } : event,
  );
  expected.sort((a, b) => a.number.localeCompare(b.number));
  return { seed: opts.seed, asOf, org, customers, events, invoices: expected, credits };
}
