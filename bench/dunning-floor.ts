import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle } from '../src/db/database.ts';
import { newId } from '../src/kernel/ids.ts';

/**
 * The raw floor of a dunning run: one SQL scan of the open items (the query the run's snapshot
 * uses), and one bulk insert of as many action rows as the run recorded, with the same
 * contents, into a copy of dunning_actions with the same keys and indexes: prepared INSERTs in one
 * transaction on SQLite, one COPY in one transaction on PostgreSQL. No query builder, no objects.
 */

/** The open-items query of loadDunningInputs (eachOpenInvoice), written by hand. */
const OPEN_ITEMS = (p: (n: number) => string) => `
  SELECT id, customer_id, number, currency, issue_date, due_date, total, open_amount, on_hold
  FROM invoices
  WHERE org_id = ${p(1)} AND open_amount > 0 AND state = 'issued'`;

/**
 * One scan of the open items, every column the run reads, as the cheapest the driver allows: rows
 * iterated as arrays on SQLite (nothing kept), array rows on PostgreSQL.
 */
export async function scanOpenItems(
  handle: DatabaseHandle,
  orgId: string,
): Promise<{ rows: number; seconds: number }> {
  const t0 = performance.now();
  let rows = 0;
  if (handle.raw.engine === 'sqlite') {
    for (const _ of handle.raw.sqlite
      .prepare(OPEN_ITEMS(() => '?'))
      .raw()
      .iterate(orgId))
      rows++;
  } else {
    const r = await handle.raw.pool.query({
      text: OPEN_ITEMS((n) => `$${n}`),
      values: [orgId],
      rowMode: 'array',
    });
    rows = r.rows.length;
  }
  return { rows, seconds: (performance.now() - t0) / 1000 };
}

const FLOOR_TABLE = 'bench_floor_actions';

/** COPY text format: backslash, tab, newline and carriage return escaped; \N for NULL. */
function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * Copies the action rows of `runId` (read beforehand, off the clock) into a fresh table shaped like
 * dunning_actions, with new ids; only the writing is timed. The table is dropped afterwards.
 */
export async function insertActionsFloor(
  handle: DatabaseHandle,
  orgId: string,
  runId: string,
): Promise<{ rows: number; seconds: number }> {
  const source = await handle.db
    .selectFrom('dunning_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('run_id', '=', runId)
    .execute();
  if (source.length === 0) return { rows: 0, seconds: 0 };
  const columns = Object.keys(source[0]!);
  const rows = source.map((r) =>
    columns.map((c) => (c === 'id' ? newId('dunningAction') : (r as Record<string, unknown>)[c])),
  );
  if (handle.raw.engine === 'sqlite') {
    const sqlite = handle.raw.sqlite;
    const ddl = sqlite
      .prepare(`SELECT sql FROM sqlite_master WHERE tbl_name = 'dunning_actions' AND sql IS NOT NULL`)
      .pluck()
      .all() as string[];
    sqlite.exec(`DROP TABLE IF EXISTS ${FLOOR_TABLE}`);
    for (const s of ddl) {
      sqlite.exec(s.replace(/dunning_actions/g, FLOOR_TABLE));
    }
    const insert = sqlite.prepare(
      `INSERT INTO ${FLOOR_TABLE} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const t0 = performance.now();
    sqlite.exec('BEGIN');
    for (const values of rows) insert.run(values);
    sqlite.exec('COMMIT');
    const seconds = (performance.now() - t0) / 1000;
    sqlite.exec(`DROP TABLE ${FLOOR_TABLE}`);
    return { rows: rows.length, seconds };
  }
  const text = Buffer.from(rows.map((r) => `${r.map(copyField).join('\t')}\n`).join(''));
  const client = await handle.raw.pool.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${FLOOR_TABLE}`);
    await client.query(`CREATE TABLE ${FLOOR_TABLE} (LIKE dunning_actions INCLUDING ALL)`);
    const t0 = performance.now();
    await client.query('BEGIN');
    await pipeline(
      Readable.from([text]),
      client.query(copyFrom(`COPY ${FLOOR_TABLE} (${columns.join(', ')}) FROM STDIN`)),
    );
    await client.query('COMMIT');
    const seconds = (performance.now() - t0) / 1000;
    await client.query(`DROP TABLE ${FLOOR_TABLE}`);
    return { rows: rows.length, seconds };
  } finally {
    client.release();
  }
}
