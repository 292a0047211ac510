import { type Kysely, sql } from 'kysely';

/**
 * Bank statements as the bank sent them: one import per file, its statements (with their balances),
 * and every line, booked or not, with what matching decided. A line's `line_key` identifies the same
 * entry whichever file brings it again (a re-sent statement, a camt.054 followed by the day's
 * camt.053): unique, so a second import of it changes nothing. Invoices get the structured payment
 * reference printed on them (RF, KID, VS...), chosen per organisation. Frozen snapshot.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('payment_reference_scheme', 'text').execute();
  await db.schema.alterTable('invoices').addColumn('payment_reference', 'text').execute();
  await db.schema
    .createIndex('invoices_org_payment_reference')
    .on('invoices')
    .columns(['org_id', 'payment_reference'])
    .execute();
  await db.schema
    .createTable('bank_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('statements', 'integer', (c) => c.notNull())
    .addColumn('lines', 'integer', (c) => c.notNull())
    .addColumn('duplicates', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bank_imports_org').on('bank_imports').columns(['org_id', 'id']).execute();

  await db.schema
    .createTable('bank_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('bank_imports.id'))
    .addColumn('statement_ref', 'text', (c) => c.notNull())
    .addColumn('account_iban', 'text')
    .addColumn('account_number', 'text')
    .addColumn('currency', 'text')
    .addColumn('sequence', 'text')
    .addColumn('from_date', 'text')
    .addColumn('to_date', 'text')
    .addColumn('opening_balance', 'bigint')
    .addColumn('closing_balance', 'bigint')
    .addColumn('lines', 'integer', (c) => c.notNull())
    .addColumn('net', 'bigint', (c) => c.notNull())
    .addColumn('warnings', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bank_statements_import')
    .on('bank_statements')
    .columns(['org_id', 'import_id'])
    .execute();

  await db.schema
    .createTable('bank_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('statement_id', 'text', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('entry_ref', 'text', (c) => c.notNull())
    .addColumn('account', 'text')
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('reversal', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('booking_date', 'text')
    .addColumn('value_date', 'text')
    .addColumn('bank_reference', 'text')
    .addColumn('end_to_end_id', 'text')
    .addColumn('reference', 'text')
    .addColumn('reference_kind', 'text')
    .addColumn('vs', 'text')
    .addColumn('ss', 'text')
    .addColumn('ks', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text')
    .addColumn('payer_account', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('return_end_to_end_id', 'text')
    .addColumn('bank_code', 'text')
    // unmatched -> review | matched | ignored; debits and non-booked lines: not_applicable.
    .addColumn('match_state', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text')
    .addColumn('proposal', 'text')
    .addColumn('confidence', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The key hashes the organisation in: unique on its own, so inserts can say ON CONFLICT (line_key).
  await sql`CREATE UNIQUE INDEX bank_lines_key ON bank_lines (line_key)`.execute(db);
  await db.schema
    .createIndex('bank_lines_state')
    .on('bank_lines')
    .columns(['org_id', 'match_state', 'id'])
    .execute();
  await db.schema
    .createIndex('bank_lines_import')
    .on('bank_lines')
    .columns(['org_id', 'import_id'])
    .execute();
  await db.schema
    .createIndex('bank_lines_e2e')
    .on('bank_lines')
    .columns(['org_id', 'end_to_end_id'])
    .execute();
}
