import type { Db } from '../db/database.ts';
import type { BankLinesTable } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { fail, ok, type Result, Rollback } from '../kernel/errors.ts';
import { isValidIban, normalizeIban } from '../kernel/iban.ts';
import { findReferences } from '../kernel/references/index.ts';
import { postInvoiceEntry } from '../ledger/invoices.repository.ts';
import { recordPayment, reversePayment } from '../ledger/payments.repository.ts';
import { recordEvent } from '../timeline/events.repository.ts';
import { type MatchCustomer, type MatchInvoice, type MatchLine, matchLines, type Proposal } from './match.ts';

type LineRow = Pick<
  BankLinesTable,
  | 'id'
  | 'amount'
  | 'currency'
  | 'booking_date'
  | 'value_date'
  | 'reference'
  | 'reference_kind'
  | 'vs'
  | 'ss'
  | 'ks'
  | 'text'
  | 'payer_name'
  | 'payer_account'
  | 'end_to_end_id'
>;

export interface MatchRunSummary {
  readonly lines: number;
  readonly applied: number;
  readonly review: number;
  /** Returned or reversed payments un-applied (their invoices reopened). */
  readonly returned: number;
}

/**
 * Matches the organisation's unmatched bank credits (of one import, or all) against its open
 * invoices with the pure matcher, applies the unambiguous ones as payments (allocations, discounts,
 * overpayment kept as credit) and puts the rest in the review queue with the proposal and its
 * reasons. Returned payments found in debits are un-applied: the invoices reopen. Each applied line
 * is its own transaction, so one failure leaves the others applied and itself in review.
 */
export async function matchBankLines(
  db: Db,
  orgId: string,
  opts: { readonly asOf: IsoDate; readonly importId?: string },
): Promise<MatchRunSummary> {
  const returned = await applyReturns(db, orgId, opts);
  let q = db
    .selectFrom('bank_lines')
    .select([
      'id',
      'amount',
      'currency',
      'booking_date',
      'value_date',
      'reference',
      'reference_kind',
      'vs',
      'ss',
      'ks',
      'text',
      'payer_name',
      'payer_account',
      'end_to_end_id',
    ])
    .where('org_id', '=', orgId)
    .where('match_state', '=', 'unmatched');
  if (opts.importId) q = q.where('import_id', '=', opts.importId);
  const rows = await q.orderBy('id').execute();
  if (rows.length === 0) return { lines: 0, applied: 0, review: 0, returned };
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const [invoices, customers] = await Promise.all([
    openInvoices(db, orgId, currencies),
    knownCustomers(db, orgId),
  ]);
  const result = matchLines({
    lines: rows.map(toMatchLine),
    invoices,
    customers,
    asOf: opts.asOf,
    // The kernel's reference finder: RF, OGM, VS and KID forms, each validated by its check digits.
    options: { findReferences },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  let applied = 0;
  let review = 0;
  for (const p of result.proposals) {
    const line = byId.get(p.lineId)!;
    if (p.autoApply && p.customerId) {
      const r = await applyProposal(db, orgId, line, p, 'auto');
      if (r.ok) {
        applied++;
        continue;
      }
      await toReview(db, orgId, line.id, p, `could not be applied: ${r.error.message}`);
    } else {
      await toReview(db, orgId, line.id, p, null);
    }
    review++;
  }
  return { lines: rows.length, applied, review, returned };
}

function toMatchLine(r: LineRow): MatchLine {
  return {
    id: r.id,
    amount: Number(r.amount),
    currency: r.currency,
    bookingDate: r.booking_date,
    valueDate: r.value_date,
    reference: r.reference,
    referenceKind: r.reference_kind as MatchLine['referenceKind'],
    symbols: r.vs || r.ss || r.ks ? { vs: r.vs, ss: r.ss, ks: r.ks } : null,
    text: r.text,
    payerName: r.payer_name,
    payerAccount: r.payer_account,
    endToEndId: r.end_to_end_id,
  };
}

async function openInvoices(db: Db, orgId: string, currencies: readonly string[]): Promise<MatchInvoice[]> {
  const rows = await db
    .selectFrom('invoices')
    .select([
      'id',
      'customer_id',
      'number',
      'currency',
      'open_amount',
      'total',
      'issue_date',
      'due_date',
      'payment_reference',
    ])
    .where('org_id', '=', orgId)
    .where('state', '=', 'issued')
    .where('open_amount', '>', 0)
    .where('currency', 'in', currencies)
    .execute();
  return rows.map((r) => ({
    invoiceId: r.id,
    customerId: r.customer_id,
    number: r.number,
    currency: r.currency,
    open: Number(r.open_amount),
    total: Number(r.total),
    issueDate: r.issue_date,
    dueDate: r.due_date,
    paymentReference: r.payment_reference,
    discount: null,
  }));
}

async function knownCustomers(db: Db, orgId: string): Promise<MatchCustomer[]> {
  const [customers, accounts] = await Promise.all([
    db.selectFrom('customers').select(['id', 'name']).where('org_id', '=', orgId).execute(),
    db
      .selectFrom('customer_bank_accounts')
      .select(['customer_id', 'iban'])
      .where('org_id', '=', orgId)
      .execute(),
  ]);
  const byCustomer = new Map<string, string[]>();
  for (const a of accounts) byCustomer.set(a.customer_id, [...(byCustomer.get(a.customer_id) ?? []), a.iban]);
  return customers.map((c) => ({ customerId: c.id, name: c.name, accounts: byCustomer.get(c.id) ?? [] }));
}

async function toReview(
  db: Db,
  orgId: string,
  lineId: string,
  p: Proposal,
  note: string | null,
): Promise<void> {
  await db
    .updateTable('bank_lines')
    .set({
      match_state: 'review',
      proposal: JSON.stringify(p),
      confidence: Math.round(p.confidence * 100),
      decision_note: note,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', lineId)
    .where('match_state', 'in', ['unmatched', 'review'])
    .execute();
}

/**
 * Applies a proposal (the matcher's, or a person's choice from the review queue) in one transaction:
 * the payment with its allocations (the rest stays as customer credit), early-payment discounts as
 * write-offs, the payer's account learnt for next time, a short-payment event when an invoice stays
 * partly open, and the line marked matched. Fails whole, leaving the line as it was.
 */
export async function applyProposal(
  db: Db,
  orgId: string,
  line: LineRow,
  p: Pick<Proposal, 'customerId' | 'allocations' | 'discounts' | 'shortfall' | 'confidence' | 'reasons'>,
  decidedBy: 'auto' | 'person',
): Promise<Result<{ paymentId: string }>> {
  if (!p.customerId) return fail('validation_failed', 'a payment needs a customer', { field: 'customerId' });
  const customerId = p.customerId;
  const date = line.booking_date ?? line.value_date ?? nowIso().slice(0, 10);
  const payerIban =
    line.payer_account && isValidIban(line.payer_account) ? normalizeIban(line.payer_account) : null;
  try {
    return await db.transaction().execute(async (trx) => {
      // Claim the line first: a second apply (a race, a double click) finds it taken and fails.
      const claimed = await trx
        .updateTable('bank_lines')
        .set({ match_state: 'matched', decided_at: nowIso() })
        .where('org_id', '=', orgId)
        .where('id', '=', line.id)
        .where('match_state', 'in', ['unmatched', 'review'])
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        throw new Rollback({ code: 'duplicate', message: `bank line ${line.id} was already decided` });
      }
      const payment = await recordPayment(trx, orgId, {
        customerId,
        amount: Number(line.amount),
        currency: line.currency,
        receivedDate: date,
        payerName: line.payer_name,
        payerIban,
        reference: line.reference ?? (line.text.slice(0, 500) || null),
        method: 'bank_transfer',
        allocations: p.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })),
      });
      if (!payment.ok) throw new Rollback(payment.error);
      for (const d of p.discounts) {
        const w = await postInvoiceEntry(
          trx,
          orgId,
          d.invoiceId,
          { kind: 'write_off', amount: d.amount, date, memo: 'early-payment discount taken' },
          date,
        );
        if (!w.ok) throw new Rollback(w.error);
      }
      if (payerIban) {
        await trx
          .insertInto('customer_bank_accounts')
          .values({ org_id: orgId, customer_id: customerId, iban: payerIban })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      // A short payment: an invoice this payment went to is still partly open. The collections work
      // that follows (ask for the rest, write off a small difference) starts from this event.
      const paid = p.allocations.map((a) => a.invoiceId);
      if (paid.length > 0) {
        const stillOpen = await trx
          .selectFrom('invoices')
          .select(['id', 'open_amount'])
          .where('org_id', '=', orgId)
          .where('id', 'in', paid)
          .where('open_amount', '>', 0)
          .execute();
        for (const inv of stillOpen) {
          await recordEvent(trx, orgId, {
            kind: 'short_payment',
            customerId,
            invoiceId: inv.id,
            date,
            data: {
              bankLineId: line.id,
              paymentId: payment.value.id,
              stillOpen: Number(inv.open_amount),
              currency: line.currency,
            },
          });
        }
      }
      await trx
        .updateTable('bank_lines')
        .set({
          payment_id: payment.value.id,
          proposal: JSON.stringify(p),
          confidence: Math.round(p.confidence * 100),
          decision_note: decidedBy === 'auto' ? 'applied automatically' : 'applied by a person',
        })
        .where('org_id', '=', orgId)
        .where('id', '=', line.id)
        .execute();
      return ok({ paymentId: payment.value.id });
    });
  } catch (e) {
    if (e instanceof Rollback) return { ok: false, error: e.error };
    throw e;
  }
}

/**
 * Debits that return an earlier payment (camt RtrInf, a reversal): the credit they undo is found by
 * the original end-to-end id, else the same amount from the same payer account; if it was applied,
 * the payment is reversed and its invoices reopen. A return Duly cannot place goes to review.
 */
async function applyReturns(db: Db, orgId: string, opts: { readonly importId?: string }): Promise<number> {
  let q = db
    .selectFrom('bank_lines')
    .select(['id', 'amount', 'currency', 'booking_date', 'payer_account', 'return_end_to_end_id', 'reversal'])
    .where('org_id', '=', orgId)
    .where('match_state', '=', 'not_applicable')
    .where('direction', '=', 'debit')
    .where('status', '=', 'booked')
    .where('decided_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('reversal', '=', 1),
        eb('return_end_to_end_id', 'is not', null),
        eb('return_reason', 'is not', null),
      ]),
    );
  if (opts.importId) q = q.where('import_id', '=', opts.importId);
  let returned = 0;
  for (const r of await q.execute()) {
    let original = db
      .selectFrom('bank_lines')
      .select(['id', 'payment_id'])
      .where('org_id', '=', orgId)
      .where('direction', '=', 'credit')
      .where('match_state', '=', 'matched')
      .where('amount', '=', r.amount)
      .where('currency', '=', r.currency);
    original = r.return_end_to_end_id
      ? original.where('end_to_end_id', '=', r.return_end_to_end_id)
      : original.where('payer_account', '=', r.payer_account ?? '');
    const found = await original.orderBy('id', 'desc').executeTakeFirst();
    const date = r.booking_date ?? nowIso().slice(0, 10);
    await db.transaction().execute(async (trx) => {
      if (found?.payment_id) {
        const rev = await reversePayment(trx, orgId, found.payment_id, {
          date,
          reason: `returned by the bank (${r.id})`,
        });
        if (rev.ok || rev.error.code === 'already_reversed') {
          await trx
            .updateTable('bank_lines')
            .set({
              decided_at: nowIso(),
              decision_note: `returns ${found.id}; payment ${found.payment_id} reversed`,
            })
            .where('org_id', '=', orgId)
            .where('id', '=', r.id)
            .execute();
          if (rev.ok) returned++;
          return;
        }
      }
      await trx
        .updateTable('bank_lines')
        .set({
          match_state: 'review',
          decision_note: 'a returned payment Duly could not connect to an applied one: check it',
        })
        .where('org_id', '=', orgId)
        .where('id', '=', r.id)
        .execute();
    });
  }
  return returned;
}
