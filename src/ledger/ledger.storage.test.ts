import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { customer, invoice, org, payment } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { inTransaction } from '../db/transaction.ts';
import { getInvoice, listInvoices, postInvoiceEntry, voidInvoice } from './invoices.repository.ts';
import { creditNoteInput, paymentInput } from './payment.ts';
import {
  applyCustomerCredit,
  createCreditNote,
  getPayment,
  recordPayment,
  reversePayment,
} from './payments.repository.ts';
import { customerBalance, customerStatement } from './statement.ts';

describeEachEngine('the receivables ledger', (ctx) => {
  const db = () => ctx().handle.db;

  it('issues an invoice with per-line rounding and records it in the ledger', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const inv = await invoice(db(), o.id, c.id, {
      lines: [
        { description: 'Hours', quantity: '1.5', unitPrice: 333, vatRate: 21 },
        { description: 'Licence', quantity: 3, unitPrice: 1999, vatRate: '10.5' },
      ],
    });
    // 1.5 x 3.33 = 4.995 -> 5.00 (500); VAT 21 % of 500 = 105. 3 x 19.99 = 59.97; VAT 10.5 % = 6.297 -> 630.
    expect(inv.lines?.map((l) => [l.net, l.vat, l.total])).toEqual([
      [500, 105, 605],
      [5997, 630, 6627],
    ]);
    expect([inv.subtotal, inv.vatTotal, inv.total]).toEqual([6497, 735, 7232]);
    expect(inv.status).toBe('open');
    expect(inv.amountDue).toBe(7232);
    expect(inv.history?.map((e) => [e.kind, e.receivableDelta])).toEqual([['invoice_issued', 7232]]);
  });

  it('computes the due date from customer terms, or 30 days when none are agreed', async () => {
    const o = await org(db());
    const c30 = await customer(db(), o);
    const c14 = await customer(db(), o, { paymentTermsDays: 14 });
    const a = await invoice(db(), o.id, c30.id, { dueDate: undefined, issueDate: '2026-01-20' });
    const b = await invoice(db(), o.id, c14.id, { dueDate: undefined, issueDate: '2026-01-20' });
    const c = await invoice(db(), o.id, c14.id, { dueDate: undefined, terms: 7, issueDate: '2026-12-28' });
    expect([a.dueDate, b.dueDate, c.dueDate]).toEqual(['2026-02-19', '2026-02-03', '2027-01-04']);
  });

  it('allocates a payment oldest-first and keeps the overpayment as customer credit', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const older = await invoice(db(), o.id, c.id, { dueDate: '2026-03-10' });
    const newer = await invoice(db(), o.id, c.id, { dueDate: '2026-03-20' });
    const p = await payment(db(), o.id, c.id, { amount: 121_000 + 50_000 });
    expect(p.allocations.map((a) => [a.invoiceId, a.amount])).toEqual([
      [older.id, 121_000],
      [newer.id, 50_000],
    ]);
    expect(p.unallocated).toBe(0);
    const p2 = await payment(db(), o.id, c.id, { amount: 100_000 });
    expect(p2.unallocated).toBe(100_000 - 71_000);
    const n = await getInvoice(db(), o.id, newer.id, '2026-03-11');
    expect([n?.status, n?.amountDue, n?.amountPaid]).toEqual(['paid', 0, 121_000]);
    const bal = await customerBalance(db(), o.id, c.id, '2026-03-11');
    expect(bal.balances).toEqual([
      { currency: 'CZK', receivable: 0, overdue: 0, credit: 29_000, total: -29_000 },
    ]);
  });

  it('uses customer credit for a later invoice', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    await payment(db(), o.id, c.id, { amount: 50_000, allocate: 'none' });
    const inv = await invoice(db(), o.id, c.id);
    const r = await inTransaction(db(), (trx) =>
      applyCustomerCredit(trx, o.id, c.id, { currency: 'CZK', date: '2026-03-05' }),
    );
    expect(r.ok && r.value.applied).toEqual([{ invoiceId: inv.id, amount: 50_000 }]);
    const after = await getInvoice(db(), o.id, inv.id, '2026-03-05');
    expect([after?.status, after?.amountDue]).toEqual(['partially_paid', 71_000]);
  });

  it('derives overdue, partially paid, written off and void from the ledger', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const inv = await invoice(db(), o.id, c.id, { dueDate: '2026-03-31' });
    expect((await getInvoice(db(), o.id, inv.id, '2026-03-31'))?.status).toBe('open');
    const late = await getInvoice(db(), o.id, inv.id, '2026-04-02');
    expect([late?.status, late?.daysOverdue]).toEqual(['overdue', 2]);
    await payment(db(), o.id, c.id, { amount: 21_000 });
    expect((await getInvoice(db(), o.id, inv.id, '2026-03-15'))?.status).toBe('partially_paid');
    const w = await postInvoiceEntry(
      db(),
      o.id,
      inv.id,
      { kind: 'write_off', date: '2026-06-30', memo: 'bad debt' },
      '2026-07-01',
    );
    expect(w.ok && [w.value.status, w.value.amountWrittenOff, w.value.amountDue]).toEqual([
      'written_off',
      100_000,
      0,
    ]);

    const mistake = await invoice(db(), o.id, c.id);
    const v = await voidInvoice(db(), o.id, mistake.id, 'wrong customer', '2026-03-02');
    expect(v.ok && [v.value.status, v.value.amountDue]).toEqual(['void', 0]);
    const paid = await invoice(db(), o.id, c.id);
    await payment(db(), o.id, c.id, { allocations: [{ invoiceId: paid.id, amount: 1 }], amount: 1 });
    const refused = await voidInvoice(db(), o.id, paid.id, 'oops', '2026-03-02');
    expect(refused.ok ? null : refused.error.code).toBe('invoice_has_settlements');
  });

  it('credits an invoice, and a credit beyond the open amount becomes customer credit', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const inv = await invoice(db(), o.id, c.id);
    await payment(db(), o.id, c.id, { amount: 100_000 });
    const cn = await inTransaction(db(), (trx) =>
      createCreditNote(
        trx,
        o.id,
        creditNoteInput.parse({
          invoiceId: inv.id,
          number: 'CN-1',
          issueDate: '2026-03-12',
          amount: 40_000,
          reason: 'damaged goods',
        }),
      ),
    );
    expect(cn.ok && [cn.value.appliedToInvoice, cn.value.unapplied]).toEqual([21_000, 19_000]);
    const after = await getInvoice(db(), o.id, inv.id, '2026-03-12');
    expect([after?.status, after?.amountCredited, after?.amountPaid]).toEqual(['paid', 21_000, 100_000]);
    const bal = await customerBalance(db(), o.id, c.id, '2026-03-12');
    expect(bal.balances[0]?.credit).toBe(19_000);
    const tooMuch = await inTransaction(db(), (trx) =>
      createCreditNote(
        trx,
        o.id,
        creditNoteInput.parse({
          invoiceId: inv.id,
          number: 'CN-2',
          issueDate: '2026-03-12',
          amount: 100_000,
          reason: 'x',
        }),
      ),
    );
    expect(tooMuch.ok ? null : tooMuch.error.code).toBe('allocation_exceeds_open_balance');
  });

  it('rejects bad allocations and writes nothing', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const czk = await invoice(db(), o.id, c.id);
    const eur = await invoice(db(), o.id, c.id, { currency: 'EUR' });
    const other = await org(db());
    const oc = await customer(db(), other);
    const foreign = await invoice(db(), other.id, oc.id);
    const attempt = (over: Record<string, unknown>) =>
      inTransaction(db(), (trx) =>
        recordPayment(
          trx,
          o.id,
          paymentInput.parse({
            customerId: c.id,
            amount: 5000,
            currency: 'CZK',
            receivedDate: '2026-03-10',
            ...over,
          }),
        ),
      );
    const cases: [Record<string, unknown>, string, string][] = [
      [{ allocations: [{ invoiceId: eur.id, amount: 100 }] }, 'currency_mismatch', 'allocations/0/invoiceId'],
      [
        { amount: 200_000, allocations: [{ invoiceId: czk.id, amount: 130_000 }] },
        'allocation_exceeds_open_balance',
        'allocations/0/amount',
      ],
      [
        {
          amount: 200_000,
          allocations: [
            { invoiceId: czk.id, amount: 100_000 },
            { invoiceId: czk.id, amount: 30_000 },
          ],
        },
        'allocation_exceeds_open_balance',
        'allocations/1/amount',
      ],
      [
        {
          allocations: [
            { invoiceId: czk.id, amount: 3000 },
            { invoiceId: czk.id, amount: 3000 },
          ],
        },
        'allocation_exceeds_available',
        'allocations',
      ],
      [{ allocations: [{ invoiceId: foreign.id, amount: 100 }] }, 'not_found', 'allocations/0/invoiceId'],
      [{ customerId: oc.id }, 'not_found', 'customerId'],
    ];
    const before = await db()
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [over, code, field] of cases) {
      const r = await attempt(over);
      expect(r.ok ? null : [r.error.code, r.error.field]).toEqual([code, field]);
    }
    const after = await db()
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await db().selectFrom('payments').select('id').where('org_id', '=', o.id).execute()).toEqual([]);
  });

  it('refuses to update or delete ledger entries', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    await invoice(db(), o.id, c.id);
    await expect(sql`update ledger_entries set receivable_delta = 0`.execute(db())).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from ledger_entries`.execute(db())).rejects.toThrow(/append-only/);
  });

  it('filters invoices by status with the same rule as the derived status', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const a = await invoice(db(), o.id, c.id, { dueDate: '2026-03-05' });
    const b = await invoice(db(), o.id, c.id, { dueDate: '2026-04-30' });
    await invoice(db(), o.id, c.id, { draft: true });
    await payment(db(), o.id, c.id, { allocations: [{ invoiceId: b.id, amount: 500 }], amount: 500 });
    const ids = async (status: string) =>
      (
        await listInvoices(db(), o.id, { status: status as never }, '2026-03-20', { limit: 50, after: null })
      ).data.map((i) => i.id);
    expect(await ids('overdue')).toEqual([a.id]);
    expect(await ids('partially_paid')).toEqual([b.id]);
    expect(await ids('draft')).toHaveLength(1);
    expect(await ids('open')).toEqual([]);
  });

  it('prints a statement with opening balance, movements and closing balance', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    await invoice(db(), o.id, c.id, { issueDate: '2026-02-01', dueDate: '2026-02-28' });
    await invoice(db(), o.id, c.id, { issueDate: '2026-03-01' });
    await payment(db(), o.id, c.id, { amount: 150_000, receivedDate: '2026-03-15' });
    const s = await customerStatement(db(), o.id, c.id, '2026-03-01', '2026-03-31');
    expect(s.currencies).toHaveLength(1);
    const cz = s.currencies[0]!;
    expect(cz.openingBalance).toBe(121_000);
    expect(cz.lines.map((l) => [l.kind, l.debit, l.credit, l.balance])).toEqual([
      ['invoice_issued', 121_000, 0, 242_000],
      ['payment_received', 0, 150_000, 92_000],
    ]);
    expect(cz.closingBalance).toBe(92_000);
    const p = await getPayment(
      db(),
      o.id,
      (await db().selectFrom('payments').select('id').where('org_id', '=', o.id).executeTakeFirstOrThrow())
        .id,
    );
    expect(p?.allocations.reduce((s2, a) => s2 + a.amount, 0)).toBe(150_000);
  });

  it('reverses a returned payment: allocations undone, invoices reopen, credit gone, only once', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const inv = await invoice(db(), o.id, c.id);
    const p = await payment(db(), o.id, c.id, { amount: 150_000 });
    const spare = await invoice(db(), o.id, c.id);
    await inTransaction(db(), (trx) =>
      applyCustomerCredit(trx, o.id, c.id, { currency: 'CZK', date: '2026-03-12' }),
    );
    expect((await getInvoice(db(), o.id, spare.id, '2026-03-12'))?.amountDue).toBe(121_000 - 29_000);
    const r = await inTransaction(db(), (trx) =>
      reversePayment(trx, o.id, p.id, { date: '2026-03-14', reason: 'returned by the bank: account closed' }),
    );
    expect(r.ok && [r.value.reversed?.date, r.value.allocations, r.value.unallocated]).toEqual([
      '2026-03-14',
      [],
      0,
    ]);
    for (const id of [inv.id, spare.id]) {
      const back = await getInvoice(db(), o.id, id, '2026-03-14');
      expect([back?.status, back?.amountDue, back?.amountPaid]).toEqual(['open', 121_000, 0]);
    }
    const again = await inTransaction(db(), (trx) =>
      reversePayment(trx, o.id, p.id, { date: '2026-03-15', reason: 'x' }),
    );
    expect(again.ok ? null : again.error.code).toBe('already_reversed');
    const bal = await customerBalance(db(), o.id, c.id, '2026-03-14');
    expect(bal.balances).toEqual([
      { currency: 'CZK', receivable: 242_000, overdue: 0, credit: 0, total: 242_000 },
    ]);
  });

  it('never over-allocates an invoice when payments race for it', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const inv = await invoice(db(), o.id, c.id);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        inTransaction(db(), (trx) =>
          recordPayment(
            trx,
            o.id,
            paymentInput.parse({
              customerId: c.id,
              amount: 20_000,
              currency: 'CZK',
              receivedDate: '2026-03-10',
              allocations: [{ invoiceId: inv.id, amount: 20_000 }],
            }),
          ),
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(
      Array(4).fill('allocation_exceeds_open_balance'),
    );
    expect((await getInvoice(db(), o.id, inv.id, '2026-03-10'))?.amountDue).toBe(1_000);
  });
});
