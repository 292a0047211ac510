import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { InvoiceRow } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { assertMinor } from '../kernel/money.ts';
import { type Page, type PageRequest, toPage } from '../kernel/page.ts';
import {
  buildInvoice,
  type Invoice,
  type InvoiceInput,
  invoiceFromRow,
  issuedEntry,
  lineFromRow,
} from './invoice.ts';
import type { InvoiceStatus } from './invoice-status.ts';
import { invoiceBalances, invoiceHistory, lockRows, postEntries } from './ledger.repository.ts';
import { invoiceReference, referenceSchemeOf } from './payment-reference.ts';

export async function invoiceNumberTaken(db: Db, orgId: string, number: string): Promise<boolean> {
  const row = await db
    .selectFrom('invoices')
    .select('id')
    .where('org_id', '=', orgId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row !== undefined;
}

async function customerForInvoice(db: Db, orgId: string, customerId: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'currency', 'payment_terms_days'])
    .where('org_id', '=', orgId)
    .where('id', '=', customerId)
    .executeTakeFirst();
}

/** Creates an invoice (issued unless `draft`), its lines and its `invoice_issued` ledger entry. */
export async function createInvoice(
  db: Db,
  orgId: string,
  input: InvoiceInput,
  asOf: IsoDate,
): Promise<Result<Invoice>> {
  const customer = await customerForInvoice(db, orgId, input.customerId);
  if (!customer) {
    return fail('not_found', `no customer ${input.customerId} in this organisation`, { field: 'customerId' });
  }
  if (await invoiceNumberTaken(db, orgId, input.number)) {
    return fail('duplicate', `invoice number ${input.number} is already used in this organisation`, {
      field: 'number',
      hint: 'invoice numbers are unique per organisation; use the next number in your series',
    });
  }
  const built = buildInvoice(
    orgId,
    input,
    { id: customer.id, currency: customer.currency, paymentTermsDays: customer.payment_terms_days },
    {
      invoiceId: newId('invoice'),
      lineId: () => newId('invoiceLine'),
      paymentReference: invoiceReference(await referenceSchemeOf(db, orgId), input.number),
    },
    nowIso(),
  );
  if (!built.ok) return built;
  const { invoice, lines, entry } = built.value;
  await db.insertInto('invoices').values(invoice).execute();
  await db
    .insertInto('invoice_lines')
    .values([...lines])
    .execute();
  if (entry) await postEntries(db, orgId, [entry]);
  return ok((await getInvoice(db, orgId, invoice.id, asOf, { lines: true, history: true }))!);
}

export async function getInvoiceRow(db: Db, orgId: string, id: string): Promise<InvoiceRow | undefined> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function getInvoice(
  db: Db,
  orgId: string,
  id: string,
  asOf: IsoDate,
  include: { lines?: boolean; history?: boolean } = {},
): Promise<Invoice | undefined> {
  const row = await getInvoiceRow(db, orgId, id);
  if (!row) return undefined;
  const balance = (await invoiceBalances(db, orgId, [id])).get(id)!;
  const invoice = invoiceFromRow(row, balance, asOf);
  const lines = include.lines
    ? (
        await db
          .selectFrom('invoice_lines')
          .selectAll()
          .where('org_id', '=', orgId)
          .where('invoice_id', '=', id)
          .orderBy('position')
          .execute()
      ).map(lineFromRow)
    : undefined;
  const history = include.history ? await invoiceHistory(db, orgId, id) : undefined;
  return { ...invoice, ...(lines && { lines }), ...(history && { history }) };
}

export interface InvoiceFilter {
  readonly status?: InvoiceStatus;
  readonly customerId?: string;
  /** Only invoices overdue on this day. */
  readonly overdueAsOf?: IsoDate;
}

const sumOf = (kinds: readonly string[] | null) =>
  kinds
    ? sql<number>`(select coalesce(sum(le.receivable_delta), 0) from ledger_entries le
        where le.org_id = invoices.org_id and le.invoice_id = invoices.id and le.kind in (${sql.join(kinds)}))`
    : sql<number>`(select coalesce(sum(le.receivable_delta), 0) from ledger_entries le
        where le.org_id = invoices.org_id and le.invoice_id = invoices.id)`;

/**
 * The SQL form of deriveInvoiceStatus (invoice-status.ts), so status filters page correctly.
 * invoices.repository.test.ts checks that both agree on every invoice.
 */
function statusCondition(status: InvoiceStatus, asOf: IsoDate): Expression<SqlBool> {
  const open = sumOf(null);
  const charged = sumOf(['fee', 'interest']);
  const writtenOff = sql<number>`(-${sumOf(['write_off'])})`;
  switch (status) {
    case 'draft':
    case 'void':
      return sql<SqlBool>`invoices.state = ${status}`;
    case 'paid':
      return sql<SqlBool>`invoices.state = 'issued' and ${open} <= 0 and ${writtenOff} <= 0`;
    case 'written_off':
      return sql<SqlBool>`invoices.state = 'issued' and ${open} <= 0 and ${writtenOff} > 0`;
    case 'overdue':
      return sql<SqlBool>`invoices.state = 'issued' and ${open} > 0 and invoices.due_date < ${asOf}`;
    case 'partially_paid':
      return sql<SqlBool>`invoices.state = 'issued' and ${open} > 0 and invoices.due_date >= ${asOf}
        and ${open} < invoices.total + ${charged}`;
    case 'open':
      return sql<SqlBool>`invoices.state = 'issued' and ${open} > 0 and invoices.due_date >= ${asOf}
        and ${open} >= invoices.total + ${charged}`;
  }
}

export async function listInvoices(
  db: Db,
  orgId: string,
  filter: InvoiceFilter,
  asOf: IsoDate,
  page: PageRequest,
): Promise<Page<Invoice>> {
  const day = filter.overdueAsOf ?? asOf;
  let q = db.selectFrom('invoices').selectAll('invoices').where('invoices.org_id', '=', orgId);
  if (page.after) q = q.where('invoices.id', '>', page.after);
  if (filter.customerId) q = q.where('invoices.customer_id', '=', filter.customerId);
  if (filter.status) q = q.where(statusCondition(filter.status, day));
  if (filter.overdueAsOf) q = q.where(statusCondition('overdue', filter.overdueAsOf));
  const rows = await q
    .orderBy('invoices.id')
    .limit(page.limit + 1)
    .execute();
  const p = toPage(rows, page.limit);
  const balances = await invoiceBalances(
    db,
    orgId,
    p.data.map((r) => r.id),
  );
  return { data: p.data.map((r) => invoiceFromRow(r, balances.get(r.id)!, day)), nextCursor: p.nextCursor };
}

/** Issues a draft: from now on it is owed and appears in the ledger. */
export async function issueInvoice(
  db: Db,
  orgId: string,
  id: string,
  asOf: IsoDate,
): Promise<Result<Invoice>> {
  const row = await getInvoiceRow(db, orgId, id);
  if (!row) return fail('not_found', `no invoice ${id} in this organisation`, { field: 'id' });
  if (row.state !== 'draft') return fail('invoice_not_open', `invoice ${row.number} is not a draft`);
  await db
    .updateTable('invoices')
    .set({ state: 'issued' })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
  await postEntries(db, orgId, [issuedEntry(row)]);
  return ok((await getInvoice(db, orgId, id, asOf, { lines: true, history: true }))!);
}

/**
 * Voids an invoice issued by mistake. Only while nothing was paid, credited or charged on it: once
 * money moved, the correction is a credit note, so the history stays true.
 */
export async function voidInvoice(
  db: Db,
  orgId: string,
  id: string,
  reason: string,
  asOf: IsoDate,
): Promise<Result<Invoice>> {
  await lockRows(db, 'invoices', orgId, [id]);
  const row = await getInvoiceRow(db, orgId, id);
  if (!row) return fail('not_found', `no invoice ${id} in this organisation`, { field: 'id' });
  if (row.state === 'void') return fail('invoice_not_open', `invoice ${row.number} is already void`);
  const history = await invoiceHistory(db, orgId, id);
  if (history.some((e) => e.kind !== 'invoice_issued')) {
    return fail('invoice_has_settlements', `invoice ${row.number} has payments, credits or charges`, {
      hint: 'issue a credit note for the open amount instead of voiding',
    });
  }
  await db
    .updateTable('invoices')
    .set({ state: 'void', voided_at: nowIso(), void_reason: reason })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
  if (row.state === 'issued') {
    await postEntries(db, orgId, [
      {
        customerId: row.customer_id,
        kind: 'invoice_voided',
        currency: row.currency,
        effectiveDate: asOf < row.issue_date ? row.issue_date : asOf,
        invoiceId: id,
        receivableDelta: -row.total,
        memo: reason,
      },
    ]);
  }
  return ok((await getInvoice(db, orgId, id, asOf, { lines: true, history: true }))!);
}

export interface InvoiceEntryInput {
  readonly kind: 'write_off' | 'fee' | 'interest' | 'adjustment';
  /** Positive minor units; for adjustment a signed amount. Write-off: defaults to the whole open amount. */
  readonly amount?: number;
  readonly date: IsoDate;
  readonly memo: string;
}

/** Posts a write-off, fee, interest charge or adjustment on one invoice, within its rules. */
export async function postInvoiceEntry(
  db: Db,
  orgId: string,
  id: string,
  input: InvoiceEntryInput,
  asOf: IsoDate,
): Promise<Result<Invoice>> {
  await lockRows(db, 'invoices', orgId, [id]);
  const row = await getInvoiceRow(db, orgId, id);
  if (!row) return fail('not_found', `no invoice ${id} in this organisation`, { field: 'id' });
  if (row.state !== 'issued') return fail('invoice_not_open', `invoice ${row.number} is ${row.state}`);
  const open = (await invoiceBalances(db, orgId, [id])).get(id)!.open;
  const amount = input.amount ?? (input.kind === 'write_off' ? open : undefined);
  if (amount === undefined) return fail('validation_failed', 'amount is required', { field: 'amount' });
  assertMinor(amount);
  if (input.kind !== 'adjustment' && amount <= 0) {
    return fail('validation_failed', 'amount must be a positive number of minor units', { field: 'amount' });
  }
  const delta = input.kind === 'write_off' ? -amount : amount;
  if (open + delta < 0) {
    return fail('allocation_exceeds_open_balance', `only ${open} is open on invoice ${row.number}`, {
      field: 'amount',
    });
  }
  await postEntries(db, orgId, [
    {
      customerId: row.customer_id,
      kind: input.kind,
      currency: row.currency,
      effectiveDate: input.date,
      invoiceId: id,
      receivableDelta: delta,
      memo: input.memo,
    },
  ]);
  return ok((await getInvoice(db, orgId, id, asOf, { lines: true, history: true }))!);
}
