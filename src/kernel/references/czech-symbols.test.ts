import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseSymbolsFromEndToEndId,
  symbolsToEndToEndId,
  validateConstantSymbol,
  validateSpecificSymbol,
  validateVariableSymbol,
  variableSymbolFromInvoice,
} from './czech-symbols.ts';

const errorOf = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : r.error!.message);
const symbol = (maxDigits: number) =>
  fc
    .string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: maxDigits })
    .filter((s) => /[1-9]/.test(s));

describe('Czech and Slovak payment symbols', () => {
  it('reads a variable symbol without its leading zeros, as banks compare it', () => {
    expect(validateVariableSymbol('0020260042')).toEqual({ ok: true, value: '20260042' });
    expect(validateVariableSymbol(' 20260042 ')).toEqual({ ok: true, value: '20260042' });
    expect(validateVariableSymbol('9999999999')).toEqual({ ok: true, value: '9999999999' });
  });

  it('refuses an 11-digit, an all-zero and a non-digit variable symbol, saying why', () => {
    expect(errorOf(validateVariableSymbol('12345678901'))).toBe(
      "the variable symbol '12345678901' has 11 digits; at most 10 are allowed",
    );
    expect(errorOf(validateVariableSymbol('0000000000'))).toMatch(/all zeros, which banks read as no symbol/);
    expect(errorOf(validateVariableSymbol('2026-42'))).toMatch(/character '-' at column 5/);
    expect(errorOf(validateVariableSymbol(''))).toMatch(/is empty/);
  });

  it('keeps a constant symbol as four digits and refuses five', () => {
    expect(validateConstantSymbol('308')).toEqual({ ok: true, value: '0308' });
    expect(validateConstantSymbol('0008')).toEqual({ ok: true, value: '0008' });
    expect(errorOf(validateConstantSymbol('12345'))).toMatch(/at most 4/);
  });

  it('treats a specific symbol like a variable symbol', () => {
    expect(validateSpecificSymbol('000456')).toEqual({ ok: true, value: '456' });
    expect(validateSpecificSymbol('12345678901').ok).toBe(false);
  });

  it("derives the variable symbol from the invoice number's digits", () => {
    expect(variableSymbolFromInvoice('2026-0042')).toEqual({ ok: true, value: '20260042' });
    expect(variableSymbolFromInvoice('FV 000123')).toEqual({ ok: true, value: '123' });
  });

  it('keeps the last 10 digits of a longer invoice number, where the running number is', () => {
    expect(variableSymbolFromInvoice('FV-2026-000000123')).toEqual({ ok: true, value: '6000000123' });
  });

  it('tells the user what to change when the invoice number has no usable digits', () => {
    expect(errorOf(variableSymbolFromInvoice('ABC'))).toBe(
      "invoice number 'ABC' has no digits for a variable symbol; use invoice numbers with digits or choose the RF reference",
    );
    expect(errorOf(variableSymbolFromInvoice('X-000'))).toMatch(/no digits other than zeros/);
  });

  it('reads the Slovak EndToEndId form /VS.../SS.../KS...', () => {
    expect(parseSymbolsFromEndToEndId('/VS123/SS456/KS0308')).toEqual({
      ok: true,
      value: { vs: '123', ss: '456', ks: '0308' },
    });
    expect(parseSymbolsFromEndToEndId('/VS0020260042/SS/KS308')).toEqual({
      ok: true,
      value: { vs: '20260042', ks: '0308' },
    });
    expect(parseSymbolsFromEndToEndId('/KS0308/VS7')).toEqual({ ok: true, value: { vs: '7', ks: '0308' } });
  });

  it('refuses EndToEndIds that are not of that form, naming the part', () => {
    expect(errorOf(parseSymbolsFromEndToEndId('NOTPROVIDED'))).toMatch(
      /is not of the form \/VS...\/SS...\/KS.../,
    );
    expect(errorOf(parseSymbolsFromEndToEndId('/VS123/XX9'))).toMatch(/part '\/XX9' is not VS, SS or KS/);
    expect(errorOf(parseSymbolsFromEndToEndId('/VS1/VS2'))).toMatch(/names VS twice/);
    expect(errorOf(parseSymbolsFromEndToEndId('/VS12345678901'))).toMatch(/has 11 digits/);
  });

  it('writes symbols into an EndToEndId that reads back the same, within 35 characters', () => {
    fc.assert(
      fc.property(
        fc.record({ vs: symbol(10), ss: symbol(10), ks: symbol(4) }, { requiredKeys: [] }),
        (raw) => {
          const norm = (r: { ok: boolean; value?: string }) => (r as { value: string }).value;
          const symbols = {
            ...(raw.vs === undefined ? {} : { vs: norm(validateVariableSymbol(raw.vs)) }),
            ...(raw.ss === undefined ? {} : { ss: norm(validateSpecificSymbol(raw.ss)) }),
            ...(raw.ks === undefined ? {} : { ks: norm(validateConstantSymbol(raw.ks)) }),
          };
          fc.pre(Object.keys(symbols).length > 0);
          const e2e = symbolsToEndToEndId(symbols);
          expect(e2e.length).toBeLessThanOrEqual(35);
          expect(parseSymbolsFromEndToEndId(e2e)).toEqual({ ok: true, value: symbols });
        },
      ),
    );
  });
});
