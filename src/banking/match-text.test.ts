import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rf } from './match-builders.test-util.ts';
import { findReferencesConservative, normalizeReference } from './match-reference.ts';
import { dice, nameShape, nameSimilarity, nameTokens } from './match-text.ts';

describe('nameTokens', () => {
  it('folds diacritics, case and legal forms away', () => {
    expect(nameTokens('Novák Stavby, s.r.o.')).toEqual(['novak', 'stavby']);
    expect(nameTokens('NOVAK STAVBY SPOL. S R.O.')).toEqual(['novak', 'stavby']);
    expect(nameTokens('Berger Maschinenbau GmbH & Co. KG')).toEqual(['berger', 'maschinenbau']);
    expect(nameTokens('Fjord Shipping AS')).toEqual(['fjord', 'shipping']);
    expect(nameTokens('De Vries B.V.')).toEqual(['de', 'vries']);
  });

  it('reads Cyrillic and Greek letters and written-out umlauts', () => {
    expect(nameTokens('НОВАК СТАВБЫ')).toEqual(['novak', 'stavby']);
    expect(nameTokens('ΠΑΠΑΔΟΠΟΥΛΟΣ')).toEqual(nameTokens('Papadopoulos'));
    expect(nameTokens('Mueller Soehne')).toEqual(nameTokens('Müller Söhne'));
  });

  it('keeps the legal form when it is the whole name', () => {
    expect(nameTokens('A.S.')).toEqual(['as']);
  });
});

describe('nameSimilarity', () => {
  const word = fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
    minLength: 1,
    maxLength: 10,
  });
  const tokens = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => nameShape(ws.join(' ')));

  it('is 1 for the same tokens, symmetric, and between 0 and 1', () => {
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        expect(nameSimilarity(a, a)).toBe(1);
        const s = nameSimilarity(a, b);
        expect(s).toBeCloseTo(nameSimilarity(b, a), 12);
        expect(s >= 0 && s <= 1).toBe(true);
      }),
    );
  });

  it('ranks a customer’s own name in bank spelling far above another company', () => {
    const novak = nameShape('Novák Stavby s.r.o.');
    expect(nameSimilarity(nameShape('NOVAK STAVBY'), novak)).toBe(1);
    expect(nameSimilarity(nameShape('NOVAK STAVBI'), novak)).toBeGreaterThan(0.8);
    expect(nameSimilarity(nameShape('Raiffeisenbank a.s.'), novak)).toBeLessThan(0.3);
  });

  it('agrees with a plain bigram-count Dice coefficient', () => {
    const reference = (a: string, b: string) => {
      if (a === b) return 1;
      if (a.length < 2 || b.length < 2) return 0;
      const left = new Map<string, number>();
      for (let i = 0; i + 1 < a.length; i++)
        left.set(a.slice(i, i + 2), (left.get(a.slice(i, i + 2)) ?? 0) + 1);
      let shared = 0;
      for (let i = 0; i + 1 < b.length; i++) {
        const n = left.get(b.slice(i, i + 2)) ?? 0;
        if (n > 0) {
          shared++;
          left.set(b.slice(i, i + 2), n - 1);
        }
      }
      return (2 * shared) / (a.length + b.length - 2);
    };
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(dice(a, b)).toBeCloseTo(reference(a, b), 12);
      }),
    );
  });

  it('counts shared bigrams once each (Dice)', () => {
    expect(dice('aaaa', 'aa')).toBeCloseTo((2 * 1) / (3 + 1), 12);
    expect(dice('night', 'nacht')).toBeCloseTo((2 * 1) / 8, 12);
  });
});

describe('findReferencesConservative', () => {
  it('finds RF references compact or grouped, OGM and labelled variable symbols', () => {
    const found = findReferencesConservative(
      `inv ${rf('2026004')} and RF18 5390 0754 7034 thanks, +++010/8068/17183+++, VS: 0020260042`,
    );
    expect(found).toEqual([
      { kind: 'RF', value: rf('2026004') },
      { kind: 'RF', value: 'RF18539007547034' },
      { kind: 'OGM', value: '010806817183' },
      { kind: 'VS', value: '0020260042' },
    ]);
  });

  it('refuses references whose check digits fail and bare digit runs', () => {
    expect(findReferencesConservative('RF19 5390 0754 7034 +++010/8068/17184+++ 2345676')).toEqual([]);
  });

  it('finds any valid RF reference it is given, however it is spaced', () => {
    const body = fc.string({ unit: fc.constantFrom(...'0123456789ABCXYZ'), minLength: 1, maxLength: 21 });
    fc.assert(
      fc.property(body, fc.boolean(), (b, grouped) => {
        const ref = rf(b);
        const printed = grouped ? ref.replace(/(.{4})(?=.)/g, '$1 ') : ref;
        expect(findReferencesConservative(`pay ${printed}`).map((r) => r.value)).toContain(ref);
      }),
    );
  });
});

describe('normalizeReference', () => {
  it('ignores spacing, case and, for digits, leading zeros', () => {
    expect(normalizeReference('rf18 5390 0754 7034')).toBe('RF18539007547034');
    expect(normalizeReference('0020260042')).toBe(normalizeReference('20260042'));
    expect(normalizeReference(' 000 ')).toBeNull();
  });

  it('agrees with its definition by regular expressions', () => {
    const byRegex = (t: string) => {
      const compact = t.toUpperCase().replace(/[^A-Z0-9]/g, '');
      if (!/^\d+$/.test(compact)) return compact === '' ? null : compact;
      return compact.replace(/^0+/, '') || null;
    };
    const text = fc.string({ unit: fc.constantFrom(...'00129RFrf +/-č'), maxLength: 12 });
    fc.assert(
      fc.property(text, (t) => {
        expect(normalizeReference(t)).toBe(byRegex(t));
      }),
    );
  });
});
