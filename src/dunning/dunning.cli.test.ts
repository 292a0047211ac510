import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, invoice, org } from '../../test/builders.ts';
import { createPgDatabase, POSTGRES_URL } from '../../test/engines.ts';
import { duly } from '../cli/testing.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duly-dunning-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One customer with one invoice 7 days overdue on 2026-03-17 (level 3). */
async function seed(databaseUrl: string): Promise<{ customerId: string }> {
  const handle = openDatabase(databaseUrl);
  try {
    await migrateToLatest(handle.db);
    const o = await org(handle.db, {
      email: 'pohledavky@acme.example',
      bankAccounts: [{ iban: 'CZ6508000000192000145399', currency: 'CZK' }],
    });
    const c = await customer(handle.db, o, {
      name: 'Pila Vyškov s.r.o.',
      contacts: [{ name: 'Jana Nováková', role: 'billing', email: 'fakturace@pila.example' }],
    });
    await invoice(handle.db, o.id, c.id, {
      number: '2026-000123',
      issueDate: '2026-02-10',
      dueDate: '2026-03-10',
    });
    return { customerId: c.id };
  } finally {
    await handle.close();
  }
}

async function scenario(databaseUrl: string): Promise<void> {
  const { customerId } = await seed(databaseUrl);
  const env = { DATABASE_URL: databaseUrl };
  const dry = await duly(['dunning', 'run', '--date', '2026-03-17', '--dry-run'], env);
  expect(dry.code, dry.stderr).toBe(0);
  // The customer by name (and id, to look it up), the level, the amount.
  expect(dry.stdout).toMatch(new RegExp(`level 3 .+ Pila Vyškov s\\.r\\.o\\. \\(${customerId}\\)`));
  const json = await duly(['dunning', 'run', '--date', '2026-03-17', '--json'], env);
  expect(JSON.parse(json.stdout)).toMatchObject({
    created: 1,
    actions: [{ customerId, customerName: 'Pila Vyškov s.r.o.', level: 3 }],
  });
}

describe.concurrent('duly dunning run', () => {
  it('names each customer in what it plans and records, on a SQLite file', async () => {
    await scenario(join(dir, 'dunning.db'));
  }, 120_000);

  it.skipIf(!POSTGRES_URL)(
    `names each customer in what it plans and records, on PostgreSQL${POSTGRES_URL ? '' : ' [SKIPPED: set TEST_DATABASE_URL]'}`,
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
