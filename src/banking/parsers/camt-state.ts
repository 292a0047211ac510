import type { RawAmount } from './camt-values.ts';

/**
 * What the camt reader holds while it walks a document: the current statement's header fields and
 * running totals, the current entry, and that entry's transactions. Nothing older than the current
 * entry is kept, so memory does not grow with the file. Fields are mutable because the path
 * handlers fill them element by element; the lines built from them are new frozen-shape objects.
 */

/** Bank transaction code parts (BkTxCd): ISO domain/family/sub-family, or the bank's own code. */
export class BankCode {
  domain: string | null = null;
  family: string | null = null;
  subFamily: string | null = null;
  proprietary: string | null = null;

  /** "PMNT/RCDT/ESCT" when the ISO code is given, else the proprietary code. */
  text(): string | null {
    if (this.domain !== null)
      return [this.domain, this.family, this.subFamily].filter((p) => p !== null).join('/');
    return this.proprietary;
  }
}

/** One TxDtls: a transaction inside an entry. */
export class TxState {
  where = '';
  endToEndId: string | null = null;
  acctSvcrRef: string | null = null;
  originalEndToEndId: string | null = null;
  /** AmtDtls/TxAmt, AmtDtls/CntrValAmt and the v08+ TxDtls/Amt, as written. */
  txAmount: RawAmount | null = null;
  counterValue: RawAmount | null = null;
  ownAmount: RawAmount | null = null;
  credit: boolean | null = null;
  debtorName: string | null = null;
  debtorAccount: string | null = null;
  creditorName: string | null = null;
  creditorAccount: string | null = null;
  ultimateDebtor: string | null = null;
  ultimateCreditor: string | null = null;
  unstructured: string[] = [];
  additional: string[] = [];
  refCode: string | null = null;
  refProprietary: string | null = null;
  reference: string | null = null;
  /** The type of the CdtrRefInf being read; kept only for the first reference. */
  pendingCode: string | null = null;
  pendingProprietary: string | null = null;
  returned = false;
  returnCode: string | null = null;
  returnReason: string[] = [];
  txInfo: string | null = null;
  bankCode: BankCode | null = null;
}

/** One Ntry. */
export class EntryState {
  index = 0;
  where = '';
  amount: RawAmount | null = null;
  credit: boolean | null = null;
  reversal = false;
  /** The status code, and whether it came as text (`<Sts>BOOK</Sts>`) or coded (`<Sts><Cd>`). */
  status: string | null = null;
  statusShape: 'text' | 'code' | null = null;
  bookingDate: string | null = null;
  valueDate: string | null = null;
  acctSvcrRef: string | null = null;
  bankCode = new BankCode();
  entryInfo: string | null = null;
  /** NtryDtls seen, and TxDtls seen in the current NtryDtls (for element paths). */
  detailsCount = 0;
  txInDetails = 0;
  txs: TxState[] = [];
}

/** A balance (Bal) while it is read. */
export class BalanceState {
  index = 0;
  where = '';
  code: string | null = null;
  amount: RawAmount | null = null;
  credit: boolean | null = null;
}

/** Signed minor units and where they were stated. */
export interface StatedBalance {
  readonly code: string;
  readonly amount: number;
  readonly currency: string;
  readonly where: string;
}

/** TxsSummry figures as written (they carry no currency: the account's applies). */
export interface SummaryState {
  count: string | null;
  sum: string | null;
  net: string | null;
  netCredit: boolean | null;
  creditCount: string | null;
  creditSum: string | null;
  debitCount: string | null;
  debitSum: string | null;
  where: string;
}

/** One Stmt or Ntfctn. */
export class StatementState {
  index = 0;
  where = '';
  id: string | null = null;
  sequence: string | null = null;
  createdAt: string | null = null;
  fromDate: string | null = null;
  toDate: string | null = null;
  iban: string | null = null;
  otherId: string | null = null;
  accountCurrency: string | null = null;
  /** The currency every balance and entry must be in, fixed by the first one that states it. */
  currency: string | null = null;
  currencySource = '';
  opening: StatedBalance | null = null;
  closing: StatedBalance | null = null;
  balanceCount = 0;
  entryCount = 0;
  summary: SummaryState = {
    count: null,
    sum: null,
    net: null,
    netCredit: null,
    creditCount: null,
    creditSum: null,
    debitCount: null,
    debitSum: null,
    where: '',
  };
  headerSent = false;
  /** All entries (TxsSummry counts them whatever their status). */
  credits = 0;
  creditSum = 0;
  debits = 0;
  debitSum = 0;
  /** Booked lines: what the balances move by. */
  bookedLines = 0;
  bookedNet = 0;
  /** Tolerated deviations: message of the first of each kind, and how many there were. */
  tolerated = new Map<string, { message: string; count: number }>();
}
