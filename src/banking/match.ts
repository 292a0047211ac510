import { isIsoDate } from '../kernel/dates.ts';
import { normalizeIban } from '../kernel/iban.ts';
import { numberCandidates } from './match-by-number.ts';
import { accountCandidates, nameCandidates } from './match-by-payer.ts';
import { type Candidate, type LineContext, type LineFacts, settles } from './match-candidate.ts';
import { type Decision, decide, noMatch } from './match-decide.ts';
import { referenceCandidates } from './match-explicit.ts';
import { invoiceList } from './match-format.ts';
import { buildIndex, type MatchIndex, pushSlot } from './match-index.ts';
import {
  CONFIDENCE,
  MATCH_DEFAULTS,
  type MatchInput,
  type MatchLine,
  type MatchResult,
  type Proposal,
  type TextReference,
} from './match-model.ts';
import { textNumberKeys } from './match-number.ts';
import { findReferencesConservative, lineReferences } from './match-reference.ts';

export type {
  Allocation,
  Evidence,
  MatchCustomer,
  MatchInput,
  MatchInvoice,
  MatchLine,
  MatchOptions,
  MatchResult,
  Proposal,
} from './match-model.ts';

/** An earlier line of the call that was given invoices, by the content a repeated payment shares. */
interface Paid {
  readonly lineId: string;
  readonly customerId: string;
  readonly evidence: Candidate['evidence'];
  readonly invoices: readonly number[];
}

/**
 * Proposes, for each bank credit, which open invoices it pays (DOMAIN.md section 6): structured
 * reference, then exact amount from a known payer account, then an invoice number in the text (one typo
 * forgiven), then payer name and amount; never across currencies. Pure: the same input gives the same
 * proposals. Lines are settled in two passes over the statement order: first the lines that can be
 * applied automatically, then the rest against what is left, so a guess for an early line never takes
 * an invoice a later line pays by reference. Either way no invoice is given more than it has open, and
 * later lines see what earlier proposals took.
 *
 * @example
 *   const { proposals } = matchLines({ lines, invoices, customers, asOf: '2026-03-16' });
 *   proposals[0] // { outcome: 'invoices', allocations: [{ invoiceId: 'inv_1', amount: 125000 }], autoApply: true, ... }
 */
export function matchLines(input: MatchInput): MatchResult {
  const threshold = input.options?.autoApplyConfidence ?? MATCH_DEFAULTS.autoApplyConfidence;
  const maxCombination = Math.max(
    0,
    Math.min(input.options?.maxCombination ?? MATCH_DEFAULTS.maxCombination, 20),
  );
  const findReferences = input.options?.findReferences ?? findReferencesConservative;
  const index = buildIndex(input.invoices, input.customers);
  const paid = new Map<string, Paid>();
  const proposals: (Proposal | undefined)[] = new Array(input.lines.length);
  const facts: (LineFacts | undefined)[] = new Array(input.lines.length);
  const run = (line: MatchLine, i: number): Decision => {
    const account = line.payerAccount ? normalizeIban(line.payerAccount) : null;
    const lineFacts = facts[i] ?? factsOf(line, findReferences);
    facts[i] = lineFacts;
    const ctx: LineContext = {
      line,
      facts: lineFacts,
      date: [line.valueDate, line.bookingDate].find((d) => d && isIsoDate(d)) ?? input.asOf,
      account,
      accountCustomers: account ? (index.customersByAccount.get(account) ?? []) : [],
      maxCombination,
      notes: [],
    };
    return decide(index, ctx, candidatesFor(index, ctx, paid), threshold);
  };
  for (const pass of ['automatic', 'rest'] as const) {
    input.lines.forEach((line, i) => {
      if (proposals[i]) return;
      if (!Number.isSafeInteger(line.amount) || line.amount <= 0) {
        proposals[i] = noMatch(line.id, 0, [
          `the amount ${line.amount} is not a positive number of minor units`,
        ]);
        return;
      }
      const decision = run(line, i);
      if (pass === 'automatic' && !decision.proposal.autoApply) return;
      commit(index, decision, facts[i]!.contentKey, line.id, paid);
      proposals[i] = decision.proposal;
    });
  }
  return { proposals: proposals as Proposal[] };
}

function factsOf(line: MatchLine, find: (text: string) => readonly TextReference[]): LineFacts {
  const { text, endToEndId } = line;
  return {
    references: lineReferences(line, find),
    numbers: textNumberKeys(endToEndId ? `${text} ${endToEndId}` : text),
    typoNeighbours: null,
    contentKey: contentKey(line),
  };
}

function candidatesFor(index: MatchIndex, ctx: LineContext, paid: ReadonlyMap<string, Paid>): Candidate[] {
  // Each weaker search runs only while it could still change the outcome: a reference that settles
  // the line leaves nothing for the account to add but a bonus (see decide), a known payer account
  // makes a name search pointless, and a typo guess cannot beat a firm fit.
  const out = referenceCandidates(index, ctx);
  const settledAbove = (min: number) => out.some((c) => settles(c) && c.confidence >= min);
  if (!out.some((c) => c.evidence === 'reference' && settles(c))) out.push(...accountCandidates(index, ctx));
  if (!out.some((c) => c.overrides)) {
    out.push(...numberCandidates(index, ctx, !settledAbove(CONFIDENCE.accountDiscount)));
  }
  if (
    ctx.accountCustomers.length === 0 &&
    !out.some((c) => c.overrides) &&
    !settledAbove(CONFIDENCE.numberTypo)
  ) {
    out.push(...nameCandidates(index, ctx));
  }
  const repeated = paid.get(ctx.facts.contentKey);
  if (repeated?.invoices.every((i) => index.remaining[i] === 0)) {
    out.push({
      customerId: repeated.customerId,
      evidence: repeated.evidence,
      rank: 0,
      confidence: CONFIDENCE.duplicate,
      settlement: {
        kind: 'settled',
        allocations: [],
        discounts: [],
        overpayment: ctx.line.amount,
        shortfall: null,
      },
      ambiguous: false,
      firm: true,
      overrides: true,
      reasons: [
        `same amount, payer and text as line ${repeated.lineId}, which already settled ${invoiceList(index, repeated.invoices)}: paid twice? The amount is kept as customer credit`,
      ],
    });
  }
  return out;
}

/** What two bookings of one payment order share; dates and bank references differ. */
function contentKey(line: MatchLine): string {
  const text = line.text.trim().replace(/\s+/g, ' ').toUpperCase();
  return [
    line.currency,
    line.amount,
    line.payerAccount,
    line.payerName,
    line.reference,
    line.symbols?.vs,
    text,
  ].join('\u0000');
}

/** Takes the chosen allocations and discounts off the invoices, so later lines see what is left. */
function commit(
  index: MatchIndex,
  decision: Decision,
  key: string,
  lineId: string,
  paid: Map<string, Paid>,
): void {
  const chosen = decision.chosen;
  if (!chosen) return;
  const touched = new Set<number>();
  for (const part of [...chosen.settlement.allocations, ...chosen.settlement.discounts]) {
    const left = index.remaining[part.idx]! - part.amount;
    if (left < 0) throw new Error(`bug: invoice ${index.invoices[part.idx]!.invoiceId} over-allocated`);
    index.remaining[part.idx] = left;
    touched.add(part.idx);
  }
  for (const idx of touched) {
    const left = index.remaining[idx]!;
    if (left > 0) pushSlot(index.byAmount.get(index.invoices[idx]!.currency)!, left, idx);
  }
  if (touched.size > 0 && !paid.has(key)) {
    paid.set(key, {
      lineId,
      customerId: chosen.customerId,
      evidence: chosen.evidence,
      invoices: [...touched],
    });
  }
}
