import { expect } from 'vitest';
import { addDays } from '../src/kernel/dates.ts';
import { deriveInvoiceStatus, INVOICE_STATUSES, type InvoiceStatus } from '../src/ledger/invoice-status.ts';
import { listInvoices } from '../src/ledger/invoices.repository.ts';
import { creditSources, invoiceBalances } from '../src/ledger/ledger.repository.ts';
import { getPayment } from '../src/ledger/payments.repository.ts';
import { customerBalance, customerStatement } from '../src/ledger/statement.ts';
import type { LedgerModel, ModelInvoice } from './ledger-model.ts';
import { BASE, day } from './ledger-ops.ts';
import { pairs, pick, sum, type World } from './ledger-perform.ts';

// Compares what the database says with what the model says, through the public read functions.

/** The status deriveInvoiceStatus gives the model's figures: what the SQL filter must agree with. */
function statusOf(m: LedgerModel, inv: ModelInvoice, asOf: string): InvoiceStatus {
  return deriveInvoiceStatus(
    { state: inv.state, total: inv.total, dueDate: inv.dueDate },
    { open: m.open(inv), charged: inv.fees, writtenOff: inv.writtenOff },
    asOf,
  );
}

/** Every invoice's sums: open = total + fees - paid - credited - written off, never below zero. */
export async function checkInvoices(w: World): Promise<void> {
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

/**
 * invoices.open_amount, kept by a database trigger, equals the ledger's SUM(receivable_delta) for
 * every invoice, drafts and voided ones included, and the model's open amount.
 */
async function checkOpenAmounts(w: World): Promise<void> {
  const rows = await w.db
    .selectFrom('invoices as i')
    .select((eb) => [
      'i.id',
      'i.open_amount',
      eb
        .selectFrom('ledger_entries as e')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('e.receivable_delta'), e.lit(0)).as('s'))
        .whereRef('e.invoice_id', '=', 'i.id')
        .where('e.org_id', '=', w.orgId)
        .as('ledger'),
    ])
    .where('i.org_id', '=', w.orgId)
    .execute();
  expect(rows.length).toBe(w.model.invoices.length);
  for (const r of rows) {
    const inv = w.model.invoices.find((i) => i.id === r.id)!;
    expect(Number(r.open_amount), inv.number).toBe(Number(r.ledger));
    if (inv.state === 'issued') expect(Number(r.open_amount), inv.number).toBe(w.model.open(inv));
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

export async function checkEverything(w: World, picks: readonly number[]): Promise<void> {
  await checkInvoices(w);
  await checkOpenAmounts(w);
  await checkSources(w);
  const days = asOfDays(w.model, picks);
  await checkBalances(w, days[0]!);
  for (const d of days) await checkStatuses(w, d);
}
