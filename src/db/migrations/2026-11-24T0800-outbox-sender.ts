import type { Kysely } from 'kysely';

/**
 * Each organisation's emails carry its own name and reply address: outbox.sender_name is the display
 * name on From (the address stays the SMTP account's, so SPF and DMARC pass), outbox.reply_to is the
 * organisation's email, where customers' replies go. Frozen snapshot: Kysely<any>.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('sender_name', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('reply_to', 'text').execute();
}
