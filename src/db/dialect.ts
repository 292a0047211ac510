import { type Kysely, PostgresAdapter } from 'kysely';

/** Which engine a handle (or transaction) talks to; only for the few places SQL differs. */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema, including migrations' Kysely<any>
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
