import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { org } from '../../test/builders.ts';
import { bundleWorker, checkOutbox, killRepeatedly, seededRandom } from '../../test/crash/harness.ts';
import { type SmtpSink, startSmtpSink } from '../../test/crash/smtp-sink.ts';
import type { CrashConfig } from '../../test/crash/worker.ts';
import { createPgDatabase, POSTGRES_URL } from '../../test/engines.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadDemo } from '../demo/demo.ts';
import { addDays, dateInZone } from '../kernel/dates.ts';

/**
 * The proof behind "never sent twice, never lost": a worker process runs dunning day after day
 * and dispatches the outbox to a real SMTP server; it is SIGKILLed at random points, restarted,
 * killed again, and finally left to finish. Then every outbox row must have reached the server
 * (0 losses) and no message may have reached it twice except through the one documented window
 * (dispatcher.ts): a kill after the server accepted DATA and before `sent` was committed, which
 * resends with the same Message-ID. Those redeliveries are counted and reported, not hidden.
 *
 * Environment: DULY_CRASH_TRIALS (default 30 per engine), DULY_CRASH_SEED (to replay a run),
 * DULY_CRASH_MODE (`dunning`, default; or `outbox`: the dispatcher alone, with a plain enqueue
 * loop), DULY_CRASH_REPORT (a file to append each run's numbers to, as JSON lines).
 */
const TRIALS = Number(process.env.DULY_CRASH_TRIALS ?? 30);
const SEED = Number(process.env.DULY_CRASH_SEED ?? Date.now() % 1_000_000);
const MODE = (process.env.DULY_CRASH_MODE ?? 'dunning') as CrashConfig['mode'];
const TODAY = dateInZone(new Date(), 'UTC');
/** Enough past days for every trial to find new ones (about 3 days per worker life). */
const FROM = addDays(TODAY, -Math.max(400, TRIALS * 5));

let sink: SmtpSink;
let worker: Awaited<ReturnType<typeof bundleWorker>>;
beforeAll(async () => {
  [sink, worker] = await Promise.all([startSmtpSink(), bundleWorker()]);
});
afterAll(async () => {
  await sink?.close();
  await worker?.remove();
});

for (const engine of ['sqlite', 'postgres'] as const) {
  const skip = engine === 'postgres' && !POSTGRES_URL;
  describe.skipIf(skip)(
    `crash test: SIGKILL during dunning runs and dispatch [${engine}${skip ? ': SKIPPED, set TEST_DATABASE_URL' : ''}]`,
    () => {
      let databaseUrl = '';
      let cleanup = async () => {};
      beforeAll(async () => {
        if (engine === 'sqlite') {
          const dir = mkdtempSync(join(tmpdir(), 'duly-crash-'));
          databaseUrl = join(dir, 'duly.db');
          cleanup = async () => rmSync(dir, { recursive: true, force: true });
        } else {
          const pg = await createPgDatabase(POSTGRES_URL!);
          databaseUrl = pg.url;
          cleanup = pg.drop;
        }
      });
      afterAll(() => cleanup());

      it(
        `loses nothing and sends nothing twice over ${TRIALS} random kills`,
        async () => {
          sink.reset();
          const handle = openDatabase(databaseUrl);
          try {
            await migrateToLatest(handle.db);
            const orgId =
              MODE === 'dunning'
                ? (await loadDemo(handle.db, { customers: 30, seed: 1, asOf: FROM })).org.id
                : (await org(handle.db)).id;
            const random = seededRandom(SEED);
            const started = Date.now();
            const { kills, finishedEarly } = await killRepeatedly({
              workerFile: worker.file,
              trials: TRIALS,
              // PostgreSQL runs take longer: give its workers as much work per life as SQLite's.
              maxDelayMs: engine === 'sqlite' ? 700 : 1_200,
              random,
              config: {
                mode: MODE,
                databaseUrl,
                smtpUrl: sink.url,
                orgId,
                leaseMs: 1_500,
                sendTimeoutMs: 1_000,
                batchSize: 5,
                from: FROM,
                // Runs stop short of today: later days' sending windows would not have opened yet.
                to: addDays(TODAY, -2),
                invoicesPerDay: 4,
                total: 10_000_000,
                batch: 10,
              },
            });

            const verdict = await checkOutbox(handle.db, sink.received, kills);
            const phases: Record<string, number> = {};
            for (const k of kills) phases[k.phase] = (phases[k.phase] ?? 0) + 1;
            const report = {
              engine,
              mode: MODE,
              seed: SEED,
              trials: TRIALS,
              kills: kills.length,
              killPhases: phases,
              finishedEarly,
              messages: verdict.messages,
              received: verdict.received,
              duplicates: verdict.duplicates.length,
              losses: verdict.losses.length,
              strays: verdict.strays.length,
              windowRedeliveries: verdict.windowRedeliveries.length,
              extraCopies: verdict.extraCopies,
              seconds: Math.round((Date.now() - started) / 100) / 10,
            };
            console.log(`[crash] ${JSON.stringify(report)}`);
            if (process.env.DULY_CRASH_REPORT)
              appendFileSync(process.env.DULY_CRASH_REPORT, `${JSON.stringify(report)}\n`);

            expect(verdict.messages, 'the workers wrote messages to send').toBeGreaterThan(0);
            expect(kills.length, 'most trials ended in a kill').toBeGreaterThan(TRIALS / 2);
            expect(verdict.losses).toEqual([]);
            expect(verdict.duplicates).toEqual([]);
            expect(verdict.strays).toEqual([]);
            // Each kill can land in the window at most once (one message on the wire at a time).
            expect(verdict.extraCopies).toBeLessThanOrEqual(kills.length);
            expect(verdict.received).toBe(verdict.messages + verdict.extraCopies);

            if (MODE === 'dunning') {
              // One message per action, and every email action has its message: the run wrote both
              // in one transaction, whichever moment it was killed at.
              const actions = await handle.db
                .selectFrom('dunning_actions as a')
                .leftJoin('outbox as o', 'o.action_id', 'a.id')
                .select([
                  'a.id',
                  'a.channels',
                  'a.status',
                  (eb) => eb.fn.count<number>('o.id').as('messages'),
                ])
                .groupBy(['a.id', 'a.channels', 'a.status'])
                .execute();
              const withEmail = actions.filter(
                (a) => a.channels.split(',').includes('email') && a.status !== 'pending_review',
              );
              expect(withEmail.length).toBeGreaterThan(0);
              expect(withEmail.filter((a) => Number(a.messages) !== 1)).toEqual([]);
              expect(actions.filter((a) => Number(a.messages) > 1)).toEqual([]);
            }
          } finally {
            await handle.close();
          }
        },
        Math.max(600_000, TRIALS * 5_000),
      );
    },
  );
}
