import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, invoice, org } from '../../test/builders.ts';
import { createPgDatabase, POSTGRES_URL } from '../../test/engines.ts';
import { duly } from '../cli/testing.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { bal, doc, ntry, stmt, tx } from './parsers/camt-test-docs.ts';

const ACCOUNT = 'SK3112000000198742637541';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duly-bank-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function seed(url: string): Promise<{ invoiceId: string }> {
  const handle = openDatabase(url);
  try {
    await migrateToLatest(handle.db);
    const o = await org(handle.db, { country: 'SK', bankAccounts: [{ iban: ACCOUNT, currency: 'EUR' }] });
    const c = await customer(handle.db, o, { name: 'Novák Stavby s.r.o.', country: 'SK', currency: 'EUR' });
    const lines = [{ description: 'Tehla', quantity: 1, unitPrice: 10_000, vatRate: 21 }];
    return {
      invoiceId: (await invoice(handle.db, o.id, c.id, { number: '2026-0042', currency: 'EUR', lines })).id,
    };
  } finally {
    await handle.close();
  }
}

const credit = (amount: string, ref: string, text: string) =>
  ntry({ amount, ref, txs: [tx({ amount, body: `<RmtInf><Ustrd>${text}</Ustrd></RmtInf>` })] });

async function scenario(url: string): Promise<void> {
  const { invoiceId } = await seed(url);
  const env = { DATABASE_URL: url };
  const file = join(dir, `day-${Math.random().toString(36).slice(2)}.xml`);
  await writeFile(
    file,
    doc([
      stmt({
        account: `<Acct><Id><IBAN>${ACCOUNT}</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
        balances: bal('OPBD', '100.00') + bal('CLBD', '226.00'),
        entries: [credit('121.00', 'B1', 'platba VS 20260042'), credit('5.00', 'B2', 'urok')],
      }),
    ]),
  );
  const imported = await duly(['import', 'statement', file], env);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toContain('1 statement(s), 2 new lines (2 credits)');
  expect(imported.stdout).toMatch(/Matched: 1 applied automatically, 1 waiting for review/);
  const again = await duly(['import', 'statement', file, '--json'], env);
  expect(JSON.parse(again.stdout)).toMatchObject({ alreadyImported: true, duplicates: 2 });

  const review = await duly(['bank', 'review', '--json'], env);
  const lines = JSON.parse(review.stdout).data as { id: string; amount: number }[];
  expect(lines.map((l) => l.amount)).toEqual([500]);
  const human = await duly(['bank', 'review'], env);
  expect(human.stdout).toContain(`${lines[0]!.id}  2026-03-02  5.00 EUR`);
  const ignored = await duly(['bank', 'ignore', lines[0]!.id, '--reason', 'interest from the bank'], env);
  expect(ignored.code, ignored.stderr).toBe(0);
  expect((await duly(['bank', 'review'], env)).stdout).toContain('Nothing waits for review.');
  const wrong = await duly(['bank', 'accept', lines[0]!.id, '--invoice', `${invoiceId}:abc`], env);
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('--invoice');

  const unknown = join(dir, 'notes.txt');
  await writeFile(unknown, 'hello\n');
  const refused = await duly(['import', 'statement', unknown], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('the format is not recognised');
}

describe.concurrent('duly import statement and duly bank', () => {
  it('imports, matches, lists the review queue and takes decisions, on a SQLite file', async () => {
    await scenario(join(dir, 'bank.db'));
  }, 120_000);

  it.skipIf(!POSTGRES_URL)(
    `imports, matches, lists the review queue and takes decisions, on PostgreSQL${POSTGRES_URL ? '' : ' [SKIPPED: set TEST_DATABASE_URL]'}`,
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
