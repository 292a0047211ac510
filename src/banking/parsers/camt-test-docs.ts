import { collectStatements, type ParseOptions } from '../statement.ts';
import { parseCamt } from './camt.ts';

/**
 * Builders of small camt documents for the parser's tests: each returns an XML fragment with
 * sensible defaults, so a test states only what it is about.
 */

export interface TxSpec {
  readonly amount?: string;
  readonly ccy?: string;
  /** 'amtdtls' (AmtDtls/TxAmt, all versions), 'own' (TxDtls/Amt, v08+) or 'none'. */
  readonly amountAt?: 'amtdtls' | 'own' | 'none';
  readonly ind?: 'CRDT' | 'DBIT';
  readonly body?: string;
}

/** A TxDtls; `body` is inserted after the amount (Refs, RltdPties, RmtInf, RtrInf ...). */
export function tx(spec: TxSpec = {}): string {
  const amount = spec.amount ?? '10.00';
  const ccy = spec.ccy ?? 'EUR';
  const at = spec.amountAt ?? 'amtdtls';
  const own = at === 'own' ? `<Amt Ccy="${ccy}">${amount}</Amt>` : '';
  const ind = spec.ind ? `<CdtDbtInd>${spec.ind}</CdtDbtInd>` : '';
  const dtls = at === 'amtdtls' ? `<AmtDtls><TxAmt><Amt Ccy="${ccy}">${amount}</Amt></TxAmt></AmtDtls>` : '';
  return `<TxDtls>${own}${ind}${dtls}${spec.body ?? ''}</TxDtls>`;
}

export interface EntrySpec {
  readonly amount?: string;
  readonly ccy?: string;
  readonly ind?: 'CRDT' | 'DBIT';
  /** The whole Sts element, or '' for none; default `<Sts><Cd>BOOK</Cd></Sts>` (v08). */
  readonly sts?: string;
  readonly reversal?: boolean;
  readonly ref?: string;
  readonly txs?: readonly string[];
  readonly extra?: string;
}

export function ntry(spec: EntrySpec = {}): string {
  const ccy = spec.ccy ?? 'EUR';
  const sts = spec.sts ?? '<Sts><Cd>BOOK</Cd></Sts>';
  const rvsl = spec.reversal ? '<RvslInd>true</RvslInd>' : '';
  const ref = spec.ref ? `<AcctSvcrRef>${spec.ref}</AcctSvcrRef>` : '';
  const details = spec.txs ? `<NtryDtls>${spec.txs.join('')}</NtryDtls>` : '';
  return (
    `<Ntry><Amt Ccy="${ccy}">${spec.amount ?? '10.00'}</Amt><CdtDbtInd>${spec.ind ?? 'CRDT'}</CdtDbtInd>${rvsl}${sts}` +
    `<BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-03</Dt></ValDt>${ref}` +
    `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
    `${spec.extra ?? ''}${details}</Ntry>`
  );
}

export function bal(code: string, amount: string, ind: 'CRDT' | 'DBIT' | null = 'CRDT', ccy = 'EUR'): string {
  const sign = ind === null ? '' : `<CdtDbtInd>${ind}</CdtDbtInd>`;
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${ccy}">${amount}</Amt>${sign}<Dt><Dt>2026-03-02</Dt></Dt></Bal>`;
}

export interface StatementSpec {
  readonly id?: string;
  readonly account?: string;
  readonly balances?: string;
  readonly summary?: string;
  readonly entries?: readonly string[];
}

/** A Stmt (or Ntfctn with `element`), EUR account SK31..., opening 100.00 and closing to match. */
export function stmt(spec: StatementSpec = {}, element = 'Stmt'): string {
  const account =
    spec.account ?? '<Acct><Id><IBAN>SK31 1200 0000 1987 4263 7541</IBAN></Id><Ccy>EUR</Ccy></Acct>';
  return (
    `<${element}><Id>${spec.id ?? 'S-1'}</Id><ElctrncSeqNb>7</ElctrncSeqNb><CreDtTm>2026-03-02T06:00:00+01:00</CreDtTm>` +
    `<FrToDt><FrDtTm>2026-03-02T00:00:00+01:00</FrDtTm><ToDtTm>2026-03-02T23:59:59+01:00</ToDtTm></FrToDt>` +
    `${account}${spec.balances ?? ''}${spec.summary ?? ''}${(spec.entries ?? []).join('')}</${element}>`
  );
}

/** A whole camt.053 (or camt.054 with `type`) document of the given statements. */
export function doc(statements: readonly string[], version = '08', type: '053' | '054' = '053'): string {
  const message = type === '053' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${type}.001.${version}">` +
    `<${message}><GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-03-02T06:00:00+01:00</CreDtTm></GrpHdr>` +
    `${statements.join('')}</${message}></Document>`
  );
}

/** The document as a stream of byte chunks of the given size (1 splits every UTF-8 sequence). */
export async function* chunks(text: string | Buffer, size = 4096): AsyncGenerator<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Parses a document held in memory. */
export function parse(text: string | Buffer, options: ParseOptions = {}, size = 4096) {
  return collectStatements(parseCamt(chunks(text, size), options));
}

/** The StatementError a document is refused with (fails the test if it is accepted). */
export async function refusal(text: string | Buffer, options: ParseOptions = {}): Promise<Error> {
  try {
    await parse(text, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the document was accepted');
}
