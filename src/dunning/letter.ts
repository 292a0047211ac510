import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
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
}

const mm = (n: number): number => (n * 72) / 25.4;

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const LEFT = mm(25);
const RIGHT = PAGE_W - mm(20);
const WIDTH = RIGHT - LEFT;
const TOP = mm(20);
const BOTTOM = mm(22);
const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const GREY = '#555555';

let fontCache: { readonly regular: Buffer; readonly bold: Buffer } | undefined;

/** DejaVu from its npm package (never a system path): every Czech, Slovak and Norwegian letter. */
function fonts(): { readonly regular: Buffer; readonly bold: Buffer } {
  if (!fontCache) {
    const require = createRequire(import.meta.url);
    fontCache = {
      regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
      bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    };
  }
  return fontCache;
}

type Doc = PDFKit.PDFDocument;

/**
 * Renders a dunning letter. The same input gives the same bytes: the PDF's dates come from
 * `vars.today`, never from the clock.
 *
 * @example
 *   const pdf = await renderLetterPdf({ vars, subject: 'Upomínka', body: 'Dobrý den, ...', sender });
 */
export function renderLetterPdf(input: LetterInput): Promise<Uint8Array> {
  const { vars, subject, sender } = input;
  const created = new Date(`${vars.today}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: BOTTOM, left: LEFT, right: PAGE_W - RIGHT },
    bufferPages: true,
    lang: vars.language,
    displayTitle: true,
    info: {
      Title: subject,
      Author: sender.name,
      Subject: subject,
      Creator: 'Duly',
      Producer: 'Duly (PDFKit)',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const { regular, bold } = fonts();
  doc.registerFont(REGULAR, regular);
  doc.registerFont(BOLD, bold);
  const texts = letterTexts(vars.language);

  letterhead(doc, input, texts);
  bodyText(doc, input.body);
  invoiceTable(doc, vars, texts);
  paymentBlock(doc, vars, texts);
  pageFurniture(doc, input, texts);
  doc.end();
  return done;
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

/** The largest font size (down to `min`) at which `text` fits on one line of `width`. */
function fitSize(doc: Doc, text: string, width: number, max: number, min: number): number {
  let size = max;
  while (size > min && doc.fontSize(size).widthOfString(text) > width) size -= 0.25;
  return size;
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

/** Starts a new page when `height` points do not fit below the cursor. */
function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = TOP + mm(6);
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

function rule(doc: Doc, width: number, color = 'black'): void {
  doc.moveTo(LEFT, doc.y).lineTo(RIGHT, doc.y).lineWidth(width).strokeColor(color).stroke();
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

function paymentBlock(doc: Doc, vars: MessageVars, texts: LetterTexts): void {
  const { payment } = vars;
  const rows: { label: string; value: string; size: number; bold: boolean }[] = [
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

  const pad = mm(5);
  const labelW = mm(52);
  const valueX = LEFT + pad + labelW;
  const valueW = RIGHT - pad - valueX;
  const note = texts.quoteReference(payment.reference);
  const rowHeight = (r: (typeof rows)[number]): number => {
    doc.font(r.bold ? BOLD : REGULAR).fontSize(r.size);
    const value = doc.heightOfString(r.value, { width: valueW });
    doc.font(REGULAR).fontSize(9.5);
    return Math.max(value, doc.heightOfString(r.label, { width: labelW - mm(2) })) + 6;
  };
  doc.font(REGULAR).fontSize(8.5);
  const noteH = doc.heightOfString(note, { width: WIDTH - 2 * pad });
  const height = pad + 18 + rows.reduce((s, r) => s + rowHeight(r), 0) + 4 + noteH + pad;

  // The block never splits: a person must see amount, account and reference together.
  ensureRoom(doc, height);
  const top = doc.y;
  doc.rect(LEFT, top, WIDTH, height).fillColor('#f1f4f8').fill();
  doc.rect(LEFT, top, WIDTH, height).lineWidth(1.8).strokeColor('black').stroke();
  doc.fillColor('black').font(BOLD).fontSize(11.5);
  doc.text(texts.paymentTitle.toUpperCase(), LEFT + pad, top + pad, { width: WIDTH - 2 * pad });
  let y = top + pad + 18;
  for (const r of rows) {
    const h = rowHeight(r);
    // Labels sit on the value's baseline area: nudge them down when the value is set larger.
    doc.font(REGULAR).fontSize(9.5).fillColor(GREY);
    doc.text(r.label, LEFT + pad, y + Math.max(0, r.size - 9.5) * 0.75, { width: labelW - mm(2) });
    doc
      .font(r.bold ? BOLD : REGULAR)
      .fontSize(r.size)
      .fillColor('black');
    doc.text(r.value, valueX, y, { width: valueW });
    y += h;
  }
  doc.font(REGULAR).fontSize(8.5).fillColor(GREY);
  doc.text(note, LEFT + pad, y + 4, { width: WIDTH - 2 * pad });
  doc.fillColor('black');
  doc.y = top + height + mm(4);
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
