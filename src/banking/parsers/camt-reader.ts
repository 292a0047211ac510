import { addMinor } from '../../kernel/money.ts';
import {
  type ParseOptions,
  StatementError,
  type StatementEvent,
  type StatementFormat,
} from '../statement.ts';
import { shareEntry } from './camt-entry.ts';
import { entryLines } from './camt-line.ts';
import { BalanceState, EntryState, StatementState, TxState } from './camt-state.ts';
import { statementEnd, statementHeader } from './camt-statement.ts';
import { parseAmount, parseStatus } from './camt-values.ts';

/**
 * The state the path handlers (camt-paths.ts) fill while saxes walks the document, and the
 * decisions taken when a balance, an entry or a statement closes. Events go to `queue`, which
 * parseCamt drains after every chunk.
 */
export class CamtReader {
  readonly queue: StatementEvent[] = [];
  /** The element stack, for error paths: local names and indexes (0 = not shown). */
  readonly names: string[] = [];
  readonly indexes: number[] = [];
  depth = 0;
  format: StatementFormat = 'camt.053';
  version = 0;
  groupCreatedAt: string | null = null;
  statements = 0;
  stmt = new StatementState();
  bal = new BalanceState();
  entry = new EntryState();
  tx = new TxState();

  constructor(readonly options: ParseOptions) {}

  /** The element path of the current element, e.g. /Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt. */
  where(): string {
    let out = '';
    for (let i = 1; i <= this.depth; i++) {
      out += `/${this.names[i]}`;
      if (this.indexes[i]! > 0) out += `[${this.indexes[i]}]`;
    }
    return out;
  }

  /** Refuses the file, or with tolerateImbalance records a warning (one per kind, with a count). */
  readonly tolerate = (kind: string, where: string, message: string, hint?: string): void => {
    if (!this.options.tolerateImbalance) {
      throw new StatementError(
        where,
        message,
        hint ?? 'Import it with "tolerate imbalance" only if the bank confirms it.',
      );
    }
    const seen = this.stmt.tolerated.get(kind);
    if (seen) seen.count++;
    else this.stmt.tolerated.set(kind, { message: `${where}: ${message}`, count: 1 });
  };

  /** Every balance and entry of a statement is in one currency: the account's, else the first stated. */
  useCurrency(ccy: string | undefined, where: string, what: string): void {
    const s = this.stmt;
    if (ccy === undefined || ccy === '') return;
    if (s.currency === null) {
      s.currency = ccy;
      s.currencySource = what;
    } else if (ccy !== s.currency) {
      throw new StatementError(
        where,
        `mixed currencies: ${what} is in ${ccy} but ${s.currencySource} is in ${s.currency}`,
        'A statement covers one account in one currency; ask the bank for a consistent file.',
      );
    }
  }

  openStatement(): number {
    this.stmt = new StatementState();
    this.stmt.index = ++this.statements;
    this.stmt.createdAt = this.groupCreatedAt;
    this.indexes[this.depth] = this.stmt.index;
    this.stmt.where = this.where();
    return this.stmt.index;
  }

  private sendHeader(): void {
    const s = this.stmt;
    if (s.headerSent) return;
    s.headerSent = true;
    this.queue.push({ kind: 'statement', statement: statementHeader(s, this.format) });
  }

  closeStatement(): void {
    this.sendHeader();
    this.queue.push({ kind: 'end', end: statementEnd(this.stmt, this.format, this.tolerate) });
  }

  openBalance(): number {
    this.bal = new BalanceState();
    this.bal.index = ++this.stmt.balanceCount;
    this.indexes[this.depth] = this.bal.index;
    this.bal.where = this.where();
    return this.bal.index;
  }

  closeBalance(): void {
    const b = this.bal;
    const s = this.stmt;
    const code = b.code ?? 'proprietary';
    if (b.amount === null) throw new StatementError(b.where, `balance ${code} has no Amt`);
    this.useCurrency(b.amount.ccy, b.amount.where, `balance ${code}`);
    const minor = parseAmount(b.amount.text, b.amount.ccy, b.amount.where);
    if (b.credit === null) {
      this.tolerate(
        'balance sign',
        b.where,
        `balance ${code} has no CdtDbtInd; read as CRDT (a credit balance)`,
      );
    }
    const stated = {
      code,
      amount: b.credit === false ? -minor : minor,
      currency: b.amount.ccy,
      where: b.where,
    };
    // OPBD and PRCD (previously closed) both open the period; CLBD closes it. Available and
    // interim balances (OPAV, CLAV, ITBD, ...) do not reconcile with booked entries.
    if ((code === 'OPBD' || code === 'PRCD') && (s.opening === null || code === 'OPBD')) s.opening = stated;
    else if (code === 'CLBD' && s.closing === null) s.closing = stated;
  }

  openEntry(): number {
    this.entry = new EntryState();
    this.entry.index = ++this.stmt.entryCount;
    this.indexes[this.depth] = this.entry.index;
    this.entry.where = this.where();
    return this.entry.index;
  }

  openTx(): number {
    this.tx = new TxState();
    const index = ++this.entry.txInDetails;
    this.indexes[this.depth] = index;
    this.tx.where = this.where();
    this.entry.txs.push(this.tx);
    return index;
  }

  private status(): 'booked' | 'pending' | 'info' {
    const e = this.entry;
    if (e.status === null) {
      this.tolerate('no status', e.where, 'entry has no Sts; read as BOOK (booked)');
      return 'booked';
    }
    const coded = this.version >= 8;
    if (this.version > 0 && (e.statusShape === 'code') !== coded) {
      const want = coded ? `<Sts><Cd>${e.status}</Cd></Sts>` : `<Sts>${e.status}</Sts>`;
      this.tolerate(
        'status shape',
        `${e.where}/Sts`,
        `${this.format}.001.${String(this.version).padStart(2, '0')} requires ${want}`,
      );
    }
    return parseStatus(e.status, `${e.where}/Sts`);
  }

  closeEntry(): void {
    const e = this.entry;
    const s = this.stmt;
    if (e.amount === null) throw new StatementError(e.where, 'entry has no Amt');
    if (e.credit === null)
      throw new StatementError(e.where, 'entry has no CdtDbtInd', 'It must be CRDT or DBIT.');
    this.useCurrency(e.amount.ccy, e.amount.where, `entry Ntry[${e.index}]`);
    const amount = parseAmount(e.amount.text, e.amount.ccy, e.amount.where);
    const currency = e.amount.ccy;
    const status = this.status();
    if (e.credit) {
      s.credits++;
      s.creditSum = addMinor(s.creditSum, amount);
    } else {
      s.debits++;
      s.debitSum = addMinor(s.debitSum, amount);
    }
    const shares = shareEntry(e, amount, e.credit, currency);
    const lines = entryLines(e, shares, {
      statementId: s.id ?? '',
      currency,
      status,
      amount,
      credit: e.credit,
    });
    this.sendHeader();
    for (const line of lines) {
      this.queue.push({ kind: 'line', line });
      if (status === 'booked') {
        s.bookedLines++;
        s.bookedNet = addMinor(s.bookedNet, line.direction === 'credit' ? line.amount : -line.amount);
      }
    }
    this.entry = new EntryState();
  }
}
