import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { customer, invoice, org, payment } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { creditNoteInput } from '../ledger/payment.ts';
import { createCreditNote } from '../ledger/payments.repository.ts';
import { type ExportKind, exportCsv } from './export-csv.ts';

/** A Writable that keeps what it receives, to parse the CSV back. */
function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

type Csv = Record<string, string>[];

describeEachEngine('CSV exports', (ctx) => {
  const db = () => ctx().handle.db;
  let orgId = '';
  let otherOrgId = '';
  const numbers: string[] = [];

  // One organisation with five CZK invoices (121,000 minor each): paid, part paid, credited; a
  // payment kept as credit; and a second organisation whose rows must never appear.
  beforeAll(async () => {
    const o = await org(db());
    orgId = o.id;
    const a = await customer(db(), o, { name: 'Alfa, s.r.o. "quoted"', ref: 'C-1' });
    const b = await customer(db(), o, { name: 'Beta a.s.' });
    for (const [c, issueDate, dueDate] of [
      [a, '2026-01-05', '2026-02-04'],
      [a, '2026-02-10', '2026-03-12'],
      [b, '2026-03-01', '2026-03-31'],
      [b, '2026-03-15', '2026-04-14'],
      [b, '2026-04-20', '2026-05-20'],
    ] as const) {
      numbers.push((await invoice(db(), orgId, c.id, { issueDate, dueDate })).number);
    }
    await payment(db(), orgId, a.id, { amount: 121_000 + 20_000, receivedDate: '2026-02-01' });
    await payment(db(), orgId, b.id, { amount: 130_000, receivedDate: '2026-03-20' });
    await payment(db(), orgId, a.id, { amount: 5_000, receivedDate: '2026-03-25', allocate: 'none' });
    const bInvoices = await db()
      .selectFrom('invoices')
      .select('id')
      .where('org_id', '=', orgId)
      .where('customer_id', '=', b.id)
      .orderBy('id')
      .execute();
    const credited = await createCreditNote(
      db(),
      orgId,
      creditNoteInput.parse({
        invoiceId: bInvoices.at(-1)!.id,
        number: 'CN-1',
        issueDate: '2026-04-25',
        amount: 21_000,
        reason: 'Discount agreed',
      }),
    );
    expect(credited.ok).toBe(true);

    const other = await org(db(), { legalName: 'Other GmbH', country: 'DE' });
    otherOrgId = other.id;
    const oc = await customer(db(), other, { country: 'DE' });
    await invoice(db(), other.id, oc.id, { currency: 'EUR' });
    await payment(db(), other.id, oc.id, { amount: 500, currency: 'EUR' });
  });

  async function run(kind: ExportKind, opts: { from?: string; to?: string; pageSize?: number } = {}) {
    const out = sink();
    const count = await exportCsv(db(), orgId, kind, { asOf: '2026-04-01', ...opts }, out.stream);
    const text = out.text();
    const rows = parse(text, { columns: true }) as Csv;
    expect(rows).toHaveLength(count);
    return { rows, text };
  }

  it('exports invoices with status and amount due as of the day, in decimals and minor units', async () => {
    const { rows } = await run('invoices', { pageSize: 2 });
    expect(rows.map((r) => r.number)).toEqual(numbers);
    expect(rows[0]).toMatchObject({
      customer_name: 'Alfa, s.r.o. "quoted"',
      customer_ref: 'C-1',
      currency: 'CZK',
      total: '1210.00',
      total_minor: '121000',
      amount_paid: '1210.00',
      amount_due: '0.00',
      status: 'paid',
      as_of: '2026-04-01',
    });
    expect(rows.map((r) => [r.status, r.amount_due_minor, r.days_overdue])).toEqual([
      ['paid', '0', '0'],
      ['overdue', '101000', '20'],
      ['paid', '0', '0'],
      ['partially_paid', '112000', '0'],
      // A credit note makes an invoice partly settled, like a part payment.
      ['partially_paid', '100000', '0'],
    ]);
    expect(rows[4]).toMatchObject({ amount_credited: '210.00', amount_credited_minor: '21000' });
    const due = rows.reduce((s, r) => s + Number(r.amount_due_minor), 0);
    expect(due).toBe(5 * 121_000 - (121_000 + 20_000) - 130_000 - 21_000);
  });

  it('pages by id without losing or repeating rows, whatever the page size', async () => {
    const ids = async (pageSize: number) => (await run('ledger', { pageSize })).rows.map((r) => r.id);
    const all = await ids(1000);
    expect(await ids(1)).toEqual(all);
    expect(await ids(3)).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });

  it('filters by date, inclusive at both ends', async () => {
    const { rows } = await run('invoices', { from: '2026-02-10', to: '2026-03-15' });
    expect(rows.map((r) => r.number)).toEqual(numbers.slice(1, 4));
    const payments = await run('payments', { from: '2026-03-20', to: '2026-03-20' });
    expect(payments.rows.map((r) => r.amount_minor)).toEqual(['130000']);
  });

  it('exports payments with what was allocated and what is left as credit', async () => {
    const { rows } = await run('payments');
    expect(rows.map((r) => [r.amount, r.allocated, r.unallocated, r.unallocated_minor])).toEqual([
      ['1410.00', '1410.00', '0.00', '0'],
      ['1300.00', '1300.00', '0.00', '0'],
      ['50.00', '0.00', '50.00', '5000'],
    ]);
  });

  it('exports every ledger entry, and the ledger sums to the invoices amount due', async () => {
    const { rows } = await run('ledger');
    const kinds = rows.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'invoice_issued')).toHaveLength(5);
    expect(kinds).toContain('credit_note');
    expect(kinds).toContain('payment_allocated');
    const invoices = (await run('invoices')).rows;
    const receivable = rows.reduce((s, r) => s + Number(r.receivable_delta_minor), 0);
    expect(receivable).toBe(invoices.reduce((s, r) => s + Number(r.amount_due_minor), 0));
    const issued = rows.find((r) => r.kind === 'invoice_issued')!;
    expect(issued).toMatchObject({ invoice_number: numbers[0], receivable_delta: '1210.00' });
  });

  it("never includes another organisation's rows", async () => {
    for (const kind of ['invoices', 'payments', 'ledger'] as const) {
      const { text } = await run(kind);
      expect(text).not.toContain('EUR');
      const out = sink();
      const n = await exportCsv(db(), otherOrgId, kind, { asOf: '2026-04-01' }, out.stream);
      expect(n).toBeGreaterThan(0);
      expect(out.text()).not.toContain('CZK');
    }
  });

  it('writes only the header for an empty result', async () => {
    const { rows, text } = await run('payments', { from: '2030-01-01' });
    expect(rows).toEqual([]);
    expect(text.split('\n')[0]).toMatch(/^id,customer_id,/);
  });
});
