import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { BankLinesTable } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { applyProposal } from './apply-matches.ts';
import type { Proposal } from './match.ts';

type BankLineRow = Selectable<BankLinesTable>;

/** A bank line as the API and the review screen show it. */
export interface BankLineView {
  readonly id: string;
  readonly importId: string;
  readonly state: BankLineRow['match_state'];
  readonly amount: number;
  readonly currency: string;
  readonly direction: 'credit' | 'debit';
  readonly bookingDate: string | null;
  readonly payerName: string | null;
  readonly payerAccount: string | null;
  readonly reference: string | null;
  readonly text: string;
  readonly location: string;
  readonly paymentId: string | null;
  /** 0-100. */
  readonly confidence: number | null;
  readonly proposal: Proposal | null;
  readonly note: string | null;
}

export function reviewLine(r: BankLineRow): BankLineView {
  return {
    id: r.id,
    importId: r.import_id,
    state: r.match_state,
    amount: Number(r.amount),
    currency: r.currency,
    direction: r.direction,
    bookingDate: r.booking_date,
    payerName: r.payer_name,
    payerAccount: r.payer_account,
    reference: r.reference,
    text: r.text,
    location: r.location,
    paymentId: r.payment_id,
    confidence: r.confidence === null ? null : Number(r.confidence),
    proposal: r.proposal ? (JSON.parse(r.proposal) as Proposal) : null,
    note: r.decision_note,
  };
}

export type BankLineDecision =
  | {
      /** Apply the proposal, or these allocations (another invoice, a split); the rest is customer credit. */
      readonly accept: {
        readonly customerId?: string | undefined;
        readonly allocations?: readonly { readonly invoiceId: string; readonly amount: number }[] | undefined;
      };
    }
  | { readonly ignore: string };

/**
 * A person's decision on a line in the review queue: apply it (as proposed, or as they choose), or
 * mark it as not a customer payment. Decided lines cannot be decided again.
 */
export async function decideBankLine(
  db: Db,
  orgId: string,
  lineId: string,
  decision: BankLineDecision,
): Promise<Result<BankLineView>> {
  const line = await db
    .selectFrom('bank_lines')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', lineId)
    .executeTakeFirst();
  if (!line) return fail('not_found', `no bank line ${lineId} in this organisation`, { field: 'id' });
  if (line.match_state !== 'review' && line.match_state !== 'unmatched') {
    return fail('validation_failed', `bank line ${lineId} is ${line.match_state}: it was decided already`, {
      field: 'id',
    });
  }
  if ('ignore' in decision) {
    await db
      .updateTable('bank_lines')
      .set({ match_state: 'ignored', decided_at: nowIso(), decision_note: decision.ignore })
      .where('org_id', '=', orgId)
      .where('id', '=', lineId)
      .where('match_state', 'in', ['review', 'unmatched'])
      .execute();
    return ok(await view(db, orgId, lineId));
  }
  const proposal = line.proposal ? (JSON.parse(line.proposal) as Proposal) : null;
  const chosen = decision.accept.allocations;
  let customerId = decision.accept.customerId ?? null;
  if (chosen && chosen.length > 0 && !customerId) {
    const first = await db
      .selectFrom('invoices')
      .select('customer_id')
      .where('org_id', '=', orgId)
      .where('id', '=', chosen[0]!.invoiceId)
      .executeTakeFirst();
    if (!first)
      return fail('not_found', `no invoice ${chosen[0]!.invoiceId}`, { field: 'allocations/0/invoiceId' });
    customerId = first.customer_id;
  }
  customerId ??= proposal?.customerId ?? null;
  if (!customerId) {
    return fail('validation_failed', 'nothing to apply: no proposal, and no customer or invoices given', {
      field: 'allocations',
      hint: 'give the invoices and amounts this payment pays, or the customer to keep it as credit',
    });
  }
  const applied = await applyProposal(
    db,
    orgId,
    line,
    chosen
      ? {
          customerId,
          allocations: chosen,
          discounts: [],
          shortfall: null,
          confidence: 1,
          reasons: ['applied by a person to the invoices they chose'],
        }
      : {
          customerId,
          allocations: proposal?.customerId === customerId ? proposal.allocations : [],
          discounts: proposal?.customerId === customerId ? proposal.discounts : [],
          shortfall: proposal?.customerId === customerId ? proposal.shortfall : null,
          confidence: 1,
          reasons: ['proposal accepted by a person', ...(proposal?.reasons ?? [])],
        },
    'person',
  );
  if (!applied.ok) return applied;
  return ok(await view(db, orgId, lineId));
}

async function view(db: Db, orgId: string, lineId: string): Promise<BankLineView> {
  const row = await db
    .selectFrom('bank_lines')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', lineId)
    .executeTakeFirstOrThrow();
  return reviewLine(row);
}
