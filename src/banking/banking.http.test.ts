import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { customer, invoice, org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { buildApp } from '../api/app.ts';
import type { Db } from '../db/database.ts';
import { createApiToken } from '../orgs/tokens.ts';
import { customerEvents } from '../timeline/events.repository.ts';
import { bal, doc, ntry, stmt, tx } from './parsers/camt-test-docs.ts';

const ACCOUNT = 'SK3112000000198742637541';
const PAYER = 'SK8975000000000012345671';

/** A credit transfer with a debtor, its account, an end-to-end id and remittance text. */
function credit(amount: string, e2e: string, text: string, ref: string): string {
  return ntry({
    amount,
    ref,
    txs: [
      tx({
        amount,
        body:
          `<Refs><EndToEndId>${e2e}</EndToEndId></Refs>` +
          `<RltdPties><Dbtr><Pty><Nm>Novák Stavby s.r.o.</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>${PAYER}</IBAN></Id></DbtrAcct></RltdPties>` +
          `<RmtInf><Ustrd>${text}</Ustrd></RmtInf>`,
      }),
    ],
  });
}

describeEachEngine('bank statements through the API: import, match, review, return', (ctx) => {
  let app: FastifyInstance;
  let auth: Record<string, string>;
  let db: Db;
  let orgId: string;
  let ids: { a: string; b: string; customer: string };
  beforeAll(async () => {
    db = ctx().handle.db;
    app = await buildApp({ db });
    const o = await org(db, { country: 'SK', bankAccounts: [{ iban: ACCOUNT, currency: 'EUR' }] });
    orgId = o.id;
    auth = { authorization: `Bearer ${(await createApiToken(db, o.id, 'test')).token}` };
    const c = await customer(db, o, { name: 'Novák Stavby s.r.o.', country: 'SK', currency: 'EUR' });
    const line = (price: number) => [{ description: 'Tehla', quantity: 1, unitPrice: price, vatRate: 21 }];
    ids = {
      customer: c.id,
      // 100.00 + 21 % = 121.00 and 50.00 + 21 % = 60.50; a Slovak organisation's references are VS.
      a: (await invoice(db, o.id, c.id, { number: '2026-0042', currency: 'EUR', lines: line(10_000) })).id,
      b: (await invoice(db, o.id, c.id, { number: '2026-0043', currency: 'EUR', lines: line(5_000) })).id,
    };
  });
  const upload = (xml: string, query = '') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/bank/statements${query}`,
      payload: xml,
      headers: { ...auth, 'content-type': 'application/xml' },
    });
  const get = (url: string) => app.inject({ method: 'GET', url, headers: auth });
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: auth });
  const amountDue = async (id: string) =>
    (await get(`/api/v1/invoices/${id}?asOf=2026-03-03`)).json().amountDue;

  const day = doc([
    stmt({
      id: 'STMT-2026-03-02',
      account: `<Acct><Id><IBAN>${ACCOUNT}</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
      balances: bal('OPBD', '100.00') + bal('CLBD', '256.00'),
      entries: [
        credit('121.00', '/VS20260042/SS/KS0308', 'Faktura 2026-0042', 'B1'),
        credit('30.00', 'NOTPROVIDED', 'Faktura 2026-0043 cast', 'B2'),
        credit('5.00', 'NOTPROVIDED', 'Urok za marec', 'B3'),
      ],
    }),
  ]);

  it('imports a camt.053, applies the payment whose variable symbol and amount fit, queues the rest', async () => {
    const r = await upload(day, '?fileName=2026-03-02.xml');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      format: 'camt.053',
      statements: 1,
      lines: 3,
      credits: 3,
      duplicates: 0,
      matching: { lines: 3, applied: 1, review: 2 },
    });
    expect(await amountDue(ids.a)).toBe(0);
    expect(await amountDue(ids.b)).toBe(6_050);
    // The payer's account was learnt from the confirmed match.
    const c = (await get(`/api/v1/customers/${ids.customer}`)).json();
    expect(c.bankAccounts).toContain(PAYER);
  });

  it('shows the review queue with proposals and reasons; a person splits, ignores, and cannot decide twice', async () => {
    const review = (await get('/api/v1/bank/review')).json().data as {
      id: string;
      amount: number;
      text: string;
      proposal: { reasons: string[] } | null;
    }[];
    expect(review.map((l) => [l.amount, l.text])).toEqual([
      [3_000, 'Faktura 2026-0043 cast'],
      [500, 'Urok za marec'],
    ]);
    expect(review[0]!.proposal?.reasons.join(' ')).toContain('2026-0043');
    const part = await post(`/api/v1/bank/lines/${review[0]!.id}/accept`, {
      allocations: [{ invoiceId: ids.b, amount: 3_000 }],
    });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({ state: 'matched', paymentId: expect.stringMatching(/^pay_/) });
    expect(await amountDue(ids.b)).toBe(3_050);
    // A partial payment leaves a short-payment event for the collections work that follows.
    const events = await customerEvents(db, orgId, ids.customer);
    expect(events.map((e) => [e.kind, e.invoiceId, e.data.stillOpen])).toEqual([
      ['short_payment', ids.b, 3_050],
    ]);
    const ignored = await post(`/api/v1/bank/lines/${review[1]!.id}/ignore`, {
      reason: 'interest from the bank',
    });
    expect(ignored.json()).toMatchObject({ state: 'ignored', note: 'interest from the bank' });
    const again = await post(`/api/v1/bank/lines/${review[0]!.id}/accept`, {});
    expect([again.statusCode, again.json().code]).toEqual([422, 'validation_failed']);
    expect((await get('/api/v1/bank/review')).json().data).toEqual([]);
  });

  it('takes the same file again as already imported and changes nothing', async () => {
    const r = await upload(day);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ alreadyImported: true, lines: 0, duplicates: 3 });
    expect(await amountDue(ids.a)).toBe(0);
  });

  it('un-applies a payment the bank returned: the invoice reopens', async () => {
    const returned = doc([
      stmt({
        id: 'STMT-2026-03-03',
        account: `<Acct><Id><IBAN>${ACCOUNT}</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
        balances: bal('OPBD', '256.00') + bal('CLBD', '135.00'),
        entries: [
          ntry({
            amount: '121.00',
            ind: 'DBIT',
            reversal: true,
            ref: 'B9',
            txs: [
              tx({
                amount: '121.00',
                body:
                  '<Refs><EndToEndId>/VS20260042/SS/KS0308</EndToEndId></Refs>' +
                  '<RtrInf><OrgnlBkTxCd><Prtry><Cd>X</Cd></Prtry></OrgnlBkTxCd><Rsn><Cd>AC04</Cd></Rsn></RtrInf>',
              }),
            ],
          }),
        ],
      }),
    ]);
    const r = await upload(returned);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().matching).toMatchObject({ returned: 1 });
    expect(await amountDue(ids.a)).toBe(12_100);
  });

  it('rejects a statement whose balances do not add up, whole, naming the element', async () => {
    const bad = doc([
      stmt({
        id: 'BAD',
        account: `<Acct><Id><IBAN>${ACCOUNT}</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
        balances: bal('OPBD', '100.00') + bal('CLBD', '100.01'),
        entries: [credit('7.00', 'NOTPROVIDED', 'x', 'Z1')],
      }),
    ]);
    const r = await upload(bad);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'import_failed' });
    expect(r.json().detail).toMatch(/Stmt\[1\]/);
    const unknown = await upload('not a statement at all');
    expect([unknown.statusCode, unknown.json().field]).toEqual([422, 'format']);
  });
});
