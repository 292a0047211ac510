import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { org } from '../../test/builders.ts';
import { type SmtpSink, startSmtpSink } from '../../test/crash/smtp-sink.ts';
import { createPgDatabase, describeEachEngine, POSTGRES_URL } from '../../test/engines.ts';
import { type DatabaseHandle, type Db, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { newId } from '../kernel/ids.ts';
import { dispatchOutbox } from './dispatcher.ts';
import { claimDue, enqueueEmail, getOutboxMessage, listOutbox, markSent } from './outbox.repository.ts';
import {
  type EmailToSend,
  MAX_ATTEMPTS,
  messageIdDomain,
  messageIdFor,
  NO_RECIPIENT,
  NOT_DELIVERED_NO_SMTP,
} from './outbox.ts';
import { createTransport, type Transport } from './smtp.ts';

const T0 = Date.parse('2026-03-05T09:00:00.000Z');
const at = (ms: number) => () => new Date(ms);
const MINUTE = 60_000;

function email(over: Partial<EmailToSend> = {}): EmailToSend {
  const actionId = newId('dunningAction');
  return {
    actionId,
    customerId: null,
    recipient: 'ap@alfa.example',
    subject: 'Invoice 2026-001 is due on 5 March',
    text: 'Dear customer,\n\nA friendly reminder.',
    html: '<p>Dear customer,</p><p>A friendly reminder.</p>',
    sendAfter: new Date(T0).toISOString(),
    messageId: messageIdFor(actionId, 'email', 'duly.invalid'),
    ...over,
  };
}

let sink: SmtpSink;
let transport: Transport;
beforeAll(async () => {
  sink = await startSmtpSink();
  transport = createTransport(sink.url, { sendTimeoutMs: 5_000 });
});
afterAll(async () => {
  transport.close();
  await sink.close();
});

describeEachEngine('the outbox and its dispatcher', (ctx) => {
  const db = () => ctx().handle.db;
  let orgId: string;
  beforeAll(async () => {
    orgId = (await org(db())).id;
  });
  beforeEach(async () => {
    // The dispatcher serves every organisation: each test starts from an empty outbox.
    await db().deleteFrom('outbox').execute();
    sink.reset();
  });
  const enqueue = (over: Partial<EmailToSend> = {}) => enqueueEmail(db(), orgId, email(over));
  const dispatch = (now: number, t: Transport | null = transport, more = {}) =>
    dispatchOutbox(db(), t, { owner: 'test-dispatcher', now: at(now), ...more });
  const message = async (id: string) => (await getOutboxMessage(db(), orgId, id))!;

  it('sends a due message once, with its stored Message-ID, and records it as sent', async () => {
    const m = await enqueue();
    expect(m).toMatchObject({ status: 'pending', created: true });
    expect(await dispatch(T0)).toEqual({ sent: 1, failed: 0, held: 0, retried: 0, leaseLost: 0 });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]).toMatchObject({
      messageId: m.messageId,
      to: ['ap@alfa.example'],
      from: 'duly@127.0.0.1',
      subject: 'Invoice 2026-001 is due on 5 March',
      text: 'Dear customer,\n\nA friendly reminder.',
      html: '<p>Dear customer,</p><p>A friendly reminder.</p>',
    });
    expect(await message(m.id)).toMatchObject({
      status: 'sent',
      delivered: true,
      attempts: 1,
      sentAt: new Date(T0).toISOString(),
      lastError: null,
    });
    expect(await dispatch(T0 + MINUTE)).toMatchObject({ sent: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it("sends in the organisation's name from the SMTP account's address, with replies to the organisation", async () => {
    const actionId = newId('dunningAction');
    const m = await enqueue({
      actionId,
      messageId: messageIdFor(actionId, 'email', messageIdDomain('pohledavky@kovar.cz')),
      senderName: 'Strojírny Kovář s.r.o.',
      replyTo: 'pohledavky@kovar.cz',
    });
    await dispatch(T0);
    expect(sink.received[0]).toMatchObject({
      messageId: `<${actionId}.email@kovar.cz>`,
      from: 'duly@127.0.0.1',
      fromHeader: '"Strojírny Kovář s.r.o." <duly@127.0.0.1>',
      replyTo: 'pohledavky@kovar.cz',
    });
    expect(m.messageId).toBe(`<${actionId}.email@kovar.cz>`);
    // Without an organisation name and email, the account's own From and no Reply-To.
    sink.reset();
    await db().deleteFrom('outbox').execute();
    await enqueue();
    await dispatch(T0);
    expect(sink.received[0]).toMatchObject({ fromHeader: 'duly@127.0.0.1', replyTo: '' });
  });

  it('takes a second enqueue of the same Message-ID as a no-op', async () => {
    const msg = email();
    const first = await enqueueEmail(db(), orgId, msg);
    const again = await enqueueEmail(db(), orgId, { ...msg, subject: 'changed' });
    expect(again).toEqual({ ...first, created: false });
    const page = await listOutbox(db(), orgId, {}, { limit: 10, after: null });
    expect(page.data.map((d) => [d.id, d.subject])).toEqual([[first.id, msg.subject]]);
  });

  it('takes the same enqueue inside a PostgreSQL transaction without aborting it', async () => {
    const msg = email();
    await db()
      .transaction()
      .execute(async (trx) => {
        await enqueueEmail(trx, orgId, msg);
        expect((await enqueueEmail(trx, orgId, msg)).created).toBe(false);
        // Still usable: a failed INSERT would have aborted a PostgreSQL transaction here.
        await enqueueEmail(trx, orgId, email());
      });
    expect((await listOutbox(db(), orgId, {}, { limit: 10, after: null })).data).toHaveLength(2);
  });

  it('records a message with no address as failed, says why, and never sends it', async () => {
    const none = await enqueue({ recipient: null });
    const bad = await enqueue({ recipient: 'accounts at alfa' });
    expect([none.status, bad.status]).toEqual(['failed', 'failed']);
    expect(await dispatch(T0)).toMatchObject({ sent: 0, failed: 0 });
    expect(sink.received).toHaveLength(0);
    expect((await message(none.id)).lastError).toBe(NO_RECIPIENT);
    expect((await message(bad.id)).lastError).toMatch(/"accounts at alfa" is not an email address/);
  });

  it('waits for send_after: nothing before the sending window opens', async () => {
    const m = await enqueue({ sendAfter: '2026-03-05T10:00:00+01:00' });
    expect((await message(m.id)).sendAfter).toBe('2026-03-05T09:00:00.000Z');
    expect(await dispatch(T0 - 1)).toMatchObject({ sent: 0 });
    expect(await dispatch(T0)).toMatchObject({ sent: 1 });
  });

  it('retries a 4xx refusal later and then sends it once', async () => {
    sink.refuse = (_rcpt, seen) =>
      seen === 1 ? { code: 451, message: 'greylisted, try again later' } : null;
    const m = await enqueue();
    expect(await dispatch(T0)).toMatchObject({ sent: 0, retried: 1 });
    expect(await message(m.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      sendAfter: new Date(T0 + MINUTE).toISOString(),
      lastError: expect.stringMatching(/^451 .*greylisted/),
      leaseOwner: null,
    });
    expect(await dispatch(T0 + MINUTE - 1)).toMatchObject({ sent: 0, retried: 0 });
    expect(await dispatch(T0 + MINUTE)).toMatchObject({ sent: 1 });
    expect(await message(m.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(sink.received.map((r) => r.messageId)).toEqual([m.messageId]);
  });

  it('fails a 5xx refusal at once and keeps the reason', async () => {
    sink.refuse = () => ({ code: 550, message: 'no such mailbox' });
    const m = await enqueue();
    expect(await dispatch(T0)).toMatchObject({ sent: 0, failed: 1 });
    expect(await message(m.id)).toMatchObject({
      status: 'failed',
      delivered: false,
      attempts: 1,
      lastError: expect.stringMatching(/^550 .*no such mailbox/),
    });
    expect(await dispatch(T0 + 3_600_000)).toMatchObject({ sent: 0, failed: 0 });
    expect(sink.received).toHaveLength(0);
  });

  it('gives up after the last temporary failure', async () => {
    sink.refuse = () => ({ code: 452, message: 'mailbox full' });
    const m = await enqueue();
    let now = T0;
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      expect(await dispatch(now)).toMatchObject({ retried: 1 });
      now += 3 * 3_600_000;
    }
    expect(await dispatch(now)).toMatchObject({ failed: 1 });
    expect(await message(m.id)).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      lastError: expect.stringMatching(new RegExp(`^gave up after ${MAX_ATTEMPTS} attempts: 452`)),
    });
  });

  it('recovers a message whose dispatcher died (lease expired) and leaves a live lease alone', async () => {
    const dead = await enqueue();
    const busy = await enqueue();
    // Two claims by dispatchers that are gone or still working: as a crash leaves the rows.
    await db()
      .updateTable('outbox')
      .set({
        status: 'sending',
        lease_owner: 'crashed',
        lease_until: new Date(T0 - 1).toISOString(),
        attempts: 1,
      })
      .where('id', '=', dead.id)
      .execute();
    await db()
      .updateTable('outbox')
      .set({
        status: 'sending',
        lease_owner: 'alive',
        lease_until: new Date(T0 + MINUTE).toISOString(),
        attempts: 1,
      })
      .where('id', '=', busy.id)
      .execute();
    expect(await dispatch(T0)).toMatchObject({ sent: 1 });
    expect(sink.received.map((r) => r.messageId)).toEqual([dead.messageId]);
    expect(await message(dead.id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      leaseOwner: 'test-dispatcher',
    });
    expect(await message(busy.id)).toMatchObject({ status: 'sending', leaseOwner: 'alive', attempts: 1 });
    // The live lease runs out without its dispatcher coming back: the message is sent after all.
    expect(await dispatch(T0 + MINUTE + 1)).toMatchObject({ sent: 1 });
    expect(sink.received.map((r) => r.messageId)).toEqual([dead.messageId, busy.messageId]);
  });

  it('marks a message sent only while the lease is still the dispatcher’s', async () => {
    const m = await enqueue();
    const leaseUntil = new Date(T0 + MINUTE).toISOString();
    const [row] = await claimDue(db(), {
      owner: 'a',
      now: new Date(T0).toISOString(),
      leaseUntil,
      limit: 10,
    });
    expect(row?.id).toBe(m.id);
    // Lease expired and reclaimed by b: a's late result must not overwrite b's claim.
    const later = new Date(T0 + 2 * MINUTE).toISOString();
    const stolen = await claimDue(db(), {
      owner: 'b',
      now: new Date(T0 + MINUTE + 1).toISOString(),
      leaseUntil: later,
      limit: 10,
    });
    expect(stolen.map((r) => r.id)).toEqual([m.id]);
    expect(await markSent(db(), { id: m.id, owner: 'a', leaseUntil }, new Date(T0).toISOString())).toBe(
      false,
    );
    expect(
      await markSent(db(), { id: m.id, owner: 'b', leaseUntil: later }, new Date(T0).toISOString()),
    ).toBe(true);
  });

  it('holds due messages when no SMTP is configured, and sends them once it is', async () => {
    const m = await enqueue();
    const notYet = await enqueue({ sendAfter: new Date(T0 + MINUTE).toISOString() });
    expect(await dispatch(T0, null)).toEqual({ sent: 0, failed: 0, held: 1, retried: 0, leaseLost: 0 });
    expect(await message(m.id)).toMatchObject({
      status: 'held',
      delivered: false,
      lastError: NOT_DELIVERED_NO_SMTP,
      attempts: 0,
    });
    expect((await message(notYet.id)).status).toBe('pending');
    expect(
      (await listOutbox(db(), orgId, { status: 'held' }, { limit: 10, after: null })).data.map((d) => d.id),
    ).toEqual([m.id]);
    expect(await dispatch(T0 + MINUTE, null)).toMatchObject({ held: 1 });
    expect(sink.received).toHaveLength(0);
    expect(await dispatch(T0 + MINUTE)).toMatchObject({ sent: 2 });
    expect(await message(m.id)).toMatchObject({ status: 'sent', lastError: null, attempts: 1 });
  });

  it('stops at a dead SMTP server and gives the rest of the batch back untried', async () => {
    const dead = await startSmtpSink();
    await dead.close();
    const down = createTransport(dead.url, { sendTimeoutMs: 2_000 });
    const ids = [(await enqueue()).id, (await enqueue()).id, (await enqueue()).id];
    try {
      expect(await dispatch(T0, down)).toMatchObject({ sent: 0, retried: 1, failed: 0 });
    } finally {
      down.close();
    }
    const rows = await Promise.all(ids.map(message));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(rows[0]!.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(await dispatch(T0)).toMatchObject({ sent: 2 });
  });

  it('stops when asked (shutdown) and gives the claimed messages back untried', async () => {
    const ids = [(await enqueue()).id, (await enqueue()).id];
    const stop = new AbortController();
    let sends = 0;
    const stopping: Transport = {
      ...transport,
      async send(mail) {
        await transport.send(mail);
        sends++;
        stop.abort();
      },
      close() {},
    };
    expect(await dispatch(T0, stopping, { signal: stop.signal })).toMatchObject({ sent: 1 });
    expect(sends).toBe(1);
    const rows = await Promise.all(ids.map(message));
    expect(rows.map((r) => [r.status, r.attempts, r.leaseOwner])).toEqual([
      ['sent', 1, 'test-dispatcher'],
      ['pending', 0, null],
    ]);
  });

  it('works through more messages than one batch', async () => {
    for (let i = 0; i < 7; i++) await enqueue({ recipient: `ap${i}@alfa.example` });
    expect(await dispatch(T0, transport, { batchSize: 3 })).toMatchObject({ sent: 7 });
    expect(new Set(sink.received.map((r) => r.messageId)).size).toBe(7);
  });
});

/** Two dispatchers, each with its own connection(s), racing over one outbox. */
for (const engine of ['sqlite', 'postgres'] as const) {
  const run = engine === 'postgres' && !POSTGRES_URL ? describe.skip : describe;
  run(`two dispatchers in parallel [${engine}]`, () => {
    let handles: DatabaseHandle[] = [];
    let cleanup: () => Promise<void> = async () => {};
    beforeAll(async () => {
      let url: string;
      if (engine === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'duly-outbox-'));
        url = join(dir, 'duly.db');
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const pgdb = await createPgDatabase(POSTGRES_URL!);
        url = pgdb.url;
        cleanup = pgdb.drop;
      }
      handles = [openDatabase(url), openDatabase(url)];
      await migrateToLatest(handles[0]!.db);
    });
    afterAll(async () => {
      for (const h of handles) await h.close();
      await cleanup();
    });

    it('never sends the same message twice', async () => {
      sink.reset();
      const [a, b] = handles.map((h) => h.db) as [Db, Db];
      const o = await org(a);
      const n = 120;
      for (let i = 0; i < n; i++) await enqueueEmail(a, o.id, email({ recipient: `ap${i}@alfa.example` }));
      const transports = [createTransport(sink.url), createTransport(sink.url)];
      try {
        const [ra, rb] = await Promise.all(
          [a, b].map((d, i) =>
            dispatchOutbox(d, transports[i]!, { owner: `dispatcher-${i}`, now: at(T0), batchSize: 4 }),
          ),
        );
        expect(ra!.sent + rb!.sent).toBe(n);
        expect(ra!.leaseLost + rb!.leaseLost).toBe(0);
        // Both took part, or the test proved nothing about the race.
        expect(Math.min(ra!.sent, rb!.sent)).toBeGreaterThan(0);
      } finally {
        for (const t of transports) t.close();
      }
      const ids = sink.received.map((r) => r.messageId);
      expect(ids).toHaveLength(n);
      expect(new Set(ids).size).toBe(n);
      const rows = await a.selectFrom('outbox').select(['status', 'attempts']).execute();
      expect(rows.every((r) => r.status === 'sent' && Number(r.attempts) === 1)).toBe(true);
    });
  });
}
