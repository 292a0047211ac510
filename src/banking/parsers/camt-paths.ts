import { normalizeIban } from '../../kernel/iban.ts';
import { isCurrency, SUPPORTED_CURRENCIES } from '../../kernel/money.ts';
import { StatementError } from '../statement.ts';
import type { CamtReader } from './camt-reader.ts';
import { BankCode } from './camt-state.ts';
import { type Attributes, buildTree, type Handlers, type PathNode, under } from './camt-tree.ts';
import { parseCredit, parseDate, type RawAmount } from './camt-values.ts';

/**
 * Which elements of a camt.053/054 document Duly reads, and what each one sets. Paths are written
 * from the message element (BkToCstmrStmt / BkToCstmrDbtCdtNtfctn); everything else in the
 * document is skipped without looking at its text. Versions .02 to .10+ share these paths; where a
 * later version moved a field (Dbtr/Pty/Nm, Sts/Cd, TxDtls/Amt) both places are listed. InstdAmt
 * is not read: it is the payer's instruction before charges and exchange, not what was booked.
 */

type R = CamtReader;
type H = Handlers<R>;

/** Trimmed text, or null when empty. */
const value = (t: string): string | null => {
  const v = t.trim();
  return v === '' ? null : v;
};

const raw = (r: R, t: string, a: Attributes): RawAmount => ({ text: t, ccy: a.Ccy ?? '', where: r.where() });
const text = (set: (r: R, v: string | null, t: string, a: Attributes) => void): H => ({
  text: (r, t, a) => set(r, value(t), t, a),
});

function bankCode(get: (r: R) => BankCode): Record<string, H> {
  return {
    'BkTxCd/Domn/Cd': text((r, v) => (get(r).domain = v)),
    'BkTxCd/Domn/Fmly/Cd': text((r, v) => (get(r).family = v)),
    'BkTxCd/Domn/Fmly/SubFmlyCd': text((r, v) => (get(r).subFamily = v)),
    'BkTxCd/Prtry/Cd': text((r, v) => (get(r).proprietary = v)),
  };
}

function txBankCode(r: R): BankCode {
  r.tx.bankCode ??= new BankCode();
  return r.tx.bankCode;
}

const iban = (v: string | null) => (v === null ? null : normalizeIban(v));

const transaction: Record<string, H> = {
  '': { open: (r) => r.openTx() },
  'Refs/EndToEndId': text((r, v) => (r.tx.endToEndId = v)),
  'Refs/AcctSvcrRef': text((r, v) => (r.tx.acctSvcrRef = v)),
  'Refs/OrgnlEndToEndId': text((r, v) => (r.tx.originalEndToEndId = v)),
  Amt: { text: (r, t, a) => (r.tx.ownAmount = raw(r, t, a)) },
  CdtDbtInd: { text: (r, t) => (r.tx.credit = parseCredit(t, r.where())) },
  'AmtDtls/TxAmt/Amt': { text: (r, t, a) => (r.tx.txAmount = raw(r, t, a)) },
  'AmtDtls/CntrValAmt/Amt': { text: (r, t, a) => (r.tx.counterValue = raw(r, t, a)) },
  ...bankCode(txBankCode),
  'RltdPties/Dbtr/Nm|RltdPties/Dbtr/Pty/Nm': text((r, v) => (r.tx.debtorName ??= v)),
  'RltdPties/DbtrAcct/Id/IBAN': text((r, v) => (r.tx.debtorAccount = iban(v))),
  'RltdPties/DbtrAcct/Id/Othr/Id': text((r, v) => (r.tx.debtorAccount ??= v)),
  'RltdPties/UltmtDbtr/Nm|RltdPties/UltmtDbtr/Pty/Nm': text((r, v) => (r.tx.ultimateDebtor ??= v)),
  'RltdPties/Cdtr/Nm|RltdPties/Cdtr/Pty/Nm|RltdPties/Cdtr/Agt/FinInstnId/Nm': text(
    (r, v) => (r.tx.creditorName ??= v),
  ),
  'RltdPties/CdtrAcct/Id/IBAN': text((r, v) => (r.tx.creditorAccount = iban(v))),
  'RltdPties/CdtrAcct/Id/Othr/Id': text((r, v) => (r.tx.creditorAccount ??= v)),
  'RltdPties/UltmtCdtr/Nm|RltdPties/UltmtCdtr/Pty/Nm': text((r, v) => (r.tx.ultimateCreditor ??= v)),
  'RmtInf/Ustrd': text((r, v) => v !== null && r.tx.unstructured.push(v)),
  'RmtInf/Strd/CdtrRefInf': {
    open: (r) => {
      r.tx.pendingCode = null;
      r.tx.pendingProprietary = null;
      return undefined;
    },
  },
  'RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd': text((r, v) => (r.tx.pendingCode = v)),
  'RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Prtry': text((r, v) => (r.tx.pendingProprietary = v)),
  'RmtInf/Strd/CdtrRefInf/Ref': text((r, v) => {
    if (v === null || r.tx.reference !== null) return;
    r.tx.reference = v;
    r.tx.refCode = r.tx.pendingCode;
    r.tx.refProprietary = r.tx.pendingProprietary;
  }),
  'RmtInf/Strd/AddtlRmtInf': text((r, v) => v !== null && r.tx.additional.push(v)),
  RtrInf: {
    open: (r) => {
      r.tx.returned = true;
      return undefined;
    },
  },
  'RtrInf/Rsn/Cd|RtrInf/Rsn/Prtry': text((r, v) => (r.tx.returnCode ??= v)),
  'RtrInf/AddtlInf': text((r, v) => v !== null && r.tx.returnReason.push(v)),
  'RtrInf/OrgnlEndToEndId': text((r, v) => (r.tx.originalEndToEndId ??= v)),
  AddtlTxInf: text((r, v) => (r.tx.txInfo = v)),
};

const entry: Record<string, H> = {
  '': { open: (r) => r.openEntry(), close: (r) => r.closeEntry() },
  Amt: { text: (r, t, a) => (r.entry.amount = raw(r, t, a)) },
  CdtDbtInd: { text: (r, t) => (r.entry.credit = parseCredit(t, r.where())) },
  RvslInd: text((r, v) => (r.entry.reversal = v === 'true' || v === '1')),
  // v02-v07 write <Sts>BOOK</Sts>; v08+ <Sts><Cd>BOOK</Cd></Sts>. Sts's own text is '' in the latter.
  Sts: text((r, v) => {
    if (v === null) return;
    r.entry.status = v;
    r.entry.statusShape = 'text';
  }),
  'Sts/Cd|Sts/Prtry': text((r, v) => {
    r.entry.status = v;
    r.entry.statusShape = 'code';
  }),
  'BookgDt/Dt|BookgDt/DtTm': { text: (r, t) => (r.entry.bookingDate = parseDate(t, r.where())) },
  'ValDt/Dt|ValDt/DtTm': { text: (r, t) => (r.entry.valueDate = parseDate(t, r.where())) },
  AcctSvcrRef: text((r, v) => (r.entry.acctSvcrRef = v)),
  ...bankCode((r) => r.entry.bankCode),
  NtryDtls: {
    open: (r) => {
      const n = ++r.entry.detailsCount;
      r.entry.txInDetails = 0;
      return n > 1 ? n : undefined;
    },
  },
  AddtlNtryInf: text((r, v) => (r.entry.entryInfo = v)),
  ...under('NtryDtls/TxDtls', transaction),
};

const summary = (set: (r: R, t: string) => void): H => ({ text: (r, t) => set(r, t) });

const statement: Record<string, H> = {
  '': { open: (r) => r.openStatement(), close: (r) => r.closeStatement() },
  Id: text((r, v) => (r.stmt.id = v)),
  ElctrncSeqNb: text((r, v) => (r.stmt.sequence = v)),
  LglSeqNb: text((r, v) => (r.stmt.sequence ??= v)),
  CreDtTm: text((r, v) => (r.stmt.createdAt = v)),
  'FrToDt/FrDtTm': { text: (r, t) => (r.stmt.fromDate = parseDate(t, r.where())) },
  'FrToDt/ToDtTm': { text: (r, t) => (r.stmt.toDate = parseDate(t, r.where())) },
  'Acct/Id/IBAN': text((r, v) => (r.stmt.iban = iban(v))),
  'Acct/Id/Othr/Id': text((r, v) => (r.stmt.otherId = v)),
  'Acct/Ccy': text((r, v) => {
    if (v === null) return;
    if (!isCurrency(v)) {
      throw new StatementError(
        r.where(),
        `currency ${v} is not supported`,
        `Duly books ${SUPPORTED_CURRENCIES.join(', ')}.`,
      );
    }
    r.stmt.accountCurrency = v;
    r.useCurrency(v, r.where(), 'the account (Acct/Ccy)');
  }),
  Bal: { open: (r) => r.openBalance(), close: (r) => r.closeBalance() },
  'Bal/Tp/CdOrPrtry/Cd': text((r, v) => (r.bal.code = v)),
  'Bal/Amt': { text: (r, t, a) => (r.bal.amount = raw(r, t, a)) },
  'Bal/CdtDbtInd': { text: (r, t) => (r.bal.credit = parseCredit(t, r.where())) },
  TxsSummry: {
    open: (r) => {
      r.stmt.summary.where = r.where();
      return undefined;
    },
  },
  'TxsSummry/TtlNtries/NbOfNtries': summary((r, t) => (r.stmt.summary.count = t)),
  'TxsSummry/TtlNtries/Sum': summary((r, t) => (r.stmt.summary.sum = t)),
  'TxsSummry/TtlNtries/TtlNetNtry/Amt': summary((r, t) => (r.stmt.summary.net = t)),
  'TxsSummry/TtlNtries/TtlNetNtry/CdtDbtInd': summary(
    (r, t) => (r.stmt.summary.netCredit = parseCredit(t, r.where())),
  ),
  'TxsSummry/TtlCdtNtries/NbOfNtries': summary((r, t) => (r.stmt.summary.creditCount = t)),
  'TxsSummry/TtlCdtNtries/Sum': summary((r, t) => (r.stmt.summary.creditSum = t)),
  'TxsSummry/TtlDbtNtries/NbOfNtries': summary((r, t) => (r.stmt.summary.debitCount = t)),
  'TxsSummry/TtlDbtNtries/Sum': summary((r, t) => (r.stmt.summary.debitSum = t)),
  ...under('Ntry', entry),
};

function message(name: string, format: 'camt.053' | 'camt.054', child: string): Record<string, H> {
  return {
    [name]: {
      open: (r) => {
        if (r.format !== format) {
          throw new StatementError(
            r.where(),
            `a ${name} message in a ${r.format} namespace`,
            'The file is malformed.',
          );
        }
        return undefined;
      },
    },
    [`${name}/GrpHdr/CreDtTm`]: text((r, v) => (r.groupCreatedAt = v)),
    ...under(`${name}/${child}`, statement),
  };
}

/** The path tree of a camt document, from the root (whose only child is Document). */
export function camtTree(openDocument: H): PathNode<R> {
  return buildTree<R>({
    Document: openDocument,
    ...under('Document', {
      ...message('BkToCstmrStmt', 'camt.053', 'Stmt'),
      ...message('BkToCstmrDbtCdtNtfctn', 'camt.054', 'Ntfctn'),
    }),
  });
}
