import { type Candidate, type LineContext, type Reason, settles, signatureOf } from './match-candidate.ts';
import type { MatchIndex } from './match-index.ts';
import { CONFIDENCE, type Proposal } from './match-model.ts';

/**
 * Weighs the candidates of one line against each other and picks the proposal. In order: the payer
 * account confirms or questions each candidate's customer; a reference or exact invoice number that
 * settles the line pushes disagreeing guesses down; candidates proposing the same thing merge (each
 * further kind of evidence adds a little); the best is applied automatically only when nothing else is
 * close, nothing stronger disagrees, it settles with zero remainder and it clears the threshold.
 */

interface Merged {
  best: Candidate;
  confidence: number;
  readonly reasons: Reason[];
  readonly evidences: Set<string>;
  firm: boolean;
  ambiguous: boolean;
}

const round = (x: number) => Math.round(Math.min(Math.max(x, 0), CONFIDENCE.max) * 1000) / 1000;

function weighAccount(index: MatchIndex, ctx: LineContext, c: Candidate): void {
  if (c.evidence === 'account_amount' || ctx.accountCustomers.length === 0) return;
  if (ctx.accountCustomers.includes(c.customerId)) {
    c.confidence += CONFIDENCE.agreementBonus;
    c.reasons.push(`payer account ${ctx.account} paid this customer before`);
    return;
  }
  const owners = ctx.accountCustomers.map((id) => `'${index.customers.get(id)?.name ?? id}'`).join(', ');
  const trusted =
    c.evidence === 'reference'
      ? 'the reference'
      : c.evidence === 'invoice_number'
        ? 'the invoice number'
        : 'the name';
  c.confidence -= CONFIDENCE.otherPayerPenalty;
  c.reasons.push(
    `payer account ${ctx.account} is known for ${owners}, not this customer: a related company paying? ${trusted} is trusted`,
  );
}

export interface Decision {
  readonly proposal: Proposal;
  /** The chosen candidate, whose allocations the caller commits; null for no match. */
  readonly chosen: Candidate | null;
}

export function decide(
  index: MatchIndex,
  ctx: LineContext,
  candidates: readonly Candidate[],
  threshold: number,
): Decision {
  const { line } = ctx;
  for (const c of candidates) weighAccount(index, ctx, c);
  const signatures = candidates.map(signatureOf);
  const overriding = new Set(signatures.filter((_, i) => candidates[i]!.overrides));
  candidates.forEach((c, i) => {
    if (overriding.size > 0 && !c.overrides && !overriding.has(signatures[i]!))
      c.confidence -= CONFIDENCE.contradictedPenalty;
  });
  const merged = new Map<string, Merged>();
  candidates.forEach((c, i) => {
    const sig = signatures[i]!;
    const m = merged.get(sig);
    if (!m) {
      merged.set(sig, {
        best: c,
        confidence: c.confidence,
        reasons: [...c.reasons],
        evidences: new Set([c.evidence]),
        firm: c.firm,
        ambiguous: c.ambiguous,
      });
      return;
    }
    const fresh = !m.evidences.has(c.evidence);
    m.evidences.add(c.evidence);
    m.confidence = Math.max(m.confidence, c.confidence) + (fresh ? CONFIDENCE.agreementBonus : 0);
    for (const r of c.reasons) if (!m.reasons.includes(r)) m.reasons.push(r);
    m.firm ||= c.firm;
    m.ambiguous &&= c.ambiguous;
    if (c.rank < m.best.rank) m.best = c;
  });
  const ranked = [...merged.entries()].sort(
    ([, a], [, b]) => b.confidence - a.confidence || a.best.rank - b.best.rank,
  );
  if (ranked.length === 0) {
    const reasons =
      ctx.notes.length > 0
        ? [...ctx.notes]
        : ['no reference, known payer account, invoice number or similar customer name found'];
    return { proposal: noMatch(line.id, line.amount, reasons), chosen: null };
  }
  const [topSig, top] = ranked[0]!;
  const confidence = round(top.confidence);
  const blockers: string[] = [];
  const rivals = ranked.slice(1);
  if (top.ambiguous) blockers.push('ambiguous');
  if (rivals.some(([, r]) => round(r.confidence) >= confidence - CONFIDENCE.ambiguityMargin)) {
    blockers.push('another proposal is almost as likely: a person should choose');
  }
  const stronger = rivals.find(([sig, r]) => sig !== topSig && r.firm && r.best.rank < top.best.rank);
  if (stronger)
    blockers.push(`stronger evidence (${stronger[1].best.evidence.replace('_', ' ')}) points elsewhere`);
  const autoApply = blockers.length === 0 && settles(top.best) && confidence >= threshold;
  const reasons = [...top.reasons, ...ctx.notes.filter((n) => !top.reasons.includes(n))];
  for (const b of blockers) if (b !== 'ambiguous') reasons.push(b);
  const proposal = toProposal(index, line.id, top, confidence, autoApply, reasons);
  const alternatives = rivals
    .slice(0, 3)
    .map(([, r]) => toProposal(index, line.id, r, round(r.confidence), false, r.reasons));
  return { proposal: { ...proposal, alternatives }, chosen: top.best };
}

function toProposal(
  index: MatchIndex,
  lineId: string,
  m: Merged,
  confidence: number,
  autoApply: boolean,
  reasons: readonly Reason[],
): Proposal {
  const s = m.best.settlement;
  const id = (idx: number) => index.invoices[idx]!.invoiceId;
  return {
    lineId,
    outcome: s.allocations.length > 0 ? 'invoices' : 'credit_only',
    customerId: m.best.customerId,
    allocations: s.allocations.map((a) => ({ invoiceId: id(a.idx), amount: a.amount })),
    discounts: s.discounts.map((d) => ({ invoiceId: id(d.idx), amount: d.amount })),
    overpayment: s.overpayment,
    shortfall: s.shortfall ? { invoiceId: id(s.shortfall.idx), amount: s.shortfall.amount } : null,
    confidence,
    autoApply,
    evidence: m.best.evidence,
    reasons: [...new Set(reasons.map((r) => (typeof r === 'string' ? r : r())))],
    alternatives: [],
  };
}

/** Nothing found: the whole amount stays unplaced, for a person to assign. */
export function noMatch(lineId: string, amount: number, reasons: readonly string[]): Proposal {
  return {
    lineId,
    outcome: 'no_match',
    customerId: null,
    allocations: [],
    discounts: [],
    overpayment: amount,
    shortfall: null,
    confidence: 0,
    autoApply: false,
    evidence: null,
    reasons: [...reasons],
    alternatives: [],
  };
}
