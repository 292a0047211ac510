import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * What every Duly PDF shares (letters, invoices): A4 geometry after DIN 5008, the DejaVu fonts from
 * their npm package (every Czech, Slovak and Norwegian letter; pdfkit's Helvetica has none of ř, ľ,
 * ø's neighbours), and a document whose bytes depend only on its input (dates come from the caller).
 */

export type Doc = PDFKit.PDFDocument;

export const mm = (n: number): number => (n * 72) / 25.4;

export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const LEFT = mm(25);
export const RIGHT = PAGE_W - mm(20);
export const WIDTH = RIGHT - LEFT;
export const TOP = mm(20);
export const BOTTOM = mm(22);
export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';
export const GREY = '#555555';

let fontCache: { readonly regular: Buffer; readonly bold: Buffer } | undefined;

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

/**
 * An A4 document with the fonts registered, and a promise of its bytes once `doc.end()` is called.
 *
 * @example
 *   const { doc, bytes } = createDocument({ language: 'cs', title: 'Faktura 2026-0042', author: 'Kovář s.r.o.', date: '2026-03-31' });
 */
export function createDocument(meta: {
  readonly language: string;
  readonly title: string;
  readonly author: string;
  /** ISO date: the document's creation date (never the clock). */
  readonly date: string;
}): { doc: Doc; bytes: Promise<Uint8Array> } {
  const created = new Date(`${meta.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: BOTTOM, left: LEFT, right: PAGE_W - RIGHT },
    bufferPages: true,
    lang: meta.language,
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.title,
      Creator: 'Duly',
      Producer: 'Duly (PDFKit)',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const { regular, bold } = fonts();
  doc.registerFont(REGULAR, regular);
  doc.registerFont(BOLD, bold);
  return { doc, bytes };
}

/** Starts a new page when `height` points do not fit below the cursor. */
export function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = TOP + mm(6);
  }
}

/** A horizontal rule across the text width at the cursor. */
export function rule(doc: Doc, width: number, color = 'black'): void {
  doc.moveTo(LEFT, doc.y).lineTo(RIGHT, doc.y).lineWidth(width).strokeColor(color).stroke();
}

/** The largest font size (down to `min`) at which `text` fits on one line of `width`. */
export function fitSize(doc: Doc, text: string, width: number, max: number, min: number): number {
  let size = max;
  while (size > min && doc.fontSize(size).widthOfString(text) > width) size -= 0.25;
  return size;
}
