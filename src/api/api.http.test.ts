import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { createApiToken } from '../orgs/tokens.ts';
import { buildApp } from './app.ts';

describeEachEngine('REST API', (ctx) => {
  let app: FastifyInstance;
  let auth: Record<string, string>;
  let otherAuth: Record<string, string>;
  beforeAll(async () => {
    const db = ctx().handle.db;
    app = await buildApp({ db });
    const o = await org(db);
    auth = { authorization: `Bearer ${(await createApiToken(db, o.id, 'test')).token}` };
    const other = await org(db, { legalName: 'Other B.V.', country: 'NL' });
    otherAuth = { authorization: `Bearer ${(await createApiToken(db, other.id, 'test')).token}` };
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers: { ...auth, ...headers } });
  const get = (url: string, headers = auth) => app.inject({ method: 'GET', url, headers });

  async function newCustomer(over: Record<string, unknown> = {}) {
    const r = await post('/api/v1/customers', { name: 'Novák a syn s.r.o.', country: 'CZ', ...over });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; currency: string; language: string };
  }

  async function newInvoice(customerId: string, over: Record<string, unknown> = {}) {
    const r = await post('/api/v1/invoices', {
      customerId,
      number: `2026-${Math.random().toString(36).slice(2, 10)}`,
      issueDate: '2026-03-01',
      terms: 14,
      lines: [{ description: 'Pallet of screws', quantity: 2, unitPrice: 50_000, vatRate: 21 }],
      ...over,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; number: string; total: number; dueDate: string };
  }

  it('answers health without a token and refuses everything else without one', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ status: 'ok' });
    const r = await app.inject({ method: 'GET', url: '/api/v1/customers' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json().code).toBe('unauthorized');
    const bad = await get('/api/v1/customers', { authorization: 'Bearer duly_nope' });
    expect(bad.statusCode).toBe(401);
  });

  it('creates a customer with defaults from its country and reads it back', async () => {
    const c = await newCustomer({
      contacts: [{ name: 'Jana Nováková', role: 'ap_approver', email: 'jana@novak.cz' }],
      bankAccounts: ['CZ65 0800 0000 1920 0014 5399'],
      tags: ['key-account'],
    });
    expect([c.currency, c.language]).toEqual(['CZK', 'cs']);
    const back = (await get(`/api/v1/customers/${c.id}`)).json();
    expect(back.bankAccounts).toEqual(['CZ6508000000192000145399']);
    expect(back.contacts[0].role).toBe('ap_approver');
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      headers: auth,
      payload: { onHold: true, tags: ['slow-payer'] },
    });
    expect([patched.json().onHold, patched.json().tags]).toEqual([true, ['slow-payer']]);
    expect(patched.json().address).toBeNull();
    const address = { line1: 'Průmyslová 12', line2: null, postalCode: '682 01', city: 'Vyškov' };
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      headers: auth,
      payload: { address },
    });
    expect(moved.json().address).toEqual(address);
    const noCity = await app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      headers: auth,
      payload: { address: { line1: 'Průmyslová 12' } },
    });
    expect([noCity.statusCode, noCity.json().field]).toEqual([422, 'address/city']);
  });

  it('creates invoices with computed totals and due dates, pays them oldest first, keeps the overpayment', async () => {
    const c = await newCustomer();
    const a = await newInvoice(c.id, { issueDate: '2026-03-01' });
    const b = await newInvoice(c.id, { issueDate: '2026-03-05' });
    expect([a.total, a.dueDate]).toEqual([121_000, '2026-03-15']);
    const p = await post('/api/v1/payments', {
      customerId: c.id,
      amount: 250_000,
      currency: 'CZK',
      receivedDate: '2026-03-20',
      payerIban: 'CZ6508000000192000145399',
    });
    expect(p.statusCode, p.body).toBe(201);
    expect(
      p.json().allocations.map((x: { invoiceId: string; amount: number }) => [x.invoiceId, x.amount]),
    ).toEqual([
      [a.id, 121_000],
      [b.id, 121_000],
    ]);
    expect(p.json().unallocated).toBe(8_000);
    const bal = (await get(`/api/v1/customers/${c.id}/balance?asOf=2026-03-20`)).json();
    expect(bal.balances).toEqual([
      { currency: 'CZK', receivable: 0, overdue: 0, credit: 8_000, total: -8_000 },
    ]);
    const inv = (await get(`/api/v1/invoices/${a.id}?asOf=2026-03-20`)).json();
    expect(inv.status).toBe('paid');
    expect(inv.history.map((e: { kind: string }) => e.kind)).toEqual(['invoice_issued', 'payment_allocated']);
    const st = (await get(`/api/v1/customers/${c.id}/statement?from=2026-03-01&to=2026-03-31`)).json();
    expect(st.currencies[0].closingBalance).toBe(-8_000);
  });

  it('lists overdue invoices as of a date, with cursor pagination', async () => {
    const c = await newCustomer();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await newInvoice(c.id, { issueDate: '2026-01-01' })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/invoices?customerId=${c.id}&overdueAsOf=2026-02-01&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get(url)).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      for (const i of page.data) expect([i.status, i.daysOverdue]).toEqual(['overdue', 17]);
      seen.push(...page.data.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await get(`/api/v1/invoices?customerId=${c.id}&overdueAsOf=2026-01-15`)).json().data).toEqual([]);
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const c = await newCustomer();
    const inv = await newInvoice(c.id);
    const body = { customerId: c.id, amount: 1000, currency: 'CZK', receivedDate: '2026-03-02' };
    const first = await post('/api/v1/payments', body, { 'idempotency-key': 'pay-1' });
    const again = await post('/api/v1/payments', { ...body }, { 'idempotency-key': 'pay-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const payments = (await get(`/api/v1/payments?customerId=${c.id}`)).json().data;
    expect(payments).toHaveLength(1);
    expect((await get(`/api/v1/invoices/${inv.id}`)).json().amountPaid).toBe(1000);
    const conflict = await post(
      '/api/v1/payments',
      { ...body, amount: 2000 },
      { 'idempotency-key': 'pay-1' },
    );
    expect([conflict.statusCode, conflict.json().code]).toEqual([409, 'idempotency_key_reused']);
    // Keys are per organisation: another org may use the same key.
    const otherCustomer = await app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { ...otherAuth, 'idempotency-key': 'pay-1' },
      payload: { name: 'Jansen B.V.', country: 'NL' },
    });
    expect(otherCustomer.statusCode).toBe(201);
  });

  it('rejects bad input with a problem naming the field, and writes nothing', async () => {
    const c = await newCustomer();
    const czk = await newInvoice(c.id);
    const eur = await newInvoice(c.id, { currency: 'EUR' });
    const count = async () => (await get(`/api/v1/payments?customerId=${c.id}`)).json().data.length;
    const pay = (over: Record<string, unknown>) =>
      post('/api/v1/payments', {
        customerId: c.id,
        amount: 1000,
        currency: 'CZK',
        receivedDate: '2026-03-02',
        ...over,
      });
    const cases: [
      Promise<{ statusCode: number; json: () => { code: string; field?: string } }>,
      number,
      string,
      string,
    ][] = [
      [pay({ amount: -5 }), 422, 'validation_failed', 'amount'],
      [pay({ amount: 10.5 }), 422, 'validation_failed', 'amount'],
      [pay({ receivedDate: '2026-02-30' }), 422, 'validation_failed', 'receivedDate'],
      [pay({ colour: 'red' }), 422, 'validation_failed', 'colour'],
      [
        pay({ allocations: [{ invoiceId: eur.id, amount: 100 }] }),
        422,
        'currency_mismatch',
        'allocations/0/invoiceId',
      ],
      [
        pay({ allocations: [{ invoiceId: czk.id, amount: 999_999 }], amount: 999_999 }),
        422,
        'allocation_exceeds_open_balance',
        'allocations/0/amount',
      ],
      [
        pay({ allocations: [{ invoiceId: czk.id, amount: 5000 }] }),
        422,
        'allocation_exceeds_available',
        'allocations',
      ],
    ];
    for (const [promise, status, code, field] of cases) {
      const r = await promise;
      expect([r.statusCode, r.json().code, r.json().field]).toEqual([status, code, field]);
    }
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"amount": 12,',
    });
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, 'malformed_request']);
    expect(await count()).toBe(0);

    const dup = await post('/api/v1/invoices', {
      customerId: c.id,
      number: czk.number,
      issueDate: '2026-03-01',
      lines: [{ description: 'x', unitPrice: 100 }],
    });
    expect([dup.statusCode, dup.json().code, dup.json().field]).toEqual([409, 'duplicate', 'number']);
  });

  it("never shows or touches another organisation's data", async () => {
    const c = await newCustomer();
    const inv = await newInvoice(c.id);
    expect((await get(`/api/v1/customers/${c.id}`, otherAuth)).statusCode).toBe(404);
    expect((await get(`/api/v1/invoices/${inv.id}`, otherAuth)).statusCode).toBe(404);
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/invoices',
      headers: otherAuth,
      payload: {
        customerId: c.id,
        number: 'X-1',
        issueDate: '2026-03-01',
        lines: [{ description: 'x', unitPrice: 100 }],
      },
    });
    expect([r.statusCode, r.json().field]).toEqual([404, 'customerId']);
    const list = (await get('/api/v1/invoices?limit=200', otherAuth)).json().data;
    expect(list.some((i: { id: string }) => i.id === inv.id)).toBe(false);
  });

  it('publishes an OpenAPI 3 document and a docs page', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/customers',
        '/api/v1/invoices',
        '/api/v1/payments',
        '/api/v1/credit-notes',
      ]),
    );
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });
});
