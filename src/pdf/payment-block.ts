import { BOLD, type Doc, ensureRoom, GREY, LEFT, mm, REGULAR, RIGHT, WIDTH } from './document.ts';

/** A QR code as modules, drawn as vector squares (sharp at any zoom and in print). */
export interface QrModules {
  readonly size: number;
  isDark(x: number, y: number): boolean;
  /** The Swiss QR-bill's cross in the middle (7 mm), as its standard requires. */
  readonly swissCross?: boolean;
  /** Shown under the code: "QR Platba", "PAY by square", "GiroCode". */
  readonly caption?: string;
}

export interface PaymentBlockRow {
  readonly label: string;
  readonly value: string;
  /** Points; the amount is set largest. */
  readonly size: number;
  readonly bold: boolean;
}

export interface PaymentBlock {
  readonly title: string;
  readonly rows: readonly PaymentBlockRow[];
  /** A line under the rows ("Please quote the payment reference..."). */
  readonly note: string;
  readonly qr: QrModules | null;
}

const QR_SIDE = mm(32);

/**
 * The payment block a person cannot miss: a boxed, shaded panel with the amount, the date, the
 * account and the reference (and the QR code to scan, at the right), never split across pages.
 * Shared by invoices and dunning letters, so both say the same thing the same way.
 */
export function drawPaymentBlock(doc: Doc, block: PaymentBlock): void {
  const pad = mm(5);
  // With a QR code at the right, labels give up width so an IBAN still fits on one line.
  const labelW = block.qr ? mm(40) : mm(52);
  const qrW = block.qr ? QR_SIDE + pad : 0;
  const valueX = LEFT + pad + labelW;
  const valueW = RIGHT - pad - qrW - valueX;
  const rowHeight = (r: PaymentBlockRow): number => {
    doc.font(r.bold ? BOLD : REGULAR).fontSize(r.size);
    const value = doc.heightOfString(r.value, { width: valueW });
    doc.font(REGULAR).fontSize(9.5);
    return Math.max(value, doc.heightOfString(r.label, { width: labelW - mm(2) })) + 6;
  };
  doc.font(REGULAR).fontSize(8.5);
  const noteH = doc.heightOfString(block.note, { width: WIDTH - 2 * pad });
  const rowsH = block.rows.reduce((s, r) => s + rowHeight(r), 0);
  const qrH = block.qr ? QR_SIDE + (block.qr.caption ? 12 : 0) : 0;
  const height = pad + 18 + Math.max(rowsH, qrH) + 4 + noteH + pad;

  ensureRoom(doc, height);
  const top = doc.y;
  doc.rect(LEFT, top, WIDTH, height).fillColor('#f1f4f8').fill();
  doc.rect(LEFT, top, WIDTH, height).lineWidth(1.8).strokeColor('black').stroke();
  doc.fillColor('black').font(BOLD).fontSize(11.5);
  doc.text(block.title.toUpperCase(), LEFT + pad, top + pad, { width: WIDTH - 2 * pad });
  let y = top + pad + 18;
  for (const r of block.rows) {
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
  if (block.qr) drawQr(doc, block.qr, RIGHT - pad - QR_SIDE, top + pad + 18);
  doc.font(REGULAR).fontSize(8.5).fillColor(GREY);
  doc.text(block.note, LEFT + pad, top + pad + 18 + Math.max(rowsH, qrH) + 4, { width: WIDTH - 2 * pad });
  doc.fillColor('black');
  doc.y = top + height + mm(4);
}

function drawQr(doc: Doc, qr: QrModules, x: number, y: number): void {
  // A quiet zone of white around the modules, as scanners expect.
  doc.rect(x, y, QR_SIDE, QR_SIDE).fillColor('white').fill();
  const quiet = 2;
  const cell = QR_SIDE / (qr.size + 2 * quiet);
  doc.fillColor('black');
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) {
      if (qr.isDark(col, row)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill();
  if (qr.swissCross) {
    // The Swiss cross is 7 mm on a 46 mm code (Swiss Payment Standards): scaled with the code.
    const c = QR_SIDE * (7 / 46);
    const cx = x + QR_SIDE / 2 - c / 2;
    const cy = y + QR_SIDE / 2 - c / 2;
    doc.rect(cx, cy, c, c).fillColor('white').fill();
    doc
      .rect(cx + c * 0.08, cy + c * 0.08, c * 0.84, c * 0.84)
      .fillColor('black')
      .fill();
    doc
      .rect(cx + c * 0.42, cy + c * 0.2, c * 0.16, c * 0.6)
      .fillColor('white')
      .fill();
    doc
      .rect(cx + c * 0.2, cy + c * 0.42, c * 0.6, c * 0.16)
      .fillColor('white')
      .fill();
  }
  if (qr.caption) {
    doc.font(REGULAR).fontSize(7.5).fillColor(GREY);
    doc.text(qr.caption, x, y + QR_SIDE + 2, { width: QR_SIDE, align: 'center' });
  }
  doc.fillColor('black');
}
