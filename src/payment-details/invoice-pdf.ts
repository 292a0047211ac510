import { letterTexts } from '../dunning/letter-texts.ts';
import { formatDate, formatIban, formatMoney, LOCALES } from '../dunning/templates/format.ts';
import type { IsoDate } from '../kernel/dates.ts';
import type { Language } from '../kernel/locale.ts';
import {
  BOLD,
  createDocument,
  type Doc,
  ensureRoom,
  fitSize,
  GREY,
  LEFT,
  mm,
  REGULAR,
  RIGHT,
  rule,
  WIDTH,
} from '../pdf/document.ts';
import { drawPaymentBlock, type PaymentBlockRow, type QrModules } from '../pdf/payment-block.ts';
import { type InvoiceTexts, invoiceTexts } from './invoice-pdf-texts.ts';

/** Everything printed on an invoice, loaded by the shell (invoice-document.ts). */
export interface InvoiceDocument {
  readonly language: Language;
  readonly seller: {
    readonly name: string;
    readonly addressLines: readonly string[];
    readonly vatId: string | null;
    readonly email: string | null;
    readonly phone: string | null;
  };
  readonly buyer: {
    readonly name: string;
    readonly addressLines: readonly string[];
    readonly vatId: string | null;
  };
  readonly number: string;
  readonly issueDate: IsoDate;
  readonly deliveryDate: IsoDate | null;
  readonly dueDate: IsoDate;
  readonly termsDays: number | null;
  readonly currency: string;
  readonly lines: readonly {
    readonly description: string;
    /** Decimal string, e.g. "1.5". */
    readonly quantity: string;
    readonly unitPrice: number;
    /** Percent as a decimal string, e.g. "21". */
    readonly vatRate: string;
    readonly net: number;
    readonly vat: number;
    readonly total: number;
  }[];
  readonly subtotal: number;
  readonly vatTotal: number;
  readonly total: number;
  /** What is still owed (the total less payments and credit notes). */
  readonly amountDue: number;
  readonly payment: {
    readonly iban: string | null;
    readonly bic: string | null;
    readonly bankName: string | null;
    /** The structured payment reference, or the invoice number when the organisation uses none. */
    readonly reference: string;
  };
  readonly qr: QrModules | null;
}

/**
 * Renders an invoice in the customer's language: seller and buyer, dates and terms, the lines, totals
 * with VAT per rate, and the payment block with the QR code. The same input gives the same bytes.
 *
 * @example
 *   const pdf = await renderInvoicePdf(await loadInvoiceDocument(db, org.id, invoice.id, { qr: true }));
 */
export function renderInvoicePdf(d: InvoiceDocument): Promise<Uint8Array> {
  const t = invoiceTexts(d.language);
  const { doc, bytes } = createDocument({
    language: d.language,
    title: `${t.title} ${d.number}`,
    author: d.seller.name,
    date: d.issueDate,
  });
  header(doc, d, t);
  parties(doc, d, t);
  lines(doc, d, t);
  totals(doc, d, t);
  payment(doc, d, t);
  doc.end();
  return bytes;
}

function header(doc: Doc, d: InvoiceDocument, t: InvoiceTexts): void {
  doc
    .font(BOLD)
    .fontSize(15)
    .fillColor('black')
    .text(d.seller.name, LEFT, mm(18), { width: mm(100) });
  // "Faktura – daňový doklad" is long: the title shrinks to stay on one line.
  doc.font(BOLD).fontSize(fitSize(doc, t.title, WIDTH - mm(90), 18, 11));
  doc.text(t.title, LEFT + mm(90), mm(18), { width: WIDTH - mm(90), align: 'right', lineBreak: false });
  const facts: [string, string][] = [
    [t.number, d.number],
    [t.issueDate, formatDate(d.issueDate, d.language)],
    ...(d.deliveryDate ? [[t.deliveryDate, formatDate(d.deliveryDate, d.language)] as [string, string]] : []),
    [t.dueDate, formatDate(d.dueDate, d.language)],
  ];
  let y = mm(30);
  for (const [label, value] of facts) {
    doc
      .font(REGULAR)
      .fontSize(9)
      .fillColor(GREY)
      .text(label, LEFT + mm(95), y, { width: mm(35) });
    doc
      .font(BOLD)
      .fontSize(9.5)
      .fillColor('black')
      .text(value, LEFT + mm(130), y, { width: WIDTH - mm(130), align: 'right' });
    y += 13;
  }
  doc.y = Math.max(y, mm(50)) + mm(4);
}

function parties(doc: Doc, d: InvoiceDocument, t: InvoiceTexts): void {
  const top = doc.y;
  const block = (x: number, title: string, name: string, lines: readonly string[]): number => {
    doc
      .font(REGULAR)
      .fontSize(8.5)
      .fillColor(GREY)
      .text(title.toUpperCase(), x, top, { width: mm(78) });
    doc
      .font(BOLD)
      .fontSize(10.5)
      .fillColor('black')
      .text(name, x, doc.y + 2, { width: mm(78) });
    doc
      .font(REGULAR)
      .fontSize(9.5)
      .text(lines.join('\n'), x, doc.y + 1, { width: mm(78), lineGap: 1 });
    return doc.y;
  };
  const s = d.seller;
  const sellerLines = [
    ...s.addressLines,
    ...(s.vatId ? [`${t.vatId}: ${s.vatId}`] : []),
    ...(s.email ? [s.email] : []),
    ...(s.phone ? [s.phone] : []),
  ];
  const buyerLines = [...d.buyer.addressLines, ...(d.buyer.vatId ? [`${t.vatId}: ${d.buyer.vatId}`] : [])];
  const end = Math.max(
    block(LEFT, t.seller, s.name, sellerLines),
    block(LEFT + mm(88), t.buyer, d.buyer.name, buyerLines),
  );
  doc.y = end + mm(8);
}

interface Column {
  readonly x: number;
  readonly width: number;
  readonly align: 'left' | 'right';
}

const COLUMNS: readonly Column[] = [
  { x: LEFT, width: mm(70), align: 'left' },
  { x: LEFT + mm(71), width: mm(20), align: 'right' },
  { x: LEFT + mm(92), width: mm(28), align: 'right' },
  { x: LEFT + mm(121), width: mm(16), align: 'right' },
  { x: LEFT + mm(138), width: WIDTH - mm(138), align: 'right' },
];

function row(doc: Doc, cells: readonly string[], font: string, size: number): void {
  doc.font(font).fontSize(size);
  const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: COLUMNS[i]!.width })));
  const y = doc.y;
  cells.forEach((cell, i) => {
    const col = COLUMNS[i]!;
    doc.text(cell, col.x, y, { width: col.width, align: col.align });
  });
  doc.y = y + height;
}

/** A decimal string in the language's convention ("1,5"), exactly (no float on the way). */
function decimal(text: string, language: Language, digits: number): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: digits }).format(
    text as Intl.StringNumericLiteral,
  );
}

/** "21 %" (or "21%" where the language writes it so). */
function rate(percent: string, language: Language): string {
  const number = decimal(percent, language, 2);
  return language === 'en' || language === 'nl' ? `${number}%` : `${number}\u00a0%`;
}

function lines(doc: Doc, d: InvoiceDocument, t: InvoiceTexts): void {
  const head = (): void => {
    doc.fillColor(GREY);
    row(doc, [t.description, t.quantity, t.unitPrice, t.vatRate, t.amount], BOLD, 8.5);
    doc.fillColor('black');
    doc.y += 3;
    rule(doc, 0.8);
    doc.y += 4;
  };
  head();
  for (const l of d.lines) {
    if (doc.y + 16 > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      head();
    }
    row(
      doc,
      [
        l.description,
        decimal(l.quantity, d.language, 3),
        formatMoney(l.unitPrice, d.currency, d.language),
        rate(l.vatRate, d.language),
        formatMoney(l.net, d.currency, d.language),
      ],
      REGULAR,
      9.5,
    );
    doc.y += 3;
    rule(doc, 0.3, '#bbbbbb');
    doc.y += 4;
  }
}

function totals(doc: Doc, d: InvoiceDocument, t: InvoiceTexts): void {
  const byRate = new Map<string, { net: number; vat: number }>();
  for (const l of d.lines) {
    const r = byRate.get(l.vatRate) ?? { net: 0, vat: 0 };
    byRate.set(l.vatRate, { net: r.net + l.net, vat: r.vat + l.vat });
  }
  const money = (n: number) => formatMoney(n, d.currency, d.language);
  const rows: [string, string, boolean][] = [
    [t.subtotal, money(d.subtotal), false],
    ...[...byRate]
      .sort((a, b) => Number(b[0]) - Number(a[0]))
      .map(([percent, r]): [string, string, boolean] => [
        t.vat(rate(percent, d.language)),
        money(r.vat),
        false,
      ]),
    [t.total, money(d.total), true],
  ];
  if (d.amountDue !== d.total) {
    rows.push([t.paid, money(d.total - d.amountDue), false], [t.toPay, money(d.amountDue), true]);
  }
  ensureRoom(doc, rows.length * 16 + 10);
  for (const [label, value, strong] of rows) {
    const y = doc.y;
    doc
      .font(strong ? BOLD : REGULAR)
      .fontSize(strong ? 11 : 9.5)
      .fillColor('black');
    doc.text(label, LEFT + mm(80), y, { width: mm(50) });
    doc.text(value, LEFT + mm(130), y, { width: WIDTH - mm(130), align: 'right' });
    doc.y = y + (strong ? 16 : 13);
  }
  doc.y += mm(6);
}

function payment(doc: Doc, d: InvoiceDocument, t: InvoiceTexts): void {
  const l = letterTexts(d.language);
  const p = d.payment;
  const rows: PaymentBlockRow[] = [
    { label: l.amountDue, value: formatMoney(d.amountDue, d.currency, d.language), size: 15, bold: true },
    { label: t.dueDate, value: formatDate(d.dueDate, d.language), size: 12, bold: true },
  ];
  if (d.termsDays !== null) rows.push({ label: '', value: t.terms(d.termsDays), size: 9.5, bold: false });
  if (p.iban) rows.push({ label: l.iban, value: formatIban(p.iban), size: 11, bold: true });
  if (p.bic) rows.push({ label: l.bic, value: p.bic, size: 10, bold: false });
  if (p.bankName) rows.push({ label: l.bank, value: p.bankName, size: 10, bold: false });
  rows.push({ label: l.reference(p.reference), value: p.reference, size: 12, bold: true });
  doc.x = LEFT;
  drawPaymentBlock(doc, { title: l.paymentTitle, rows, note: l.quoteReference(p.reference), qr: d.qr });
  doc.x = RIGHT;
}
