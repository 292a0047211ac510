import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

/**
 * invoices.open_amount: what is still owed on each invoice, kept by the database itself from the
 * append-only ledger. The ledger stays the truth (every entry moves receivable_delta); this column
 * is its running sum per invoice, maintained by a trigger in the same transaction as the entry, so
 * it can never disagree with SUM(receivable_delta). It lets the dunning snapshot and the lists read
 * open invoices from one index instead of aggregating the whole ledger (9 s for a million invoices
 * on SQLite). Existing rows are backfilled from the ledger. Frozen snapshot: Kysely<any>.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('invoices')
    .addColumn('open_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE invoices SET open_amount = COALESCE(
      (SELECT SUM(e.receivable_delta) FROM ledger_entries e WHERE e.invoice_id = invoices.id), 0)`.execute(
    db,
  );
  // Only invoices that are still owed: after a few years most invoices are paid, and runs skip them.
  await sql`CREATE INDEX invoices_open ON invoices (org_id, id) WHERE open_amount > 0 AND state = 'issued'`.execute(
    db,
  );
  if (isPostgres(db)) {
    // One UPDATE per statement (a COPY of a million entries included), from the statement's new rows.
    await sql`CREATE FUNCTION duly_ledger_open_amount() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE invoices i SET open_amount = i.open_amount + d.delta
        FROM (
          SELECT invoice_id, SUM(receivable_delta) AS delta FROM new_entries
          WHERE invoice_id IS NOT NULL GROUP BY invoice_id HAVING SUM(receivable_delta) <> 0
        ) d
        WHERE i.id = d.invoice_id;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER ledger_entries_open_amount AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION duly_ledger_open_amount()`.execute(
      db,
    );
  } else {
    await sql`CREATE TRIGGER ledger_entries_open_amount AFTER INSERT ON ledger_entries
      WHEN NEW.invoice_id IS NOT NULL AND NEW.receivable_delta <> 0
      BEGIN
        UPDATE invoices SET open_amount = open_amount + NEW.receivable_delta WHERE id = NEW.invoice_id;
      END`.execute(db);
  }
}
