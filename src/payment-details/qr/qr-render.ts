import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { QrModules } from '../../pdf/payment-block.ts';
import type { PaymentQr, QrStandard } from './payment-qr.ts';

/**
 * The Swiss cross is 7 mm wide on a 46 mm code (Swiss Implementation Guidelines): a drawing of the
 * code at another size scales the cross by this ratio of the modules' width, not the quiet zone's.
 */
export const SWISS_CROSS_RATIO = 7 / 46;

/** The largest QR version each standard allows at error correction M. */
const MAX_VERSION: Readonly<Record<QrStandard, number>> = Object.freeze({
  epc: 13,
  spayd: 40,
  bysquare: 40,
  swiss: 25,
});

/** The words printed under the code, by which payers recognise it. */
const CAPTION: Readonly<Record<QrStandard, string | undefined>> = Object.freeze({
  epc: 'GiroCode',
  spayd: 'QR Platba',
  bysquare: 'PAY by square',
  swiss: undefined,
});

/**
 * The code's modules, for a PDF writer that draws them as vector squares (src/pdf/payment-block.ts).
 * `swissCross` asks the writer to draw the Swiss cross over the middle, as the QR-bill requires; the
 * modules under it are still in the matrix, and error correction M restores what the cross hides.
 *
 * Text payloads go in byte mode as UTF-8, which is what the standards' byte limits (EPC 331, Swiss
 * 997) assume and what every scanner reads; PAY by square's base32hex uses the denser alphanumeric mode
 * it was designed for.
 *
 * @example
 *   const m = qrMatrix(qr);
 *   for (let y = 0; y < m.size; y++) for (let x = 0; x < m.size; x++) if (m.isDark(x, y)) square(x, y);
 */
export function qrMatrix(qr: PaymentQr): QrModules & { readonly version: number } {
  const code = QRCode.create(
    qr.standard === 'bysquare' ? qr.payload : [{ mode: 'byte', data: Buffer.from(qr.payload, 'utf8') }],
    { errorCorrectionLevel: qr.errorCorrection },
  );
  if (code.version > MAX_VERSION[qr.standard]) {
    // The builders bound the payload so this cannot happen; a scanner would refuse a larger code.
    throw new Error(
      `${qr.standard} QR code needs version ${code.version}, above ${MAX_VERSION[qr.standard]}`,
    );
  }
  const { modules } = code;
  const caption = CAPTION[qr.standard];
  return Object.freeze({
    size: modules.size,
    version: code.version,
    isDark: (x: number, y: number) =>
      x >= 0 && y >= 0 && x < modules.size && y < modules.size && modules.get(y, x) === 1,
    ...(qr.standard === 'swiss' && { swissCross: true }),
    ...(caption && { caption }),
  });
}

/**
 * Renders the code as a black-on-white PNG, `scale` pixels per module with a quiet zone of `margin`
 * modules (4 by default, as the QR standard asks), with the Swiss cross for a QR-bill.
 *
 * @example
 *   await writeFile('qr.png', await qrPng(qr, { scale: 6 }));
 */
export async function qrPng(qr: PaymentQr, opts: { scale?: number; margin?: number } = {}): Promise<Buffer> {
  const { scale = 8, margin = 4 } = opts;
  if (!Number.isInteger(scale) || scale < 1 || !Number.isInteger(margin) || margin < 0) {
    throw new RangeError(
      `scale must be a positive integer and margin a non-negative one: ${scale}, ${margin}`,
    );
  }
  const m = qrMatrix(qr);
  const side = (m.size + 2 * margin) * scale;
  const png = new PNG({ width: side, height: side });
  png.data.fill(0xff);
  const fill = (x0: number, y0: number, w: number, h: number, dark: boolean): void => {
    const level = dark ? 0 : 0xff;
    for (let y = Math.round(y0); y < Math.round(y0 + h); y++) {
      for (let x = Math.round(x0); x < Math.round(x0 + w); x++) {
        const i = (y * side + x) * 4;
        png.data[i] = level;
        png.data[i + 1] = level;
        png.data[i + 2] = level;
      }
    }
  };
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      if (m.isDark(x, y)) fill((x + margin) * scale, (y + margin) * scale, scale, scale, true);
    }
  }
  if (m.swissCross) drawSwissCross(fill, margin * scale + (m.size * scale) / 2, m.size * scale);
  return PNG.sync.write(png);
}

type Fill = (x: number, y: number, w: number, h: number, dark: boolean) => void;

/**
 * The cross as the guidelines draw it on a 46 mm code: a 7 mm white square, a 6 mm black one, and a
 * white cross with arms 3.89 mm long and 1.17 mm thick, all centred on the code.
 */
function drawSwissCross(fill: Fill, centre: number, codeWidth: number): void {
  const mm = codeWidth / 46;
  const square = (side: number, dark: boolean) =>
    fill(centre - side / 2, centre - side / 2, side, side, dark);
  square(7 * mm, false);
  square(6 * mm, true);
  fill(centre - (3.89 * mm) / 2, centre - (1.17 * mm) / 2, 3.89 * mm, 1.17 * mm, false);
  fill(centre - (1.17 * mm) / 2, centre - (3.89 * mm) / 2, 1.17 * mm, 3.89 * mm, false);
}
