import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle, Engine } from '../db/database.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Database } from '../db/schema.ts';
import { fail, type Result } from '../kernel/errors.ts';

/**
 * The write side of the bulk imports, below the query builder: on SQLite cached prepared
 * statements on the raw better-sqlite3 handle, on PostgreSQL COPY on one dedicated pool client,
 * each inside one transaction. Everything is scoped by the organisation id the caller passes.
 */
export type BulkTable =
  | 'customers'
  | 'customer_contacts'
  | 'customer_tags'
  | 'customer_bank_accounts'
  | 'invoices'
  | 'invoice_lines'
  | 'ledger_entries';

/** Column order for INSERT and COPY: every column of each table, so no database default applies. */
export const BULK_COLUMNS = Object.freeze({
  customers: [
    'id',
    'org_id',
    'ref',
    'name',
    'kind',
    'country',
    'language',
    'time_zone',
    'currency',
    'vat_id',
    'payment_terms_days',
    'credit_limit',
    'on_hold',
    'created_at',
    'updated_at',
  ],
  customer_contacts: ['id', 'org_id', 'customer_id', 'name', 'role', 'email', 'phone', 'position'],
  customer_tags: ['org_id', 'customer_id', 'tag'],
  customer_bank_accounts: ['org_id', 'customer_id', 'iban'],
  invoices: [
    'id',
    'org_id',
    'customer_id',
    'number',
    'issue_date',
    'delivery_date',
    'due_date',
    'payment_terms_days',
    'currency',
    'subtotal',
    'vat_total',
    'total',
    'state',
    'created_at',
    'voided_at',
    'void_reason',
  ],
  invoice_lines: [
    'id',
    'org_id',
    'invoice_id',
    'position',
    'description',
    'quantity_milli',
    'unit_price',
    'vat_rate_bp',
    'net',
    'vat',
    'total',
  ],
  ledger_entries: [
    'id',
    'org_id',
    'customer_id',
    'kind',
    'currency',
    'effective_date',
    'invoice_id',
    'receivable_delta',
    'source_type',
    'source_id',
    'credit_delta',
    'reverses_entry_id',
    'memo',
    'created_at',
  ],
} as const satisfies { readonly [T in BulkTable]: readonly (keyof Database[T] & string)[] });

export type BulkRow<T extends BulkTable> = Database[T];

/** What the invoice import needs to know about a customer found by its ref. */
export interface CustomerByRef {
  readonly id: string;
  readonly currency: string;
  readonly paymentTermsDays: number | null;
}

export interface BulkSession {
  readonly engine: Engine;
  /** Which of `keys` are already used in the organisation: customer refs or invoice numbers. */
  existingKeys(table: 'customers' | 'invoices', orgId: string, keys: readonly string[]): Promise<Set<string>>;
  /** The organisation's customers that have a ref, by ref. */
  customersByRef(orgId: string): Promise<Map<string, CustomerByRef>>;
  /** Appends rows; call parents before children (customers before contacts, invoices before lines). */
  append<T extends BulkTable>(table: T, rows: readonly BulkRow<T>[]): Promise<void>;
}

const KEY_COLUMN = { customers: 'ref', invoices: 'number' } as const;

function insertSql(table: BulkTable): string {
  const cols = BULK_COLUMNS[table];
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
}

function values<T extends BulkTable>(table: T, row: BulkRow<T>): unknown[] {
  const cols = BULK_COLUMNS[table] as readonly (keyof BulkRow<T>)[];
  const out = new Array<unknown>(cols.length);
  for (let i = 0; i < cols.length; i++) out[i] = row[cols[i]!] ?? null;
  return out;
}

/** Prepared once per connection and reused by every later import on it. */
const statementCache = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function statement(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) {
    cache = new Map();
    statementCache.set(sqlite, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    stmt = sqlite.prepare(text);
    cache.set(text, stmt);
  }
  return stmt;
}

function sqliteSession(sqlite: SQLite.Database): BulkSession {
  return {
    engine: 'sqlite',
    async existingKeys(table, orgId, keys) {
      const stmt = statement(
        sqlite,
        `SELECT 1 FROM ${table} WHERE org_id = ? AND ${KEY_COLUMN[table]} = ? LIMIT 1`,
      ).pluck();
      const found = new Set<string>();
      for (const k of keys) if (stmt.get(orgId, k) !== undefined) found.add(k);
      return found;
    },
    async customersByRef(orgId) {
      const stmt = statement(
        sqlite,
        'SELECT ref, id, currency, payment_terms_days FROM customers WHERE org_id = ? AND ref IS NOT NULL',
      ).raw();
      const map = new Map<string, CustomerByRef>();
      for (const r of stmt.iterate(orgId) as Iterable<[string, string, string, number | null]>) {
        map.set(r[0], { id: r[1], currency: r[2], paymentTermsDays: r[3] });
      }
      return map;
    },
    async append(table, rows) {
      const stmt = statement(sqlite, insertSql(table));
      for (const row of rows) stmt.run(values(table, row));
    },
  };
}

/** PostgreSQL COPY text format: tab-separated, `\N` for NULL, backslash escapes. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

export function copyText<T extends BulkTable>(table: T, rows: readonly BulkRow<T>[]): string {
  const cols = BULK_COLUMNS[table] as readonly (keyof BulkRow<T>)[];
  let out = '';
  for (const row of rows) {
    let line = copyField(row[cols[0]!]);
    for (let i = 1; i < cols.length; i++) line += `\t${copyField(row[cols[i]!])}`;
    out += `${line}\n`;
  }
  return out;
}

export function copySql(table: BulkTable): string {
  return `COPY ${table} (${BULK_COLUMNS[table].join(', ')}) FROM STDIN`;
}

function postgresSession(client: pg.PoolClient): BulkSession {
  return {
    engine: 'postgres',
    async existingKeys(table, orgId, keys) {
      if (keys.length === 0) return new Set();
      const col = KEY_COLUMN[table];
      const r = await client.query<{ k: string }>(
        `SELECT ${col} AS k FROM ${table} WHERE org_id = $1 AND ${col} = ANY($2::text[])`,
        [orgId, keys],
      );
      return new Set(r.rows.map((x) => x.k));
    },
    async customersByRef(orgId) {
      const r = await client.query<[string, string, string, number | null]>({
        text: 'SELECT ref, id, currency, payment_terms_days FROM customers WHERE org_id = $1 AND ref IS NOT NULL',
        values: [orgId],
        rowMode: 'array',
      });
      return new Map(r.rows.map((x) => [x[0], { id: x[1], currency: x[2], paymentTermsDays: x[3] }]));
    },
    async append(table, rows) {
      if (rows.length === 0) return;
      await pipeline(Readable.from([copyText(table, rows)]), client.query(copyFrom(copySql(table))));
    },
  };
}

/**
 * Runs `work` in one transaction on a bulk session: committed when it returns ok, rolled back when
 * it returns a failure or throws. A unique-key violation can only mean another writer took a ref or
 * number after the import checked it (the checks run inside the transaction); it becomes a failure
 * asking for a re-run, not a crash.
 *
 * SQLite: the import holds Kysely's single connection for its whole length, so no other query of
 * this process can slip into the open transaction. BEGIN IMMEDIATE takes the write lock up front.
 */
export async function inBulkTransaction<T>(
  handle: DatabaseHandle,
  work: (session: BulkSession) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    if (handle.raw.engine === 'sqlite') {
      const sqlite = handle.raw.sqlite;
      return await handle.db.connection().execute(async () => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(sqliteSession(sqlite));
          sqlite.exec(result.ok ? 'COMMIT' : 'ROLLBACK');
          return result;
        } catch (e) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw e;
        }
      });
    }
    const client = await handle.raw.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(postgresSession(client));
      await client.query(result.ok ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw e;
    } finally {
      client.release(broken);
    }
  } catch (e) {
    if (isUniqueViolation(e)) {
      return fail('import_failed', 'another writer used the same customer ref or invoice number meanwhile', {
        hint: 'nothing was written; run the import again',
      });
    }
    throw e;
  }
}
