import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { addDays } from '../src/kernel/dates.ts';
import type { ErrorCode, Result } from '../src/kernel/errors.ts';
import { invoiceInput } from '../src/ledger/invoice.ts';
import {
  createInvoice,
  issueInvoice,
  postInvoiceEntry,
  voidInvoice,
} from '../src/ledger/invoices.repository.ts';
import { applyCreditInput, creditNoteInput, paymentInput } from '../src/ledger/payment.ts';
import {
  applyCustomerCredit,
  createCreditNote,
  recordPayment,
  reversePayment,
} from '../src/ledger/payments.repository.ts';
import type { AllocationRequest, LedgerModel, ModelSource } from './ledger-model.ts';
import { type AllocSpec, day, type Op, pad, QUANTITY_MILLI, resolve, VAT_BP } from './ledger-ops.ts';

export interface World {
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

export const pick = <T>(xs: readonly T[], i: number): T | undefined => xs[i % Math.max(1, xs.length)];
export const sum = (xs: readonly { readonly amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);
export const pairs = (xs: readonly { readonly invoiceId: string; readonly amount: number }[]) =>
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

/**
 * Runs one random operation against the database, as the API would (one transaction), and against
 * the model, and holds the outcome to the model's prediction: the same success or error code, and
 * exactly the rows the model expects written (none at all for a refusal).
 */
export async function perform(w: World, o: Op): Promise<void> {
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
