import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { customer, invoice, org, payment } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import {
  type AllocationRequest,
  LedgerModel,
  type ModelInvoice,
  type ModelSource,
} from '../../test/ledger-model.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { addDays } from '../kernel/dates.ts';
import type { ErrorCode, Result } from '../kernel/errors.ts';
import { invoiceInput } from './invoice.ts';
import { deriveInvoiceStatus, INVOICE_STATUSES, type InvoiceStatus } from './invoice-status.ts';
import {
  createInvoice,
  issueInvoice,
  listInvoices,
  postInvoiceEntry,
  voidInvoice,
} from './invoices.repository.ts';
import { creditSources, invoiceBalances } from './ledger.repository.ts';
import { applyCreditInput, creditNoteInput, paymentInput } from './payment.ts';
import {
  applyCustomerCredit,
  createCreditNote,
  getPayment,
  recordPayment,
  reversePayment,
} from './payments.repository.ts';
import { customerBalance, customerStatement } from './statement.ts';

/**
 * Random operation sequences on both engines, checked against an independent in-memory model
 * (test/ledger-model.ts) after every operation: outcomes and error codes, what was written, every
 * invoice's open amount, every payment's allocations and rest, customer credit, balances and
 * statements, and the SQL status filter against deriveInvoiceStatus. Each run gets its own org.
 * A failure prints fast-check's seed and path; pass them to fc.assert to replay it.
 */
/** Sequences per engine: 10-20 s each on a busy 2-core box; DULY_PROPERTY_RUNS=1000 for a deeper search. */
const RUNS = { sqlite: 150, postgres: 40 };
const runsFor = (engine: keyof typeof RUNS) => Number(process.env.DULY_PROPERTY_RUNS) || RUNS[engine];
const BASE = '2026-01-01';
const day = (n: number) => addDays(BASE, n);
const pad = (n: number) => String(n).padStart(4, '0');

// ---- operation descriptors: plain data, resolved against the model when they run ----

type AmountSpec =
  | { readonly t: 'exact' }
  | { readonly t: 'part'; readonly pct: number }
  | { readonly t: 'over'; readonly by: number }
  | { readonly t: 'abs'; readonly n: number };
const amountSpec: fc.Arbitrary<AmountSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ t: 'exact' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('part' as const), pct: fc.integer({ min: 1, max: 99 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('over' as const), by: fc.integer({ min: 1, max: 5000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('abs' as const), n: fc.integer({ min: 1, max: 300_000 }) }),
  },
);
const resolve = (s: AmountSpec, ref: number): number =>
  Math.max(
    1,
    s.t === 'exact'
      ? ref
      : s.t === 'part'
        ? Math.floor((ref * s.pct) / 100)
        : s.t === 'over'
          ? ref + s.by
          : s.n,
  );

/** Where an allocation points: the payer's own invoice, another customer's, or another org's. */
const allocSpec = fc.record({
  to: fc.constantFrom('own', 'own', 'own', 'own', 'own', 'own', 'other', 'foreign'),
  i: fc.nat(),
  amount: amountSpec,
});
type AllocSpec = typeof allocSpec extends fc.Arbitrary<infer T> ? T : never;

const invoiceTarget = fc.record({
  foreign: fc.integer({ min: 1, max: 10 }).map((n) => n === 1),
  i: fc.nat(),
});

const QUANTITY_MILLI: Record<string, number> = {
  '1': 1000,
  '2': 2000,
  '0.5': 500,
  '1.333': 1333,
  '3': 3000,
  '0.001': 1,
};
const VAT_BP: Record<string, number> = { '0': 0, '10': 1000, '12': 1200, '21': 2100, '10.5': 1050 };
const line = fc.record({
  quantity: fc.constantFrom(...Object.keys(QUANTITY_MILLI)),
  unitPrice: fc.oneof(fc.integer({ min: 0, max: 250_000 }), fc.constantFrom(0, 1, 99, 100_000)),
  vatRate: fc.constantFrom(...Object.keys(VAT_BP)),
});
/** Mostly the customer's own currency, so credit and open items meet often; sometimes the other. */
const currency = fc.constantFrom('home', 'home', 'home', 'CZK', 'EUR');
const rarely = (percent: number) => fc.integer({ min: 1, max: 100 }).map((n) => n <= percent);
const when = fc.integer({ min: 0, max: 150 });

const op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('invoice' as const),
      customer: fc.nat(),
      currency,
      lines: fc.array(line, { minLength: 1, maxLength: 3 }),
      issue: fc.integer({ min: 0, max: 90 }),
      terms: fc.integer({ min: 0, max: 40 }),
      draft: rarely(10),
      duplicate: rarely(5),
      number: fc.nat({ max: 9999 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('issue' as const), i: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      customer: fc.nat(),
      foreignCustomer: rarely(5),
      currency,
      mode: fc.constantFrom('explicit', 'explicit', 'oldest', 'none'),
      allocations: fc.array(allocSpec, { maxLength: 3 }),
      // What the payment brings beyond its allocations; -1 is the smallest shortfall.
      extra: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50_000 }), fc.constantFrom(-1, -100, -5000)),
      amount: amountSpec,
      date: when,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('applyCredit' as const),
      customer: fc.nat(),
      foreignCustomer: rarely(5),
      currency,
      explicit: fc.option(fc.array(allocSpec, { minLength: 1, maxLength: 2 })),
      date: when,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('creditNote' as const),
      target: invoiceTarget,
      // Crediting a paid invoice is what turns a credit note into customer credit.
      paidOnly: fc.boolean(),
      size: fc.constantFrom('within', 'open', 'beyondOpen', 'billed', 'beyondBilled'),
      pct: fc.integer({ min: 1, max: 99 }),
      currency: fc.constantFrom('same', 'same', 'none', 'none', 'wrong'),
      date: when,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('writeOff' as const),
      target: invoiceTarget,
      amount: fc.option(amountSpec),
      date: when,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fee' as const),
      target: invoiceTarget,
      amount: fc.integer({ min: 1, max: 50_000 }),
      date: when,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('void' as const), target: invoiceTarget, date: when }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('reverse' as const),
      i: fc.nat(),
      days: fc.integer({ min: -3, max: 30 }),
    }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
const sequence = fc.record({
  ops: fc.array(op, { minLength: 20, maxLength: 40 }),
  asOf: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
});

// ---- running operations against the database and the model ----

interface World {
  readonly db: Db;
  readonly orgId: string;
  readonly customers: readonly { readonly id: string; readonly currency: string }[];
  readonly foreign: { readonly customerId: string; readonly invoiceId: string };
  readonly model: LedgerModel;
  creditNotes: number;
}

const roundHalfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

/** Per line: net = round(quantity x price), VAT = round(net x rate); the invoice sums the lines. */
function expectedTotal(lines: readonly { quantity: string; unitPrice: number; vatRate: string }[]): number {
  let total = 0n;
  for (const l of lines) {
    const net = roundHalfUp(BigInt(QUANTITY_MILLI[l.quantity]!) * BigInt(l.unitPrice), 1000n);
    total += net + roundHalfUp(net * BigInt(VAT_BP[l.vatRate]!), 10_000n);
  }
  return Number(total);
}

async function counts(db: Db) {
  const { rows } = await sql<Record<'e' | 'p' | 'c' | 'i', number | string>>`select
    (select count(*) from ledger_entries) as e, (select count(*) from payments) as p,
    (select count(*) from credit_notes) as c, (select count(*) from invoices) as i`.execute(db);
  const r = rows[0]!;
  return { entries: Number(r.e), payments: Number(r.p), creditNotes: Number(r.c), invoices: Number(r.i) };
}
type Counts = Awaited<ReturnType<typeof counts>>;

interface Expected<T> {
  /** The refusal the model predicts; none when the operation should succeed. */
  readonly error?: ErrorCode | null | undefined;
  /** Rows a success adds. */
  readonly rows: Partial<Counts>;
  readonly verify?: (value: T) => void;
  readonly apply?: (value: T) => void;
}

/** Runs one use case in a transaction, as the API does, and holds it to the model's prediction. */
async function attempt<T>(w: World, label: string, run: (trx: Db) => Promise<Result<T>>, exp: Expected<T>) {
  const before = await counts(w.db);
  const result = await inTransaction(w.db, run);
  const after = await counts(w.db);
  if (exp.error) {
    expect(result.ok ? 'ok' : result.error.code, label).toBe(exp.error);
    expect(after, `${label}: a refused operation writes nothing`).toEqual(before);
    return;
  }
  expect(result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`, label).toBe('ok');
  if (!result.ok) return;
  const added = { entries: 0, payments: 0, creditNotes: 0, invoices: 0, ...exp.rows };
  expect(
    {
      entries: after.entries - before.entries,
      payments: after.payments - before.payments,
      creditNotes: after.creditNotes - before.creditNotes,
      invoices: after.invoices - before.invoices,
    },
    label,
  ).toEqual(added);
  exp.verify?.(result.value);
  exp.apply?.(result.value);
}

const pick = <T>(xs: readonly T[], i: number): T | undefined => xs[i % Math.max(1, xs.length)];
const sum = (xs: readonly { readonly amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);
const pairs = (xs: readonly { readonly invoiceId: string; readonly amount: number }[]) =>
  xs.map((x) => [x.invoiceId, x.amount]);

function resolveAllocations(w: World, customerId: string, specs: readonly AllocSpec[]): AllocationRequest[] {
  const out: AllocationRequest[] = [];
  for (const s of specs) {
    if (s.to === 'foreign') {
      out.push({ invoiceId: w.foreign.invoiceId, amount: resolve(s.amount, 1000) });
      continue;
    }
    const pool = w.model.invoices.filter((i) => (i.customerId === customerId) === (s.to === 'own'));
    const inv = pick(pool, s.i);
    if (inv) out.push({ invoiceId: inv.id, amount: resolve(s.amount, w.model.open(inv)) });
  }
  return out;
}

/** The invoice an operation aims at: one of this org's, or (rarely) another org's. */
function target(w: World, t: { readonly foreign: boolean; readonly i: number }, paidOnly = false) {
  const paid = w.model.invoices.filter((i) => i.paid > 0);
  const inv = t.foreign ? undefined : pick(paidOnly && paid.length > 0 ? paid : w.model.invoices, t.i);
  return { inv, id: inv?.id ?? (t.foreign ? w.foreign.invoiceId : undefined) };
}

async function perform(w: World, o: Op): Promise<void> {
  const m = w.model;
  const label = JSON.stringify(o);
  switch (o.kind) {
    case 'invoice': {
      const c = pick(w.customers, o.customer)!;
      const ccy = o.currency === 'home' ? c.currency : o.currency;
      const taken = new Set(m.invoices.map((i) => i.number));
      let n = o.number;
      while (taken.has(`INV-${pad(n)}`)) n = (n + 1) % 10_000;
      const dup = pick(m.invoices, o.number);
      const number = o.duplicate && dup ? dup.number : `INV-${pad(n)}`;
      const total = expectedTotal(o.lines);
      const [issueDate, dueDate] = [day(o.issue), day(o.issue + o.terms)];
      const input = invoiceInput.parse({
        customerId: c.id,
        number,
        issueDate,
        dueDate,
        currency: ccy,
        lines: o.lines.map((l) => ({ description: 'Work', ...l })),
        draft: o.draft,
      });
      await attempt(w, label, (trx) => createInvoice(trx, w.orgId, input, issueDate), {
        error: taken.has(number) ? 'duplicate' : total <= 0 ? 'validation_failed' : null,
        rows: { invoices: 1, entries: o.draft ? 0 : 1 },
        verify: (v) =>
          expect([v.total, v.amountDue, v.status]).toEqual([
            total,
            o.draft ? 0 : total,
            o.draft ? 'draft' : 'open',
          ]),
        apply: (v) => {
          m.invoices.push({
            id: v.id,
            number,
            customerId: c.id,
            currency: ccy,
            total,
            issueDate,
            dueDate,
            state: o.draft ? 'draft' : 'issued',
            fees: 0,
            paid: 0,
            credited: 0,
            writtenOff: 0,
            creditNotes: 0,
            settlements: 0,
          });
        },
      });
      return;
    }
    case 'issue': {
      const inv = pick(m.invoices, o.i);
      if (!inv) return;
      await attempt(w, label, (trx) => issueInvoice(trx, w.orgId, inv.id, inv.issueDate), {
        error: inv.state === 'draft' ? null : 'invoice_not_open',
        rows: { entries: 1 },
        apply: () => {
          inv.state = 'issued';
        },
      });
      return;
    }
    case 'pay': {
      const c = pick(w.customers, o.customer)!;
      const ccy = o.currency === 'home' ? c.currency : o.currency;
      let amount: number;
      let allocations: AllocationRequest[];
      let error: ErrorCode | null = null;
      if (o.mode === 'explicit') {
        allocations = resolveAllocations(w, c.id, o.allocations);
        amount = Math.max(1, sum(allocations) + o.extra);
        error = m.refuseAllocations(c.id, ccy, allocations, amount);
      } else if (o.mode === 'oldest') {
        const owed = m.openItems(c.id, ccy).reduce((s, i) => s + m.open(i), 0);
        amount = resolve(o.amount, owed || 10_000);
        allocations = m.oldestFirst(amount, c.id, ccy);
      } else {
        amount = resolve(o.amount, 10_000);
        allocations = [];
      }
      const date = day(o.date);
      const input = paymentInput.parse({
        customerId: o.foreignCustomer ? w.foreign.customerId : c.id,
        amount,
        currency: ccy,
        receivedDate: date,
        ...(o.mode === 'explicit'
          ? { allocations }
          : { allocate: o.mode === 'oldest' ? 'oldest_first' : 'none' }),
      });
      await attempt(w, label, (trx) => recordPayment(trx, w.orgId, input), {
        error: o.foreignCustomer ? 'not_found' : error,
        rows: { payments: 1, entries: 1 + allocations.length },
        verify: (p) => {
          expect(pairs(p.allocations), label).toEqual(pairs(allocations));
          expect(p.unallocated, label).toBe(amount - sum(allocations));
        },
        apply: (p) => {
          const source: ModelSource = {
            id: p.id,
            kind: 'payment',
            customerId: c.id,
            currency: ccy,
            amount,
            date,
            allocations: [],
            reversed: false,
          };
          m.sources.push(source);
          m.allocate(source, allocations);
        },
      });
      return;
    }
    case 'applyCredit': {
      const c = pick(w.customers, o.customer)!;
      const ccy = o.currency === 'home' ? c.currency : o.currency;
      const available = m.creditSources(c.id, ccy).reduce((s, x) => s + m.available(x), 0);
      const allocations = o.explicit
        ? resolveAllocations(w, c.id, o.explicit)
        : m.oldestFirst(available, c.id, ccy);
      const error = o.foreignCustomer
        ? 'not_found'
        : o.explicit
          ? m.refuseAllocations(c.id, ccy, allocations, available)
          : null;
      const pieces = error ? [] : m.planCredit(c.id, ccy, allocations);
      const input = applyCreditInput.parse({
        currency: ccy,
        date: day(o.date),
        ...(o.explicit && { allocations }),
      });
      const customerId = o.foreignCustomer ? w.foreign.customerId : c.id;
      await attempt(w, label, (trx) => applyCustomerCredit(trx, w.orgId, customerId, input), {
        error,
        rows: { entries: pieces.length },
        verify: (r) => {
          expect(pairs(r.applied), label).toEqual(pairs(allocations));
          expect(r.remainingCredit, label).toBe(available - sum(allocations));
        },
        apply: () => m.commitCredit(pieces),
      });
      return;
    }
    case 'creditNote': {
      const { inv, id } = target(w, o.target, o.paidOnly);
      if (!id) return;
      const open = inv ? m.open(inv) : 0;
      // The credit-note limit as the code states it (billed less earlier credit notes), to probe its edge.
      const billed = inv ? inv.total + inv.fees - inv.creditNotes : 1000;
      const sizes = {
        within: Math.floor((open * o.pct) / 100),
        open,
        beyondOpen: open + Math.max(1, Math.floor(((billed - open) * o.pct) / 100)),
        billed,
        beyondBilled: billed + o.pct,
      };
      const amount = Math.max(1, sizes[o.size as keyof typeof sizes]);
      const invCurrency = inv?.currency ?? 'CZK';
      const cur = { same: invCurrency, none: undefined, wrong: invCurrency === 'CZK' ? 'EUR' : 'CZK' }[
        o.currency
      ];
      const error: ErrorCode | null = !inv
        ? 'not_found'
        : inv.state !== 'issued'
          ? 'invoice_not_open'
          : cur !== undefined && cur !== inv.currency
            ? 'currency_mismatch'
            : amount > m.creditable(inv)
              ? 'allocation_exceeds_open_balance'
              : null;
      const applied = Math.min(amount, open);
      const date = day(o.date);
      const input = creditNoteInput.parse({
        invoiceId: id,
        number: `CN-${pad(w.creditNotes++)}`,
        issueDate: date,
        amount,
        reason: 'property test',
        ...(cur && { currency: cur }),
      });
      await attempt(w, label, (trx) => createCreditNote(trx, w.orgId, input), {
        error,
        rows: { creditNotes: 1, entries: 1 },
        verify: (cn) =>
          expect([cn.appliedToInvoice, cn.unapplied], label).toEqual([applied, amount - applied]),
        apply: (cn) => {
          if (!inv) return;
          inv.credited += applied;
          inv.creditNotes += amount;
          inv.settlements += 1;
          if (amount === applied) return;
          m.sources.push({
            id: cn.id,
            kind: 'credit_note',
            customerId: inv.customerId,
            currency: inv.currency,
            amount: amount - applied,
            date,
            allocations: [],
            reversed: false,
          });
        },
      });
      return;
    }
    case 'writeOff':
    case 'fee': {
      const { inv, id } = target(w, o.target);
      if (!id) return;
      const open = inv ? m.open(inv) : 0;
      const amount = o.kind === 'fee' ? o.amount : o.amount ? resolve(o.amount, open) : open;
      const delta = o.kind === 'fee' ? amount : -amount;
      const error: ErrorCode | null = !inv
        ? 'not_found'
        : inv.state !== 'issued'
          ? 'invoice_not_open'
          : amount <= 0
            ? 'validation_failed'
            : open + delta < 0
              ? 'allocation_exceeds_open_balance'
              : null;
      const date = day(o.date);
      const entry = {
        kind: o.kind === 'fee' ? ('fee' as const) : ('write_off' as const),
        amount: o.kind === 'writeOff' && !o.amount ? undefined : amount,
        date,
        memo: o.kind,
      };
      await attempt(w, label, (trx) => postInvoiceEntry(trx, w.orgId, id, entry, date), {
        error,
        rows: { entries: 1 },
        verify: (v) => expect(v.amountDue, label).toBe(open + delta),
        apply: () => {
          if (!inv) return;
          if (o.kind === 'fee') inv.fees += amount;
          else inv.writtenOff += amount;
          inv.settlements += 1;
        },
      });
      return;
    }
    case 'void': {
      const { inv, id } = target(w, o.target);
      if (!id) return;
      const error: ErrorCode | null = !inv
        ? 'not_found'
        : inv.state === 'void'
          ? 'invoice_not_open'
          : inv.settlements > 0
            ? 'invoice_has_settlements'
            : null;
      await attempt(w, label, (trx) => voidInvoice(trx, w.orgId, id, 'issued by mistake', day(o.date)), {
        error,
        rows: { entries: inv?.state === 'issued' ? 1 : 0 },
        verify: (v) => expect([v.status, v.amountDue], label).toEqual(['void', 0]),
        apply: () => {
          if (inv) inv.state = 'void';
        },
      });
      return;
    }
    case 'reverse': {
      const p = pick(
        m.sources.filter((s) => s.kind === 'payment'),
        o.i,
      );
      if (!p) return;
      const date = addDays(p.date, o.days);
      await attempt(w, label, (trx) => reversePayment(trx, w.orgId, p.id, { date, reason: 'returned' }), {
        error: p.reversed ? 'already_reversed' : date < p.date ? 'validation_failed' : null,
        rows: { entries: 1 + p.allocations.length },
        verify: (v) => expect([v.allocations, v.unallocated, v.reversed?.date], label).toEqual([[], 0, date]),
        apply: () => m.reverse(p),
      });
      return;
    }
  }
}

// ---- comparing the database with the model ----

function statusOf(m: LedgerModel, inv: ModelInvoice, asOf: string): InvoiceStatus {
  return deriveInvoiceStatus(
    { state: inv.state, total: inv.total, dueDate: inv.dueDate },
    { open: m.open(inv), charged: inv.fees, writtenOff: inv.writtenOff },
    asOf,
  );
}

/** Every invoice's sums: open = total + fees - paid - credited - written off, never below zero. */
async function checkInvoices(w: World): Promise<void> {
  const m = w.model;
  const balances = await invoiceBalances(
    w.db,
    w.orgId,
    m.invoices.map((i) => i.id),
  );
  for (const inv of m.invoices) {
    const b = balances.get(inv.id)!;
    expect(b.open, inv.number).toBeGreaterThanOrEqual(0);
    expect(
      // + 0: a sum negated in SQL-free code can be -0, which is 0 for money but not for toEqual.
      {
        open: b.open,
        paid: b.paid,
        credited: b.credited + 0,
        writtenOff: b.writtenOff + 0,
        charged: b.charged,
      },
      inv.number,
    ).toEqual({
      open: m.open(inv),
      paid: inv.paid,
      credited: inv.credited,
      writtenOff: inv.writtenOff,
      charged: inv.fees,
    });
  }
}

/** Each payment: allocations + unallocated rest = amount, the rest never negative. */
async function checkSources(w: World): Promise<void> {
  const m = w.model;
  for (const s of m.sources.filter((x) => x.kind === 'payment')) {
    const p = (await getPayment(w.db, w.orgId, s.id))!;
    expect(p.unallocated, s.id).toBeGreaterThanOrEqual(0);
    expect(p.amount, s.id).toBe(s.amount);
    if (s.reversed) {
      expect([p.allocations, p.unallocated], s.id).toEqual([[], 0]);
      continue;
    }
    expect(sum(p.allocations) + p.unallocated, s.id).toBe(p.amount);
    expect(pairs(p.allocations), s.id).toEqual(pairs(s.allocations));
    expect(p.unallocated, s.id).toBe(m.available(s));
  }
  for (const c of w.customers) {
    const got = (await creditSources(w.db, w.orgId, c.id)).map((x) => [x.sourceId, x.currency, x.available]);
    const want = m.sources
      .filter((s) => s.customerId === c.id && m.available(s) > 0)
      .map((s) => [s.id, s.currency, m.available(s)]);
    expect(got.sort(), c.id).toEqual(want.sort());
  }
}

/** SUM(receivable) - SUM(credit) per customer and currency = balance total = statement closing. */
async function checkBalances(w: World, asOf: string): Promise<void> {
  const m = w.model;
  const sums = await w.db
    .selectFrom('ledger_entries')
    .select((eb) => [
      'customer_id',
      'currency',
      eb.fn.sum<number>('receivable_delta').as('r'),
      eb.fn.sum<number>('credit_delta').as('c'),
    ])
    .where('org_id', '=', w.orgId)
    .groupBy(['customer_id', 'currency'])
    .execute();
  for (const c of w.customers) {
    const balance = await customerBalance(w.db, w.orgId, c.id, asOf);
    const whole = await customerStatement(w.db, w.orgId, c.id, '2025-01-01', '2027-12-31');
    const fromAsOf = await customerStatement(w.db, w.orgId, c.id, asOf, '2027-12-31');
    for (const cur of ['CZK', 'EUR']) {
      const row = sums.find((r) => r.customer_id === c.id && r.currency === cur);
      const ledger = row ? Number(row.r) - Number(row.c) : 0;
      const invoices = m.invoices.filter((i) => i.customerId === c.id && i.currency === cur);
      const receivable = invoices.reduce((s, i) => s + m.open(i), 0);
      const overdue = invoices
        .filter((i) => statusOf(m, i, asOf) === 'overdue')
        .reduce((s, i) => s + m.open(i), 0);
      const credit = m.sources
        .filter((s) => s.customerId === c.id && s.currency === cur)
        .reduce((s, x) => s + m.available(x), 0);
      const where = `${c.id} ${cur}`;
      expect(ledger, where).toBe(receivable - credit);
      const b = balance.balances.find((x) => x.currency === cur) ?? {
        currency: cur,
        receivable: 0,
        overdue: 0,
        credit: 0,
        total: 0,
      };
      expect(b, where).toEqual({ currency: cur, receivable, overdue, credit, total: ledger });
      const st = whole.currencies.find((x) => x.currency === cur);
      expect([st?.openingBalance ?? 0, st?.closingBalance ?? 0], where).toEqual([0, ledger]);
      const part = fromAsOf.currencies.find((x) => x.currency === cur);
      let running = part?.openingBalance ?? 0;
      for (const l of part?.lines ?? []) {
        running += l.debit - l.credit;
        expect(l.balance, where).toBe(running);
      }
      expect([running, part?.closingBalance ?? 0], where).toEqual([ledger, ledger]);
    }
  }
}

async function listAll(w: World, filter: { status?: InvoiceStatus; overdueAsOf?: string }, asOf: string) {
  const all: { id: string; status: InvoiceStatus }[] = [];
  for (let after: string | null = null; ; ) {
    const page = await listInvoices(w.db, w.orgId, filter, asOf, { limit: 4, after });
    all.push(...page.data);
    if (!page.nextCursor) return all;
    after = page.data.at(-1)!.id;
  }
}

/** The SQL status filter (statusCondition) selects exactly the invoices deriveInvoiceStatus names. */
async function checkStatuses(w: World, asOf: string): Promise<void> {
  const m = w.model;
  for (const status of INVOICE_STATUSES) {
    const want = m.invoices.filter((i) => statusOf(m, i, asOf) === status).map((i) => i.id);
    const got = await listAll(w, { status }, asOf);
    expect(got.map((i) => i.id).sort(), `${status} on ${asOf}`).toEqual(want.sort());
    for (const i of got) expect(i.status, `${i.id} on ${asOf}`).toBe(status);
  }
  const overdue = await listAll(w, { overdueAsOf: asOf }, asOf);
  expect(overdue.map((i) => i.id).sort(), `overdue as of ${asOf}`).toEqual(
    m.invoices
      .filter((i) => statusOf(m, i, asOf) === 'overdue')
      .map((i) => i.id)
      .sort(),
  );
}

/** A few days to judge statuses on: due dates themselves (not yet overdue) and the days after. */
function asOfDays(m: LedgerModel, picks: readonly number[]): string[] {
  const [a = 0, b = 0] = picks;
  const x = pick(m.invoices, a);
  const y = pick(m.invoices, b);
  return [x?.dueDate ?? BASE, y ? addDays(y.dueDate, 1) : day(60), day(200)];
}

async function checkEverything(w: World, picks: readonly number[]): Promise<void> {
  await checkInvoices(w);
  await checkSources(w);
  const days = asOfDays(w.model, picks);
  await checkBalances(w, days[0]!);
  for (const d of days) await checkStatuses(w, d);
}

describeEachEngine('the ledger under random operation sequences', (ctx) => {
  const db = () => ctx().handle.db;
  let foreign: World['foreign'];

  beforeAll(async () => {
    const o = await org(db(), { legalName: 'Elsewhere GmbH', country: 'DE' });
    const c = await customer(db(), o, { country: 'DE', currency: 'CZK' });
    const inv = await invoice(db(), o.id, c.id, { currency: 'CZK' });
    foreign = { customerId: c.id, invoiceId: inv.id };
  });

  it('agrees with an in-memory model after every operation: amounts, allocations, credit, balances, statuses', async () => {
    await fc.assert(
      fc.asyncProperty(sequence, async (run) => {
        const o = await org(db());
        const customers = [
          await customer(db(), o, { currency: 'CZK' }),
          await customer(db(), o, { currency: 'EUR', country: 'SK' }),
          await customer(db(), o, { currency: 'CZK' }),
        ];
        const w: World = {
          db: db(),
          orgId: o.id,
          customers,
          foreign,
          model: new LedgerModel(),
          creditNotes: 0,
        };
        const halfway = Math.floor(run.ops.length / 2);
        for (const [k, operation] of run.ops.entries()) {
          await perform(w, operation);
          await checkInvoices(w);
          if (k === halfway) await checkEverything(w, run.asOf);
        }
        await checkEverything(w, run.asOf);
      }),
      { numRuns: runsFor(ctx().handle.engine), interruptAfterTimeLimit: 90_000 },
    );
  }, 150_000);

  it('applies the oldest customer credit first, whether it came from a payment or a credit note', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const overpaid = await payment(db(), o.id, c.id, { amount: 50_000, allocate: 'none' });
    const inv = await invoice(db(), o.id, c.id);
    await payment(db(), o.id, c.id, {
      amount: 120_000,
      allocations: [{ invoiceId: inv.id, amount: 120_000 }],
    });
    const cn = await inTransaction(db(), (trx) =>
      createCreditNote(
        trx,
        o.id,
        creditNoteInput.parse({
          invoiceId: inv.id,
          number: 'CN-1',
          issueDate: '2026-03-12',
          amount: 30_000,
          reason: 'late',
        }),
      ),
    );
    expect(cn.ok && cn.value.unapplied).toBe(29_000);
    const next = await invoice(db(), o.id, c.id);
    const applied = await inTransaction(db(), (trx) =>
      applyCustomerCredit(trx, o.id, c.id, {
        currency: 'CZK',
        date: '2026-03-20',
        allocations: [{ invoiceId: next.id, amount: 10_000 }],
      }),
    );
    expect(applied.ok && applied.value.remainingCredit).toBe(69_000);
    expect((await getPayment(db(), o.id, overpaid.id))?.unallocated).toBe(40_000);
    const left = await creditSources(db(), o.id, c.id);
    expect(left.map((s) => [s.sourceType, s.available])).toEqual([
      ['payment', 40_000],
      ['credit_note', 29_000],
    ]);
  });

  it('refuses to credit written-off debt, which would hand the customer credit they never paid', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const inv = await invoice(db(), o.id, c.id);
    const creditNote = (number: string, amount: number) =>
      inTransaction(db(), (trx) =>
        createCreditNote(
          trx,
          o.id,
          creditNoteInput.parse({
            invoiceId: inv.id,
            number,
            issueDate: '2026-07-01',
            amount,
            reason: 'goodwill',
          }),
        ),
      );
    await payment(db(), o.id, c.id, { amount: 100_000 });
    const w = await inTransaction(db(), (trx) =>
      postInvoiceEntry(
        trx,
        o.id,
        inv.id,
        { kind: 'write_off', date: '2026-06-30', memo: 'bad debt' },
        '2026-06-30',
      ),
    );
    expect(w.ok && w.value.amountWrittenOff).toBe(21_000);
    const tooMuch = await creditNote('CN-1', 100_001);
    expect(tooMuch.ok ? 'ok' : tooMuch.error.code).toBe('allocation_exceeds_open_balance');
    const paidPart = await creditNote('CN-2', 100_000);
    expect(paidPart.ok && [paidPart.value.appliedToInvoice, paidPart.value.unapplied]).toEqual([0, 100_000]);
    expect((await creditSources(db(), o.id, c.id)).reduce((s, x) => s + x.available, 0)).toBe(100_000);
  });
});
