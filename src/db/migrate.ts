import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as ledger from './migrations/2026-11-24T0500-ledger.ts';
import * as dunning from './migrations/2026-11-24T0600-dunning.ts';
import * as openAmount from './migrations/2026-11-24T0700-open-amount.ts';
import * as outboxSender from './migrations/2026-11-24T0800-outbox-sender.ts';
import * as banking from './migrations/2026-11-24T0900-banking.ts';
import * as events from './migrations/2026-11-24T1000-events.ts';

/** Append-only list: add new migrations at the end, never edit a shipped one. */
const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '2026-11-24T0500-ledger': ledger,
  '2026-11-24T0600-dunning': dunning,
  '2026-11-24T0700-open-amount': openAmount,
  '2026-11-24T0800-outbox-sender': outboxSender,
  '2026-11-24T0900-banking': banking,
  '2026-11-24T1000-events': events,
});

// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}
