import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type DialectAdapter, Kysely, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely';
import pg from 'pg';
import { assertMinor } from '../kernel/money.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Engine = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Db;
  readonly engine: Engine;
  /** The raw driver, for bulk paths that bypass the query builder (imports, benchmarks). */
  readonly raw:
    | { readonly engine: 'sqlite'; readonly sqlite: SQLite.Database }
    | { readonly engine: 'postgres'; readonly pool: pg.Pool };
  close(): Promise<void>;
}

/**
 * Kysely's SQLite adapter, carrying the raw better-sqlite3 handle. The adapter is shared by a
 * Kysely instance and every transaction made from it, so `rawSqlite(trx)` finds the handle inside a
 * transaction too; SQLite has one connection, so raw statements run inside that same transaction.
 */
class RawSqliteAdapter extends SqliteAdapter {
  constructor(readonly sqlite: SQLite.Database) {
    super();
  }
}

class DulySqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }
  override createAdapter(): DialectAdapter {
    return new RawSqliteAdapter(this.sqlite);
  }
}

/**
 * The better-sqlite3 handle behind a SQLite `db` (or transaction), for the few hot paths that read
 * or write a million rows (prepared statements, `.raw()` rows, `.iterate()`); null on PostgreSQL.
 * Call it only while holding the connection (inside a transaction or a `db.connection()`), and never
 * across an `await` of another query.
 */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema
export function rawSqlite(db: Kysely<any>): SQLite.Database | null {
  const adapter = db.getExecutor().adapter;
  return adapter instanceof RawSqliteAdapter ? adapter.sqlite : null;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * pg returns int8 (COUNT, BIGINT columns) and numeric (SUM of BIGINT) as strings. Duly's amounts
 * are safe integers, so convert here, at the boundary, and refuse anything that would lose precision.
 */
function safeIntegerParser(text: string): number {
  const n = Number(text);
  assertMinor(n, 'database integer');
  return n;
}

const pgTypes = {
  // biome-ignore lint/suspicious/noExplicitAny: pg's type-parser signature is loosely typed
  getTypeParser(oid: number, format?: any) {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return safeIntegerParser;
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * Opens the database named by `url`: `postgres://...` for PostgreSQL, anything else is a SQLite file
 * path (`:memory:` for tests). SQLite runs in WAL mode with foreign keys on.
 */
export function openDatabase(url: string): DatabaseHandle {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
    // An idle connection the server closes (a restart, an administrator) is dropped from the pool and
    // the next query opens a new one; without a listener pg would crash the whole process instead.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', raw: { engine: 'postgres', pool }, close: () => db.destroy() };
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MB of page cache instead of 2 MB: a dunning run or an import over a million invoices
  // otherwise rereads the same index pages from the OS for every row.
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new DulySqliteDialect(sqlite) });
  return { db, engine: 'sqlite', raw: { engine: 'sqlite', sqlite }, close: () => db.destroy() };
}
