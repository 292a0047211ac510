import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FoundReference, findReferences } from './find-references.ts';
import { kidFromDigits } from './kid.ts';
import { formatOgm, ogmFromDigits } from './ogm.ts';
import { formatReference, validateReference } from './reference-for-invoice.ts';
import { formatRf, rfFromBody, validateRf } from './rf.ts';

const kinds = (text: string) => findReferences(text).map((h) => `${h.kind} ${h.value}`);
const hit = (kind: FoundReference['kind'], value: string, text: string, written: string) => {
  const start = text.indexOf(written);
  return { kind, value, where: [start, start + written.length] };
};

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const rf = fc
  .string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 21 })
  .map((b) => (rfFromBody(b) as { value: string }).value);
const ogm = fc
  .string({ unit: fc.constantFrom(...'0123456789'), minLength: 10, maxLength: 10 })
  .map((b) => (ogmFromDigits(b) as { value: string }).value);
/** Statement-line noise: words, numbers, punctuation, line breaks. */
const noise = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;/-+*\n'),
  maxLength: 40,
});
const separator = fc.constantFrom(' ', '\n', ', ', ' - ', ': ', '/', '+', '(');
/** After a printed RF, anything but a space: a following short word could be read as one more group. */
const closing = fc.constantFrom('\n', ', ', '. ', ';', ')');
/** IBAN check digits on the whole number with BigInt. */
const ibanCheck = (country: string, bban: string) =>
  String(
    98n - (BigInt([...`${bban}${country}00`].map((c) => Number.parseInt(c, 36)).join('')) % 97n),
  ).padStart(2, '0');

describe('finding references in remittance text', () => {
  it('finds the variable symbol, not the invoice number, in "Faktura 2026-0042 VS 20260042"', () => {
    const text = 'Faktura 2026-0042 VS 20260042';
    expect(findReferences(text)).toEqual([hit('VS', '20260042', text, '20260042')]);
  });

  it('finds a KID after "Betaling KID", and one written straight after KID', () => {
    expect(findReferences('Betaling KID 2345676')).toEqual([
      hit('KID', '2345676', 'Betaling KID 2345676', '2345676'),
    ]);
    expect(kinds('KID2345676')).toEqual(['KID 2345676']);
    expect(kinds('innbetaling 036536- takk')).toEqual(['KID 036536-']);
  });

  it('finds a Belgian structured communication between +++ or ***, delimiters included in where', () => {
    const text = 'Mededeling: +++010/8068/17183+++ factuur 12';
    expect(findReferences(text)).toEqual([hit('OGM', '010806817183', text, '+++010/8068/17183+++')]);
    expect(kinds('***010/8068/17183***')).toEqual(['OGM 010806817183']);
    expect(kinds('+++010/8068/17183***')).toEqual([]);
  });

  it('finds a lowercase printed RF reference and an RF reference inside a German SEPA purpose line', () => {
    const text = 'payment rf18 5390 0754 7034 for invoice 42';
    expect(findReferences(text)).toEqual([hit('RF', 'RF18539007547034', text, 'rf18 5390 0754 7034')]);
    expect(kinds('SVWZ+RF18 5390 0754 7034 EREF+NOTPROVIDED')).toEqual(['RF RF18539007547034']);
    expect(kinds('RF18 5390 0754 7034 Oslo')).toEqual(['RF RF18539007547034']);
  });

  it('ends a printed RF reference at a short group or at a word in the other letter case', () => {
    const fourDigits = Array.from({ length: 10_000 }, (_, n) => String(n).padStart(4, '0'));
    // A suffix that would make a valid (but wrong) longer reference if the reader kept joining groups.
    const afterShort = fourDigits.find((d) => validateRf(`RF332348236${d}`).ok)!;
    expect(kinds(`RF33 2348 236 ${afterShort}`)).toEqual(['RF RF332348236']);
    const words = fourDigits.map((d) => [...d].map((c) => String.fromCharCode(97 + Number(c))).join(''));
    const lowerWord = words.find((w) => validateRf(`RF18539007547034${w.toUpperCase()}`).ok)!;
    expect(kinds(`RF18 5390 0754 7034 ${lowerWord}`)).toEqual(['RF RF18539007547034']);
    // The one ambiguity left: a full last group followed by a same-case short token; the longer reading wins.
    const afterFull = fourDigits.find((d) => validateRf(`RF18539007547034${d}`).ok)!;
    expect(kinds(`RF18 5390 0754 7034 ${afterFull}`)).toEqual([`RF RF18539007547034${afterFull}`]);
  });

  it('finds nothing where a check digit was mistyped', () => {
    for (const typo of [
      'RF18 5390 0754 7035',
      'RF19539007547034',
      '+++010/8068/17184+++',
      'Betaling KID 2345677',
      'Viite 1 23454',
      'QRR 21 00000 00003 13947 14300 09018',
    ]) {
      expect(kinds(typo), typo).toEqual([]);
    }
  });

  it('reads VS in its Czech and Slovak spellings, without leading zeros', () => {
    expect(kinds('/VS20260042/SS456/KS0308')).toEqual(['VS 20260042']);
    expect(kinds('VS: 123')).toEqual(['VS 123']);
    expect(kinds('vs123 dekujeme')).toEqual(['VS 123']);
    expect(kinds('v.s. 0000123')).toEqual(['VS 123']);
    expect(kinds('Platba za fakturu FV2026042, variabilní symbol 2026042, KS:0308')).toEqual(['VS 2026042']);
    expect(kinds('VS 2026-0042')).toEqual([]);
    expect(kinds('VS 12345678901')).toEqual([]);
  });

  it('reads a Finnish reference after its label, and a Swiss QR reference printed in groups', () => {
    expect(kinds('Viitenumero: 1 23453, eräpäivä 2026-03-02')).toEqual(['FI 123453']);
    expect(kinds('Zahlung QRR 21 00000 00003 13947 14300 09017 danke')).toEqual([
      'QRR 210000000003139471430009017',
    ]);
    expect(kinds('123453')).toEqual([]);
  });

  it('does not read dates, amounts, phone numbers, zeros or IBAN groups as KIDs', () => {
    // An 18-digit BBAN that passes MOD10 on its own is found as a KID, but not as part of an IBAN.
    const bban = (kidFromDigits('mod10', '37040044053201300') as { value: string }).value;
    expect(kinds(`konto ${bban}`)).toEqual([`KID ${bban}`]);
    expect(kinds(`IBAN DE${ibanCheck('DE', bban)} ${bban}, KID 0365327`)).toEqual(['KID 0365327']);
    // Short numbers pass 1 time in 10, so they count only after a KID label.
    expect(kinds('2 stk a 18 kr')).toEqual([]);
    expect(kinds('KID: 18')).toEqual(['KID 18']);
    expect(kinds('KID-nummer 18')).toEqual(['KID 18']);
    // 2345676 passes MOD10; in a date-like, amount-like or phone-like position it is not a KID.
    for (const text of [
      'dato 2345676-03-02',
      'kr 2345676,50',
      'tlf +2345676',
      'sum 00000',
      'ref 2345676/2',
    ]) {
      expect(kinds(text), text).toEqual([]);
    }
  });

  it('finds every RF reference embedded compact in random text, and nothing at its place after a digit typo', () => {
    fc.assert(
      fc.property(
        noise,
        separator,
        rf,
        separator,
        noise,
        fc.nat(),
        fc.nat(9),
        (before, s1, ref, s2, after, at, d) => {
          const text = `${before}${s1}${ref}${s2}${after}`;
          const start = before.length + s1.length;
          expect(findReferences(text)).toContainEqual({
            kind: 'RF',
            value: ref,
            where: [start, start + ref.length],
          });
          const i = 4 + (at % (ref.length - 4));
          fc.pre(/\d/.test(ref[i]!) && ref[i] !== String(d));
          const typo = `${before}${s1}${ref.slice(0, i)}${d}${ref.slice(i + 1)}${s2}${after}`;
          expect(findReferences(typo).filter((h) => h.kind === 'RF' && h.where[0] === start)).toEqual([]);
        },
      ),
    );
  });

  it('finds every RF reference printed in groups in random text, in either case', () => {
    fc.assert(
      fc.property(noise, separator, rf, fc.boolean(), closing, noise, (before, s1, ref, lower, s2, after) => {
        const printed = lower ? formatRf(ref).toLowerCase() : formatRf(ref);
        const text = `${before}${s1}${printed}${s2}${after}`;
        const start = before.length + s1.length;
        expect(findReferences(text)).toContainEqual({
          kind: 'RF',
          value: ref,
          where: [start, start + printed.length],
        });
      }),
    );
  });

  it('finds every structured communication embedded in random text, and none after a digit typo', () => {
    fc.assert(
      fc.property(
        noise,
        separator,
        ogm,
        fc.boolean(),
        separator,
        noise,
        fc.nat(11),
        fc.nat(9),
        (before, s1, o, stars, s2, after, i, d) => {
          const printed = stars ? formatOgm(o).replaceAll('+', '*') : formatOgm(o);
          const text = `${before}${s1}${printed}${s2}${after}`;
          const start = before.length + s1.length;
          expect(findReferences(text)).toContainEqual({
            kind: 'OGM',
            value: o,
            where: [start, start + printed.length],
          });
          fc.pre(o[i] !== String(d));
          const typo = formatOgm(o.slice(0, i) + d + o.slice(i + 1));
          expect(
            findReferences(`${before}${s1}${typo}${s2}${after}`).filter(
              (h) => h.kind === 'OGM' && h.where[0] === start,
            ),
          ).toEqual([]);
        },
      ),
    );
  });

  it('returns hits in text order whose written form validates to the value', () => {
    const scheme = { RF: 'rf', OGM: 'ogm', KID: 'kid-mod11', VS: 'vs', QRR: 'qrr', FI: 'fi' } as const;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(noise, rf, rf.map(formatRf), ogm.map(formatOgm)), { maxLength: 6 }),
        (parts) => {
          const text = parts.join(' ');
          const hits = findReferences(text);
          hits.forEach((h, k) => {
            if (k > 0) expect(h.where[0]).toBeGreaterThanOrEqual(hits[k - 1]!.where[1]);
            const written = text.slice(h.where[0], h.where[1]);
            const valid =
              h.kind === 'KID'
                ? validateReference('kid-mod10', written).ok || validateReference(scheme[h.kind], written).ok
                : validateReference(scheme[h.kind], written).ok;
            expect(valid, `${h.kind} ${written}`).toBe(true);
            if (h.kind !== 'KID') expect(formatReference(scheme[h.kind], h.value)).toBeTruthy();
          });
        },
      ),
    );
  });
});
