import { formatMinor } from '../../kernel/money.ts';
import {
  type ParseOptions,
  StatementError,
  type StatementEvent,
  type StatementLine,
  type StatementParser,
} from '../statement.ts';
import { controlMismatch, IMBALANCE_HINT, lineDecoder, readLines } from './lines.ts';
import {
  OcrRecord,
  type OcrTransaction,
  ocrItem,
  ocrTotals,
  ocrTransaction,
  REVERSAL_TYPES,
} from './ocr-giro-records.ts';

/**
 * Norwegian Nets OCR giro files: the incoming payments with KID of one or more agreements, in
 * 80-character records (layout in ocr-giro-records.ts), ISO-8859-1. Each assignment (NY090020 to
 * NY090088) is a statement of its assignment account, in NOK, without balances. Every count and
 * sum of the assignment and transmission end records is checked against what was read; a
 * difference is refused unless tolerated. An assignment's end event waits for the next record, so
 * that the transmission end can still add its warnings to the last one.
 */

interface Assignment {
  readonly id: string;
  readonly line: number;
  records: number;
  transactions: number;
  gross: number;
  net: number;
  lines: number;
  reversals: boolean;
  earliest: string | null;
  latest: string | null;
  readonly warnings: string[];
}

const HINT = 'Import the OCR giro file exactly as Nets delivered it.';

function nok(amount: number): string {
  return `${formatMinor(amount, 'NOK')} NOK`;
}

/**
 * @example
 *   for await (const event of parseOcrGiro(fs.createReadStream('OCR.D200192.txt'))) {
 *     if (event.kind === 'line') console.log(event.line.reference, event.line.amount);
 *   }
 */
export const parseOcrGiro: StatementParser = async function* (input, options) {
  const decode = lineDecoder('iso-8859-1');
  const totals = { records: 0, transactions: 0, sum: 0 };
  let transmission: string | null = null;
  let ended = false;
  let assignment: Assignment | null = null;
  let tx: OcrTransaction | null = null;
  /** The last assignment's end event, and its warnings, which the transmission end may add to. */
  let waiting: { readonly event: StatementEvent; readonly warnings: string[] } | null = null;
  for await (const batch of readLines(input))
    for (const raw of batch) {
      const text = decode(raw.bytes);
      if (text.trim() === '') continue;
      const r = new OcrRecord(text, raw.number);
      if (ended) throw new StatementError(r.where, 'a record after the transmission end (NY000089)', HINT);
      if (r.service === '21') {
        throw new StatementError(
          r.where,
          'this is an AvtaleGiro file (service code 21), not OCR giro payments',
          'Import the OCR giro file of incoming payments that Nets sends, not AvtaleGiro claims or agreements.',
        );
      }
      totals.records++;
      const code = `${r.service}${r.type}${r.kind}`;
      if (transmission === null && code !== '000010') {
        throw new StatementError(
          r.where,
          `the file starts with NY${code}, not with the transmission start NY000010`,
          HINT,
        );
      }
      if (assignment) assignment.records++;
      if (r.kind === '30' || r.kind === '88') {
        if (tx && assignment) yield* flush(assignment, tx);
        tx = null;
      }
      if (code === '000010') {
        if (transmission !== null) throw new StatementError(r.where, 'a second transmission start', HINT);
        transmission = String(r.number(17, 23, 'transmission number'));
      } else if (code === '090020') {
        if (assignment)
          throw new StatementError(
            r.where,
            'an assignment starts before the last one ended (NY090088)',
            HINT,
          );
        if (waiting) yield waiting.event;
        waiting = null;
        assignment = start(r, transmission!);
        yield header(r, assignment);
      } else if (r.service === '09' && r.kind === '30') {
        if (!assignment) throw new StatementError(r.where, 'a transaction outside an assignment', HINT);
        tx = ocrTransaction(r);
      } else if (r.service === '09' && (r.kind === '31' || r.kind === '32')) {
        if (!tx)
          throw new StatementError(
            r.where,
            `amount item record ${r.kind} without its amount item 1 (30)`,
            HINT,
          );
        ocrItem(tx, r);
      } else if (code === '090088') {
        if (!assignment) throw new StatementError(r.where, 'an assignment end without its start', HINT);
        totals.transactions += assignment.transactions;
        totals.sum += check(options, assignment, r);
        waiting = { event: { kind: 'end', end: endOf(assignment) }, warnings: assignment.warnings };
        assignment = null;
      } else if (code === '000089') {
        if (assignment) throw new StatementError(r.where, 'the transmission ends inside an assignment', HINT);
        // Without an assignment there is no import record to carry a warning: a difference is refused.
        compare(
          waiting ? options : undefined,
          waiting?.warnings ?? [],
          r,
          ocrTotals(r),
          totals,
          'the transmission',
        );
        ended = true;
      } else {
        throw new StatementError(r.where, `unknown record NY${code}`, HINT);
      }
    }
  if (waiting) yield waiting.event;
  if (!ended) {
    throw new StatementError(
      transmission === null ? 'line 1' : 'end of file',
      'the file ends without its transmission end record (NY000089)',
      'The file may be cut short; download it from Nets again.',
    );
  }
};

function start(r: OcrRecord, transmission: string): Assignment {
  const number = String(r.number(18, 24, 'assignment number'));
  return {
    id: `${transmission}/${number}`,
    line: r.line,
    records: 1,
    transactions: 0,
    gross: 0,
    net: 0,
    lines: 0,
    reversals: false,
    earliest: null,
    latest: null,
    warnings: [],
  };
}

function header(r: OcrRecord, a: Assignment): StatementEvent {
  return {
    kind: 'statement',
    statement: {
      format: 'ocr-giro',
      where: r.where,
      statementId: a.id,
      account: { iban: null, number: r.raw(25, 35), currency: 'NOK' },
      sequence: null,
      createdAt: null,
      fromDate: null,
      toDate: null,
      openingBalance: null,
      currency: 'NOK',
    },
  };
}

function* flush(a: Assignment, tx: OcrTransaction): Generator<StatementEvent> {
  a.transactions++;
  a.gross += tx.amount;
  const reversal = tx.negative || REVERSAL_TYPES.has(tx.type);
  a.reversals ||= reversal;
  a.net += reversal ? -tx.amount : tx.amount;
  if (tx.netsDate !== null) {
    if (a.earliest === null || tx.netsDate < a.earliest) a.earliest = tx.netsDate;
    if (a.latest === null || tx.netsDate > a.latest) a.latest = tx.netsDate;
  }
  if (tx.amount === 0) return;
  a.lines++;
  yield { kind: 'line', line: ocrLine(tx, a.id, reversal) };
}

function ocrLine(tx: OcrTransaction, statementId: string, reversal: boolean): StatementLine {
  return {
    where: `line ${tx.line}`,
    statementId,
    entryRef: tx.number,
    amount: tx.amount,
    currency: 'NOK',
    direction: reversal ? 'debit' : 'credit',
    reversal,
    status: 'booked',
    bookingDate: tx.netsDate,
    valueDate: tx.netsDate,
    bankReference: tx.archiveReference,
    endToEndId: null,
    reference: tx.kid,
    referenceKind: tx.kid ? 'KID' : null,
    symbols: null,
    text: tx.text,
    payerName: null,
    payerAccount: tx.debitAccount,
    returnInfo: reversal ? { reasonCode: null, reason: null, originalEndToEndId: null } : null,
    bankCode: tx.type,
  };
}

function endOf(a: Assignment) {
  return { statementId: a.id, closingBalance: null, lines: a.lines, net: a.net, warnings: a.warnings };
}

/**
 * The assignment end record (88) against what was read: counts, sum and Nets date range. Returns
 * the sum as Nets stated it (net or gross), for the transmission total.
 */
function check(options: ParseOptions | undefined, a: Assignment, r: OcrRecord): number {
  const read = { transactions: a.transactions, records: a.records, sum: a.gross };
  // With reversals it is not certain whether Nets sums the amounts or nets them; both are taken.
  if (a.reversals && ocrTotals(r).sum === a.net) read.sum = a.net;
  compare(options, a.warnings, r, ocrTotals(r), read, `assignment ${a.id}`);
  const dates = [r.date(48, 'earliest Nets date'), r.date(54, 'latest Nets date')];
  if (a.transactions > 0 && (dates[0] !== a.earliest || dates[1] !== a.latest)) {
    const what = `assignment ${a.id} states Nets dates ${dates.join(' to ')}, but its transactions are of ${a.earliest} to ${a.latest}`;
    controlMismatch(options, a.warnings, r.where, what, IMBALANCE_HINT);
  }
  return read.sum;
}

function compare(
  options: ParseOptions | undefined,
  warnings: string[],
  r: OcrRecord,
  stated: { transactions: number; records: number; sum: number },
  read: { transactions: number; records: number; sum: number },
  what: string,
): void {
  for (const [name, a, b, show] of [
    ['transactions', stated.transactions, read.transactions, String],
    ['records', stated.records, read.records, String],
    ['sum', stated.sum, read.sum, nok],
  ] as const) {
    if (a !== b) {
      const message = `${what} states ${name} ${show(a)}, but ${show(b)} were read (difference ${show(a - b)})`;
      controlMismatch(options, warnings, r.where, message, IMBALANCE_HINT);
    }
  }
}
