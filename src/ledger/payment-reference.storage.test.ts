import { expect, it } from 'vitest';
import { customer, invoice, org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { importInvoicesCsv } from '../imports/import-invoices.ts';
import { validateReference } from '../kernel/references/index.ts';
import { getInvoice } from './invoices.repository.ts';
import { invoiceReference } from './payment-reference.ts';

it('falls back to RF when the scheme cannot carry the invoice number, and to none when RF cannot either', () => {
  expect(invoiceReference('vs', 'FV-2026/0042')).toBe('20260042');
  const rf = invoiceReference('vs', 'ABC');
  expect(rf).toMatch(/^RF\d\dABC$/);
  expect(validateReference('rf', rf!).ok).toBe(true);
  expect(invoiceReference('vs', 'X'.repeat(30))).toBeNull();
});

describeEachEngine('payment references on invoices', (ctx) => {
  const db = () => ctx().handle.db;

  it("gives every new invoice a reference in the organisation's scheme, by country unless chosen", async () => {
    const cz = await org(db(), { country: 'CZ' });
    const no = await org(db(), { country: 'NO' });
    const de = await org(db(), { country: 'DE', paymentReferenceScheme: 'kid-mod11' });
    const at = await org(db(), { country: 'AT' });
    expect([cz, no, de, at].map((o) => o.paymentReferenceScheme)).toEqual([
      'vs',
      'kid-mod10',
      'kid-mod11',
      'rf',
    ]);
    const refs = [];
    for (const o of [cz, no, de, at]) {
      const c = await customer(db(), o);
      const inv = await invoice(db(), o.id, c.id, { number: 'FV-2026-0042' });
      const back = await getInvoice(db(), o.id, inv.id, '2026-03-01');
      refs.push(back!.paymentReference);
    }
    expect(refs[0]).toBe('20260042');
    for (const [scheme, ref] of [
      ['kid-mod10', refs[1]],
      ['kid-mod11', refs[2]],
      ['rf', refs[3]],
    ] as const) {
      expect(validateReference(scheme, ref!), `${scheme} ${ref}`).toMatchObject({ ok: true });
    }
  });

  it('gives imported invoices the same references as the API would', async () => {
    const o = await org(db(), { country: 'CZ' });
    await customer(db(), o, { ref: 'C-1' });
    const r = await importInvoicesCsv(
      ctx().handle,
      o.id,
      'number,customer_ref,issue_date,description,unit_price\nFV-2026-0043,C-1,2026-03-01,Item,10.00\nABC,C-1,2026-03-01,Item,10.00\n',
    );
    expect(r.ok).toBe(true);
    const rows = await db()
      .selectFrom('invoices')
      .select(['number', 'payment_reference'])
      .where('org_id', '=', o.id)
      .orderBy('number')
      .execute();
    expect(rows.map((x) => [x.number, x.payment_reference])).toEqual([
      ['ABC', invoiceReference('vs', 'ABC')],
      ['FV-2026-0043', '20260043'],
    ]);
  });
});
