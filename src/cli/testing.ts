import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { openDatabase } from '../db/database.ts';

/**
 * Runs the real `duly` bin as a subprocess, the way a user or a script does. Only the variables a
 * test names are passed on, so a developer's own PORT or DATABASE_URL never leaks into a test.
 */
export const BIN = fileURLToPath(new URL('../../bin/duly.mjs', import.meta.url));

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
}

export function duly(args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: cleanEnv(env) }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const CUSTOMERS_CSV = `ref,name,country,email
C-1,"Alfa, s.r.o.",CZ,ap@alfa.example
C-2,Beta GmbH,DE,
`;

// 2026-001: 2 x 1000.00 + 150.50 = 2150.50 net, VAT 21 % per line 420.00 + 31.61 = 451.61, total 2602.11 CZK.
// 2026-002: 99.99 net, VAT 19 % 19.00, total 118.99 EUR.
const INVOICES_CSV = `number,customer_ref,issue_date,due_date,description,quantity,unit_price,vat_rate
2026-001,C-1,2026-01-10,2026-02-09,Consulting,2,1000.00,21
2026-001,C-1,2026-01-10,2026-02-09,Travel,1,150.50,21
2026-002,C-2,2026-02-01,2026-03-03,Licence,1,99.99,19
`;

// Line 2 is a valid invoice; lines 3 and 4 are not, so the whole file must be refused.
const BAD_INVOICES_CSV = `number,customer_ref,issue_date,due_date,description,quantity,unit_price,vat_rate
2026-003,C-1,2026-03-01,2026-03-31,Consulting,1,500.00,21
2026-004,C-1,2026-03-01,2026-02-31,Consulting,1,500.00,21
2026-005,C-9,2026-03-01,2026-03-31,Consulting,1,500.00,21
`;

/**
 * The scenario both engines run: org create -> token create -> import customers -> import
 * invoices; then, at once (subprocesses are slow to start), export invoices (parsed back, totals
 * checked), export the ledger to a file, and a bad import that names line and column, exits 1 and
 * writes nothing.
 */
export async function cliScenario(dir: string, databaseUrl: string): Promise<void> {
  const env = { DATABASE_URL: databaseUrl };
  const file = (name: string, text: string) => writeFile(join(dir, name), text).then(() => join(dir, name));
  const [customers, invoices, bad] = await Promise.all([
    file('customers.csv', CUSTOMERS_CSV),
    file('invoices.csv', INVOICES_CSV),
    file('bad.csv', BAD_INVOICES_CSV),
  ]);

  const org = await duly(['org', 'create', '--name', 'Acme s.r.o.', '--country', 'CZ', '--json'], env);
  expect(org.stderr).toBe('');
  expect(org.code).toBe(0);
  const orgId = (JSON.parse(org.stdout) as { id: string }).id;
  expect(orgId).toMatch(/^org_/);

  // --org left out: the database has exactly one organisation.
  const token = await duly(['token', 'create', '--name', 'test', '--json'], env);
  expect(token.code).toBe(0);
  expect(JSON.parse(token.stdout)).toMatchObject({
    orgId,
    name: 'test',
    token: expect.stringMatching(/^duly_/),
  });

  const importedCustomers = await duly(['import', 'customers', customers, '--org', orgId], env);
  expect(importedCustomers).toMatchObject({ code: 0, stderr: '' });
  expect(importedCustomers.stdout).toContain('Imported 2 customers');

  const importedInvoices = await duly(['import', 'invoices', invoices, '--org', orgId, '--json'], env);
  expect(importedInvoices.code).toBe(0);
  expect(JSON.parse(importedInvoices.stdout)).toMatchObject({ kind: 'invoices', rowsRead: 3, created: 2 });

  const [exported, ledger, rejected, rejectedJson] = await Promise.all([
    duly(['export', 'invoices', '--org', orgId, '--as-of', '2026-02-20'], env),
    duly(['export', 'ledger', '--out', join(dir, 'ledger.csv'), '--json'], env),
    duly(['import', 'invoices', bad, '--org', orgId], env),
    duly(['import', 'invoices', bad, '--org', orgId, '--json'], env),
  ]);

  expect(exported.code).toBe(0);
  const rows = parse(exported.stdout, { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => [r.number, r.currency, r.total, r.total_minor, r.amount_due, r.status])).toEqual([
    ['2026-001', 'CZK', '2602.11', '260211', '2602.11', 'overdue'],
    ['2026-002', 'EUR', '118.99', '11899', '118.99', 'open'],
  ]);
  expect(rows[0]).toMatchObject({ subtotal: '2150.50', vat_total: '451.61', days_overdue: '11' });

  // To a file, with a machine-readable summary.
  expect(ledger.code).toBe(0);
  expect(JSON.parse(ledger.stdout)).toMatchObject({ kind: 'ledger', rows: 2, file: join(dir, 'ledger.csv') });
  const entries = parse(await readFile(join(dir, 'ledger.csv'), 'utf8'), { columns: true }) as Record<
    string,
    string
  >[];
  expect(entries.map((e) => [e.kind, e.invoice_number, e.receivable_delta_minor])).toEqual([
    ['invoice_issued', '2026-001', '260211'],
    ['invoice_issued', '2026-002', '11899'],
  ]);

  // A bad file: every problem by line and column, exit 1, nothing written (not even line 2).
  expect(rejected.code).toBe(1);
  expect(rejected.stdout).toBe('');
  expect(rejected.stderr).toMatch(/^ {2}line 3, column due_date: .+$/m);
  expect(rejected.stderr).toMatch(/^ {2}line 4, column customer_ref: .*C-9.*$/m);
  expect(rejectedJson.code).toBe(1);
  expect(rejectedJson.stdout).toBe('');
  const error = JSON.parse(rejectedJson.stderr) as {
    code: string;
    errors: { line: number; column: string }[];
  };
  expect(error.code).toBe('import_failed');
  expect(error.errors.map((e) => [e.line, e.column])).toEqual([
    [3, 'due_date'],
    [4, 'customer_ref'],
  ]);
  const handle = openDatabase(databaseUrl);
  try {
    const numbers = await handle.db.selectFrom('invoices').select('number').orderBy('number').execute();
    expect(numbers.map((n) => n.number)).toEqual(['2026-001', '2026-002']);
  } finally {
    await handle.close();
  }
}
