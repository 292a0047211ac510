import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { isPostgres } from '../db/dialect.ts';
import type { EntryKind, LedgerEntryRow } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { newId } from '../kernel/ids.ts';
import { assertMinor } from '../kernel/money.ts';
import type { InvoiceBalance } from './invoice-status.ts';

/** What a use case asks the ledger to record. Deltas default to 0. */
export interface EntryDraft {
  readonly customerId: string;
  readonly kind: EntryKind;
  readonly currency: string;
  readonly effectiveDate: string;
  readonly invoiceId?: string | null;
  readonly receivableDelta?: number;
  readonly sourceType?: 'payment' | 'credit_note' | null;
  readonly sourceId?: string | null;
  readonly creditDelta?: number;
  readonly reversesEntryId?: string | null;
  readonly memo?: string | null;
}

export interface LedgerEntry {
  readonly id: string;
  readonly kind: EntryKind;
  readonly customerId: string;
  readonly currency: string;
  readonly effectiveDate: string;
  readonly invoiceId: string | null;
  /** Effect on what the customer owes on `invoiceId` (+ increases the debt). */
  readonly receivableDelta: number;
  readonly sourceType: 'payment' | 'credit_note' | null;
  readonly sourceId: string | null;
  /** Effect on the unapplied credit of `sourceId` (+ more credit available). */
  readonly creditDelta: number;
  readonly reversesEntryId: string | null;
  readonly memo: string | null;
  readonly createdAt: string;
}

export function entryFromRow(r: LedgerEntryRow): LedgerEntry {
  return Object.freeze({
    id: r.id,
    kind: r.kind,
    customerId: r.customer_id,
    currency: r.currency,
    effectiveDate: r.effective_date,
    invoiceId: r.invoice_id,
    receivableDelta: r.receivable_delta,
    sourceType: r.source_type,
    sourceId: r.source_id,
    creditDelta: r.credit_delta,
    reversesEntryId: r.reverses_entry_id,
    memo: r.memo,
    createdAt: r.created_at,
  });
}

export function entryRow(orgId: string, e: EntryDraft, createdAt: string, id: string = newId('entry')) {
  const receivable = e.receivableDelta ?? 0;
  const credit = e.creditDelta ?? 0;
  assertMinor(receivable, 'receivable delta');
  assertMinor(credit, 'credit delta');
  return {
    id,
    org_id: orgId,
    customer_id: e.customerId,
    kind: e.kind,
    currency: e.currency,
    effective_date: e.effectiveDate,
    invoice_id: e.invoiceId ?? null,
    receivable_delta: receivable,
    source_type: e.sourceType ?? null,
    source_id: e.sourceId ?? null,
    credit_delta: credit,
    reverses_entry_id: e.reversesEntryId ?? null,
    memo: e.memo ?? null,
    created_at: createdAt,
  };
}

/** Appends entries. The only write path to the ledger. */
export async function postEntries(
  db: Db,
  orgId: string,
  entries: readonly EntryDraft[],
): Promise<LedgerEntry[]> {
  if (entries.length === 0) return [];
  const now = nowIso();
  const rows = entries.map((e) => entryRow(orgId, e, now));
  await db.insertInto('ledger_entries').values(rows).execute();
  return rows.map(entryFromRow);
}

export interface InvoiceBalanceDetail extends InvoiceBalance {
  readonly issued: number;
  readonly credited: number;
  readonly adjusted: number;
  readonly paid: number;
}

const ZERO: InvoiceBalanceDetail = Object.freeze({
  open: 0,
  charged: 0,
  writtenOff: 0,
  issued: 0,
  credited: 0,
  adjusted: 0,
  paid: 0,
});

/** Sums of each invoice's entries by kind, in one query. */
export async function invoiceBalances(
  db: Db,
  orgId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, InvoiceBalanceDetail>> {
  const result = new Map<string, InvoiceBalanceDetail>();
  if (invoiceIds.length === 0) return result;
  const rows = await db
    .selectFrom('ledger_entries')
    .select((eb) => ['invoice_id', 'kind', eb.fn.sum<number>('receivable_delta').as('sum')])
    .where('org_id', '=', orgId)
    .where('invoice_id', 'in', invoiceIds)
    .groupBy(['invoice_id', 'kind'])
    .execute();
  const sums = new Map<string, Partial<Record<EntryKind, number>>>();
  for (const r of rows) {
    if (!r.invoice_id) continue;
    const s = sums.get(r.invoice_id) ?? {};
    s[r.kind] = Number(r.sum);
    sums.set(r.invoice_id, s);
  }
  for (const id of invoiceIds) {
    const s = sums.get(id);
    if (!s) {
      result.set(id, ZERO);
      continue;
    }
    const v = (k: EntryKind) => s[k] ?? 0;
    const open = Object.values(s).reduce((a, b) => a + (b ?? 0), 0);
    const issued = v('invoice_issued') + v('invoice_voided');
    const charged = v('fee') + v('interest');
    const adjusted = v('adjustment');
    const credited = 0 - v('credit_note'); // 0 - x, not -x: no -0 for an empty sum
    const writtenOff = 0 - v('write_off');
    result.set(id, {
      open,
      issued,
      charged,
      adjusted,
      credited,
      writtenOff,
      paid: issued + charged + adjusted - credited - writtenOff - open,
    });
  }
  return result;
}

/** The entries on one invoice (`invoice_id`) or of one credit source (`source_id`), oldest first. */
export async function entriesBy(
  db: Db,
  orgId: string,
  column: 'invoice_id' | 'source_id',
  id: string,
): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where(column, '=', id)
    .orderBy('id')
    .execute();
  return rows.map(entryFromRow);
}

export function invoiceHistory(db: Db, orgId: string, invoiceId: string): Promise<LedgerEntry[]> {
  return entriesBy(db, orgId, 'invoice_id', invoiceId);
}

export interface CreditSource {
  readonly sourceType: 'payment' | 'credit_note';
  readonly sourceId: string;
  readonly available: number;
  readonly currency: string;
}

/** A customer's unapplied credit, per source (payments, credit notes), oldest first. */
export async function creditSources(
  db: Db,
  orgId: string,
  customerId: string,
  currency?: string,
): Promise<CreditSource[]> {
  let q = db
    .selectFrom('ledger_entries')
    .select((eb) => [
      'source_type',
      'source_id',
      'currency',
      eb.fn.sum<number>('credit_delta').as('available'),
    ])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('source_id', 'is not', null);
  if (currency) q = q.where('currency', '=', currency);
  // Ids are a 3-letter prefix, `_` and a time-sortable ULID: ordering by the ULID alone puts the
  // oldest credit first across payments and credit notes (the whole id would put every crn_ first).
  const rows = await q
    .groupBy(['source_type', 'source_id', 'currency'])
    .orderBy(sql`substr(source_id, 5)`)
    .execute();
  return rows
    .map((r) => ({
      sourceType: r.source_type as 'payment' | 'credit_note',
      sourceId: r.source_id as string,
      currency: r.currency,
      available: Number(r.available),
    }))
    .filter((s) => s.available > 0);
}

/**
 * Locks rows a money movement reads before it writes, so two concurrent allocations cannot both
 * see the same open balance. PostgreSQL: row locks. SQLite has a single writer, and Duly holds its
 * one connection for the whole transaction, so there is nothing to lock.
 */
export async function lockRows(
  db: Db,
  table: 'invoices' | 'payments' | 'customers' | 'credit_notes',
  orgId: string,
  ids: readonly string[],
): Promise<void> {
  if (!isPostgres(db) || ids.length === 0) return;
  await db
    .selectFrom(table)
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', [...ids].sort())
    .orderBy('id')
    .forUpdate()
    .execute();
}
