import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/**
 * Storage tests run for every engine: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
 * Each test file gets its own fresh PostgreSQL database, dropped afterwards.
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL;

export interface EngineContext {
  readonly handle: DatabaseHandle;
}

export async function createPgDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `duly_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh, migrated database of the given engine. */
export async function freshDatabase(
  engine: 'sqlite' | 'postgres',
): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const handle = openDatabase(':memory:');
    await migrateToLatest(handle.db);
    return { handle, dispose: () => handle.close() };
  }
  if (!POSTGRES_URL) throw new Error('TEST_DATABASE_URL is not set');
  const pgdb = await createPgDatabase(POSTGRES_URL);
  const handle = openDatabase(pgdb.url);
  await migrateToLatest(handle.db);
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await pgdb.drop();
    },
  };
}

/**
 * `describe` once per engine. The body receives a getter for the engine's database, ready after
 * beforeAll. Without TEST_DATABASE_URL the PostgreSQL block is reported as skipped, by name.
 */
export function describeEachEngine(title: string, body: (ctx: () => EngineContext) => void): void {
  for (const engine of ['sqlite', 'postgres'] as const) {
    if (engine === 'postgres' && !POSTGRES_URL) {
      describe.skip(`${title} [postgres: SKIPPED, set TEST_DATABASE_URL to run]`, () =>
        body(() => ({}) as EngineContext));
      continue;
    }
    describe(`${title} [${engine}]`, () => {
      let current: { handle: DatabaseHandle; dispose: () => Promise<void> } | undefined;
      beforeAll(async () => {
        current = await freshDatabase(engine);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      body(() => {
        if (!current) throw new Error('database not ready');
        return { handle: current.handle };
      });
    });
  }
}
