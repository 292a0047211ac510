/**
 * The process the crash test kills: `node bin/tsx.mjs test/crash/worker.ts`, configured by the
 * JSON in CRASH_CONFIG. It loops "write some work, then dispatch the outbox" until there is
 * nothing left, picking up wherever the previous (killed) instance stopped:
 *
 * - mode `dunning`: for the next date after the last recorded run (each run is one transaction):
 *   issue that day's new invoices (one transaction, numbered by date, so a repeat is skipped),
 *   runDunning, then dispatchOutbox. New business every day keeps reminders flowing for as
 *   many days as the kills last;
 * - mode `outbox`: enqueues the next `batch` of `total` messages in one transaction (deterministic
 *   Message-IDs, so a repeated batch is a no-op), then dispatchOutbox.
 *
 * On stdout it prints `loaded` once its code is loaded, `ready` once connected and warmed up, `phase run|dispatch` before each step (Linux pipes
 * are written synchronously, so the parent knows the phase a kill landed in) and `done` at the end.
 */
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { dispatchOutbox } from '../../src/dunning/dispatcher.ts';
import { enqueueEmail } from '../../src/dunning/outbox.repository.ts';
import { messageIdFor } from '../../src/dunning/outbox.ts';
import { runDunning } from '../../src/dunning/run.ts';
import { createTransport } from '../../src/dunning/smtp.ts';
import { addDays, type IsoDate } from '../../src/kernel/dates.ts';
import { invoiceInput } from '../../src/ledger/invoice.ts';
import { createInvoice } from '../../src/ledger/invoices.repository.ts';

export interface CrashConfig {
  readonly mode: 'dunning' | 'outbox';
  readonly databaseUrl: string;
  readonly smtpUrl: string;
  /** Unique per process: the dispatcher's lease owner and the EHLO name the SMTP server records. */
  readonly instance: string;
  readonly orgId: string;
  readonly leaseMs: number;
  readonly sendTimeoutMs: number;
  readonly batchSize: number;
  /** mode dunning: the dates to run, inclusive. */
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** mode dunning: new invoices issued per day. */
  readonly invoicesPerDay?: number;
  /** mode outbox: how many messages, enqueued `batch` at a time. */
  readonly total?: number;
  readonly batch?: number;
  /** Write nothing new, only send what is in the outbox (the final, unkilled instance). */
  readonly drainOnly?: boolean;
  /**
   * Load the code, then wait for a `go` line on stdin before touching the database: the parent
   * starts the next worker while the current one runs, so the kills are not spaced by start-up.
   */
  readonly waitForGo?: boolean;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

say('loaded');
const cfg = JSON.parse(process.env.CRASH_CONFIG ?? '') as CrashConfig;
if (cfg.waitForGo) {
  const lines = createInterface({ input: process.stdin });
  await new Promise((resolve) => lines.once('line', resolve));
  lines.close();
  process.stdin.destroy();
}
const { db } = openDatabase(cfg.databaseUrl);
const transport = createTransport(cfg.smtpUrl, { sendTimeoutMs: cfg.sendTimeoutMs, name: cfg.instance });
const dispatchOptions = {
  owner: cfg.instance,
  now: () => new Date(),
  leaseMs: cfg.leaseMs,
  batchSize: cfg.batchSize,
};

let customers: string[] | undefined;

/** A day of business: a few invoices to customers taken in turn, due in 14 days. */
async function issueInvoices(date: IsoDate): Promise<void> {
  customers ??= (
    await db.selectFrom('customers').select('id').where('org_id', '=', cfg.orgId).orderBy('id').execute()
  ).map((c) => c.id);
  const day = Math.round((Date.parse(date) - Date.parse(cfg.from!)) / 86_400_000);
  await db.transaction().execute(async (trx) => {
    const issued = await trx
      .selectFrom('invoices')
      .select('id')
      .where('org_id', '=', cfg.orgId)
      .where('number', '=', `CR-${date}-0`)
      .executeTakeFirst();
    if (issued) return;
    for (let k = 0; k < cfg.invoicesPerDay!; k++) {
      const input = invoiceInput.parse({
        customerId: customers![(day * cfg.invoicesPerDay! + k) % customers!.length],
        number: `CR-${date}-${k}`,
        issueDate: date,
        dueDate: addDays(date, 14),
        lines: [{ description: 'Spare parts', quantity: 1 + k, unitPrice: 125_000, vatRate: 21 }],
      });
      const r = await createInvoice(trx, cfg.orgId, input, date);
      if (!r.ok) throw new Error(`invoice ${input.number}: ${r.error.message}`);
    }
  });
}

/** One step of new work; false when all of it is written. */
async function writeMore(): Promise<boolean> {
  if (cfg.drainOnly) return false;
  if (cfg.mode === 'dunning') {
    const last = await db
      .selectFrom('dunning_runs')
      .select((eb) => eb.fn.max('run_date').as('d'))
      .where('org_id', '=', cfg.orgId)
      .executeTakeFirst();
    const next = last?.d ? addDays(last.d, 1) : cfg.from!;
    if (next > cfg.to!) return false;
    say('phase invoices');
    await issueInvoices(next);
    say('phase run');
    await runDunning(db, cfg.orgId, { asOf: next, now: new Date().toISOString(), trigger: 'scheduler' });
    return true;
  }
  const { n } = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', cfg.orgId)
    .executeTakeFirstOrThrow();
  const done = Number(n);
  if (done >= cfg.total!) return false;
  say('phase run');
  await db.transaction().execute(async (trx) => {
    for (let i = done; i < Math.min(done + cfg.batch!, cfg.total!); i++) {
      await enqueueEmail(trx, cfg.orgId, {
        actionId: null,
        customerId: null,
        recipient: `customer${i}@crash.example`,
        subject: `Reminder ${i}`,
        text: `Message ${i}: your invoice is overdue.`,
        html: null,
        sendAfter: '2026-01-01T00:00:00Z',
        messageId: messageIdFor(`crash${i}`, 'email', 'crash.duly.invalid'),
      });
    }
  });
  return true;
}

/** Messages still to send now: due ones, and claims of killed workers waiting for their lease. */
async function unsent(): Promise<number> {
  const now = new Date().toISOString();
  const { n } = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['pending', 'held']), eb('send_after', '<=', now)]),
        eb('status', '=', 'sending'),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(n);
}

await sql`select 1`.execute(db);
if (cfg.mode === 'dunning' && !cfg.drainOnly) {
  // Warm up (templates, holiday tables) before `ready`, so the kills land in real work.
  await runDunning(db, cfg.orgId, {
    asOf: cfg.from!,
    now: new Date().toISOString(),
    trigger: 'scheduler',
    dryRun: true,
  });
}
say('ready');
for (;;) {
  const wrote = await writeMore();
  say('phase dispatch');
  await dispatchOutbox(db, transport, dispatchOptions);
  // A killed predecessor's claims come back only when their lease expires: wait for them.
  if (!wrote) {
    if ((await unsent()) === 0) break;
    await sleep(50);
  }
}
transport.close();
await db.destroy();
say('done');
