import type { IsoDate } from '../kernel/dates.ts';
import type { Settlement } from './match-fit.ts';
import type { Evidence, MatchLine } from './match-model.ts';
import type { TextNumbers } from './match-number.ts';
import type { LineReference } from './match-reference.ts';

/**
 * A candidate proposal for one line, as each kind of evidence produces it before they are weighed
 * against each other (match-decide.ts). Invoices are positions in the matcher's index.
 */
export interface Candidate {
  readonly customerId: string;
  readonly evidence: Evidence;
  /** 0 for a repeated line, then 1..4 in the order of Evidence: lower is stronger. */
  readonly rank: number;
  confidence: number;
  readonly settlement: Settlement;
  /** The evidence allows several equally good settlements: never applied without a person. */
  readonly ambiguous: boolean;
  /** Strong enough that a weaker candidate disagreeing with it must not be applied automatically. */
  readonly firm: boolean;
  /** The payer said which invoices (reference, exact invoice number) and the amount fits: outranks guesses. */
  readonly overrides: boolean;
  /** Sentences, or functions making them: only the proposals shown are ever put into words. */
  readonly reasons: Reason[];
}

export type Reason = string | (() => string);

export const RANK: Readonly<Record<Evidence, number>> = Object.freeze({
  reference: 1,
  account_amount: 2,
  invoice_number: 3,
  name_amount: 4,
});

/** What is read from a line once, and reused when the second pass matches it again. */
export interface LineFacts {
  readonly references: readonly LineReference[];
  readonly numbers: TextNumbers;
  /** Invoices one typo away from a number in the text, with that text's key; found on first need. */
  typoNeighbours: Map<number, string> | null;
  /** What two bookings of one payment order share (see match.ts). */
  readonly contentKey: string;
}

/** What every evidence search needs to know about the line being matched. */
export interface LineContext {
  readonly line: MatchLine;
  readonly facts: LineFacts;
  /** The day the money arrived, for discount deadlines: value date, else booking date, else asOf. */
  readonly date: IsoDate;
  /** The payer account as indexed (normalised), or null. */
  readonly account: string | null;
  /** Customers that paid from this account before. */
  readonly accountCustomers: readonly string[];
  readonly maxCombination: number;
  /** Facts worth telling whichever proposal wins (a reference in another currency). */
  readonly notes: string[];
}

/** Allocations and discounts as a string: candidates with the same one are the same proposal. */
export function signatureOf(c: Candidate): string {
  const parts = c.settlement.allocations.map((a) => `${a.idx}:${a.amount}`).sort();
  const discounts = c.settlement.discounts.map((d) => `${d.idx}:${d.amount}`).sort();
  return `${c.customerId}|${parts.join(',')}|${discounts.join(',')}`;
}

export const settles = (c: Candidate): boolean =>
  c.settlement.kind === 'exact' || c.settlement.kind === 'discount';
