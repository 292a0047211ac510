import { formatMinor } from '../../kernel/money.ts';
import { type ParseOptions, StatementError, type StatementEvent, type StatementLine } from '../statement.ts';
import { type GpcHeader, type GpcItem, NUMERIC_CURRENCIES } from './gpc-records.ts';
import { controlMismatch, IMBALANCE_HINT } from './lines.ts';

/**
 * One GPC statement (a 074 header and its items) as events, checked when it ends: old balance +
 * credit turnover - debit turnover = new balance, and the items add up to the turnovers. Banks
 * count storno items either as negative turnover of their own side ("red storno": debits = code 1
 * minus code 4) or as turnover of the other side ("black": debits = code 1 plus code 5); either is
 * accepted, and the balance check is the same for both. The 074 header carries no currency, so
 * the statement event is sent at the first item (or at the end of an empty statement).
 */

export interface GpcPosting {
  readonly direction: 'credit' | 'debit';
  readonly reversal: boolean;
}

/** The codes of the ABO description: 1 debit, 2 credit, 4 storno of a debit, 5 storno of a credit. */
export const DEFAULT_POSTING_CODES: Readonly<Record<string, GpcPosting>> = Object.freeze({
  '1': Object.freeze({ direction: 'debit', reversal: false }),
  '2': Object.freeze({ direction: 'credit', reversal: false }),
  '4': Object.freeze({ direction: 'credit', reversal: true }),
  '5': Object.freeze({ direction: 'debit', reversal: true }),
});

type Side = 'debit' | 'credit' | 'debitStorno' | 'creditStorno';

const HINT = 'GPC records are 128 characters in fixed columns; export the statement from the bank again.';

export class GpcStatement {
  private currency: string | null = null;
  private sent = false;
  private pending: { readonly item: GpcItem; readonly line: number; readonly texts: string[] } | null = null;
  private lines = 0;
  private net = 0;
  /** Item amounts summed per posting direction and storno flag. */
  private readonly sums: Record<Side, number> = { debit: 0, credit: 0, debitStorno: 0, creditStorno: 0 };
  private readonly warnings: string[] = [];

  constructor(
    private readonly header: GpcHeader,
    private readonly line: number,
    private readonly codes: Readonly<Record<string, GpcPosting>>,
    private readonly options: ParseOptions | undefined,
  ) {}

  /** A 075 item: sends the one before (its 078/079 texts are complete) and the header if due. */
  *item(item: GpcItem, line: number): Generator<StatementEvent> {
    yield* this.flush();
    const where = `line ${line}`;
    const currency = NUMERIC_CURRENCIES[item.currencyCode];
    if (currency === undefined) {
      throw new StatementError(
        `${where}, column 119`,
        `currency code ${item.currencyCode} is not one Duly books`,
        `Duly books ${Object.values(NUMERIC_CURRENCIES).join(', ')}; import statements of such accounts only.`,
      );
    }
    if (this.currency !== null && this.currency !== currency) {
      throw new StatementError(
        `${where}, column 119`,
        `an item in ${currency} in a statement in ${this.currency}`,
        HINT,
      );
    }
    if (item.account !== this.header.account) {
      const h = this.header.account;
      throw new StatementError(
        `${where}, column 4`,
        `an item of account ${item.account} in the statement of ${h}`,
        HINT,
      );
    }
    if (this.codes[item.postingCode] === undefined) {
      throw new StatementError(
        `${where}, column 61`,
        `posting code '${item.postingCode}' is not one of ${Object.keys(this.codes).join(', ')}`,
        "Set the bank's GPC posting codes in the organisation's bank settings.",
      );
    }
    this.currency = currency;
    yield* this.start();
    this.pending = { item, line, texts: [] };
  }

  /** A 076/078/079 record continuing the last item. */
  continuation(texts: readonly string[], where: string, type: string): void {
    if (this.pending === null)
      throw new StatementError(where, `a ${type} record that follows no 075 item`, HINT);
    this.pending.texts.push(...texts);
  }

  *close(): Generator<StatementEvent> {
    yield* this.flush();
    yield* this.start();
    this.check();
    yield {
      kind: 'end',
      end: {
        statementId: this.header.number,
        closingBalance: this.header.newBalance,
        lines: this.lines,
        net: this.net,
        warnings: this.warnings,
      },
    };
  }

  private money(amount: number): string {
    const ccy = this.currency ?? 'CZK';
    return `${formatMinor(amount, ccy)} ${ccy}`;
  }

  private check(): void {
    const h = this.header;
    const where = `line ${this.line}`;
    const id = `statement ${h.number}`;
    const expected = h.oldBalance + h.creditTurnover - h.debitTurnover;
    if (expected !== h.newBalance) {
      controlMismatch(
        this.options,
        this.warnings,
        where,
        `${id}: the old balance ${this.money(h.oldBalance)} + credits ${this.money(h.creditTurnover)} - debits ` +
          `${this.money(h.debitTurnover)} gives ${this.money(expected)}, but the new balance is ${this.money(h.newBalance)}`,
        IMBALANCE_HINT,
      );
    }
    const s = this.sums;
    for (const [side, turnover, red, black] of [
      ['debits', h.debitTurnover, s.debit - s.creditStorno, s.debit + s.debitStorno],
      ['credits', h.creditTurnover, s.credit - s.debitStorno, s.credit + s.creditStorno],
    ] as const) {
      if (turnover !== red && turnover !== black) {
        controlMismatch(
          this.options,
          this.warnings,
          where,
          `${id}: the items' ${side} sum to ${this.money(black)}, but the header's ${side.slice(0, -1)} turnover is ` +
            `${this.money(turnover)} (difference ${this.money(turnover - black)})`,
          IMBALANCE_HINT,
        );
      }
    }
  }

  private *start(): Generator<StatementEvent> {
    if (this.sent) return;
    this.sent = true;
    const h = this.header;
    yield {
      kind: 'statement',
      statement: {
        format: 'gpc',
        where: `line ${this.line}`,
        statementId: h.number,
        account: { iban: null, number: h.account, currency: this.currency },
        sequence: null,
        createdAt: h.date,
        fromDate: h.oldDate,
        toDate: h.date,
        openingBalance: h.oldBalance,
        currency: this.currency,
      },
    };
  }

  private *flush(): Generator<StatementEvent> {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    const posting = this.codes[p.item.postingCode]!;
    this.sums[`${posting.direction}${posting.reversal ? 'Storno' : ''}` as Side] += p.item.amount;
    if (p.item.amount === 0) return;
    const line = gpcLine(p.item, p.texts, posting, `line ${p.line}`, this.header.number, this.currency!);
    this.lines++;
    this.net += line.direction === 'credit' ? line.amount : -line.amount;
    yield { kind: 'line', line };
  }
}

function gpcLine(
  item: GpcItem,
  texts: readonly string[],
  posting: GpcPosting,
  where: string,
  statementId: string,
  currency: string,
): StatementLine {
  return {
    where,
    statementId,
    entryRef: where.slice(5),
    amount: item.amount,
    currency,
    direction: posting.direction,
    reversal: posting.reversal,
    status: 'booked',
    bookingDate: item.dueDate,
    valueDate: item.valueDate,
    bankReference: item.documentNumber,
    endToEndId: null,
    reference: item.vs,
    referenceKind: item.vs ? 'VS' : null,
    symbols: item.vs || item.ss || item.ks ? { vs: item.vs, ss: item.ss, ks: item.ks } : null,
    text: texts.join(' '),
    payerName: item.name,
    payerAccount: item.counterAccount,
    returnInfo: posting.reversal ? { reasonCode: null, reason: null, originalEndToEndId: null } : null,
    bankCode: item.postingCode,
  };
}
