import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { customer, invoice, org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { buildApp } from '../api/app.ts';
import type { Organization } from '../orgs/organization.ts';
import { createApiToken } from '../orgs/tokens.ts';

describeEachEngine('dunning API', (ctx) => {
  let app: FastifyInstance;
  let auth: Record<string, string>;
  let o: Organization;
  beforeAll(async () => {
    const db = ctx().handle.db;
    app = await buildApp({ db });
    o = await org(db, {
      email: 'pohledavky@acme.example',
      bankAccounts: [{ iban: 'CZ6508000000192000145399', currency: 'CZK' }],
    });
    auth = { authorization: `Bearer ${(await createApiToken(db, o.id, 't')).token}` };
  });
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: auth, ...(payload && { payload }) });

  it('runs dunning, refuses to run a level twice, and shows the actions', async () => {
    const db = ctx().handle.db;
    const c = await customer(db, o, {
      contacts: [{ name: 'Petr', role: 'billing', email: 'petr@zakaznik.example' }],
    });
    await invoice(db, o.id, c.id, { number: 'API-1', issueDate: '2026-02-01', dueDate: '2026-03-02' });
    const dry = await call('POST', '/api/v1/dunning/runs', {
      date: '2026-03-09',
      dryRun: true,
      customerId: c.id,
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().actions.map((a: { level: number; status: string }) => [a.level, a.status])).toEqual([
      [3, 'planned'],
    ]);
    const run = await call('POST', '/api/v1/dunning/runs', { date: '2026-03-09', customerId: c.id });
    expect(run.json().created).toBe(1);
    const again = await call('POST', '/api/v1/dunning/runs', { date: '2026-03-09', customerId: c.id });
    expect([again.json().created, again.json().skipped.already_sent]).toEqual([0, 1]);
    const actions = (await call('GET', `/api/v1/dunning/actions?customerId=${c.id}`)).json().data;
    expect(actions.map((a: { level: number; status: string }) => [a.level, a.status])).toEqual([
      [3, 'scheduled'],
    ]);
    expect(actions[0].items[0].number).toBe('API-1');
  });

  it('previews a Czech reminder for a real invoice, and in another language on request', async () => {
    const db = ctx().handle.db;
    const c = await customer(db, o, { name: 'Pila Vyškov s.r.o.' });
    const inv = await invoice(db, o.id, c.id, {
      number: 'API-2',
      issueDate: '2026-02-01',
      dueDate: '2026-03-02',
    });
    const cs = await call('POST', '/api/v1/dunning/preview', {
      invoiceId: inv.id,
      level: 3,
      asOf: '2026-03-09',
    });
    expect(cs.statusCode, cs.body).toBe(200);
    expect(cs.json().language).toBe('cs');
    expect(cs.json().subject).toContain('API-2');
    expect(cs.json().text).toMatch(/1\s210,00\sKč/);
    const de = await call('POST', '/api/v1/dunning/preview', { invoiceId: inv.id, level: 3, language: 'de' });
    expect(de.json().text).toMatch(/1\.210,00\sCZK|1\.210,00\sKč/);
  });

  it('saves an edited template only if it renders, and uses it', async () => {
    const bad = await call('PUT', '/api/v1/dunning/templates/overdue_first/en', {
      subject: 'Invoice {{ invoices[0].number }',
      body: 'Hello',
    });
    expect([bad.statusCode, bad.json().code, bad.json().field]).toEqual([422, 'validation_failed', 'body']);
    const good = await call('PUT', '/api/v1/dunning/templates/overdue_first/en', {
      subject: 'Reminder: {{ invoices[0].number }}',
      body: 'Dear {{ customer.name }}, please pay {{ totalOpen | money: currency }}.',
    });
    expect(good.statusCode, good.body).toBe(200);
    const stored = (await call('GET', '/api/v1/dunning/templates/overdue_first/en')).json();
    expect([stored.custom, stored.subject]).toEqual([true, 'Reminder: {{ invoices[0].number }}']);
    expect((await call('DELETE', '/api/v1/dunning/templates/overdue_first/en')).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/dunning/templates/overdue_first/en')).json().custom).toBe(false);
  });

  it('creates a policy, assigns it to a customer, and the most specific assignment wins', async () => {
    const db = ctx().handle.db;
    const gentle = await call('POST', '/api/v1/dunning/policies', {
      name: 'Key accounts: call first',
      levels: [
        {
          position: 1,
          name: 'Call',
          trigger: 'due',
          days: 5,
          kind: 'reminder',
          channels: ['call_task'],
          templateKey: 'overdue_first',
        },
        {
          position: 2,
          name: 'Then email',
          trigger: 'previous',
          days: 7,
          kind: 'reminder',
          channels: ['email'],
          templateKey: 'overdue_firm',
          review: true,
        },
      ],
    });
    expect(gentle.statusCode, gentle.body).toBe(201);
    const invalid = await call('POST', '/api/v1/dunning/policies', {
      name: 'Broken',
      levels: [
        {
          position: 1,
          name: 'a',
          trigger: 'due',
          days: 5,
          kind: 'reminder',
          channels: ['email'],
          templateKey: 'overdue_first',
        },
        {
          position: 2,
          name: 'b',
          trigger: 'due',
          days: 3,
          kind: 'reminder',
          channels: ['email'],
          templateKey: 'overdue_firm',
        },
      ],
    });
    expect([invalid.statusCode, invalid.json().field]).toEqual([422, 'levels/1/days']);
    const c = await customer(db, o, { tags: ['key-account'] });
    await invoice(db, o.id, c.id, { number: 'API-3', issueDate: '2026-02-01', dueDate: '2026-03-02' });
    const assigned = await call('POST', '/api/v1/dunning/assignments', {
      policyId: gentle.json().id,
      scope: 'customer',
      customerId: c.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const run = (await call('POST', '/api/v1/dunning/runs', { date: '2026-03-09', customerId: c.id })).json();
    expect(run.actions.map((a: { levelName: string }) => a.levelName)).toEqual(['Call']);
    const tasks = await db
      .selectFrom('tasks')
      .select(['kind', 'script'])
      .where('customer_id', '=', c.id)
      .execute();
    expect(tasks.map((t) => t.kind)).toEqual(['call']);
    expect(tasks[0]?.script).toContain('API-3');
  });

  it('holds and releases one invoice', async () => {
    const db = ctx().handle.db;
    const c = await customer(db, o);
    const inv = await invoice(db, o.id, c.id, {
      number: 'API-4',
      issueDate: '2026-02-01',
      dueDate: '2026-03-02',
    });
    const held = await call('POST', `/api/v1/invoices/${inv.id}/hold`, {
      reason: 'customer says goods never arrived',
    });
    expect(held.json()).toEqual({
      invoiceId: inv.id,
      onHold: true,
      reason: 'customer says goods never arrived',
    });
    const dry = (
      await call('POST', '/api/v1/dunning/runs', { date: '2026-03-09', dryRun: true, customerId: c.id })
    ).json();
    expect([dry.actions.length, dry.skipped.on_hold]).toEqual([0, 1]);
    await call('POST', `/api/v1/invoices/${inv.id}/release`, {});
    const after = (
      await call('POST', '/api/v1/dunning/runs', { date: '2026-03-09', dryRun: true, customerId: c.id })
    ).json();
    expect(after.actions.length).toBe(1);
    expect((await call('POST', '/api/v1/invoices/inv_nope/hold', { reason: 'x' })).statusCode).toBe(404);
  });

  it('lists letters to print with their PDF, and tasks to do with their script', async () => {
    const db = ctx().handle.db;
    const c = await customer(db, o, {
      contacts: [{ name: 'Eva', role: 'billing', email: 'eva@zakaznik.example' }],
    });
    await invoice(db, o.id, c.id, { number: 'API-5', issueDate: '2026-01-01', dueDate: '2026-01-31' });
    await call('POST', '/api/v1/dunning/runs', { date: '2026-03-03', customerId: c.id });
    const letters = (await call('GET', '/api/v1/letters?printed=false')).json().data;
    const mine = letters.filter((l: { customerId: string }) => l.customerId === c.id);
    expect(mine).toHaveLength(1);
    const pdf = await call('GET', mine[0].pdfUrl);
    expect([pdf.statusCode, pdf.headers['content-type'], pdf.rawPayload.subarray(0, 5).toString()]).toEqual([
      200,
      'application/pdf',
      '%PDF-',
    ]);
    expect((await call('POST', `/api/v1/letters/${mine[0].id}/printed`, {})).statusCode).toBe(200);
    const c2 = await customer(db, o, {
      contacts: [{ name: 'Karel', role: 'billing', email: 'karel@zakaznik.example' }],
    });
    await invoice(db, o.id, c2.id, { number: 'API-6', issueDate: '2026-02-01', dueDate: '2026-02-20' });
    await call('POST', '/api/v1/dunning/runs', { date: '2026-03-07', customerId: c2.id });
    const tasks = (await call('GET', `/api/v1/tasks?status=open&customerId=${c2.id}`)).json().data;
    expect(tasks.map((t: { kind: string }) => t.kind)).toEqual(['call']);
    const done = await call('POST', `/api/v1/tasks/${tasks[0].id}/complete`, {
      outcome: 'promise',
      notes: 'pays on Friday',
    });
    expect(done.json()).toEqual({ id: tasks[0].id, status: 'done', outcome: 'promise' });
    expect(
      (await call('POST', `/api/v1/tasks/${tasks[0].id}/complete`, { outcome: 'reached' })).statusCode,
    ).toBe(404);
  });
});
