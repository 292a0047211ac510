import { type Candidate, type LineContext, RANK, type Reason } from './match-candidate.ts';
import { type Settlement, settle, subsetsSumming } from './match-fit.ts';
import { amountText, settlementReason } from './match-format.ts';
import { type MatchIndex, oldestOpen } from './match-index.ts';
import { CONFIDENCE } from './match-model.ts';

/**
 * Candidates from evidence where the payer named the invoices: structured references and invoice
 * numbers. The named invoices of one customer are settled together; when the amount fits only some of
 * them, that subset; when it is more than all of them, a unique exact fit of the rest among the
 * customer's other oldest items is offered too ("paid 2026-0042 and the next one").
 */

export interface Hit {
  readonly idx: number;
  /** Why this invoice is named: "structured reference RF18 ... is invoice 2026-0042". */
  readonly why: string;
}

export interface ExplicitLevels {
  readonly exact: number;
  readonly discount: number;
  readonly plusRest: number;
  readonly inexact: number;
  readonly settled: number;
}

const olderFirst = (index: MatchIndex) => (a: number, b: number) => {
  const x = index.invoices[a]!;
  const y = index.invoices[b]!;
  return x.dueDate < y.dueDate ? -1 : x.dueDate > y.dueDate ? 1 : a - b;
};

/** Hits of other currencies are never matched; they become a note and a low credit-only candidate. */
export function explicitCandidates(
  index: MatchIndex,
  ctx: LineContext,
  hits: readonly Hit[],
  evidence: 'reference' | 'invoice_number',
  levels: ExplicitLevels,
): Candidate[] {
  const { amount, currency } = ctx.line;
  const byCustomer = new Map<string, Hit[]>();
  const out: Candidate[] = [];
  for (const h of hits) {
    const inv = index.invoices[h.idx]!;
    if (inv.currency !== currency) {
      const note = `${h.why}, but that invoice is in ${inv.currency} and the payment in ${currency}: not matched across currencies`;
      if (!ctx.notes.includes(note)) ctx.notes.push(note);
      out.push(
        candidate(
          inv.customerId,
          settle(index, [], amount, ctx.date),
          CONFIDENCE.currencyMismatch,
          [note],
          false,
        ),
      );
      continue;
    }
    const list = byCustomer.get(inv.customerId) ?? [];
    if (!list.some((x) => x.idx === h.idx)) list.push(h);
    byCustomer.set(inv.customerId, list);
  }
  for (const [customerId, named] of byCustomer) {
    const targets = named.map((h) => h.idx).sort(olderFirst(index));
    const why = named.map((h) => h.why);
    const all = settle(index, targets, amount, ctx.date);
    const reason = (s: Settlement, t: readonly number[]) => () =>
      settlementReason(index, s, t, amount, currency);
    if (all.kind === 'exact' || all.kind === 'discount') {
      const level = all.kind === 'exact' ? levels.exact : levels.discount;
      out.push(candidate(customerId, all, level, [...why, reason(all, targets)]));
      continue;
    }
    const some = targets.length > 1 ? exactSubset(index, targets, amount, ctx) : null;
    if (some)
      out.push(
        candidate(customerId, some.settlement, levels.exact, [...why, reason(some.settlement, some.items)]),
      );
    if (all.kind === 'over') {
      const rest = restOfCustomer(index, ctx, customerId, targets, all.overpayment);
      if (rest) {
        const s = settle(index, [...targets, ...rest], amount, ctx.date);
        const text = `the remaining ${amountText(all.overpayment, currency)} equals the open amount of ${rest.map((i) => index.invoices[i]!.number).join(', ')}, the customer's oldest open items`;
        if (s.kind === 'exact')
          out.push(candidate(customerId, s, levels.plusRest, [...why, text, reason(s, targets)]));
      }
    }
    const level = all.kind === 'settled' ? levels.settled : levels.inexact;
    out.push(candidate(customerId, all, some ? level - 0.1 : level, [...why, reason(all, targets)]));
  }
  return out;

  function candidate(
    customerId: string,
    settlement: Settlement,
    confidence: number,
    reasons: Reason[],
    inCurrency = true,
  ): Candidate {
    // A reference is the payer's explicit choice whatever the amount; a number in free text only when
    // the amount confirms it (texts carry order numbers, dates and other invoices' numbers too).
    const kind = settlement.kind;
    const overrides = inCurrency && (evidence === 'reference' || kind === 'exact' || kind === 'discount');
    return {
      customerId,
      evidence,
      rank: RANK[evidence],
      confidence,
      settlement,
      ambiguous: false,
      firm: overrides,
      overrides,
      reasons,
    };
  }
}

/** A subset of the named invoices that the amount settles exactly, when there is exactly one. */
function exactSubset(index: MatchIndex, targets: readonly number[], amount: number, ctx: LineContext) {
  if (targets.length > 8) return null;
  const values = targets.map((t) => index.remaining[t]!);
  const found = subsetsSumming(values, amount, { minSize: 1, limit: 2 });
  if (found.length !== 1) return null;
  const items = found[0]!.map((p) => targets[p]!);
  return { items, settlement: settle(index, items, amount, ctx.date) };
}

/** The customer's other oldest open items that take `rest` exactly, when exactly one set does. */
function restOfCustomer(
  index: MatchIndex,
  ctx: LineContext,
  customerId: string,
  named: readonly number[],
  rest: number,
) {
  const pool = oldestOpen(index, customerId, ctx.line.currency, { amount: rest, count: ctx.maxCombination })
    .filter((i) => !named.includes(i))
    .slice(0, ctx.maxCombination);
  const found = subsetsSumming(
    pool.map((i) => index.remaining[i]!),
    rest,
    { minSize: 1, limit: 2 },
  );
  return found.length === 1 ? found[0]!.map((p) => pool[p]!) : null;
}

/** Candidates from the line's structured references (field, variable symbol, text). */
export function referenceCandidates(index: MatchIndex, ctx: LineContext): Candidate[] {
  const hits: Hit[] = [];
  for (const ref of ctx.facts.references) {
    for (const idx of index.byReference.find(ref.key)) {
      hits.push({ idx, why: `${ref.display} is invoice ${index.invoices[idx]!.number}` });
    }
  }
  if (hits.length === 0) return [];
  return explicitCandidates(index, ctx, hits, 'reference', {
    exact: CONFIDENCE.referenceExact,
    discount: CONFIDENCE.referenceDiscount,
    plusRest: CONFIDENCE.referencePlusRest,
    inexact: CONFIDENCE.referenceInexact,
    settled: CONFIDENCE.referenceSettled,
  });
}
