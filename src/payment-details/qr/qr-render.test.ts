import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { buildEpcQr } from './epc.ts';
import type { PaymentQr } from './payment-qr.ts';
import { qrMatrix, qrPng, SWISS_CROSS_RATIO } from './qr-render.ts';
import { decodePng, expectOk, IBAN, scan } from './qr-test-support.ts';

const epc: PaymentQr = {
  standard: 'epc',
  payload: 'BCD\n002\n1\nSCT\n\nDuly\nDE89370400440532013000\nEUR1.00',
  errorCorrection: 'M',
};
const swiss: PaymentQr = { ...epc, standard: 'swiss', payload: 'SPC\n0200\n1\nřø\nEPD' };

/** True when the 7x7 finder pattern (dark ring, light ring, dark 3x3 core) has its corner at (x, y). */
function finderAt(m: ReturnType<typeof qrMatrix>, x0: number, y0: number): boolean {
  for (let y = 0; y < 7; y++) {
    for (let x = 0; x < 7; x++) {
      const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
      if (m.isDark(x0 + x, y0 + y) !== (ring !== 2)) return false;
    }
  }
  return true;
}

describe('qrMatrix', () => {
  it('gives a square of 17 + 4 x version modules with finder patterns in three corners only', () => {
    const m = qrMatrix(epc);
    expect(m.size).toBe(17 + 4 * m.version);
    expect(finderAt(m, 0, 0)).toBe(true);
    expect(finderAt(m, m.size - 7, 0)).toBe(true);
    expect(finderAt(m, 0, m.size - 7)).toBe(true);
    expect(finderAt(m, m.size - 7, m.size - 7)).toBe(false);
    expect(m.isDark(-1, 0)).toBe(false);
    expect(m.isDark(0, m.size)).toBe(false);
  });

  it('asks for the Swiss cross on a QR-bill only, and names the other standards under the code', () => {
    expect(qrMatrix(swiss)).toMatchObject({ swissCross: true });
    expect(qrMatrix(swiss).caption).toBeUndefined();
    expect(qrMatrix(epc).swissCross).toBeUndefined();
    expect(qrMatrix(epc).caption).toBe('GiroCode');
    expect(
      qrMatrix({ ...epc, standard: 'spayd', payload: 'SPD*1.0*ACC:CZ6508000000192000145399' }).caption,
    ).toBe('QR Platba');
  });

  it('fits the largest EPC payload (331 bytes) in version 13, the standard’s largest', () => {
    const qr = expectOk(
      buildEpcQr({
        currency: 'EUR',
        amount: 99_999_999_999,
        bic: 'COBADEFFXXX',
        name: 'n'.repeat(70),
        iban: IBAN.de,
        purpose: 'GDDS',
        remittance: 'r'.repeat(140),
        information: 'i'.repeat(48),
      }),
    );
    expect(Buffer.byteLength(qr.payload)).toBe(331);
    expect(qrMatrix(qr).version).toBe(13);
  });
});

describe('qrPng', () => {
  it('draws scale pixels per module inside a quiet zone of margin modules, and scans back', async () => {
    const m = qrMatrix(epc);
    const png = await qrPng(epc, { scale: 3, margin: 2 });
    const image = PNG.sync.read(png);
    expect(image.width).toBe((m.size + 4) * 3);
    expect(image.height).toBe(image.width);
    expect(decodePng(png)).toBe(epc.payload);
    expect(PNG.sync.read(await qrPng(epc)).width).toBe((m.size + 8) * 8);
  });

  it('draws the modules the right way up, pixel for pixel as the qrcode package’s own PNG renderer', async () => {
    // jsQR also reads mirrored codes, so a scan alone cannot catch x and y swapped; many phones would.
    const reference = await QRCode.toBuffer([{ mode: 'byte', data: Buffer.from(epc.payload) }], {
      errorCorrectionLevel: 'M',
      scale: 2,
      margin: 4,
    });
    const ours = PNG.sync.read(await qrPng(epc, { scale: 2, margin: 4 }));
    const theirs = PNG.sync.read(reference);
    expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
    expect(Buffer.compare(ours.data, theirs.data)).toBe(0);
  });

  it('draws the Swiss cross: white border, black square, white cross, at 7/46 of the code', async () => {
    const scale = 10;
    const margin = 4;
    const m = qrMatrix(swiss);
    const image = PNG.sync.read(await qrPng(swiss, { scale, margin }));
    const mm = (m.size * scale) / 46;
    const centre = margin * scale + (m.size * scale) / 2;
    const dark = (dx: number, dy: number) =>
      image.data[(Math.round(centre + dy * mm) * image.width + Math.round(centre + dx * mm)) * 4] === 0;
    expect(SWISS_CROSS_RATIO).toBeCloseTo(7 / 46, 10);
    expect(dark(0, 0)).toBe(false); // the middle of the white cross
    expect(dark(2.5, 2.5)).toBe(true); // the black square beside the arms
    expect(dark(-2.5, 2.5)).toBe(true);
    expect(dark(3.25, 0)).toBe(false); // the white border (6 to 7 mm)
    expect(dark(0, -3.25)).toBe(false);
    expect(await scan(swiss, { scale, margin })).toBe(swiss.payload);
  });

  it('refuses a scale or margin that is not a whole number of pixels or modules', async () => {
    await expect(qrPng(epc, { scale: 0 })).rejects.toThrow(RangeError);
    await expect(qrPng(epc, { margin: 1.5 })).rejects.toThrow(RangeError);
  });
});
