import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import type { Result } from '../../kernel/errors.ts';
import type { PaymentQr, PaymentQrInput } from './payment-qr.ts';
import { qrPng } from './qr-render.ts';

/**
 * Test helpers for the QR codes: render to PNG, then read it back with an independent decoder (jsQR
 * reads pixels, it shares no code with the `qrcode` encoder), so a test compares what a banking app
 * would see with what went in.
 */

// jsqr is a webpack CommonJS bundle exporting { default: jsQR }: Node's ESM loader hands over that
// object, Vite's interop the function itself.
const jsQR = ('default' in jsqr ? jsqr.default : jsqr) as typeof jsqr.default;

/** Renders the code and returns the bytes a scanner reads from the picture, as UTF-8 text. */
export async function scan(qr: PaymentQr, opts?: { scale?: number; margin?: number }): Promise<string> {
  return decodePng(await qrPng(qr, opts));
}

export function decodePng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  const code = jsQR(pixels, image.width, image.height, { inversionAttempts: 'dontInvert' });
  if (!code) throw new Error('no QR code found in the picture');
  return Buffer.from(code.binaryData).toString('utf8');
}

/** The value of a result a test expects to succeed, or a failure that shows the error. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a result a test expects to fail. */
export function expectFailure<T>(result: Result<T>): {
  code: string;
  message: string;
  field?: string;
  hint?: string;
} {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

export const IBAN = Object.freeze({
  de: 'DE89370400440532013000',
  cz: 'CZ6508000000192000145399',
  sk: 'SK3112000000198742637541',
  ch: 'CH5800791123000889012',
  chQr: 'CH4431999123000889012',
  no: 'NO9386011117947',
  gb: 'GB29NWBK60161331926819',
});

/** A payment for the chooser: a German organisation billing a German customer 123.45 EUR. */
export function paymentInput(overrides: Partial<PaymentQrInput> = {}): PaymentQrInput {
  return {
    currency: 'EUR',
    amount: 12345,
    creditor: { name: 'Duly Demo GmbH', iban: IBAN.de },
    customerCountry: 'DE',
    message: 'Invoice 2026-0042',
    ...overrides,
  };
}

/** SPAYD key-value pairs, values percent-decoded as a reader does. */
export function spaydFields(payload: string): Record<string, string> {
  const [header, version, ...pairs] = payload.split('*');
  if (header !== 'SPD' || version !== '1.0') throw new Error(`not a SPAYD 1.0 string: ${payload}`);
  return Object.fromEntries(
    pairs.map((pair) => {
      const colon = pair.indexOf(':');
      return [pair.slice(0, colon), decodeURIComponent(pair.slice(colon + 1))];
    }),
  );
}
