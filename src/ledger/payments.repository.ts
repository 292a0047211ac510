import type { Db } from '../db/database.ts';
import type { PaymentRow } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { type Page, type PageRequest, toPage } from '../kernel/page.ts';
import { type Allocation, allocateOldestFirst, type OpenItem } from './allocate.ts';
import {
  creditSources,
  type EntryDraft,
  entriesBy,
  invoiceBalances,
  lockRows,
  postEntries,
} from './ledger.repository.ts';
import type {
  ApplyCreditInput,
  CreditNote,
  CreditNoteInput,
  Payment,
  PaymentAllocation,
  PaymentInput,
} from './payment.ts';

/** The customer's issued invoices in `currency` with something still open, oldest first. */
export async function openItems(
  db: Db,
  orgId: string,
  customerId: string,
  currency: string,
): Promise<OpenItem[]> {
  const rows = await db
    .selectFrom('invoices')
    .select(['id', 'due_date', 'issue_date', 'number'])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('currency', '=', currency)
    .where('state', '=', 'issued')
    .execute();
  const balances = await invoiceBalances(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => ({
      invoiceId: r.id,
      dueDate: r.due_date,
      issueDate: r.issue_date,
      number: r.number,
      open: balances.get(r.id)!.open,
    }))
    .filter((i) => i.open > 0);
}

/**
 * Checks explicit allocations against the rules every money movement obeys: the invoice exists in
 * this organisation, belongs to this customer, is issued, is in the same currency, and the amounts
 * fit both the invoice's open balance and the money available.
 */
async function checkAllocations(
  db: Db,
  orgId: string,
  customerId: string,
  currency: string,
  allocations: readonly Allocation[],
  available: number,
): Promise<Result<Allocation[]>> {
  const ids = [...new Set(allocations.map((a) => a.invoiceId))];
  const rows = await db
    .selectFrom('invoices')
    .select(['id', 'customer_id', 'currency', 'state', 'number'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids.length > 0 ? ids : [''])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const balances = await invoiceBalances(db, orgId, ids);
  const wanted = new Map<string, number>();
  let total = 0;
  for (const [i, a] of allocations.entries()) {
    const inv = byId.get(a.invoiceId);
    const field = `allocations/${i}`;
    if (!inv)
      return fail('not_found', `no invoice ${a.invoiceId} in this organisation`, {
        field: `${field}/invoiceId`,
      });
    if (inv.customer_id !== customerId) {
      return fail('validation_failed', `invoice ${inv.number} belongs to another customer`, {
        field: `${field}/invoiceId`,
        hint: "record the payment on the invoice's customer",
      });
    }
    if (inv.state !== 'issued') {
      return fail('invoice_not_open', `invoice ${inv.number} is ${inv.state}`, {
        field: `${field}/invoiceId`,
      });
    }
    if (inv.currency !== currency) {
      return fail(
        'currency_mismatch',
        `invoice ${inv.number} is in ${inv.currency}, the money is in ${currency}`,
        {
          field: `${field}/invoiceId`,
          hint: 'allocate only to invoices in the same currency',
        },
      );
    }
    const sum = (wanted.get(a.invoiceId) ?? 0) + a.amount;
    const open = balances.get(a.invoiceId)!.open;
    if (sum > open) {
      return fail(
        'allocation_exceeds_open_balance',
        `invoice ${inv.number} has ${open} open; ${sum} was allocated to it`,
        {
          field: `${field}/amount`,
          hint: 'allocate at most the open amount; the rest stays as customer credit',
        },
      );
    }
    wanted.set(a.invoiceId, sum);
    total += a.amount;
  }
  if (total > available) {
    return fail(
      'allocation_exceeds_available',
      `allocations add up to ${total} but only ${available} is available`,
      {
        field: 'allocations',
      },
    );
  }
  return ok([...allocations]);
}

async function customerExists(db: Db, orgId: string, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a payment and allocates it: explicitly, or oldest-first over the customer's open invoices
 * in its currency. Whatever is not allocated stays as customer credit. Run inside a transaction.
 */
export async function recordPayment(db: Db, orgId: string, input: PaymentInput): Promise<Result<Payment>> {
  if (!(await customerExists(db, orgId, input.customerId))) {
    return fail('not_found', `no customer ${input.customerId} in this organisation`, { field: 'customerId' });
  }
  await lockRows(db, 'customers', orgId, [input.customerId]);
  let allocations: Allocation[];
  if (input.allocations) {
    const checked = await checkAllocations(
      db,
      orgId,
      input.customerId,
      input.currency,
      input.allocations,
      input.amount,
    );
    if (!checked.ok) return checked;
    allocations = checked.value;
  } else if (input.allocate === 'none') {
    allocations = [];
  } else {
    const items = await openItems(db, orgId, input.customerId, input.currency);
    allocations = [...allocateOldestFirst(input.amount, items).allocations];
  }
  const payment: PaymentRow = {
    id: newId('payment'),
    org_id: orgId,
    customer_id: input.customerId,
    amount: input.amount,
    currency: input.currency,
    received_date: input.receivedDate,
    payer_name: input.payerName ?? null,
    payer_iban: input.payerIban ?? null,
    reference: input.reference ?? null,
    method: input.method,
    created_at: nowIso(),
  };
  await db.insertInto('payments').values(payment).execute();
  const base = { customerId: input.customerId, currency: input.currency, effectiveDate: input.receivedDate };
  const source = { sourceType: 'payment' as const, sourceId: payment.id };
  await postEntries(db, orgId, [
    {
      ...base,
      ...source,
      kind: 'payment_received',
      creditDelta: input.amount,
      memo: input.reference ?? null,
    },
    ...allocations.map(
      (a): EntryDraft => ({
        ...base,
        ...source,
        kind: 'payment_allocated',
        invoiceId: a.invoiceId,
        receivableDelta: -a.amount,
        creditDelta: -a.amount,
      }),
    ),
  ]);
  return ok((await getPayment(db, orgId, payment.id))!);
}

export async function getPayment(db: Db, orgId: string, id: string): Promise<Payment | undefined> {
  const row = await db
    .selectFrom('payments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const entries = await entriesBy(db, orgId, 'source_id', id);
  const reversed = new Set(entries.map((e) => e.reversesEntryId).filter((x): x is string => x !== null));
  const allocations: PaymentAllocation[] = entries
    .filter((e) => (e.kind === 'payment_allocated' || e.kind === 'credit_applied') && !reversed.has(e.id))
    .map((e) => ({ entryId: e.id, invoiceId: e.invoiceId!, amount: -e.creditDelta, date: e.effectiveDate }));
  const reversal = entries.find((e) => e.kind === 'reversal');
  return {
    id: row.id,
    customerId: row.customer_id,
    amount: row.amount,
    currency: row.currency,
    receivedDate: row.received_date,
    payerName: row.payer_name,
    payerIban: row.payer_iban,
    reference: row.reference,
    method: row.method,
    allocations,
    unallocated: entries.reduce((s, e) => s + e.creditDelta, 0),
    reversed: reversal ? { date: reversal.effectiveDate, reason: reversal.memo } : null,
    createdAt: row.created_at,
  };
}

/**
 * Applies a customer's unapplied credit (overpayments, credit-note rests) to invoices, taking the
 * oldest credit first. Without explicit allocations, covers the oldest open invoices.
 */
export async function applyCustomerCredit(
  db: Db,
  orgId: string,
  customerId: string,
  input: ApplyCreditInput,
): Promise<Result<{ readonly applied: readonly Allocation[]; readonly remainingCredit: number }>> {
  if (!(await customerExists(db, orgId, customerId))) {
    return fail('not_found', `no customer ${customerId} in this organisation`, { field: 'customerId' });
  }
  await lockRows(db, 'customers', orgId, [customerId]);
  const sources = await creditSources(db, orgId, customerId, input.currency);
  const available = sources.reduce((s, c) => s + c.available, 0);
  let allocations: Allocation[];
  if (input.allocations) {
    const checked = await checkAllocations(
      db,
      orgId,
      customerId,
      input.currency,
      input.allocations,
      available,
    );
    if (!checked.ok) return checked;
    allocations = checked.value;
  } else {
    allocations = [
      ...allocateOldestFirst(available, await openItems(db, orgId, customerId, input.currency)).allocations,
    ];
  }
  const entries: EntryDraft[] = [];
  const left = sources.map((s) => ({ ...s }));
  for (const a of allocations) {
    let need = a.amount;
    for (const s of left) {
      if (need === 0) break;
      const take = Math.min(need, s.available);
      if (take === 0) continue;
      s.available -= take;
      need -= take;
      entries.push({
        customerId,
        kind: 'credit_applied',
        currency: input.currency,
        effectiveDate: input.date,
        invoiceId: a.invoiceId,
        receivableDelta: -take,
        sourceType: s.sourceType,
        sourceId: s.sourceId,
        creditDelta: -take,
      });
    }
  }
  await postEntries(db, orgId, entries);
  return ok({ applied: allocations, remainingCredit: left.reduce((s, c) => s + c.available, 0) });
}

/**
 * Credits an invoice. The credit reduces what is open on the invoice; anything beyond its open
 * amount (the invoice was already paid) becomes customer credit rather than vanishing.
 */
export async function createCreditNote(
  db: Db,
  orgId: string,
  input: CreditNoteInput,
): Promise<Result<CreditNote>> {
  const inv = await db
    .selectFrom('invoices')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', input.invoiceId)
    .executeTakeFirst();
  if (!inv)
    return fail('not_found', `no invoice ${input.invoiceId} in this organisation`, { field: 'invoiceId' });
  if (inv.state !== 'issued') {
    return fail(
      'invoice_not_open',
      `invoice ${inv.number} is ${inv.state}; only issued invoices can be credited`,
      {
        field: 'invoiceId',
      },
    );
  }
  if (input.currency && input.currency !== inv.currency) {
    return fail('currency_mismatch', `invoice ${inv.number} is in ${inv.currency}, not ${input.currency}`, {
      field: 'currency',
    });
  }
  const taken = await db
    .selectFrom('credit_notes')
    .select('id')
    .where('org_id', '=', orgId)
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (taken)
    return fail('duplicate', `credit note number ${input.number} is already used`, { field: 'number' });
  await lockRows(db, 'customers', orgId, [inv.customer_id]);
  const balance = (await invoiceBalances(db, orgId, [inv.id])).get(inv.id)!;
  // Earlier credit notes count in full, including any part that went to customer credit.
  const earlier = await db
    .selectFrom('credit_notes')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('sum'))
    .where('org_id', '=', orgId)
    .where('invoice_id', '=', inv.id)
    .executeTakeFirstOrThrow();
  // Written-off debt counts as settled: crediting it again would hand the customer credit for money
  // they never paid.
  const billed =
    balance.issued + balance.charged + balance.adjusted - balance.writtenOff - Number(earlier.sum);
  if (input.amount > billed) {
    return fail(
      'allocation_exceeds_open_balance',
      `credit of ${input.amount} exceeds the ${billed} billed on ${inv.number}`,
      {
        field: 'amount',
        hint: 'a credit note cannot credit more than the invoice (less earlier credit notes and write-offs)',
      },
    );
  }
  const applied = Math.min(input.amount, Math.max(0, balance.open));
  const id = newId('creditNote');
  const createdAt = nowIso();
  await db
    .insertInto('credit_notes')
    .values({
      id,
      org_id: orgId,
      customer_id: inv.customer_id,
      invoice_id: inv.id,
      number: input.number,
      issue_date: input.issueDate,
      currency: inv.currency,
      amount: input.amount,
      reason: input.reason,
      created_at: createdAt,
    })
    .execute();
  await postEntries(db, orgId, [
    {
      customerId: inv.customer_id,
      kind: 'credit_note',
      currency: inv.currency,
      effectiveDate: input.issueDate,
      invoiceId: inv.id,
      receivableDelta: -applied,
      sourceType: 'credit_note',
      sourceId: id,
      creditDelta: input.amount - applied,
      memo: `Credit note ${input.number}: ${input.reason}`,
    },
  ]);
  return ok({
    id,
    customerId: inv.customer_id,
    invoiceId: inv.id,
    number: input.number,
    issueDate: input.issueDate,
    currency: inv.currency,
    amount: input.amount,
    appliedToInvoice: applied,
    unapplied: input.amount - applied,
    reason: input.reason,
    createdAt,
  });
}

/** Payments in id order, with their allocations, in two queries. */
export async function listPayments(
  db: Db,
  orgId: string,
  filter: { readonly customerId?: string },
  page: PageRequest,
): Promise<Page<Payment>> {
  let q = db.selectFrom('payments').select('id').where('org_id', '=', orgId);
  if (page.after) q = q.where('id', '>', page.after);
  if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
  const rows = await q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const p = toPage(rows, page.limit);
  const payments = await Promise.all(p.data.map((r) => getPayment(db, orgId, r.id)));
  return { data: payments.filter((x): x is Payment => x !== undefined), nextCursor: p.nextCursor };
}

/**
 * Reverses a payment that bounced or was returned by the bank: every entry it caused (receipt,
 * allocations, later credit applications) gets a mirror `reversal` entry, so the invoices it paid
 * reopen and its credit disappears. Nothing is deleted; a unique index makes a second reversal of
 * the same entry impossible.
 */
export async function reversePayment(
  db: Db,
  orgId: string,
  id: string,
  input: { readonly date: string; readonly reason: string },
): Promise<Result<Payment>> {
  const row = await db
    .selectFrom('payments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return fail('not_found', `no payment ${id} in this organisation`, { field: 'id' });
  await lockRows(db, 'customers', orgId, [row.customer_id]);
  const entries = await entriesBy(db, orgId, 'source_id', id);
  if (entries.some((e) => e.kind === 'reversal')) {
    return fail('already_reversed', `payment ${id} was already reversed`);
  }
  if (input.date < row.received_date) {
    return fail('validation_failed', 'a payment cannot be reversed before it was received', {
      field: 'date',
    });
  }
  await postEntries(
    db,
    orgId,
    entries.map((e) => ({
      customerId: e.customerId,
      kind: 'reversal' as const,
      currency: e.currency,
      effectiveDate: input.date,
      invoiceId: e.invoiceId,
      receivableDelta: -e.receivableDelta,
      sourceType: e.sourceType,
      sourceId: e.sourceId,
      creditDelta: -e.creditDelta,
      reversesEntryId: e.id,
      memo: input.reason,
    })),
  );
  return ok((await getPayment(db, orgId, id))!);
}
