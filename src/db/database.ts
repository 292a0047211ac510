import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
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
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', raw: { engine: 'postgres', pool }, close: () => db.destroy() };
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', raw: { engine: 'sqlite', sqlite }, close: () => db.destroy() };
}
