import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { listCustomers } from '../customers/customers.repository.ts';
import type { Db } from '../db/database.ts';
import type { Invoice } from '../ledger/invoice.ts';
import { listInvoices } from '../ledger/invoices.repository.ts';
import { customerBalance } from '../ledger/statement.ts';
import { type DemoSummary, loadDemo } from './demo.ts';
import { planDemo } from './plan-demo.ts';

const asOf = '2026-11-24';
const opts = { customers: 30, seed: 1, asOf };

async function allInvoices(db: Db, orgId: string): Promise<Invoice[]> {
  const out: Invoice[] = [];
  for (let after: string | null = null; ; ) {
    const page = await listInvoices(db, orgId, {}, asOf, { limit: 200, after });
    out.push(...page.data);
    if (!page.nextCursor) return out;
    after = page.data.at(-1)!.id;
  }
}

const view = (list: readonly Invoice[]) =>
  list
    .map((i) => ({ number: i.number, total: i.total, status: i.status, amountDue: i.amountDue }))
    .sort((a, b) => a.number.localeCompare(b.number));

describeEachEngine('the demo data', (ctx) => {
  const db = () => ctx().handle.db;
  const plan = planDemo(opts);
  let demo: DemoSummary;
  let invoices: Invoice[];

  beforeAll(async () => {
    demo = await loadDemo(db(), opts);
    invoices = await allInvoices(db(), demo.org.id);
  });

  it('loads what was planned: one organisation, its customers and a year of history', async () => {
    const count = (kind: string) => plan.events.filter((e) => e.kind === kind).length;
    expect(demo).toMatchObject({
      customers: 30,
      invoices: count('invoice'),
      payments: count('payment'),
      creditNotes: count('creditNote'),
      writeOffs: count('writeOff'),
    });
    expect(demo.org.legalName).toBe('Moravia Industrial Supply s.r.o.');
    expect(demo.org.bankAccounts.map((a) => a.currency)).toEqual(['CZK', 'EUR', 'GBP', 'NOK']);
    const customers = await listCustomers(db(), demo.org.id, {}, { limit: 200, after: null });
    expect(new Set(customers.data.map((c) => c.country))).toEqual(
      new Set(['CZ', 'SK', 'DE', 'NL', 'NO', 'GB']),
    );
    expect(new Set(customers.data.map((c) => c.currency))).toEqual(new Set(['CZK', 'EUR', 'NOK', 'GBP']));
    expect(customers.data.some((c) => c.onHold)).toBe(true);
  });

  it('shows every invoice as the plan settled it: due date, total, open, credited and written off', () => {
    const byNumber = new Map(invoices.map((i) => [i.number, i]));
    expect(invoices).toHaveLength(plan.invoices.length);
    for (const p of plan.invoices) {
      const i = byNumber.get(p.number)!;
      // `+ 0` folds the ledger's -0 (a negated empty sum) into 0.
      expect(
        [i.dueDate, i.total, i.amountDue, i.amountCredited + 0, i.amountWrittenOff + 0, i.status === 'draft'],
        p.number,
      ).toEqual([p.dueDate, p.total, p.draft ? 0 : p.open, p.credited, p.writtenOff, p.draft]);
    }
  });

  it('has paid, overdue, partly paid, credited, written-off and draft invoices', () => {
    const statuses = new Set(invoices.map((i) => i.status));
    for (const s of ['paid', 'overdue', 'open', 'written_off', 'draft'])
      expect(statuses.has(s as never), s).toBe(true);
    expect(invoices.some((i) => i.amountPaid > 0 && i.amountDue > 0)).toBe(true);
    expect(invoices.some((i) => i.amountCredited > 0)).toBe(true);
    const overdue = invoices.filter((i) => i.status === 'overdue').map((i) => i.daysOverdue);
    expect(Math.min(...overdue)).toBeLessThanOrEqual(14);
    expect(Math.max(...overdue)).toBeGreaterThan(60);
  });

  it("agrees with each customer's balance: open items add up, and leftover credit is kept", async () => {
    const customers = await listCustomers(db(), demo.org.id, {}, { limit: 200, after: null });
    const planned = new Map(plan.credits.map((c) => [c.customerRef, c.amount]));
    let creditSeen = 0;
    for (const c of customers.data) {
      const balance = await customerBalance(db(), demo.org.id, c.id, asOf);
      const mine = invoices.filter((i) => i.customerId === c.id);
      const receivable = balance.balances.reduce((s, b) => s + b.receivable, 0);
      const credit = balance.balances.reduce((s, b) => s + b.credit, 0);
      expect(receivable, c.name).toBe(mine.reduce((s, i) => s + i.amountDue, 0));
      expect(balance.balances.reduce((s, b) => s + b.overdue, 0)).toBe(
        mine.filter((i) => i.status === 'overdue').reduce((s, i) => s + i.amountDue, 0),
      );
      expect(credit, c.name).toBe(planned.get(c.ref!) ?? 0);
      creditSeen += credit;
    }
    expect(creditSeen).toBeGreaterThan(0);
  });

  it('loads the same business again for the same seed, and another one for another seed', async () => {
    const again = await loadDemo(db(), opts);
    expect(view(await allInvoices(db(), again.org.id))).toEqual(view(invoices));
    const other = await loadDemo(db(), { ...opts, seed: 2 });
    expect(view(await allInvoices(db(), other.org.id))).not.toEqual(view(invoices));
  });
});
