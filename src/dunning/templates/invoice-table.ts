import type { Language } from '../../kernel/locale.ts';

/** One row of the invoice table, already formatted in the customer's locale. */
export interface TableRow {
  readonly number: string;
  readonly dueDate: string;
  readonly open: string;
}

export interface InvoiceTable {
  readonly language: Language;
  readonly rows: readonly TableRow[];
  readonly total: string;
}

const LABELS: Readonly<Record<Language, readonly [string, string, string, string]>> = Object.freeze({
  en: ['Invoice', 'Due date', 'Amount due', 'Total'],
  cs: ['Faktura', 'Datum splatnosti', 'K úhradě', 'Celkem'],
  sk: ['Faktúra', 'Dátum splatnosti', 'Na úhradu', 'Spolu'],
  de: ['Rechnung', 'Fällig am', 'Offener Betrag', 'Gesamt'],
  nl: ['Factuur', 'Vervaldatum', 'Openstaand', 'Totaal'],
  nb: ['Faktura', 'Forfallsdato', 'Utestående', 'Totalt'],
});

const GAP = '   ';

/**
 * The plain-text table: left-aligned number and date, right-aligned amounts, a total line. Widths
 * count UTF-16 units, which is right for every character these languages and currencies use.
 *
 * @example
 *   Invoice     Due date         Amount due
 *   2026-0042   2 March 2026      £1,250.00
 *   2026-0043   9 March 2026        £480.00
 *   Total                         £1,730.00
 */
export function invoiceTableText(table: InvoiceTable): string {
  const [number, due, amount, total] = LABELS[table.language];
  const w0 = Math.max(number.length, total.length, ...table.rows.map((r) => r.number.length));
  const w1 = Math.max(due.length, ...table.rows.map((r) => r.dueDate.length));
  const w2 = Math.max(amount.length, table.total.length, ...table.rows.map((r) => r.open.length));
  const line = (a: string, b: string, c: string) =>
    `${a.padEnd(w0)}${GAP}${b.padEnd(w1)}${GAP}${c.padStart(w2)}`.trimEnd();
  return [
    line(number, due, amount),
    ...table.rows.map((r) => line(r.number, r.dueDate, r.open)),
    line(total, '', table.total),
  ].join('\n');
}

/** Escapes text for HTML element content and double-quoted attributes. */
const HTML_SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  if (!HTML_SPECIAL.test(text)) return text;
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// Inline styles: many mail clients drop <style> blocks.
const CELL = 'padding:4px 16px 4px 0;text-align:left';
const NUM = 'padding:4px 0 4px 16px;text-align:right;white-space:nowrap';

/** The same table as HTML, every value escaped. */
export function invoiceTableHtml(table: InvoiceTable): string {
  const [number, due, amount, total] = LABELS[table.language].map(escapeHtml) as [
    string,
    string,
    string,
    string,
  ];
  const rows = table.rows.map(
    (r) =>
      `<tr><td style="${CELL}">${escapeHtml(r.number)}</td><td style="${CELL}">${escapeHtml(r.dueDate)}</td>` +
      `<td style="${NUM}">${escapeHtml(r.open)}</td></tr>`,
  );
  return [
    '<table style="border-collapse:collapse">',
    `<thead><tr><th style="${CELL}">${number}</th><th style="${CELL}">${due}</th><th style="${NUM}">${amount}</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody>`,
    `<tfoot><tr><th style="${CELL}">${total}</th><td></td><th style="${NUM}">${escapeHtml(table.total)}</th></tr></tfoot>`,
    '</table>',
  ].join('\n');
}
