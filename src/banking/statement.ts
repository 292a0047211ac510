import type { IsoDate } from '../kernel/dates.ts';

/**
 * What every bank statement parser produces, whatever the file format: a stream of events, one
 * `statement` before its lines, its `line`s, and an `end` once the parser has checked the
 * statement's own control totals. A parser throws StatementError for a file that is malformed or
 * does not add up; the importer consumes the events inside one transaction, so a file is imported
 * whole or not at all. Amounts are integer minor units of the line's currency, never floats.
 */

export type StatementFormat = 'camt.053' | 'camt.054' | 'mt940' | 'gpc' | 'ocr-giro' | 'csv';

/** Structured payment reference kinds a bank file can carry. */
export type ReferenceKind = 'RF' | 'KID' | 'VS' | 'OGM' | 'QRR' | 'FI' | 'NL' | 'other';

export interface StatementAccount {
  /** IBAN without spaces, upper case, when the file names one. */
  readonly iban: string | null;
  /** A local account number (Czech `prefix-number/bank`, Norwegian 11 digits) when there is no IBAN. */
  readonly number: string | null;
  readonly currency: string | null;
}

export interface StatementHeader {
  readonly format: StatementFormat;
  /** Where the statement starts: "line 3" or an element path "/Document/BkToCstmrStmt/Stmt[2]". */
  readonly where: string;
  /** The bank's id of the statement (camt Stmt/Id or Ntfctn/Id, MT940 :20: + :28C:, GPC number). */
  readonly statementId: string;
  readonly account: StatementAccount;
  /** Sequence or electronic sequence number, when given (MT940 :28C:, camt ElctrncSeqNb). */
  readonly sequence: string | null;
  readonly createdAt: string | null;
  readonly fromDate: IsoDate | null;
  readonly toDate: IsoDate | null;
  /** Signed minor units (negative = debit balance); null when the format or file has none (camt.054). */
  readonly openingBalance: number | null;
  readonly currency: string | null;
}

/** A return or reject of an earlier payment (camt RtrInf, MT940 RC/RD, "RETOURE" etc.). */
export interface ReturnInfo {
  readonly reasonCode: string | null;
  readonly reason: string | null;
  /** End-to-end id of the original payment, when the bank says it. */
  readonly originalEndToEndId: string | null;
}

/**
 * One transaction as a matcher sees it. A camt entry that batches several transactions (TxDtls)
 * gives one line per transaction, all with the same `entryRef`; a line is never split further.
 */
export interface StatementLine {
  /** Where the line is in the file: "line 14" or "/Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/NtryDtls/TxDtls[2]". */
  readonly where: string;
  readonly statementId: string;
  /** Groups the lines of one booked entry (camt Ntry, MT940 :61:); unique within the statement. */
  readonly entryRef: string;
  /** Minor units, > 0; the sign is `direction`. */
  readonly amount: number;
  readonly currency: string;
  /** As the bank wrote it: money in (`credit`) or out (`debit`) of the account. */
  readonly direction: 'credit' | 'debit';
  /** The bank marks this as a reversal of an earlier entry (camt RvslInd, MT940 RC/RD). */
  readonly reversal: boolean;
  /** `booked` lines count towards the balances; `pending` and `info` ones are only reported. */
  readonly status: 'booked' | 'pending' | 'info';
  readonly bookingDate: IsoDate | null;
  readonly valueDate: IsoDate | null;
  /** The bank's own reference of the entry (AcctSvcrRef, MT940 bank reference, GPC id). */
  readonly bankReference: string | null;
  readonly endToEndId: string | null;
  /** A structured creditor reference as found (RF..., KID digits, VS digits, QRR), unvalidated. */
  readonly reference: string | null;
  readonly referenceKind: ReferenceKind | null;
  /** Czech/Slovak symbols when the file carries them separately (GPC, `/VS../SS../KS..`). */
  readonly symbols: {
    readonly vs: string | null;
    readonly ss: string | null;
    readonly ks: string | null;
  } | null;
  /** Unstructured remittance text and purpose, joined with single spaces; '' when there is none. */
  readonly text: string;
  readonly payerName: string | null;
  /** The payer's IBAN (no spaces, upper case) or local account number. */
  readonly payerAccount: string | null;
  readonly returnInfo: ReturnInfo | null;
  /** Bank transaction code as given (camt Domn/Fmly/SubFmlyCd or Prtry, MT940 type, GPC posting code). */
  readonly bankCode: string | null;
}

export interface StatementEnd {
  readonly statementId: string;
  /** Signed minor units; null when the format has none. */
  readonly closingBalance: number | null;
  /** Booked lines of the statement. */
  readonly lines: number;
  /** Signed sum of the booked lines (credits minus debits), minor units. */
  readonly net: number;
  /** Differences tolerated on request (see ParseOptions.tolerateImbalance), for the import record. */
  readonly warnings: readonly string[];
}

export type StatementEvent =
  | { readonly kind: 'statement'; readonly statement: StatementHeader }
  | { readonly kind: 'line'; readonly line: StatementLine }
  | { readonly kind: 'end'; readonly end: StatementEnd };

export interface ParseOptions {
  /**
   * Import a statement whose balances or control sums do not add up, recording the difference as a
   * warning on its `end` event instead of rejecting the file. Off by default; a user asks for it.
   */
  readonly tolerateImbalance?: boolean;
}

/** A file that cannot be imported: where, what is wrong, and what to do about it. */
export class StatementError extends Error {
  constructor(
    /** "line 14", "line 14, column 23" or an element path. */
    readonly where: string,
    message: string,
    readonly hint?: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'StatementError';
  }
}

/** Every parser has this shape: bytes in (a file stream), events out. */
export type StatementParser = (
  input: AsyncIterable<Buffer | string>,
  options?: ParseOptions,
) => AsyncGenerator<StatementEvent, void, undefined>;

/** Collects a parser's events for a small file (tests, previews). Large files are consumed as a stream. */
export async function collectStatements(
  events: AsyncIterable<StatementEvent>,
): Promise<{ header: StatementHeader; lines: StatementLine[]; end: StatementEnd }[]> {
  const out: { header: StatementHeader; lines: StatementLine[]; end: StatementEnd }[] = [];
  let current: { header: StatementHeader; lines: StatementLine[] } | null = null;
  for await (const e of events) {
    if (e.kind === 'statement') current = { header: e.statement, lines: [] };
    else if (e.kind === 'line') current?.lines.push(e.line);
    else if (current) {
      out.push({ ...current, end: e.end });
      current = null;
    }
  }
  return out;
}
