import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

/**
 * The dunning engine: policies with ordered levels (data, not columns), their assignment to the
 * organisation / a segment / a customer / an invoice, template overrides, runs, the actions they
 * record, the outbox the dispatcher sends from, letters and tasks. Frozen snapshot: Kysely<any>.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  const bytes = isPostgres(db) ? sql`bytea` : sql`blob`;

  // Manual hold on one invoice (the customer hold already exists).
  await db.schema
    .alterTable('invoices')
    .addColumn('on_hold', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('invoices').addColumn('hold_reason', 'text').execute();
  await db.schema.alterTable('customers').addColumn('hold_reason', 'text').execute();
  // Postal addresses for letters (formal demand, lawsuit warning), and how customers reach the seller.
  for (const column of ['address_line1', 'address_line2', 'postal_code', 'city']) {
    await db.schema.alterTable('customers').addColumn(column, 'text').execute();
  }
  for (const column of [
    'email',
    'phone',
    'vat_id',
    'address_line1',
    'address_line2',
    'postal_code',
    'city',
  ]) {
    await db.schema.alterTable('organizations').addColumn(column, 'text').execute();
  }

  await db.schema
    .createTable('dunning_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('shift_due_to_business_day', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_start', 'text', (c) => c.notNull().defaultTo('09:00'))
    .addColumn('window_end', 'text', (c) => c.notNull().defaultTo('17:00'))
    .addColumn('window_days', 'text', (c) => c.notNull().defaultTo('1,2,3,4,5'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dunning_policies_org').on('dunning_policies').columns(['org_id']).execute();

  await db.schema
    .createTable('dunning_levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('dunning_policies.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('min_amounts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('deadline_days', 'integer')
    .execute();
  await db.schema
    .createIndex('dunning_levels_policy_position')
    .on('dunning_levels')
    .columns(['policy_id', 'position'])
    .unique()
    .execute();

  await db.schema
    .createTable('dunning_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('dunning_policies.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('invoice_id', 'text')
    .addColumn('segment_kind', 'text')
    .addColumn('segment_country', 'text')
    .addColumn('segment_tag', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dunning_assignments_org')
    .on('dunning_assignments')
    .columns(['org_id', 'scope'])
    .execute();

  await db.schema
    .createTable('dunning_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dunning_templates_key')
    .on('dunning_templates')
    .columns(['org_id', 'template_key', 'language'])
    .unique()
    .execute();

  await db.schema
    .createTable('dunning_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('actions_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text')
    .execute();
  await db.schema.createIndex('dunning_runs_org').on('dunning_runs').columns(['org_id', 'id']).execute();

  await db.schema
    .createTable('dunning_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('level_position', 'integer', (c) => c.notNull())
    .addColumn('level_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_open', 'bigint', (c) => c.notNull())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addColumn('send_after', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dunning_actions_status')
    .on('dunning_actions')
    .columns(['org_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('dunning_actions_customer')
    .on('dunning_actions')
    .columns(['org_id', 'customer_id'])
    .execute();

  // The guarantee behind "never sent twice": one row per (invoice, level), ever.
  await db.schema
    .createTable('dunning_action_items')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('level_position', 'integer', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('open_amount', 'bigint', (c) => c.notNull())
    .addColumn('days_overdue', 'integer', (c) => c.notNull())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dunning_action_items_pk', ['org_id', 'invoice_id', 'level_position'])
    .execute();
  await db.schema
    .createIndex('dunning_action_items_action')
    .on('dunning_action_items')
    .columns(['action_id'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('send_after', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'send_after']).execute();
  await db.schema.createIndex('outbox_org').on('outbox').columns(['org_id', 'id']).execute();

  await db.schema
    .createTable('letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text')
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('pdf', bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('printed_at', 'text')
    .execute();
  await db.schema.createIndex('letters_org').on('letters').columns(['org_id', 'id']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('script', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema
    .createIndex('tasks_org_status')
    .on('tasks')
    .columns(['org_id', 'status', 'due_date'])
    .execute();
}
