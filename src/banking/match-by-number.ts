import { type Candidate, type LineContext, RANK, settles } from './match-candidate.ts';
import { explicitCandidates, type Hit } from './match-explicit.ts';
import { settle } from './match-fit.ts';
import { settlementReason } from './match-format.ts';
import type { MatchIndex } from './match-index.ts';
import { CONFIDENCE } from './match-model.ts';
import { forEachOneEdit, MIN_TYPO_KEY } from './match-number.ts';

/**
 * Candidates from invoice numbers written in the text. An exact number counts like a reference. When
 * no exact number settles the line, numbers one typo away are tried, but only an unambiguous one whose
 * open amount the line pays exactly becomes a confident proposal: where invoice numbers are dense
 * (2026-000123, 2026-000124, ...) almost every typo is another real invoice, and only the amount tells
 * them apart.
 */
export function numberCandidates(index: MatchIndex, ctx: LineContext, typos = true): Candidate[] {
  const { keys, unpadded } = ctx.facts.numbers;
  if (keys.length === 0) return [];
  const hits: Hit[] = [];
  const named = new Set<number>();
  for (const key of [...keys, ...unpadded]) {
    for (const table of [index.byNumber, index.byUnpadded]) {
      for (const idx of table.find(key)) {
        if (named.has(idx)) continue;
        named.add(idx);
        hits.push({ idx, why: `invoice number ${index.invoices[idx]!.number} found in the text` });
      }
    }
  }
  const exact = explicitCandidates(index, ctx, hits, 'invoice_number', {
    exact: CONFIDENCE.numberExact,
    discount: CONFIDENCE.numberDiscount,
    plusRest: CONFIDENCE.numberPlusRest,
    inexact: CONFIDENCE.numberInexact,
    settled: CONFIDENCE.numberSettled,
  });
  if (!typos || exact.some(settles)) return exact;
  return [...exact, ...typoCandidates(index, ctx, keys, named)];
}

/** Invoices one edit away from a number key of the text (the first key that reaches each), cached per line. */
function typoNeighbours(index: MatchIndex, ctx: LineContext, keys: readonly string[]): Map<number, string> {
  if (ctx.facts.typoNeighbours) return ctx.facts.typoNeighbours;
  const { min, max } = index.numberKeyLengths;
  const found = new Map<number, string>();
  const hits: number[] = [];
  for (const key of keys) {
    if (key.length < Math.max(min, MIN_TYPO_KEY) - 1 || key.length > max + 1) continue;
    const variant = new Uint8Array(key.length + 1);
    forEachOneEdit(key, index.numberAlphabet, variant, (n) => {
      if (n >= MIN_TYPO_KEY) index.byNumber.findCodes(variant, n, hits);
    });
    for (const idx of hits) if (!found.has(idx)) found.set(idx, key);
    hits.length = 0;
  }
  ctx.facts.typoNeighbours = found;
  return found;
}

function typoCandidates(
  index: MatchIndex,
  ctx: LineContext,
  keys: readonly string[],
  exactHits: ReadonlySet<number>,
): Candidate[] {
  const found = new Map<number, string>();
  for (const [idx, key] of typoNeighbours(index, ctx, keys)) {
    const inv = index.invoices[idx]!;
    if (exactHits.has(idx) || inv.currency !== ctx.line.currency || index.remaining[idx]! <= 0) continue;
    found.set(idx, key);
  }
  if (found.size === 0) return [];
  const all = [...found.keys()];
  const fitting = all.filter((idx) => {
    const kind = settle(index, [idx], ctx.line.amount, ctx.date).kind;
    return kind === 'exact' || kind === 'discount';
  });
  const make = (idx: number, confidence: number, ambiguous: boolean): Candidate => {
    const settlement = settle(index, [idx], ctx.line.amount, ctx.date);
    const inv = index.invoices[idx]!;
    return {
      customerId: inv.customerId,
      evidence: 'invoice_number',
      rank: RANK.invoice_number,
      confidence,
      settlement,
      ambiguous,
      firm: false,
      overrides: false,
      reasons: [
        `invoice number ${inv.number} found in the text (one character differs: '${found.get(idx)}')`,
        () => settlementReason(index, settlement, [idx], ctx.line.amount, ctx.line.currency),
        ...(ambiguous
          ? [`${fitting.length} invoices one character away fit the amount: a person should choose`]
          : []),
      ],
    };
  };
  if (fitting.length === 1) return [make(fitting[0]!, CONFIDENCE.numberTypo, false)];
  if (fitting.length > 1)
    return fitting.slice(0, 3).map((idx) => make(idx, CONFIDENCE.numberTypoAmbiguous, true));
  return all.length === 1 ? [make(all[0]!, CONFIDENCE.numberTypoInexact, false)] : [];
}
