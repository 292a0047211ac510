import { expect, it } from 'vitest';
import { customer, org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { getCustomer, listCustomers } from '../customers/customers.repository.ts';
import type { Db } from '../db/database.ts';
import { importCustomersCsv } from './import-customers.ts';

const HEADER =
  'ref,name,kind,country,language,time_zone,currency,vat_id,payment_terms_days,credit_limit,tags,contact_name,email,phone,iban';

const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

async function customerCount(db: Db, orgId: string): Promise<number> {
  const r = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describeEachEngine('importing customers from CSV', (ctx) => {
  const handle = () => ctx().handle;
  const db = () => ctx().handle.db;

  it('imports customers the API reads back the same way, with defaults from the country', async () => {
    const o = await org(db());
    const r = await importCustomersCsv(
      handle(),
      o,
      csv(
        'C-1,Novák s.r.o.,business,CZ,,,,CZ12345678,14,5000.50,vip; wholesale ;vip,Jana Nováková,jana@novak.cz,+420 601 123 456,CZ65 0800 0000 1920 0014 5399;CZ6508000000192000145399',
        'C-2,Jan de Vries,consumer,NL,en,,,,,,,,,,',
        'C-3,Nordic AS,,NO,,,,,,1200,,,invoices@nordic.no,,',
      ),
    );
    expect(r.ok && r.value).toMatchObject({
      rowsRead: 3,
      created: 3,
      written: { customers: 3, customer_contacts: 2, customer_tags: 2, customer_bank_accounts: 1 },
    });
    const page = await listCustomers(db(), o.id, {}, { limit: 10, after: null });
    const byRef = new Map(page.data.map((c) => [c.ref, c]));
    const c1 = await getCustomer(db(), o.id, byRef.get('C-1')!.id);
    expect(c1).toMatchObject({
      name: 'Novák s.r.o.',
      kind: 'business',
      country: 'CZ',
      language: 'cs',
      currency: 'CZK',
      timeZone: 'Europe/Prague',
      vatId: 'CZ12345678',
      paymentTermsDays: 14,
      creditLimit: 500_050,
      onHold: false,
      tags: ['vip', 'wholesale'],
      bankAccounts: ['CZ6508000000192000145399'],
    });
    expect(c1?.contacts.map((c) => [c.name, c.role, c.email, c.phone])).toEqual([
      ['Jana Nováková', 'billing', 'jana@novak.cz', '+420 601 123 456'],
    ]);
    expect(byRef.get('C-2')).toMatchObject({
      kind: 'consumer',
      language: 'en',
      currency: 'EUR',
      creditLimit: null,
    });
    // A contact with only an email is named after the customer; the limit is in NOK.
    expect(byRef.get('C-3')).toMatchObject({ currency: 'NOK', language: 'nb', creditLimit: 120_000 });
    expect(byRef.get('C-3')?.contacts.map((c) => [c.name, c.email])).toEqual([
      ['Nordic AS', 'invoices@nordic.no'],
    ]);
  });

  it('reads the postal address columns, and names the column of an incomplete address', async () => {
    const o = await org(db());
    const header = 'ref,name,country,address_line1,address_line2,postal_code,city';
    const ok = await importCustomersCsv(
      handle(),
      o,
      `${header}\nA-1,Pila Vyškov s.r.o.,CZ,Průmyslová 12,Hala B,682 01,Vyškov\nA-2,No address,CZ,,,,\n`,
    );
    expect(ok.ok).toBe(true);
    const page = await listCustomers(db(), o.id, {}, { limit: 10, after: null });
    const byRef = new Map(page.data.map((c) => [c.ref, c]));
    expect((await getCustomer(db(), o.id, byRef.get('A-1')!.id))?.address).toEqual({
      line1: 'Průmyslová 12',
      line2: 'Hala B',
      postalCode: '682 01',
      city: 'Vyškov',
    });
    expect((await getCustomer(db(), o.id, byRef.get('A-2')!.id))?.address).toBeNull();
    const bad = await importCustomersCsv(handle(), o, `${header}\nA-3,Street only,CZ,Náměstí 1,,,\n`);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.errors?.[0]).toMatchObject({ line: 2, column: 'city' });
  });

  it('accepts the columns in any order and only the required ones', async () => {
    const o = await org(db());
    const r = await importCustomersCsv(handle(), o, 'Country, NAME ,ref\nGB,Tea Ltd,T-1\n');
    expect(r.ok && r.value.created).toBe(1);
    const page = await listCustomers(db(), o.id, {}, { limit: 10, after: null });
    expect(page.data.map((c) => [c.ref, c.name, c.currency])).toEqual([['T-1', 'Tea Ltd', 'GBP']]);
  });

  it('names the line and column of each problem, and writes nothing', async () => {
    const o = await org(db());
    await customer(db(), o, { ref: 'TAKEN' });
    const before = await customerCount(db(), o.id);
    const r = await importCustomersCsv(
      handle(),
      o,
      csv(
        'OK-1,Good,,CZ,,,,,,,,,,,', // line 2
        ',No ref,,CZ,,,,,,,,,,,', // 3
        'OK-1,Twice,,CZ,,,,,,,,,,,', // 4
        'TAKEN,In the database,,CZ,,,,,,,,,,,', // 5
        'X-1,Lower-case country,,cz,,,,,,,,,,,', // 6
        'X-2,Three decimals,,CZ,,,,,,10.005,,,,,', // 7
        'X-3,Bad IBAN,,CZ,,,,,,,,,,,CZ6508000000192000145399;CZ0000000000000000000000', // 8
        'X-4,Bad kind,company,CZ,,,XYZ,,,,,,not-an-email,,', // 9
        'X-5,Negative limit,,CZ,,,,,abc,-1.00,,,,,', // 10
      ),
    );
    if (r.ok) throw new Error('expected a failure');
    expect(r.error.errors?.map((e) => [e.line, e.column])).toEqual([
      [3, 'ref'],
      [4, 'ref'],
      [5, 'ref'],
      [6, 'country'],
      [7, 'credit_limit'],
      [8, 'iban'],
      [9, 'kind'],
      [9, 'currency'],
      [9, 'email'],
      [10, 'payment_terms_days'],
    ]);
    const message = (line: number, column: string) =>
      r.error.errors?.find((e) => e.line === line && e.column === column)?.message;
    expect(message(3, 'ref')).toBe('ref is required');
    expect(message(4, 'ref')).toMatch(/"OK-1" is already used on line 2/);
    expect(message(5, 'ref')).toMatch(/"TAKEN" already exists in this organisation/);
    expect(message(6, 'country')).toMatch(/"cz".*capitals/);
    expect(message(7, 'credit_limit')).toMatch(/"10.005" is not an amount in CZK/);
    expect(message(8, 'iban')).toMatch(/"CZ0000000000000000000000".*IBAN/);
    expect(await customerCount(db(), o.id)).toBe(before);
  });

  it('checks the credit limit once the rest of the row is valid', async () => {
    const o = await org(db());
    const r = await importCustomersCsv(handle(), o, csv('N-1,Negative,,CZ,,,,,,-1.00,,,,,'));
    expect(r.ok ? null : r.error.errors?.map((e) => [e.line, e.column, e.message])).toEqual([
      [2, 'credit_limit', expect.stringMatching(/"-1.00".*cannot be negative/)],
    ]);
  });

  it('reports unknown, repeated and missing headers up front', async () => {
    const o = await org(db());
    const r = await importCustomersCsv(handle(), o, 'ref,name,nmae,ref\nA,B,C,D\n');
    expect(r.ok ? null : r.error.errors?.map((e) => [e.line, e.column])).toEqual([
      [1, 'nmae'],
      [1, 'ref'],
      [1, 'country'],
    ]);
    expect(await customerCount(db(), o.id)).toBe(0);
  });
});
