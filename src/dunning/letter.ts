import {
  BOLD,
  createDocument,
  type Doc,
  ensureRoom,
  fitSize,
  GREY,
  LEFT,
  mm,
  PAGE_H,
  REGULAR,
  RIGHT,
  rule,
  TOP,
  WIDTH,
} from '../pdf/document.ts';
import { drawPaymentBlock, type PaymentBlockRow, type QrModules } from '../pdf/payment-block.ts';
import { type LetterTexts, letterTexts } from './letter-texts.ts';
import type { MessageVars } from './model.ts';
import { formatDate, formatIban, formatMoney } from './templates/format.ts';

/**
 * Dunning letters as PDF: an A4 business letter laid out after DIN 5008 form B, so the recipient's
 * address sits in the window of a C5/DL window envelope, followed by the open invoices and a boxed
 * payment block. The text is already rendered (templates); this file only lays it out.
 */

export interface LetterSender {
  readonly name: string;
  readonly addressLines: readonly string[];
  readonly vatId?: string | null;
  /** Printed before the date ("Praha, 12. března 2026"); without it the date stands alone. */
  readonly place?: string | null;
}

export interface LetterInput {
  readonly vars: MessageVars;
  readonly subject: string;
  /** Plain text; a blank line separates paragraphs, a single newline breaks a line. */
  readonly body: string;
  readonly sender: LetterSender;
  /** The payment QR code for the amount due, when the currency and country have a standard. */
  readonly qr?: QrModules | null;
}

/**
 * Renders a dunning letter. The same input gives the same bytes: the PDF's dates come from
 * `vars.today`, never from the clock.
 *
 * @example
 *   const pdf = await renderLetterPdf({ vars, subject: 'Upomínka', body: 'Dobrý den, ...', sender });
 */
export function renderLetterPdf(input: LetterInput): Promise<Uint8Array> {
  const { vars, subject, sender } = input;
  const { doc, bytes } = createDocument({
    language: vars.language,
    title: subject,
    author: sender.name,
    date: vars.today,
  });
  const texts = letterTexts(vars.language);

  letterhead(doc, input, texts);
  bodyText(doc, input.body);
  invoiceTable(doc, vars, texts);
  paymentBlock(doc, vars, texts, input.qr ?? null);
  pageFurniture(doc, input, texts);
  doc.end();
  return bytes;
}

function letterhead(doc: Doc, { vars, subject, sender }: LetterInput, texts: LetterTexts): void {
  doc
    .font(BOLD)
    .fontSize(15)
    .fillColor('black')
    .text(sender.name, LEFT, mm(18), { width: mm(95) });

  // Info block (DIN 5008: 125 mm from the left, from 50 mm down).
  const infoX = mm(125);
  const infoW = RIGHT - infoX;
  const org = vars.organization;
  const info = [
    ...sender.addressLines,
    ...(org.phone ? [`${texts.phone}: ${org.phone}`] : []),
    ...(org.email ? [`${texts.email}: ${org.email}`] : []),
    ...(sender.vatId ? [`${texts.vatId}: ${sender.vatId}`] : []),
  ];
  doc
    .font(REGULAR)
    .fontSize(8.5)
    .text(info.join('\n'), infoX, mm(50), { width: infoW, height: mm(40), ellipsis: true, lineGap: 1 });

  // Address field: return line in the remark zone, then the recipient, inside a C5/DL window.
  const returnLine = [sender.name, ...sender.addressLines].join(' · ');
  doc.font(REGULAR).fontSize(fitSize(doc, returnLine, mm(80), 7, 5));
  doc.fillColor(GREY).text(returnLine, LEFT, mm(56), { width: mm(80), lineBreak: false, ellipsis: true });
  doc
    .moveTo(LEFT, mm(59.5))
    .lineTo(LEFT + mm(80), mm(59.5))
    .lineWidth(0.3)
    .strokeColor(GREY)
    .stroke();
  const c = vars.customer;
  const contact = c.contactName && c.contactName !== c.name ? [c.contactName] : [];
  const recipient = [c.name, ...contact, ...c.address].join('\n');
  // A long name shrinks a little (to 8.5 pt) rather than wrap, and a long address further (to 7.5 pt)
  // rather than lose its last line, the town, to the ellipsis.
  const lines = recipient.split('\n');
  const tooWide = (): boolean => lines.some((line) => doc.widthOfString(line) > mm(80));
  const tooHigh = (): boolean => doc.heightOfString(recipient, { width: mm(80), lineGap: 0.5 }) > mm(27);
  let size = 10;
  doc.fillColor('black').font(REGULAR).fontSize(size);
  while ((size > 8.5 && tooWide()) || (size > 7.5 && tooHigh())) {
    size -= 0.25;
    doc.fontSize(size);
  }
  doc.text(recipient, LEFT, mm(63), { width: mm(80), height: mm(27), ellipsis: true, lineGap: 0.5 });

  const date = formatDate(vars.today, vars.language, 'long');
  const dateLine = sender.place ? `${sender.place}, ${date}` : date;
  doc.font(REGULAR).fontSize(10).text(dateLine, LEFT, mm(97), { width: WIDTH, align: 'right' });
  doc.font(BOLD).fontSize(11.5).text(subject, LEFT, mm(105), { width: WIDTH });
  doc.moveDown(1.2);

  // Fold marks at 105 and 210 mm and the punch mark at 148.5 mm (form B), first page only.
  for (const [y, len] of [
    [105, 5],
    [148.5, 8],
    [210, 5],
  ] as const) {
    doc
      .moveTo(mm(4), mm(y))
      .lineTo(mm(4 + len), mm(y))
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke();
  }
}

function bodyText(doc: Doc, body: string): void {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  doc.font(REGULAR).fontSize(10).fillColor('black');
  for (const paragraph of paragraphs) {
    doc.text(paragraph, LEFT, doc.y, { width: WIDTH, lineGap: 2 });
    doc.moveDown(0.8);
  }
}

interface Column {
  readonly x: number;
  readonly width: number;
  readonly align: 'left' | 'right';
}

const COLUMNS: readonly Column[] = [
  { x: LEFT, width: mm(52), align: 'left' },
  { x: LEFT + mm(54), width: mm(36), align: 'left' },
  { x: LEFT + mm(90), width: mm(30), align: 'right' },
  { x: LEFT + mm(122), width: WIDTH - mm(122), align: 'right' },
];

function row(doc: Doc, cells: readonly string[], font: string, size: number): number {
  doc.font(font).fontSize(size);
  const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: COLUMNS[i]!.width })));
  const y = doc.y;
  cells.forEach((cell, i) => {
    const col = COLUMNS[i]!;
    doc.text(cell, col.x, y, { width: col.width, align: col.align });
  });
  doc.y = y + height;
  return height;
}

function invoiceTable(doc: Doc, vars: MessageVars, texts: LetterTexts): void {
  const header = [texts.invoiceNumber, texts.dueDate, texts.daysOverdue, texts.openAmount];
  const drawHeader = (): void => {
    doc.fillColor(GREY);
    row(doc, header, BOLD, 8.5);
    doc.fillColor('black');
    doc.y += 3;
    rule(doc, 0.8);
    doc.y += 4;
  };
  ensureRoom(doc, 90);
  doc.font(BOLD).fontSize(10.5).fillColor('black').text(texts.openInvoices, LEFT, doc.y, { width: WIDTH });
  doc.y += 5;
  drawHeader();
  for (const invoice of vars.invoices) {
    const cells = [
      invoice.number,
      formatDate(invoice.dueDate, vars.language),
      // Not yet due (a pre-due reminder) has no overdue days to print.
      invoice.daysOverdue > 0 ? String(invoice.daysOverdue) : '–',
      formatMoney(invoice.open, invoice.currency, vars.language),
    ];
    if (doc.y + 16 > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      doc.y = TOP + mm(6);
      drawHeader();
    }
    row(doc, cells, REGULAR, 9.5);
    doc.y += 3;
    rule(doc, 0.3, '#bbbbbb');
    doc.y += 4;
  }
  ensureRoom(doc, 20);
  doc.y -= 4;
  rule(doc, 0.8);
  doc.y += 5;
  const y = doc.y;
  doc.font(BOLD).fontSize(10.5).fillColor('black');
  doc.text(texts.totalOpen, LEFT, y, { width: mm(100) });
  const total = formatMoney(vars.totalOpen, vars.currency, vars.language);
  doc.text(total, LEFT + mm(100), y, { width: WIDTH - mm(100), align: 'right' });
  doc.y = Math.max(doc.y, y + 14) + mm(8);
}

function paymentBlock(doc: Doc, vars: MessageVars, texts: LetterTexts, qr: QrModules | null): void {
  const { payment } = vars;
  const rows: PaymentBlockRow[] = [
    {
      label: texts.amountDue,
      value: formatMoney(vars.totalOpen, vars.currency, vars.language),
      size: 15,
      bold: true,
    },
    vars.deadline
      ? { label: texts.payBy, value: formatDate(vars.deadline, vars.language), size: 12, bold: true }
      : { label: texts.payNowLabel, value: texts.immediately, size: 12, bold: true },
  ];
  if (payment.iban) rows.push({ label: texts.iban, value: formatIban(payment.iban), size: 11, bold: true });
  if (payment.bic) rows.push({ label: texts.bic, value: payment.bic, size: 10, bold: false });
  if (payment.bankName) rows.push({ label: texts.bank, value: payment.bankName, size: 10, bold: false });
  rows.push({ label: texts.reference(payment.reference), value: payment.reference, size: 12, bold: true });
  drawPaymentBlock(doc, {
    title: texts.paymentTitle,
    rows,
    note: texts.quoteReference(payment.reference),
    qr,
  });
}

/** Page x of y and a running header, once the letter has more than one page. */
function pageFurniture(doc: Doc, { subject, sender }: LetterInput, texts: LetterTexts): void {
  const { start, count } = doc.bufferedPageRange();
  if (count < 2) return;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise make PDFKit open yet another page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(8).fillColor(GREY);
    if (i > start) {
      doc.text(`${sender.name} · ${subject}`, LEFT, mm(10), {
        width: WIDTH,
        lineBreak: false,
        ellipsis: true,
      });
    }
    doc.text(texts.page(i - start + 1, count), LEFT, PAGE_H - mm(13), {
      width: WIDTH,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
