/**
 * `npm run bench:ledger [-- --customers 100000 --invoices 1000000 --engines sqlite,postgres --seed 1]`
 *
 * Generates deterministic CSV files (bench/out/), imports them through Duly's own import path
 * (importCustomersCsv, importInvoicesCsv) into a fresh SQLite file and a fresh PostgreSQL database,
 * checks what was written, then measures the raw floor in the same run: the same rows, pre-built in
 * memory, written with plain prepared INSERTs in one transaction (SQLite) or COPY (PostgreSQL) into
 * another fresh schema. Prints rows/s and the ratio import time / floor time (goal: <= 2).
 *
 * PostgreSQL: databases are created and dropped through BENCH_DATABASE_URL, else TEST_DATABASE_URL,
 * else postgres://postgres@127.0.0.1:5432/test.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type DatabaseHandle, type Engine, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { importCustomersCsv } from '../src/imports/import-customers.ts';
import { importInvoicesCsv } from '../src/imports/import-invoices.ts';
import type { ImportSummary } from '../src/imports/import-run.ts';
import { nowIso } from '../src/kernel/clock.ts';
import type { Result } from '../src/kernel/errors.ts';
import { orgInput } from '../src/orgs/organization.ts';
import { createOrganization } from '../src/orgs/organizations.repository.ts';
import { cpuMark, cpuSpent } from './cpu.ts';
import { customerRows, type FloorResult, invoiceRows, writeFloor } from './floor.ts';
import { DATA_VERSION, writeCustomersCsv, writeInvoicesCsv } from './generate.ts';
import { type Expected, verify } from './verify.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    invoices: { type: 'string', default: '1000000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    seed: { type: 'string', default: '1' },
  },
});
const CUSTOMERS = Number(args.customers);
const INVOICES = Number(args.invoices);
const SEED = Number(args.seed);
const ENGINES = args.engines.split(',').map((e) => e.trim()) as Engine[];
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const FLOOR_CHUNK = 50_000;

const log = (msg: string) => console.log(`[bench] ${msg}`);

async function freshDatabase(
  engine: Engine,
  label: string,
): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const file = join(OUT, `${label}.db`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const handle = openDatabase(file);
    await migrateToLatest(handle.db);
    return {
      handle,
      drop: async () => {
        await handle.close();
        for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      },
    };
  }
  const name = `duly_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  await migrateToLatest(handle.db);
  return {
    handle,
    drop: async () => {
      await handle.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function unwrap(r: Result<ImportSummary>): ImportSummary {
  if (!r.ok)
    throw new Error(
      `import failed: ${r.error.message}\n${JSON.stringify(r.error.errors?.slice(0, 5), null, 2)}`,
    );
  return r.value;
}

interface Measure {
  readonly engine: Engine;
  readonly phase: 'customers' | 'invoices';
  readonly rows: number;
  readonly seconds: number;
  readonly cpu: readonly [number, number];
  readonly floor: FloorResult;
}

interface Phase {
  readonly rows: number;
  readonly seconds: number;
  readonly cpu: readonly [number, number];
}

async function importPhase(
  handle: DatabaseHandle,
  run: () => Promise<Result<ImportSummary>>,
): Promise<Phase> {
  const before = await cpuMark(handle);
  const t0 = performance.now();
  const summary = unwrap(await run());
  const seconds = (performance.now() - t0) / 1000;
  return { rows: summary.rowsWritten, seconds, cpu: cpuSpent(before, await cpuMark(handle)) };
}

async function runEngine(
  engine: Engine,
  files: { customers: string; invoices: string },
  expected: Expected,
): Promise<Measure[]> {
  const imp = await freshDatabase(engine, 'import');
  let customers: Phase;
  let invoices: Phase;
  try {
    const org = await createOrganization(
      imp.handle.db,
      orgInput.parse({ legalName: 'Bench s.r.o.', country: 'CZ' }),
    );
    log(`${engine}: importing ${CUSTOMERS} customers`);
    customers = await importPhase(imp.handle, () =>
      importCustomersCsv(imp.handle, org, createReadStream(files.customers)),
    );
    log(`${engine}: importing ${INVOICES} invoices`);
    invoices = await importPhase(imp.handle, () =>
      importInvoicesCsv(imp.handle, org.id, createReadStream(files.invoices)),
    );
    await verify(imp.handle.db, org.id, expected, 'import');
  } finally {
    await imp.drop();
  }

  const floor = await freshDatabase(engine, 'floor');
  try {
    const org = await createOrganization(
      floor.handle.db,
      orgInput.parse({ legalName: 'Bench s.r.o.', country: 'CZ' }),
    );
    const now = nowIso();
    log(`${engine}: floor, customers`);
    const built = customerRows(SEED, CUSTOMERS, org.id, now);
    const floorCustomers = await writeFloor(floor.handle, [built.rows]);
    log(`${engine}: floor, invoices`);
    function* chunks() {
      for (let from = 0; from < INVOICES; from += FLOOR_CHUNK) {
        yield invoiceRows(
          SEED,
          from,
          Math.min(INVOICES, from + FLOOR_CHUNK),
          CUSTOMERS,
          built.customers,
          org.id,
          now,
        );
      }
    }
    const floorInvoices = await writeFloor(floor.handle, chunks());
    await verify(floor.handle.db, org.id, expected, 'floor');
    return [
      { engine, phase: 'customers', ...customers, floor: floorCustomers },
      { engine, phase: 'invoices', ...invoices, floor: floorInvoices },
    ];
  } finally {
    await floor.drop();
  }
}

function printTable(rows: readonly Measure[]): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const cpu = (c: readonly [number, number]) => c[0] + c[1];
  const table = rows.map((m) => {
    const rate = m.rows / m.seconds;
    const floorRate = m.floor.rows / m.floor.seconds;
    const cpuRatio = cpu(m.cpu) / m.rows / (cpu(m.floor.cpu) / m.floor.rows);
    return [
      m.engine,
      m.phase,
      fmt(m.rows),
      m.seconds.toFixed(1),
      fmt(rate),
      fmt(floorRate),
      (floorRate / rate).toFixed(2),
      `${m.cpu[0].toFixed(1)} + ${m.cpu[1].toFixed(1)}`,
      `${m.floor.cpu[0].toFixed(1)} + ${m.floor.cpu[1].toFixed(1)}`,
      cpuRatio.toFixed(2),
    ];
  });
  const head = [
    'engine',
    'phase',
    'rows written',
    'seconds',
    'rows/s',
    'floor rows/s',
    'ratio',
    'cpu s',
    'floor cpu s',
    'cpu ratio',
  ];
  const widths = head.map((h, k) => Math.max(h.length, ...table.map((r) => r[k]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, k) => (k < 2 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join(' | ')} |`;
  console.log(
    `\n${line(head)}\n|${widths.map((w, k) => (k < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const r of table) console.log(line(r));
  console.log(
    [
      '',
      'rows written: customers phase = customers + contacts + tags + IBANs; invoices phase = invoices + lines + ledger entries.',
      'ratio = floor rows/s / import rows/s, wall clock (goal <= 2).',
      'cpu s = this process + PostgreSQL backends; cpu ratio compares CPU seconds per row, which other load on the machine',
      'does not inflate (wall clock on a shared machine does).',
    ].join('\n'),
  );
}

mkdirSync(OUT, { recursive: true });
const files = {
  customers: join(OUT, `customers-v${DATA_VERSION}-s${SEED}-${CUSTOMERS}.csv`),
  invoices: join(OUT, `invoices-v${DATA_VERSION}-s${SEED}-${CUSTOMERS}-${INVOICES}.csv`),
};
log(
  `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, node ${process.version}`,
);
const t0 = performance.now();
await writeCustomersCsv(files.customers, SEED, CUSTOMERS);
const gen = await writeInvoicesCsv(files.invoices, SEED, INVOICES, CUSTOMERS);
const size = (f: string) => `${(statSync(f).size / 1e6).toFixed(0)} MB`;
log(
  `generated ${files.customers} (${size(files.customers)}) and ${files.invoices} (${size(files.invoices)}, ` +
    `${gen.lines} lines) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const expected: Expected = { customers: CUSTOMERS, invoices: INVOICES, lines: gen.lines, total: gen.total };
const results: Measure[] = [];
for (const engine of ENGINES) results.push(...(await runEngine(engine, files, expected)));
printTable(results);
log(
  `load at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
