/**
 * `npm run bench:dunning [-- --customers 100000 --invoices 1000000 --engines sqlite,postgres --as-of 2026-03-16 --reuse-load]`
 *
 * Builds a fresh database per engine through Duly's bulk import path (importCustomersCsv,
 * importInvoicesCsv, from deterministic CSV files in bench/out/): customers with a billing email,
 * open invoices falling due over the 90 days before `asOf` and the 10 after. Then times ONE
 * dunning run (runDunning, not a dry run) for `asOf`, checks that everything it planned was
 * recorded (actions, items, outbox, tasks), times a second run for the same day (must create 0),
 * and measures the raw floor in the same process: one SQL scan of the open items plus one bulk
 * insert of as many action rows (bench/dunning-floor.ts). Prints invoices/s and run / floor.
 *
 * --reuse-load keeps the loaded database (bench/out/*-loaded.db, a PostgreSQL template database) and
 * starts the next run with it instead of importing again: for working on the run, not for the table.
 *
 * PostgreSQL: databases are created and dropped through BENCH_DATABASE_URL, else TEST_DATABASE_URL,
 * else postgres://postgres@127.0.0.1:5432/test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, type Engine, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { runDunning } from '../src/dunning/run.ts';
import { importCustomersCsv } from '../src/imports/import-customers.ts';
import { importInvoicesCsv } from '../src/imports/import-invoices.ts';
import type { ImportSummary } from '../src/imports/import-run.ts';
import { isIsoDate } from '../src/kernel/dates.ts';
import type { Result } from '../src/kernel/errors.ts';
import { orgInput } from '../src/orgs/organization.ts';
import { createOrganization } from '../src/orgs/organizations.repository.ts';
import { cpuMark, cpuSpent } from './cpu.ts';
import { DUNNING_DATA_VERSION, writeDunningCustomersCsv, writeDunningInvoicesCsv } from './dunning-data.ts';
import { insertActionsFloor, scanOpenItems } from './dunning-floor.ts';
import { verifyRun } from './dunning-verify.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    invoices: { type: 'string', default: '1000000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    'as-of': { type: 'string', default: '2026-03-16' },
    seed: { type: 'string', default: '1' },
    'reuse-load': { type: 'boolean', default: false },
  },
});
/** Keeps the loaded database (a file copy, a PostgreSQL template) and starts from it next time. */
const REUSE = args['reuse-load'];
const CUSTOMERS = Number(args.customers);
const INVOICES = Number(args.invoices);
const SEED = Number(args.seed);
const AS_OF = args['as-of'];
if (!isIsoDate(AS_OF)) throw new Error(`--as-of must be YYYY-MM-DD, got ${AS_OF}`);
// Late morning UTC: inside the sending window of every customer zone on a weekday.
const NOW = `${AS_OF}T10:00:00.000Z`;
const ENGINES = args.engines.split(',').map((e) => e.trim()) as Engine[];
const STEM = `dunning-v${DUNNING_DATA_VERSION}-s${SEED}-${AS_OF}-${CUSTOMERS}-${INVOICES}`;
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

const log = (msg: string) => console.log(`[bench] ${msg}`);
const secondsSince = (t0: number) => (performance.now() - t0) / 1000;

interface FreshDatabase {
  readonly handle: DatabaseHandle;
  /** True when the data came from a kept snapshot (--reuse-load): skip the import. */
  readonly loaded: boolean;
  /** Keeps the loaded state for the next --reuse-load run; use the handle it returns from then on. */
  readonly snapshot: () => Promise<DatabaseHandle>;
  readonly drop: () => Promise<void>;
}

async function freshDatabase(engine: Engine, stem: string): Promise<FreshDatabase> {
  if (engine === 'sqlite') {
    const file = join(OUT, 'dunning.db');
    const kept = join(OUT, `${stem}-loaded.db`);
    const files = [file, `${file}-wal`, `${file}-shm`];
    for (const f of files) rmSync(f, { force: true });
    const loaded = REUSE && existsSync(kept);
    if (loaded) copyFileSync(kept, file);
    const handle = openDatabase(file);
    await migrateToLatest(handle.db);
    return {
      handle,
      loaded,
      snapshot: async () => {
        if (!REUSE) return handle;
        if (handle.raw.engine === 'sqlite') handle.raw.sqlite.pragma('wal_checkpoint(TRUNCATE)');
        copyFileSync(file, `${kept}.tmp`);
        renameSync(`${kept}.tmp`, kept);
        return handle;
      },
      drop: async () => {
        await handle.close();
        for (const f of files) rmSync(f, { force: true });
      },
    };
  }
  const name = `duly_bench_dunning_${randomBytes(5).toString('hex')}`;
  const template = `duly_bench_dunning_loaded_${createHash('sha1').update(stem).digest('hex').slice(0, 10)}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  const exists = async (db: string) => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    try {
      return (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount === 1;
    } finally {
      await c.end();
    }
  };
  const loaded = REUSE && (await exists(template));
  await admin(loaded ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let handle = openDatabase(url.toString());
  await migrateToLatest(handle.db);
  return {
    handle,
    loaded,
    snapshot: async () => {
      if (!REUSE) return handle;
      // CREATE DATABASE ... TEMPLATE needs the source without connections.
      await handle.close();
      await admin(`DROP DATABASE IF EXISTS ${template}`);
      await admin(`CREATE DATABASE ${template} TEMPLATE ${name}`);
      handle = openDatabase(url.toString());
      return handle;
    },
    drop: async () => {
      await handle.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function unwrap(r: Result<ImportSummary>): ImportSummary {
  if (!r.ok)
    throw new Error(`import failed: ${r.error.message}\n${JSON.stringify(r.error.errors?.slice(0, 5))}`);
  return r.value;
}

interface Measure {
  readonly engine: Engine;
  readonly loadSeconds: number;
  readonly invoices: number;
  readonly actions: number;
  readonly messages: number;
  readonly tasks: number;
  readonly runSeconds: number;
  readonly runCpu: readonly [number, number];
  readonly secondSeconds: number;
  readonly scanSeconds: number;
  readonly insertSeconds: number;
}

async function runEngine(engine: Engine, files: { customers: string; invoices: string }): Promise<Measure> {
  const fresh = await freshDatabase(engine, STEM);
  let handle = fresh.handle;
  try {
    let loadSeconds = 0;
    let orgId: string;
    if (fresh.loaded) {
      orgId = (await handle.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
      log(`${engine}: starting from the kept load (--reuse-load)`);
    } else {
      const org = await createOrganization(
        handle.db,
        orgInput.parse({
          legalName: 'Bench s.r.o.',
          country: 'CZ',
          email: 'pohledavky@bench.example',
          phone: '+420 555 123 456',
          bankAccounts: [
            { iban: 'CZ6508000000192000145399', currency: 'CZK', bankName: 'Česká spořitelna' },
            { iban: 'DE89370400440532013000', currency: 'EUR', bic: 'COBADEFFXXX' },
          ],
        }),
      );
      orgId = org.id;
      const t0 = performance.now();
      log(`${engine}: importing ${CUSTOMERS} customers and ${INVOICES} invoices`);
      unwrap(await importCustomersCsv(handle, org, createReadStream(files.customers)));
      const imported = unwrap(await importInvoicesCsv(handle, org.id, createReadStream(files.invoices)));
      loadSeconds = secondsSince(t0);
      // What autovacuum would do within a minute of a big import; without statistics PostgreSQL
      // plans the checks below (and the run's own queries) as if the tables were empty.
      if (engine === 'postgres') await sql`ANALYZE`.execute(handle.db);
      log(`${engine}: loaded in ${loadSeconds.toFixed(1)} s (${imported.rowsWritten} invoice rows written)`);
      handle = await fresh.snapshot();
    }
    const org = { id: orgId };

    const scan = await scanOpenItems(handle, org.id);
    log(`${engine}: floor scan: ${scan.rows} open items in ${scan.seconds.toFixed(2)} s`);
    if (scan.rows !== INVOICES)
      throw new Error(`expected ${INVOICES} open invoices, the scan found ${scan.rows}`);

    log(`${engine}: dunning run for ${AS_OF}`);
    const before = await cpuMark(handle);
    const t1 = performance.now();
    const run = await runDunning(handle.db, org.id, { asOf: AS_OF, now: NOW, trigger: 'cli' });
    const runSeconds = secondsSince(t1);
    const runCpu = cpuSpent(before, await cpuMark(handle));
    log(
      `${engine}: run: ${run.created} actions in ${runSeconds.toFixed(2)} s; skipped ${JSON.stringify(run.skipped)}`,
    );
    // Statistics for the tables the run filled (they were empty at the ANALYZE after the load).
    if (engine === 'postgres') await sql`ANALYZE`.execute(handle.db);
    const checked = await verifyRun(handle.db, org.id, run);
    log(`${engine}: verified: ${JSON.stringify(checked)}`);

    const t2 = performance.now();
    const second = await runDunning(handle.db, org.id, { asOf: AS_OF, now: NOW, trigger: 'cli' });
    const secondSeconds = secondsSince(t2);
    if (second.created !== 0)
      throw new Error(`the second run for ${AS_OF} created ${second.created} actions`);
    log(`${engine}: second run: 0 actions in ${secondSeconds.toFixed(2)} s`);

    const insert = await insertActionsFloor(handle, org.id, run.runId!);
    log(`${engine}: floor insert: ${insert.rows} action rows in ${insert.seconds.toFixed(2)} s`);
    return {
      engine,
      loadSeconds,
      invoices: scan.rows,
      actions: run.created,
      messages: checked.messages,
      tasks: checked.tasks,
      runSeconds,
      runCpu,
      secondSeconds,
      scanSeconds: scan.seconds,
      insertSeconds: insert.seconds,
    };
  } finally {
    await fresh.drop();
  }
}

function printTable(rows: readonly Measure[]): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const head = [
    'engine',
    'invoices',
    'actions',
    'messages',
    'run s',
    'invoices/s',
    'floor s (scan + insert)',
    'ratio',
    'run cpu s',
    '2nd run s',
  ];
  const table = rows.map((m) => {
    const floor = m.scanSeconds + m.insertSeconds;
    return [
      m.engine,
      fmt(m.invoices),
      fmt(m.actions),
      fmt(m.messages),
      m.runSeconds.toFixed(2),
      fmt(m.invoices / m.runSeconds),
      `${floor.toFixed(2)} (${m.scanSeconds.toFixed(2)} + ${m.insertSeconds.toFixed(2)})`,
      (m.runSeconds / floor).toFixed(2),
      `${m.runCpu[0].toFixed(1)} + ${m.runCpu[1].toFixed(1)}`,
      m.secondSeconds.toFixed(2),
    ];
  });
  const widths = head.map((h, k) => Math.max(h.length, ...table.map((r) => r[k]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join(' | ')} |`;
  console.log(
    `\n${line(head)}\n|${widths.map((w, k) => (k === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const r of table) console.log(line(r));
  console.log(
    [
      '',
      `One run for ${AS_OF} (now ${NOW}), not a dry run; messages = outbox emails, plus call/hand-off tasks.`,
      'ratio = run seconds / floor seconds (goal <= 2; goal on SQLite: run < 10 s).',
      'floor = one scan of the open items (the same query) + one bulk insert of as many action rows.',
      'run cpu s = this process + PostgreSQL backends; 2nd run = the same date again (creates 0 actions).',
      `load: ${rows.map((m) => `${m.engine} ${m.loadSeconds.toFixed(0)} s`).join(', ')} (bulk CSV import, not timed above).`,
    ].join('\n'),
  );
}

mkdirSync(OUT, { recursive: true });

const files = {
  customers: join(OUT, `dunning-v${DUNNING_DATA_VERSION}-s${SEED}-${AS_OF}-${CUSTOMERS}-customers.csv`),
  invoices: join(OUT, `${STEM}-invoices.csv`),
};
log(
  `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, node ${process.version}`,
);
/** Generated once and kept: written to a temporary name first, so a file that exists is whole. */
async function generate(path: string, write: (path: string) => Promise<void>): Promise<void> {
  if (existsSync(path)) return;
  await write(`${path}.tmp`);
  renameSync(`${path}.tmp`, path);
}
await generate(files.customers, (p) => writeDunningCustomersCsv(p, SEED, CUSTOMERS));
await generate(files.invoices, (p) => writeDunningInvoicesCsv(p, SEED, INVOICES, CUSTOMERS, AS_OF));
const results: Measure[] = [];
for (const engine of ENGINES) results.push(await runEngine(engine, files));
printTable(results);
log(
  `load at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
