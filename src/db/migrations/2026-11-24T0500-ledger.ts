import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

/**
 * The receivables ledger. Typed against Kysely<any> so it stays a frozen snapshot whatever the
 * current schema types become. Runs unchanged on SQLite and PostgreSQL except for the triggers
 * that make the ledger append-only.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('legal_name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('base_currency', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_bank_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('bic', 'text')
    .addColumn('bank_name', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_bank_accounts_org').on('org_bank_accounts').columns(['org_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('ref', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('vat_id', 'text')
    .addColumn('payment_terms_days', 'integer')
    .addColumn('credit_limit', 'bigint')
    .addColumn('on_hold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_org_id').on('customers').columns(['org_id', 'id']).execute();
  await db.schema
    .createIndex('customers_org_ref')
    .on('customers')
    .columns(['org_id', 'ref'])
    .unique()
    .execute();
  await db.schema.createIndex('customers_org_name').on('customers').columns(['org_id', 'name']).execute();

  await db.schema
    .createTable('customer_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('customer_contacts_customer')
    .on('customer_contacts')
    .columns(['org_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('customer_bank_accounts')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('iban', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_bank_accounts_pk', ['org_id', 'customer_id', 'iban'])
    .execute();
  await db.schema
    .createIndex('customer_bank_accounts_iban')
    .on('customer_bank_accounts')
    .columns(['org_id', 'iban'])
    .execute();

  await db.schema
    .createTable('customer_tags')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tags_pk', ['org_id', 'customer_id', 'tag'])
    .execute();
  await db.schema.createIndex('customer_tags_tag').on('customer_tags').columns(['org_id', 'tag']).execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('delivery_date', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('payment_terms_days', 'integer')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('subtotal', 'bigint', (c) => c.notNull())
    .addColumn('vat_total', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .execute();
  await db.schema
    .createIndex('invoices_org_number')
    .on('invoices')
    .columns(['org_id', 'number'])
    .unique()
    .execute();
  await db.schema
    .createIndex('invoices_org_customer')
    .on('invoices')
    .columns(['org_id', 'customer_id'])
    .execute();
  await db.schema.createIndex('invoices_org_due').on('invoices').columns(['org_id', 'due_date']).execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('vat_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('net', 'bigint', (c) => c.notNull())
    .addColumn('vat', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoice_lines_invoice').on('invoice_lines').columns(['invoice_id']).execute();

  await db.schema
    .createTable('credit_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credit_notes_org_number')
    .on('credit_notes')
    .columns(['org_id', 'number'])
    .unique()
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text')
    .addColumn('payer_iban', 'text')
    .addColumn('reference', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('payments_org_customer')
    .on('payments')
    .columns(['org_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('receivable_delta', 'bigint', (c) => c.notNull())
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('credit_delta', 'bigint', (c) => c.notNull())
    .addColumn('reverses_entry_id', 'text', (c) => c.references('ledger_entries.id'))
    .addColumn('memo', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entries_invoice')
    .on('ledger_entries')
    .columns(['org_id', 'invoice_id'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_customer')
    .on('ledger_entries')
    .columns(['org_id', 'customer_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_source')
    .on('ledger_entries')
    .columns(['org_id', 'source_id'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_reverses')
    .on('ledger_entries')
    .columns(['reverses_entry_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response_body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['org_id', 'key'])
    .execute();

  // Append-only: corrections are new entries (reversal, adjustment), never edits.
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION duly_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger_entries is append-only: post a reversal or adjustment instead'; END $$`.execute(
      db,
    );
    await sql`CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION duly_ledger_append_only()`.execute(db);
  } else {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(`CREATE TRIGGER ledger_entries_no_${op.toLowerCase()} BEFORE ${op} ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: post a reversal or adjustment instead'); END`)
        .execute(db);
    }
  }
}
