import type { IsoDate } from '../kernel/dates.ts';
import type { StatementLine } from './statement.ts';

/**
 * The payment matcher's contract: what goes in (credit lines, open invoices, known customers) and what
 * comes out (one proposal per line). Everything is plain data so a proposal can be stored as JSON,
 * shown on the review screen and applied later exactly as proposed.
 */

/** A credit to match: the parsed statement fields the matcher reads, plus the caller's id of the line. */
export type MatchLine = Pick<
  StatementLine,
  | 'amount'
  | 'currency'
  | 'bookingDate'
  | 'valueDate'
  | 'reference'
  | 'referenceKind'
  | 'symbols'
  | 'text'
  | 'payerName'
  | 'payerAccount'
  | 'endToEndId'
> & { readonly id: string };

/** An open invoice as the matcher sees it; `open` is what is still owed, in minor units, > 0. */
export interface MatchInvoice {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly number: string;
  readonly currency: string;
  readonly open: number;
  readonly total: number;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  /** The structured reference printed on the invoice (RF..., KID, VS, OGM digits), any spacing. */
  readonly paymentReference: string | null;
  /** An early-payment discount the terms allow: pay `open - amount` by `until` and the invoice is settled. */
  readonly discount?: { readonly until: IsoDate; readonly amount: number } | null;
}

export interface MatchCustomer {
  readonly customerId: string;
  readonly name: string;
  /** IBANs and local account numbers learnt from confirmed matches. */
  readonly accounts: readonly string[];
}

/** A structured reference found in free text (see MatchOptions.findReferences). */
export interface TextReference {
  readonly kind: string;
  readonly value: string;
}

export interface MatchOptions {
  /** Lowest confidence applied without a person looking (default 0.95). */
  readonly autoApplyConfidence?: number;
  /** How many of a customer's oldest open items the combination search looks at (default 12). */
  readonly maxCombination?: number;
  /**
   * Structured references in remittance text. The default finds only RF, OGM (`+++...+++`) and labelled
   * VS forms; pass the kernel's fuller finder (KID, QRR, FI) where the organisation issues those.
   */
  readonly findReferences?: (text: string) => readonly TextReference[];
}

export interface MatchInput {
  readonly lines: readonly MatchLine[];
  readonly invoices: readonly MatchInvoice[];
  readonly customers: readonly MatchCustomer[];
  readonly asOf: IsoDate;
  readonly options?: MatchOptions;
}

/** Which kind of evidence chose the invoices, strongest first (DOMAIN.md section 6). */
export type Evidence = 'reference' | 'account_amount' | 'invoice_number' | 'name_amount';

export interface Allocation {
  readonly invoiceId: string;
  readonly amount: number;
}

export interface Proposal {
  readonly lineId: string;
  /** `invoices`: pay these invoices; `credit_only`: a known customer, nothing to pay; `no_match`: unknown. */
  readonly outcome: 'invoices' | 'credit_only' | 'no_match';
  readonly customerId: string | null;
  /** Money of the line applied to invoices; their sum plus `overpayment` is the line amount. */
  readonly allocations: readonly Allocation[];
  /** Early-payment discounts granted (written off, not money received). */
  readonly discounts: readonly Allocation[];
  /** The part of the line not applied to invoices: the customer's credit (unplaced when no customer). */
  readonly overpayment: number;
  /** An invoice this line pays only in part, and what stays open of it. */
  readonly shortfall: Allocation | null;
  /** 0..1, how sure the matcher is of this proposal. */
  readonly confidence: number;
  readonly autoApply: boolean;
  readonly evidence: Evidence | null;
  /** Plain English sentences for the review screen. */
  readonly reasons: readonly string[];
  /** Up to 3 other proposals for the same line, best first (their own alternatives are empty). */
  readonly alternatives: readonly Proposal[];
}

export interface MatchResult {
  readonly proposals: readonly Proposal[];
}

export const MATCH_DEFAULTS = Object.freeze({ autoApplyConfidence: 0.95, maxCombination: 12 });

/**
 * How sure each kind of proposal is. Reference and exact-number fits sit above the default threshold,
 * fuzzy ones below it on purpose: a name or a one-character-off number goes to a person.
 */
export const CONFIDENCE = Object.freeze({
  referenceExact: 0.99,
  referenceDiscount: 0.97,
  referenceInexact: 0.85,
  referenceSettled: 0.8,
  referencePlusRest: 0.9,
  accountSingle: 0.96,
  accountDiscount: 0.95,
  accountPrefix: 0.95,
  accountSubset: 0.9,
  accountAmbiguous: 0.75,
  accountFallback: 0.6,
  numberExact: 0.97,
  numberDiscount: 0.95,
  numberInexact: 0.75,
  numberSettled: 0.7,
  numberPlusRest: 0.88,
  numberTypo: 0.9,
  numberTypoAmbiguous: 0.6,
  numberTypoInexact: 0.5,
  /** name_amount confidence = nameBase + nameWeight * similarity, less nameCombination for a combination. */
  nameBase: 0.45,
  nameWeight: 0.45,
  nameCombination: 0.05,
  nameAmbiguous: 0.55,
  nameFallback: 0.4,
  /** The line repeats an earlier line of the same call whose invoices are now settled. */
  duplicate: 0.9,
  currencyMismatch: 0.5,
  /** Subtracted when the payer account belongs to another customer (a sister company paying). */
  otherPayerPenalty: 0.15,
  /** Subtracted from weaker candidates when a reference or invoice number settles other invoices. */
  contradictedPenalty: 0.3,
  /** Added once per further independent kind of evidence agreeing on the same proposal. */
  agreementBonus: 0.01,
  /** Another proposal within this margin of the best makes the line ambiguous. */
  ambiguityMargin: 0.1,
  max: 0.995,
});
