import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { customer, invoice, org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import type { Db } from '../db/database.ts';
import { getInvoice } from '../ledger/invoices.repository.ts';
import { importInvoicesCsv } from './import-invoices.ts';

const HEADER =
  'number,customer_ref,issue_date,due_date,terms,currency,description,quantity,unit_price,vat_rate';

const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

async function counts(db: Db, orgId: string) {
  const n = async (table: 'invoices' | 'invoice_lines' | 'ledger_entries') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    invoices: await n('invoices'),
    lines: await n('invoice_lines'),
    entries: await n('ledger_entries'),
  };
}

describeEachEngine('importing invoices from CSV', (ctx) => {
  const handle = () => ctx().handle;
  const db = () => ctx().handle.db;

  it('groups consecutive rows into multi-line invoices, resolves customer refs and computes totals', async () => {
    const o = await org(db());
    const cz = await customer(db(), o, { ref: 'C-1', paymentTermsDays: 14 });
    const de = await customer(db(), o, { ref: 'C-2', country: 'DE' });
    const r = await importInvoicesCsv(
      handle(),
      o.id,
      csv(
        'INV-1,C-1,2026-01-20,,,,Hours,1.5,3.33,21',
        'INV-1,,,,,,Licence,3,19.99,10.5',
        'INV-2,C-2,2026-03-01,2026-03-31,,,"Support, March",1,1000.00,19',
        'INV-3,C-1,2026-12-28,,7,EUR,Travel,,250,',
      ),
    );
    expect(r.ok && r.value).toMatchObject({
      rowsRead: 4,
      created: 3,
      written: { invoices: 3, invoice_lines: 4, ledger_entries: 3 },
      rowsWritten: 10,
    });
    const rows = await db()
      .selectFrom('invoices')
      .selectAll()
      .where('org_id', '=', o.id)
      .orderBy('number')
      .execute();
    expect(
      rows.map((i) => [i.number, i.customer_id, i.currency, i.due_date, i.subtotal, i.vat_total, i.total]),
    ).toEqual([
      // 1.5 x 3.33 = 5.00 + 21 % = 1.05; 3 x 19.99 = 59.97 + 10.5 % = 6.30; customer terms 14 days.
      ['INV-1', cz.id, 'CZK', '2026-02-03', 6497, 735, 7232],
      ['INV-2', de.id, 'EUR', '2026-03-31', 100_000, 19_000, 119_000],
      // Quantity defaults to 1 and VAT to 0; `terms` beats the customer's terms.
      ['INV-3', cz.id, 'EUR', '2027-01-04', 25_000, 0, 25_000],
    ]);
    const first = await getInvoice(db(), o.id, rows[0]!.id, '2026-01-20', { lines: true, history: true });
    expect(
      first?.lines?.map((l) => [l.position, l.description, l.quantity, l.unitPrice, l.vatRate, l.total]),
    ).toEqual([
      [1, 'Hours', '1.5', 333, '21', 605],
      [2, 'Licence', '3', 1999, '10.5', 6627],
    ]);
    expect([first?.status, first?.amountDue]).toEqual(['open', 7232]);
    expect(first?.history?.map((e) => [e.kind, e.receivableDelta, e.customerId])).toEqual([
      ['invoice_issued', 7232, cz.id],
    ]);
    const sums = await db()
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<number>('receivable_delta').as('s'))
      .where('org_id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(Number(sums.s)).toBe(7232 + 119_000 + 25_000);
  });

  it('stores descriptions with quotes, tabs, backslashes and line breaks unchanged', async () => {
    const o = await org(db());
    await customer(db(), o, { ref: 'Q' });
    const text = 'Say "hi"\tthen C:\\temp\\ and\nnext line';
    const quoted = `"${text.replaceAll('"', '""')}"`;
    const r = await importInvoicesCsv(handle(), o.id, csv(`Q-1,Q,2026-03-01,,,,${quoted},1,10,0`));
    expect(r.ok).toBe(true);
    const line = await db()
      .selectFrom('invoice_lines')
      .select('description')
      .where('org_id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(line.description).toBe(text);
  });

  it('reads a byte stream, reports progress and writes across many batches', async () => {
    const o = await org(db());
    await customer(db(), o, { ref: 'S' });
    const rows = Array.from({ length: 25 }, (_, i) => `S-${i},S,2026-03-01,,,,Item,1,${i + 1}.00,21`);
    const seen: number[] = [];
    const r = await importInvoicesCsv(handle(), o.id, Readable.from([Buffer.from(csv(...rows))]), {
      tuning: { batchRows: 4, copyRoundBytes: 1 },
      onProgress: (n) => seen.push(n),
    });
    expect(r.ok && r.value.created).toBe(25);
    expect(seen.at(-1)).toBe(25);
    expect(seen.length).toBeGreaterThan(5);
    expect(await counts(db(), o.id)).toEqual({ invoices: 25, lines: 25, entries: 25 });
    // The database keeps each invoice's open amount from the ledger, COPY and batches included.
    const open = await db()
      .selectFrom('invoices')
      .select(['number', 'total', 'open_amount'])
      .where('org_id', '=', o.id)
      .execute();
    expect(open.map((i) => Number(i.open_amount))).toEqual(open.map((i) => Number(i.total)));
    expect(open.map((i) => Number(i.total)).sort((a, b) => a - b)[0]).toBe(121);
  });

  it('names the line and column of each problem, and writes nothing', async () => {
    const o = await org(db());
    const c = await customer(db(), o, { ref: 'C-1' });
    await invoice(db(), o.id, c.id, { number: 'OLD-1' });
    const before = await counts(db(), o.id);
    const r = await importInvoicesCsv(
      handle(),
      o.id,
      csv(
        'A-1,C-1,2026-03-01,,,,Good,1,10.00,21', // line 2: fine
        'A-2,C-1,2026-02-30,,,,Bad date,1,10.00,21', // 3
        'A-3,C-1,2026-03-01,,,,Three decimals,1,10.005,21', // 4
        'A-4,NOPE,2026-03-01,,,,Unknown customer,1,10.00,21', // 5
        'A-1,C-1,2026-03-01,,,,Duplicate in file,1,10.00,21', // 6
        'OLD-1,C-1,2026-03-01,,,,Duplicate in database,1,10.00,21', // 7
        'A-5,C-1,2026-03-01,,,XYZ,Unknown currency,1,10.00,21', // 8
        'A-6,C-1,2026-03-01,,,,Line one,1,10.00,21', // 9
        'A-6,C-1,2026-03-02,,,,Line two disagrees,1,10.00,21', // 10
        'A-7,C-1,2026-03-01,,,,Too few fields', // 11
        'A-8,C-1,2026-03-01,,,,Quantity,1.2345,10.00,121', // 12
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('import_failed');
    expect(r.error.message).toBe('10 problems in the file');
    expect(r.error.errors?.map((e) => [e.line, e.column ?? null])).toEqual([
      [3, 'issue_date'],
      [4, 'unit_price'],
      [5, 'customer_ref'],
      [6, 'number'],
      [7, 'number'],
      [8, 'currency'],
      [10, 'issue_date'],
      [11, null],
      [12, 'quantity'],
      [12, 'vat_rate'],
    ]);
    const message = (line: number, column?: string) =>
      r.error.errors?.find((e) => e.line === line && e.column === column)?.message;
    expect(message(3, 'issue_date')).toMatch(/"2026-02-30".*YYYY-MM-DD/);
    expect(message(4, 'unit_price')).toMatch(/"10.005" is not an amount in CZK.*at most 2 decimals/);
    expect(message(5, 'customer_ref')).toMatch(/no customer with ref "NOPE"/);
    expect(message(6, 'number')).toMatch(/"A-1" already appears on line 2/);
    expect(message(7, 'number')).toMatch(/"OLD-1" is already used in this organisation/);
    expect(message(8, 'currency')).toMatch(/"XYZ".*ISO 4217/);
    expect(message(10, 'issue_date')).toMatch(/differs from "2026-03-01" on line 9/);
    expect(message(11)).toMatch(/7 fields but the header has 10/);
    expect(await counts(db(), o.id)).toEqual(before);
  });

  it('rolls back rows already written when a late row is bad', async () => {
    const o = await org(db());
    await customer(db(), o, { ref: 'L' });
    const good = Array.from({ length: 30 }, (_, i) => `L-${i},L,2026-03-01,,,,Item,2,5.00,21`);
    const r = await importInvoicesCsv(handle(), o.id, csv(...good, 'L-99,L,2026-03-01,,,,Late,1,-5.00,21'), {
      tuning: { batchRows: 5, copyRoundBytes: 1 },
    });
    expect(r.ok ? null : r.error.errors).toEqual([
      {
        field: 'unit_price',
        line: 32,
        column: 'unit_price',
        message: expect.stringMatching(/"-5.00".*cannot be negative/),
      },
    ]);
    expect(await counts(db(), o.id)).toEqual({ invoices: 0, lines: 0, entries: 0 });
  });

  it('reports missing and unknown headers before reading any row', async () => {
    const o = await org(db());
    const r = await importInvoicesCsv(
      handle(),
      o.id,
      'number,customer,issue_date,description,unit_price\nX-1,C,2026-03-01,Item,1\n',
    );
    expect(r.ok ? null : r.error.errors?.map((e) => [e.line, e.column, e.message])).toEqual([
      [
        1,
        'customer',
        expect.stringMatching(/unknown column "customer": the columns are number, customer_ref/),
      ],
      [1, 'customer_ref', expect.stringMatching(/no customer_ref column, which is required/)],
    ]);
    const empty = await importInvoicesCsv(handle(), o.id, '');
    expect(empty.ok ? null : empty.error.message).toBe('the file is empty');
  });

  it('reports a malformed CSV file at its line', async () => {
    const o = await org(db());
    await customer(db(), o, { ref: 'M' });
    const r = await importInvoicesCsv(handle(), o.id, csv('M-1,M,2026-03-01,,,,"Unclosed,1,1,0', 'M-2,M'));
    expect(r.ok ? null : r.error.errors?.[0]?.message).toMatch(/not valid CSV: Quote Not Closed/);
    expect(await counts(db(), o.id)).toEqual({ invoices: 0, lines: 0, entries: 0 });
  });

  it('lists the first 100 problems and counts the rest', async () => {
    const o = await org(db());
    const rows = Array.from({ length: 150 }, (_, i) => `B-${i},NOBODY,2026-03-01,,,,Item,1,1.00,0`);
    const r = await importInvoicesCsv(handle(), o.id, csv(...rows));
    if (r.ok) throw new Error('expected a failure');
    expect(r.error.message).toBe('150 problems in the file');
    expect(r.error.errors).toHaveLength(101);
    expect(r.error.errors?.[100]?.message).toBe('... and 50 more problems not listed');
  });

  it('keeps each organisation to its own customers and numbers', async () => {
    const mine = await org(db());
    const theirs = await org(db());
    const tc = await customer(db(), theirs, { ref: 'SHARED' });
    await invoice(db(), theirs.id, tc.id, { number: 'N-1' });
    const r = await importInvoicesCsv(handle(), mine.id, csv('N-1,SHARED,2026-03-01,,,,Item,1,1.00,0'));
    expect(r.ok ? null : r.error.errors?.map((e) => e.column)).toEqual(['customer_ref']);
    await customer(db(), mine, { ref: 'SHARED' });
    const again = await importInvoicesCsv(handle(), mine.id, csv('N-1,SHARED,2026-03-01,,,,Item,1,1.00,0'));
    expect(again.ok && again.value.created).toBe(1);
  });
});
