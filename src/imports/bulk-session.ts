import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle, Engine } from '../db/database.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Database } from '../db/schema.ts';
import { fail, type Result } from '../kernel/errors.ts';
import { CopyBuffer, copyLine } from './copy-text.ts';

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
    'hold_reason',
    'address_line1',
    'address_line2',
    'postal_code',
    'city',
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
    'payment_reference',
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

/** A table's row as the import writes it: every column, except what the database keeps (open_amount). */
export type BulkRow<T extends BulkTable> = T extends 'invoices'
  ? Omit<Database[T], 'open_amount'>
  : Database[T];

/** What the invoice import needs to know about a customer found by its ref. */
export interface CustomerByRef {
  readonly id: string;
  readonly currency: string;
  readonly paymentTermsDays: number | null;
}

export interface BulkSession {
  readonly engine: Engine;
  /**
   * The keys the organisation already uses: customer refs or invoice numbers. Loaded whole, once:
   * a per-batch `= ANY(...)` lookup on PostgreSQL is planned against the statistics of the table
   * before the import, a sequential scan that grows with every batch written (quadratic).
   */
  existingKeys(table: 'customers' | 'invoices', orgId: string): Promise<Set<string>>;
  /** The organisation's customers that have a ref, by ref. */
  customersByRef(orgId: string): Promise<Map<string, CustomerByRef>>;
  /**
   * Queues a row (SQLite: as bound values; PostgreSQL: encoded for the next COPY round). Add
   * parents before children (a customer before its contacts, an invoice before its lines).
   */
  add<T extends BulkTable>(table: T, row: BulkRow<T>): void;
  /**
   * Writes what was queued. SQLite: every queued row, now, table by table. PostgreSQL: once enough
   * has gathered (everything with `all`), one COPY per table, sent while the caller goes on
   * validating; at most one round is in flight, and a failed round surfaces at the next call.
   */
  flush(all?: boolean): Promise<void>;
  /** Rows added per table. */
  readonly written: Readonly<Partial<Record<BulkTable, number>>>;
}

const KEY_COLUMN = { customers: 'ref', invoices: 'number' } as const;

/** Parents before children, the order COPY rounds send tables in. */
const TABLE_ORDER = Object.keys(BULK_COLUMNS) as BulkTable[];

function insertSql(table: BulkTable): string {
  const cols = BULK_COLUMNS[table];
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
}

function values(row: object, cols: readonly string[]): unknown[] {
  const r = row as Record<string, unknown>;
  const out = new Array<unknown>(cols.length);
  for (let i = 0; i < cols.length; i++) out[i] = r[cols[i]!] ?? null;
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
  const written: Partial<Record<BulkTable, number>> = {};
  const inserts = new Map(TABLE_ORDER.map((t) => [t, statement(sqlite, insertSql(t))]));
  const queues = new Map(TABLE_ORDER.map((t) => [t, [] as unknown[][]]));
  return {
    engine: 'sqlite',
    written,
    async existingKeys(table, orgId) {
      const col = KEY_COLUMN[table];
      const stmt = statement(sqlite, `SELECT ${col} FROM ${table} WHERE org_id = ? AND ${col} IS NOT NULL`);
      return new Set(stmt.pluck().all(orgId) as string[]);
    },
    async customersByRef(orgId) {
      const stmt = statement(
        sqlite,
        'SELECT ref, id, currency, payment_terms_days FROM customers WHERE org_id = ? AND ref IS NOT NULL',
      ).raw();
      const rows = stmt.all(orgId) as [string, string, string, number | null][];
      return new Map(rows.map((r) => [r[0], { id: r[1], currency: r[2], paymentTermsDays: r[3] }]));
    },
    add(table, row) {
      queues.get(table)!.push(values(row, BULK_COLUMNS[table]));
      written[table] = (written[table] ?? 0) + 1;
    },
    // Rows wait for the end of their CSV batch (a few thousand), then go in table by table,
    // parents first: runs of inserts into one table's B-trees, as the raw floor does.
    async flush() {
      for (const t of TABLE_ORDER) {
        const q = queues.get(t)!;
        if (q.length === 0) continue;
        const stmt = inserts.get(t)!;
        for (const v of q) stmt.run(v);
        q.length = 0;
      }
    },
  };
}

export function copySql(table: BulkTable): string {
  return `COPY ${table} (${BULK_COLUMNS[table].join(', ')}) FROM STDIN`;
}

export interface BulkTuning {
  /** Encoded bytes that start a COPY round (default 4 MiB: statement overhead stops mattering). */
  readonly copyRoundBytes?: number;
}

const COPY_ROUND_BYTES = 4 << 20;

function postgresSession(client: pg.PoolClient, tuning: BulkTuning): BulkSession {
  const roundBytes = tuning.copyRoundBytes ?? COPY_ROUND_BYTES;
  const written: Partial<Record<BulkTable, number>> = {};
  const buffers = new Map(TABLE_ORDER.map((t) => [t, new CopyBuffer()]));
  let buffered = 0;
  let inflight: Promise<void> = Promise.resolve();
  const copyRound = async (parts: readonly [BulkTable, Buffer][]) => {
    for (const [table, bytes] of parts) {
      await pipeline(Readable.from([bytes]), client.query(copyFrom(copySql(table))));
    }
  };
  return {
    engine: 'postgres',
    written,
    async existingKeys(table, orgId) {
      const col = KEY_COLUMN[table];
      const r = await client.query<[string]>({
        text: `SELECT ${col} FROM ${table} WHERE org_id = $1 AND ${col} IS NOT NULL`,
        values: [orgId],
        rowMode: 'array',
      });
      return new Set(r.rows.map((x) => x[0]));
    },
    async customersByRef(orgId) {
      const r = await client.query<[string, string, string, number | null]>({
        text: 'SELECT ref, id, currency, payment_terms_days FROM customers WHERE org_id = $1 AND ref IS NOT NULL',
        values: [orgId],
        rowMode: 'array',
      });
      return new Map(r.rows.map((x) => [x[0], { id: x[1], currency: x[2], paymentTermsDays: x[3] }]));
    },
    add(table, row) {
      const buffer = buffers.get(table)!;
      const before = buffer.bytes;
      buffer.push(copyLine(row, BULK_COLUMNS[table]));
      buffered += buffer.bytes - before;
      written[table] = (written[table] ?? 0) + 1;
    },
    async flush(all = false) {
      if (all || buffered >= roundBytes) {
        await inflight;
        const parts = TABLE_ORDER.flatMap((t): [BulkTable, Buffer][] =>
          buffers.get(t)!.bytes > 0 ? [[t, buffers.get(t)!.take()]] : [],
        );
        buffered = 0;
        inflight = copyRound(parts);
        // Awaited at the next flush; until then a failure must not count as unhandled.
        inflight.catch(() => {});
      }
      if (all) await inflight;
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
  tuning: BulkTuning,
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
      const result = await work(postgresSession(client, tuning));
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
