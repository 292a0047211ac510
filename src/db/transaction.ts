import { fail, type Result, Rollback } from '../kernel/errors.ts';
import type { Db } from './database.ts';
import { isUniqueViolation } from './errors.ts';

/**
 * Runs a use case in one transaction. An expected failure (a `Result` that is not ok) rolls back
 * everything the use case wrote, so bad input never leaves half a change behind. A unique-key race
 * that slipped past the explicit checks comes back as a `duplicate` failure, not a crash.
 */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await fn(trx);
      if (!result.ok) throw new Rollback(result.error);
      return result;
    });
  } catch (e) {
    if (e instanceof Rollback) return { ok: false, error: e.error };
    if (isUniqueViolation(e)) return fail('duplicate', 'this record already exists (unique key)');
    throw e;
  }
}
