import type { Kysely } from 'kysely';

/**
 * Events for the customer and invoice timeline: what happened that a person follows up (a short
 * payment, later a broken promise, a call). Append-only facts with a kind and a JSON payload.
 * Frozen snapshot: Kysely<any>.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_customer')
    .on('events')
    .columns(['org_id', 'customer_id', 'id'])
    .execute();
  await db.schema.createIndex('events_kind').on('events').columns(['org_id', 'kind', 'id']).execute();
}
