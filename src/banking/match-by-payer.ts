import { type Candidate, type LineContext, RANK } from './match-candidate.ts';
import { exactFits, type Fit, settle } from './match-fit.ts';
import { settlementReason } from './match-format.ts';
import { customerShape, type MatchIndex, nameIndexOf, oldestOpen, slotValues } from './match-index.ts';
import { CONFIDENCE } from './match-model.ts';
import { nameKeys, nameShape, nameSimilarity } from './match-text.ts';

/**
 * Candidates that know who paid but not what for: a payer account seen before, or a payer name like
 * a customer's. The amount then has to say which open items: exactly one fit is a proposal, several
 * are each offered as ambiguous, none gives an oldest-first allocation for a person to adjust.
 */

const FIT_LEVEL: Readonly<Record<Fit['how'], number>> = Object.freeze({
  single: CONFIDENCE.accountSingle,
  discount: CONFIDENCE.accountDiscount,
  prefix: CONFIDENCE.accountPrefix,
  subset: CONFIDENCE.accountSubset,
});

/** Lowest name similarity worth a proposal. */
const MIN_SIMILARITY = 0.75;
/** Customers compared per line at most, from each source: a bound on the work, not on the answer. */
const MAX_COMPARED = 300;
const MAX_NAMED = 5;

function payerCandidates(
  index: MatchIndex,
  ctx: LineContext,
  customerId: string,
  evidence: 'account_amount' | 'name_amount',
  level: (fit: Fit | null, ambiguous: boolean) => number,
  why: string,
): Candidate[] {
  const { amount, currency } = ctx.line;
  const make = (
    settlement: Candidate['settlement'],
    targets: readonly number[],
    confidence: number,
    ambiguous: boolean,
    firm: boolean,
    extra: string[] = [],
  ): Candidate => ({
    customerId,
    evidence,
    rank: RANK[evidence],
    confidence,
    settlement,
    ambiguous,
    firm,
    overrides: false,
    reasons: [why, () => settlementReason(index, settlement, targets, amount, currency), ...extra],
  });
  const fits = exactFits(index, customerId, currency, amount, ctx.date, ctx.maxCombination);
  if (fits.length === 1) {
    const fit = fits[0]!;
    const extra = fit.how === 'prefix' ? ['the oldest open items, in order'] : [];
    return [make(fit.settlement, fit.items, level(fit, false), false, true, extra)];
  }
  if (fits.length > 1) {
    const note = `${fits.length} different sets of this customer's open items fit the amount exactly: a person should choose`;
    return fits
      .slice(0, 3)
      .map((fit) => make(fit.settlement, fit.items, level(fit, true), true, false, [note]));
  }
  const oldest = oldestOpen(index, customerId, currency, { amount, count: 1 });
  const fallback = settle(index, oldest, amount, ctx.date);
  const extra =
    oldest.length === 0
      ? [`the customer has no open invoices in ${currency}`]
      : ['no exact fit: oldest open items first'];
  return [make(fallback, oldest, level(null, false), false, false, extra)];
}

/** Candidates from a payer account that paid these customers before. */
export function accountCandidates(index: MatchIndex, ctx: LineContext): Candidate[] {
  const out: Candidate[] = [];
  for (const customerId of ctx.accountCustomers) {
    const why = `payer account ${ctx.account} paid this customer before`;
    const level = (fit: Fit | null, ambiguous: boolean) =>
      fit === null
        ? CONFIDENCE.accountFallback
        : ambiguous
          ? CONFIDENCE.accountAmbiguous
          : FIT_LEVEL[fit.how];
    out.push(...payerCandidates(index, ctx, customerId, 'account_amount', level, why));
  }
  return out;
}

/**
 * Candidates from the payer name: customers whose open items the amount fits, or whose name shares a
 * word start with the payer's, compared by name similarity (see nameSimilarity).
 */
export function nameCandidates(index: MatchIndex, ctx: LineContext): Candidate[] {
  const payer = ctx.line.payerName;
  if (!payer) return [];
  const shape = nameShape(payer);
  if (shape.tokens.length === 0) return [];
  const names = nameIndexOf(index);
  const compared = new Set<string>();
  const consider = (customerId: string) => {
    if (!ctx.accountCustomers.includes(customerId)) compared.add(customerId);
  };
  for (const map of [index.byAmount, index.byDiscounted]) {
    const slot = slotValues(map.get(ctx.line.currency)?.get(ctx.line.amount));
    if (slot.length <= MAX_COMPARED) for (const idx of slot) consider(index.invoices[idx]!.customerId);
  }
  for (const key of nameKeys(shape.tokens)) {
    const list = names.byKey.get(key);
    if (list && list.length <= MAX_COMPARED) for (const c of list) consider(c);
  }
  const scored: { customerId: string; similarity: number }[] = [];
  for (const customerId of compared) {
    const similarity = nameSimilarity(shape, customerShape(index, customerId));
    if (similarity >= MIN_SIMILARITY) scored.push({ customerId, similarity });
  }
  scored.sort((a, b) => b.similarity - a.similarity);
  const out: Candidate[] = [];
  for (const { customerId, similarity } of scored.slice(0, MAX_NAMED)) {
    const customer = index.customers.get(customerId)!;
    const why = `payer name '${payer}' is like customer '${customer.name}' (${similarity.toFixed(2)})`;
    const level = (fit: Fit | null, ambiguous: boolean) => {
      if (fit === null) return CONFIDENCE.nameFallback;
      if (ambiguous) return CONFIDENCE.nameAmbiguous;
      const combination = fit.how === 'prefix' || fit.how === 'subset' ? CONFIDENCE.nameCombination : 0;
      return CONFIDENCE.nameBase + CONFIDENCE.nameWeight * similarity - combination;
    };
    const found = payerCandidates(index, ctx, customerId, 'name_amount', level, why);
    // A name alone, with no amount that fits, is only worth showing when the name is nearly the same.
    out.push(
      ...found.filter(
        (c) => c.settlement.kind === 'exact' || c.settlement.kind === 'discount' || similarity >= 0.9,
      ),
    );
  }
  return out;
}
