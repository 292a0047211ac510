import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { buildApp } from '../api/app.ts';
import { newId } from '../kernel/ids.ts';
import { createApiToken } from '../orgs/tokens.ts';
import { dispatchOutbox } from './dispatcher.ts';
import { enqueueEmail } from './outbox.repository.ts';
import { messageIdFor, NOT_DELIVERED_NO_SMTP } from './outbox.ts';

describeEachEngine('outbox API', (ctx) => {
  let app: FastifyInstance;
  let auth: Record<string, string>;
  let otherAuth: Record<string, string>;
  const ids: string[] = [];
  beforeAll(async () => {
    const db = ctx().handle.db;
    app = await buildApp({ db });
    const o = await org(db);
    const other = await org(db, { legalName: 'Other B.V.', country: 'NL' });
    auth = { authorization: `Bearer ${(await createApiToken(db, o.id, 'test')).token}` };
    otherAuth = { authorization: `Bearer ${(await createApiToken(db, other.id, 'test')).token}` };
    for (const [i, recipient] of ['ap@alfa.example', null, 'ap@beta.example'].entries()) {
      const actionId = newId('dunningAction');
      const m = await enqueueEmail(db, o.id, {
        actionId,
        customerId: null,
        recipient,
        subject: `Reminder ${i + 1}`,
        text: `Text ${i + 1}`,
        html: i === 0 ? '<p>Text 1</p>' : null,
        sendAfter: '2026-03-05T08:00:00Z',
        messageId: messageIdFor(actionId, 'email', 'duly.invalid'),
      });
      ids.push(m.id);
    }
    // No SMTP configured: what was due is held, not delivered.
    await dispatchOutbox(db, null, { owner: 'test', now: () => new Date('2026-03-05T08:00:00Z') });
  });
  const get = (url: string, headers = auth) => app.inject({ method: 'GET', url, headers });

  it('lists the organisation’s messages, oldest first, without bodies, marked as not delivered', async () => {
    const r = await get('/api/v1/outbox');
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json() as { data: Record<string, unknown>[]; nextCursor: string | null };
    expect(page.data.map((m) => [m.id, m.status, m.delivered])).toEqual([
      [ids[0], 'held', false],
      [ids[1], 'failed', false],
      [ids[2], 'held', false],
    ]);
    expect(page.data[0]).toMatchObject({
      lastError: NOT_DELIVERED_NO_SMTP,
      messageId: expect.stringMatching(/^<dac_/),
    });
    expect(page.data[0]).not.toHaveProperty('bodyText');
    expect(page.nextCursor).toBeNull();
  });

  it('filters by status and pages with a cursor', async () => {
    const held = (await get('/api/v1/outbox?status=held')).json() as { data: { id: string }[] };
    expect(held.data.map((m) => m.id)).toEqual([ids[0], ids[2]]);
    const first = (await get('/api/v1/outbox?limit=2')).json() as {
      data: { id: string }[];
      nextCursor: string;
    };
    expect(first.data.map((m) => m.id)).toEqual([ids[0], ids[1]]);
    const second = (await get(`/api/v1/outbox?limit=2&cursor=${first.nextCursor}`)).json() as {
      data: { id: string }[];
      nextCursor: string | null;
    };
    expect([second.data.map((m) => m.id), second.nextCursor]).toEqual([[ids[2]], null]);
    const bad = await get('/api/v1/outbox?status=lost');
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'validation_failed']);
  });

  it('shows one message with its bodies, and hides it from other organisations', async () => {
    const r = await get(`/api/v1/outbox/${ids[0]}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      id: ids[0],
      recipient: 'ap@alfa.example',
      subject: 'Reminder 1',
      bodyText: 'Text 1',
      bodyHtml: '<p>Text 1</p>',
      sendAfter: '2026-03-05T08:00:00.000Z',
      status: 'held',
    });
    const other = await get(`/api/v1/outbox/${ids[0]}`, otherAuth);
    expect([other.statusCode, other.json().code]).toEqual([404, 'not_found']);
    expect(((await get('/api/v1/outbox', otherAuth)).json() as { data: unknown[] }).data).toEqual([]);
  });
});
