import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { newId } from '../kernel/ids.ts';

/**
 * API tokens are shown once and stored only as a SHA-256 hash: a stolen database does not yield
 * usable tokens. A token is 32 random bytes, so a plain (unsalted) hash is enough.
 */
function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreatedToken {
  readonly id: string;
  readonly orgId: string;
  readonly token: string;
}

export async function createApiToken(db: Db, orgId: string, name: string): Promise<CreatedToken> {
  const token = `duly_${randomBytes(32).toString('base64url')}`;
  const id = newId('token');
  await db
    .insertInto('api_tokens')
    .values({ id, org_id: orgId, name, token_hash: hashToken(token), created_at: nowIso(), revoked_at: null })
    .execute();
  return { id, orgId, token };
}

/** The organisation a bearer token belongs to, or undefined for unknown or revoked tokens. */
export async function orgForToken(db: Db, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select('org_id')
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.org_id;
}

export async function revokeApiToken(db: Db, orgId: string, tokenId: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso() })
    .where('org_id', '=', orgId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
