import { formatMinor } from '../../kernel/money.ts';
import { type ParseOptions, StatementError, type StatementEvent } from '../statement.ts';
import { controlMismatch, IMBALANCE_HINT } from './lines.ts';
import { type Mt940Account, mt940Account } from './mt940-account.ts';
import { type Mt940Entry, mt940Entry } from './mt940-entry.ts';
import type { Mt940Field } from './mt940-fields.ts';
import { entryLine } from './mt940-line.ts';
import { type Mt940Balance, mt940Balance } from './mt940-values.ts';

/**
 * Turns MT940 fields into statement events. A statement (or one page of it, `:60M:`/`:62M:`)
 * runs from `:20:` to the next `:20:` or the end of the file; it is checked when it ends: opening
 * balance + entries = closing balance, and a page opening with `:60M:` must continue the closing
 * balance of the previous page of the same account. Only the open statement and its last entry are
 * held. A statement header is sent at its opening balance, so its closing date is not known then
 * (toDate stays null).
 */

interface Open {
  readonly reference: string;
  readonly line: number;
  sequence: string | null;
  account: Mt940Account | null;
  opening: (Mt940Balance & { readonly tag: string }) | null;
  closing: Mt940Balance | null;
  pending: { readonly line: number; readonly entry: Mt940Entry; details: string[] | null } | null;
  entries: number;
  lines: number;
  net: number;
  readonly warnings: string[];
}

const MT942 = new Set(['13', '13D', '34F', '90C', '90D']);

function money(amount: number, currency: string): string {
  return `${formatMinor(amount, currency)} ${currency}`;
}

export class Mt940Statements {
  private open: Open | null = null;
  /** The last statement's account and closing balance, for the page continuity check. */
  private previous: { readonly account: string; readonly closing: number } | null = null;

  constructor(private readonly options: ParseOptions | undefined) {}

  /** The events one field completes (often none). */
  field(f: Mt940Field): StatementEvent[] {
    const where = `line ${f.line}`;
    const text = f.lines.join('').trim();
    if (f.tag === '20') {
      const out = this.close();
      this.open = {
        reference: text,
        line: f.line,
        sequence: null,
        account: null,
        opening: null,
        closing: null,
        pending: null,
        entries: 0,
        lines: 0,
        net: 0,
        warnings: [],
      };
      return out;
    }
    if (MT942.has(f.tag)) {
      throw new StatementError(
        where,
        `:${f.tag}: belongs to an MT942 interim transaction report, not to an MT940 statement`,
        'Import the end-of-day MT940 statement instead; its entries include the interim ones.',
      );
    }
    const s = this.open;
    if (s === null) {
      if (f.tag === 'NS') return [];
      throw new StatementError(
        where,
        `:${f.tag}: comes before :20:, the field that starts a statement`,
        'This is a part of an MT940 file, not a whole statement: export the complete file from the bank.',
      );
    }
    const out: StatementEvent[] = [];
    if (f.tag !== '86') this.flush(s, out);
    switch (f.tag) {
      case '25':
      case '25P':
        if (s.account !== null || s.opening !== null) {
          throw new StatementError(
            where,
            `a second account (:25:) inside statement ${s.reference} of line ${s.line}`,
            'A statement names its account once; a field tag may be mistyped (:25: for :86:?).',
          );
        }
        s.account = mt940Account(text);
        break;
      case '28':
      case '28C':
        s.sequence = text;
        break;
      case '60F':
      case '60M':
        out.push(this.opening(s, f.tag, text, where));
        break;
      case '61':
        if (s.opening === null || s.closing !== null) {
          const why = s.opening === null ? 'before the opening balance (:60F:)' : 'after the closing balance';
          throw new StatementError(
            where,
            `an entry (:61:) ${why}`,
            'Check the order of the fields in the file.',
          );
        }
        s.pending = { line: f.line, entry: mt940Entry(f.lines, where, s.opening.currency), details: null };
        break;
      case '86':
        if (s.pending) s.pending.details = [...(s.pending.details ?? []), ...f.lines];
        break;
      case '62F':
      case '62M':
        this.closing(s, text, where);
        break;
    }
    return out;
  }

  /** The events of the last statement, once the file has ended. */
  finish(): StatementEvent[] {
    return this.close();
  }

  private id(s: Open): string {
    return s.sequence ? `${s.reference}/${s.sequence}` : s.reference;
  }

  private opening(s: Open, tag: string, text: string, where: string): StatementEvent {
    if (s.opening !== null) {
      throw new StatementError(where, `a second opening balance in statement ${s.reference}`, IMBALANCE_HINT);
    }
    if (s.account === null) {
      throw new StatementError(
        where,
        `statement ${s.reference} of line ${s.line} has no account (:25:) before its opening balance`,
        'Export the complete statement from the bank.',
      );
    }
    const balance = mt940Balance(text, where, s.account.currency);
    if (s.account.currency !== null && s.account.currency !== balance.currency) {
      throw new StatementError(
        where,
        `the account is in ${s.account.currency} (:25:) but its opening balance is in ${balance.currency}`,
        'Check the file: one statement has one currency.',
      );
    }
    s.opening = { ...balance, tag };
    if (balance.date.note) s.warnings.push(balance.date.note);
    const key = s.account.iban ?? s.account.number ?? '';
    if (tag === '60M' && this.previous?.account === key && this.previous.closing !== balance.amount) {
      const before = money(this.previous.closing, balance.currency);
      controlMismatch(
        this.options,
        s.warnings,
        where,
        `statement ${this.id(s)} continues a page that closed at ${before}, but opens at ${money(balance.amount, balance.currency)} (:60M:)`,
        IMBALANCE_HINT,
      );
    }
    const iban = s.account.iban;
    return {
      kind: 'statement',
      statement: {
        format: 'mt940',
        where: `line ${s.line}`,
        statementId: this.id(s),
        account: { iban, number: iban ? null : s.account.number, currency: balance.currency },
        sequence: s.sequence,
        createdAt: null,
        fromDate: balance.date.date,
        toDate: null,
        openingBalance: balance.amount,
        currency: balance.currency,
      },
    };
  }

  private closing(s: Open, text: string, where: string): void {
    if (s.opening === null || s.closing !== null) {
      const why = s.opening === null ? 'without an opening balance (:60F:)' : 'a second time';
      throw new StatementError(
        where,
        `statement ${s.reference} has a closing balance ${why}`,
        IMBALANCE_HINT,
      );
    }
    const balance = mt940Balance(text, where, s.opening.currency);
    if (balance.currency !== s.opening.currency) {
      throw new StatementError(
        where,
        `the closing balance is in ${balance.currency} but the opening balance in ${s.opening.currency}`,
        'Check the file: one statement has one currency.',
      );
    }
    s.closing = balance;
    const expected = s.opening.amount + s.net;
    if (balance.amount !== expected) {
      const ccy = balance.currency;
      controlMismatch(
        this.options,
        s.warnings,
        where,
        `statement ${this.id(s)}: the opening balance ${money(s.opening.amount, ccy)} plus the entries ` +
          `(${money(s.net, ccy)}) gives ${money(expected, ccy)}, but the closing balance is ` +
          `${money(balance.amount, ccy)} (difference ${money(balance.amount - expected, ccy)})`,
        IMBALANCE_HINT,
      );
    }
  }

  private close(): StatementEvent[] {
    const s = this.open;
    if (s === null) return [];
    this.open = null;
    const out: StatementEvent[] = [];
    this.flush(s, out);
    if (s.opening === null) {
      throw new StatementError(
        `line ${s.line}`,
        `statement ${s.reference} has no opening balance (:60F:)`,
        'An MT940 statement has :20:, :25:, :28C:, :60F: and :62F:; export the complete statement from the bank.',
      );
    }
    if (s.closing === null) {
      controlMismatch(
        this.options,
        s.warnings,
        `line ${s.line}`,
        `statement ${this.id(s)} has no closing balance (:62F:), so its ${s.lines} entries cannot be checked`,
        IMBALANCE_HINT,
      );
    }
    const key = s.account?.iban ?? s.account?.number ?? '';
    this.previous = s.closing ? { account: key, closing: s.closing.amount } : null;
    const end = {
      statementId: this.id(s),
      closingBalance: s.closing?.amount ?? null,
      lines: s.lines,
      net: s.net,
      warnings: s.warnings,
    };
    out.push({ kind: 'end', end });
    return out;
  }

  /** Sends the entry waiting for its `:86:` details, once the next field shows they are complete. */
  private flush(s: Open, out: StatementEvent[]): void {
    const p = s.pending;
    if (p === null || s.opening === null) return;
    s.pending = null;
    s.entries++;
    const where = `line ${p.line}`;
    s.warnings.push(...p.entry.notes);
    if (p.entry.amount === 0) {
      s.warnings.push(`${where}: an entry of 0 (an information line) is not imported`);
      return;
    }
    const line = entryLine(p.entry, p.details, where, this.id(s), String(s.entries), s.opening.currency);
    s.lines++;
    s.net += line.direction === 'credit' ? line.amount : -line.amount;
    out.push({ kind: 'line', line });
  }
}
