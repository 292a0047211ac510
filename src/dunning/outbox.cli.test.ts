import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { org } from '../../test/builders.ts';
import { type SmtpSink, startSmtpSink } from '../../test/crash/smtp-sink.ts';
import { createPgDatabase, POSTGRES_URL } from '../../test/engines.ts';
import { duly } from '../cli/testing.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { newId } from '../kernel/ids.ts';
import { enqueueEmail } from './outbox.repository.ts';
import { messageIdFor } from './outbox.ts';

let dir = '';
let sink: SmtpSink;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duly-outbox-cli-'));
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await rm(dir, { recursive: true, force: true });
});

/** Two messages due in the past, one without an address; returns their ids. */
async function seed(databaseUrl: string): Promise<{ held: string; failed: string; messageId: string }> {
  const handle = openDatabase(databaseUrl);
  try {
    await migrateToLatest(handle.db);
    const o = await org(handle.db);
    const put = async (recipient: string | null) => {
      const actionId = newId('dunningAction');
      return enqueueEmail(handle.db, o.id, {
        actionId,
        customerId: null,
        recipient,
        subject: 'Invoice 2026-001: a friendly reminder',
        text: 'Dear Ms Nováková,\n\nour invoice 2026-001 is due today.',
        html: null,
        sendAfter: '2026-03-05T08:00:00Z',
        messageId: messageIdFor(actionId, 'email', 'duly.invalid'),
      });
    };
    const held = await put('jana@alfa.example');
    const failed = await put(null);
    return { held: held.id, failed: failed.id, messageId: held.messageId };
  } finally {
    await handle.close();
  }
}

async function scenario(databaseUrl: string): Promise<void> {
  const ids = await seed(databaseUrl);
  const env = { DATABASE_URL: databaseUrl };

  // No DULY_SMTP_URL: nothing leaves, the due message is held and says why.
  const noSmtp = await duly(['outbox', 'send', '--json'], env);
  expect(noSmtp.code, noSmtp.stderr).toBe(0);
  expect(JSON.parse(noSmtp.stdout)).toMatchObject({ sent: 0, held: 1 });

  const [list, held, show, missing] = await Promise.all([
    duly(['outbox', 'list'], env),
    duly(['outbox', 'list', '--status', 'held', '--json'], env),
    duly(['outbox', 'show', ids.held], env),
    duly(['outbox', 'show', 'msg_01jd2x7k3m9q4r5s6t7v8w9x0y', '--json'], env),
  ]);
  expect(list.code, list.stderr).toBe(0);
  expect(list.stdout).toMatch(
    new RegExp(`^${ids.held} +held +2026-03-05 08:00 +jana@alfa.example +Invoice 2026-001`, 'm'),
  );
  expect(list.stdout).toMatch(new RegExp(`^${ids.failed} +failed .+\\(no address\\)`, 'm'));
  expect(list.stdout).toContain('held: not delivered: no SMTP configured (set DULY_SMTP_URL to send)');
  expect(list.stdout).toContain('failed: not delivered: the customer has no email address');
  expect((JSON.parse(held.stdout) as { data: { id: string; delivered: boolean }[] }).data).toEqual([
    expect.objectContaining({ id: ids.held, delivered: false }),
  ]);
  expect(show.code).toBe(0);
  expect(show.stdout).toContain(`Message ${ids.held}: held (not delivered)`);
  expect(show.stdout).toContain(`Message-ID:  ${ids.messageId}`);
  expect(show.stdout).toContain('our invoice 2026-001 is due today.');
  expect(missing.code).toBe(1);
  expect(JSON.parse(missing.stderr)).toMatchObject({ code: 'not_found', field: 'id' });

  // With SMTP configured the held message goes out, once.
  const sent = await duly(['outbox', 'send'], { ...env, DULY_SMTP_URL: sink.url });
  expect(sent.code, sent.stderr).toBe(0);
  expect(sent.stdout).toContain('Sent 1, failed 0');
  expect(sink.received.filter((r) => r.messageId === ids.messageId)).toHaveLength(1);
  const after = await duly(['outbox', 'show', ids.held, '--json'], env);
  expect(JSON.parse(after.stdout)).toMatchObject({ status: 'sent', delivered: true, lastError: null });
}

describe.concurrent('duly outbox', () => {
  it('lists, shows, holds without SMTP and sends with it, on a SQLite file', async () => {
    await scenario(join(dir, 'outbox.db'));
  }, 120_000);

  it.skipIf(!POSTGRES_URL)(
    `lists, shows, holds without SMTP and sends with it, on PostgreSQL${POSTGRES_URL ? '' : ' [SKIPPED: set TEST_DATABASE_URL]'}`,
    async () => {
      const pg = await createPgDatabase(POSTGRES_URL!);
      try {
        await scenario(pg.url);
      } finally {
        await pg.drop();
      }
    },
    120_000,
  );
});
