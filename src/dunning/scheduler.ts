import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import { dispatchOutbox } from './dispatcher.ts';
import { produceLetters } from './letters.ts';
import { runDunning } from './run.ts';
import type { Transport } from './smtp.ts';

export interface SchedulerOptions {
  readonly intervalMs: number;
  readonly transport: Transport | null;
  readonly log: (line: string) => void;
}

/**
 * The loop inside `npm start`: every few minutes, for every organisation, run dunning for today,
 * render owed letters, and send what is due from the outbox. Every step is safe to repeat, so a
 * tick that overlaps a CLI run, a restart or a second server changes nothing twice. Ticks never
 * overlap within one process.
 */
export function startScheduler(db: Db, opts: SchedulerOptions): { stop: () => Promise<void> } {
  const owner = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  let running: Promise<void> | null = null;
  let stopped = false;
  // Shutdown stops the dispatcher after the message in flight, instead of waiting for a backlog.
  const abort = new AbortController();
  const tick = async () => {
    const orgs = await db.selectFrom('organizations').select('id').orderBy('id').execute();
    for (const { id } of orgs) {
      if (stopped) return;
      try {
        const summary = await runDunning(db, id, { now: new Date().toISOString(), trigger: 'scheduler' });
        if (summary.created > 0 || summary.errors.length > 0) {
          opts.log(`dunning ${id}: ${summary.created} actions, ${summary.errors.length} template errors`);
        }
        await produceLetters(db, id);
      } catch (e) {
        opts.log(`dunning ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    try {
      await dispatchOutbox(db, opts.transport, { owner, now: () => new Date(), signal: abort.signal });
    } catch (e) {
      opts.log(`outbox dispatch failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const fire = () => {
    if (running || stopped) return;
    running = tick().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(fire, opts.intervalMs);
  timer.unref();
  setTimeout(fire, 1000).unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      abort.abort();
      await running;
      opts.transport?.close();
    },
  };
}
