import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInvoice, invoiceInput } from './invoice.ts';
import { computeLine, parseQuantityMilli, parseVatRateBp, sumLines } from './invoice-totals.ts';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Half away from zero for non-negative numerators, written as floor((2n + d) / 2d). */
const roundHalfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

/** The documented rule, in BigInt: net = round(quantity x price), VAT = round(net x rate), per line. */
function referenceLine(quantityMilli: number, unitPrice: number, vatRateBp: number) {
  const net = roundHalfUp(BigInt(quantityMilli) * BigInt(unitPrice), 1000n);
  const vat = roundHalfUp(net * BigInt(vatRateBp), 10_000n);
  return { net, vat, total: net + vat };
}

const quantityMilli = fc.oneof(
  fc.integer({ min: 1, max: 10_000 }),
  fc.constantFrom(1, 333, 500, 1000, 1500, 2500, 999_999),
  fc.integer({ min: 1, max: 1_000_000_000 }),
);
const unitPrice = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(0, 1, 5, 333, 999, 1999));
const vatRateBp = fc.oneof(
  fc.constantFrom(0, 500, 1000, 1050, 1200, 1500, 2000, 2100, 2300, 2500),
  fc.integer({ min: 0, max: 10_000 }),
);
const line = fc.record({ quantityMilli, unitPrice, vatRateBp });

const ids = () => {
  let n = 0;
  return { invoiceId: 'inv_test', lineId: () => `inl_${n++}` };
};
const customer = { id: 'cus_test', currency: 'CZK', paymentTermsDays: null };
const parseInvoice = (lines: unknown[]) =>
  invoiceInput.parse({ customerId: 'cus_test', number: 'INV-1', issueDate: '2026-03-01', lines });

describe('invoice line arithmetic', () => {
  it('rounds each line half away from zero: net from quantity x price, VAT from the rounded net', () => {
    fc.assert(
      fc.property(line, ({ quantityMilli: q, unitPrice: p, vatRateBp: r }) => {
        const got = computeLine(q, p, r);
        const want = referenceLine(q, p, r);
        expect([got.net, got.vat, got.total].map(BigInt)).toEqual([want.net, want.vat, want.total]);
        expect(got).toMatchObject({ quantityMilli: q, unitPrice: p, vatRateBp: r });
      }),
    );
  });

  it('rounds per line, then sums: three lines of 0.01 at 21 % carry no VAT, as printed', () => {
    const lines = [1, 1, 1].map((p) => computeLine(1000, p, 2100));
    expect(lines.map((l) => l.vat)).toEqual([0, 0, 0]);
    expect(sumLines(lines)).toEqual({ subtotal: 3, vatTotal: 0, total: 3 });
    // 1.5 x 3.33 = 4.995 -> 5.00; 0.5 x 0.01 = 0.005 -> 0.01; VAT 10.5 % of 59.97 = 6.29685 -> 6.30
    expect(computeLine(1500, 333, 0).net).toBe(500);
    expect(computeLine(500, 1, 0).net).toBe(1);
    expect(computeLine(499, 1, 0).net).toBe(0);
    expect(computeLine(3000, 1999, 1050).vat).toBe(630);
  });

  it('makes the invoice totals the plain sums of the rounded lines', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (ls) => {
        const computed = ls.map((l) => computeLine(l.quantityMilli, l.unitPrice, l.vatRateBp));
        const totals = sumLines(computed);
        expect(totals.subtotal).toBe(computed.reduce((s, l) => s + l.net, 0));
        expect(totals.vatTotal).toBe(computed.reduce((s, l) => s + l.vat, 0));
        expect(totals.total).toBe(computed.reduce((s, l) => s + l.total, 0));
        expect(totals.total).toBe(totals.subtotal + totals.vatTotal);
      }),
    );
  });

  it('builds invoices whose stored totals equal the sum of their stored lines', () => {
    const inputLine = fc.record({
      description: fc.constant('Work'),
      quantity: fc.oneof(
        fc.constantFrom('1', '0.5', '1.333', '2.5', '10', ' 3 ', 7, 0.25),
        quantityMilli.map((q) => q / 1000),
      ),
      unitPrice,
      vatRate: fc.oneof(
        fc.constantFrom(0, 10, 12, 21, '21', '10.5', '15%', 25),
        vatRateBp.map((bp) => bp / 100),
      ),
    });
    fc.assert(
      fc.property(fc.array(inputLine, { minLength: 1, maxLength: 20 }), (lines) => {
        const built = buildInvoice('org_test', parseInvoice(lines), customer, ids(), '2026-03-01T00:00:00Z');
        const sum = (pick: (l: { net: number; vat: number; total: number }) => number) =>
          built.ok ? built.value.lines.reduce((s, l) => s + pick(l), 0) : 0;
        const total = sum((l) => l.total);
        if (total === 0) {
          expect(built.ok ? null : built.error.code).toBe('validation_failed');
          return;
        }
        expect(built.ok).toBe(true);
        if (!built.ok) return;
        const { invoice, entry } = built.value;
        expect([invoice.subtotal, invoice.vat_total, invoice.total]).toEqual([
          sum((l) => l.net),
          sum((l) => l.vat),
          total,
        ]);
        expect(entry?.receivableDelta).toBe(invoice.total);
        for (const [i, l] of built.value.lines.entries()) {
          const want = referenceLine(l.quantity_milli, l.unit_price, l.vat_rate_bp);
          expect([l.net, l.vat, l.total].map(BigInt)).toEqual([want.net, want.vat, want.total]);
          expect(l.position).toBe(i + 1);
        }
      }),
    );
  });

  it('refuses an invoice whose amounts do not fit a safe integer, as a validation failure', () => {
    const huge = (quantity: string, unitPrice: number, count = 1) =>
      buildInvoice(
        'org_test',
        parseInvoice(
          Array.from({ length: count }, () => ({ description: 'x', quantity, unitPrice, vatRate: 21 })),
        ),
        customer,
        ids(),
        '2026-03-01T00:00:00Z',
      );
    for (const r of [
      huge('999999999999', Number.MAX_SAFE_INTEGER),
      huge('1', 2 ** 52, 3),
      huge('1000', 2 ** 45),
    ]) {
      expect(r.ok ? null : [r.error.code, r.error.field]).toEqual(['validation_failed', 'lines']);
    }
    const limit = huge('1', Number(MAX));
    expect(limit.ok ? null : limit.error.code).toBe('validation_failed'); // the VAT pushes it over
  });
});

describe('quantity parsing', () => {
  it('reads every positive decimal with up to 3 places exactly, as text or as a number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999_999 }), (milli) => {
        const whole = Math.floor(milli / 1000);
        const frac = String(milli % 1000).padStart(3, '0');
        expect(parseQuantityMilli(`${whole}.${frac}`)).toBe(milli);
        expect(parseQuantityMilli(`${whole}.${frac.replace(/0+$/, '')}`.replace(/\.$/, ''))).toBe(milli);
        expect(parseQuantityMilli(milli / 1000)).toBe(milli);
      }),
    );
  });

  it('refuses zero, negatives, excess places, exponents and float noise', () => {
    const bad: (string | number)[] = [
      '0',
      '0.000',
      0,
      '-1',
      -1,
      '1.2345',
      1.0001,
      '1e3',
      1e21,
      '.5',
      '1.',
      '1,5',
      '',
      ' ',
      'one',
      '1234567890123',
      Number.NaN,
      Number.POSITIVE_INFINITY,
      0.1 + 0.2,
    ];
    for (const q of bad) expect(parseQuantityMilli(q), String(q)).toBeUndefined();
    expect(parseQuantityMilli(' 2.5 ')).toBe(2500);
    expect(parseQuantityMilli('0.001')).toBe(1);
    expect(parseQuantityMilli('007')).toBe(7000);
  });
});

describe('VAT rate parsing', () => {
  it('reads every rate from 0 to 100 % with up to 2 places, as text, number or with a % sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        const text = `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
        expect(parseVatRateBp(text)).toBe(bp);
        expect(parseVatRateBp(`${text}%`)).toBe(bp);
        expect(parseVatRateBp(bp / 100)).toBe(bp);
      }),
    );
  });

  it('refuses rates above 100 %, negative, or with more than 2 places', () => {
    for (const r of ['100.01', '101', 101, '-1', -21, '21.005', 21.005, '1e1', '', '%', 'abc', Number.NaN]) {
      expect(parseVatRateBp(r), String(r)).toBeUndefined();
    }
    expect([parseVatRateBp('21'), parseVatRateBp(' 10.5 '), parseVatRateBp('100')]).toEqual([
      2100, 1050, 10_000,
    ]);
  });
});
