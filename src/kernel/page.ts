/**
 * Cursor pagination over time-sortable ids: a page is `limit` rows with id greater than the cursor,
 * in id (creation) order. The cursor is opaque to clients (base64url of the last id).
 */
export interface Page<T> {
  readonly data: readonly T[];
  readonly nextCursor: string | null;
}

export interface PageRequest {
  readonly limit: number;
  readonly after: string | null;
}

export const MAX_PAGE_SIZE = 200;

export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): string | null | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[a-z]{3}_[0-9a-z]{26}$/.test(id) ? id : undefined;
}

/** Fetch `limit + 1` rows, then call this: it trims the extra row and derives the next cursor. */
export function toPage<T extends { readonly id: string }>(rows: readonly T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
