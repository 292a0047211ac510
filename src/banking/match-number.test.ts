import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachOneEdit, numberKey, oneEditVariants, textNumberKeys, unpaddedKey } from './match-number.ts';

/** Optimal string alignment distance (Damerau with adjacent swaps), the textbook dynamic programme. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

describe('numberKey', () => {
  it('drops separators, case and a letter prefix', () => {
    expect(
      ['INV-2026-0042', 'inv 2026/0042', '#2026.0042', '2026 0042', 'FA20260042'].map(numberKey),
    ).toEqual(Array(5).fill('20260042'));
  });

  it('has no key for text without a digit', () => {
    expect(numberKey('Faktura')).toBeNull();
  });
});

describe('keys agree with their definition by regular expressions', () => {
  const text = fc.string({ unit: fc.constantFrom(...'0012A9bz-/ .č'), maxLength: 14 });
  const byRegex = (t: string) => {
    const key = t
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .replace(/^[A-Z]+/, '');
    return /[0-9]/.test(key) ? key : null;
  };
  const unpaddedByRegex = (t: string) => {
    const parts = t.toUpperCase().split(/[^A-Z0-9]+/);
    const key = parts
      .map((p) => p.replace(/^0+(?=[0-9])/, ''))
      .join('')
      .replace(/^[A-Z]+/, '');
    return /[0-9]/.test(key) && key !== byRegex(t) ? key : null;
  };

  it('numberKey: upper case, separators and a leading letter prefix dropped', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(numberKey(t)).toBe(byRegex(t));
      }),
    );
  });

  it('unpaddedKey: each part without its padding zeros, only when that differs', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(unpaddedKey(t)).toBe(unpaddedByRegex(t));
      }),
    );
  });
});

describe('textNumberKeys', () => {
  it('joins the parts of a number written with separators or spaces', () => {
    for (const text of [
      'Faktura č. 2026/0042',
      'INV-2026-0042 thanks',
      'inv 20260042',
      'pay #2026-0042.',
      'fa 2026 0042',
    ]) {
      expect(textNumberKeys(text).keys).toContain('20260042');
    }
  });

  it('does not join a number with the word after it, nor keep keys under four characters', () => {
    const { keys } = textNumberKeys('2026-0042 dne 12');
    expect(keys).toContain('20260042');
    expect(keys.some((k) => k.includes('DNE'))).toBe(false);
    expect(keys).not.toContain('12');
  });
});

describe('unpaddedKey', () => {
  it('drops the zeros padding each part, so "2026-123" reads as 2026-000123', () => {
    expect(unpaddedKey('2026-000123')).toBe('2026123');
    expect(textNumberKeys('zaplaceno fa 2026-0123').unpadded).toContain('2026123');
    expect(textNumberKeys('zaplaceno fa 2026-123').keys).toContain('2026123');
  });

  it('is null when nothing was padded', () => {
    expect(unpaddedKey('2026-123')).toBeNull();
    expect(unpaddedKey('20260042')).toBeNull();
  });
});

describe('oneEditVariants', () => {
  const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 9 });

  it('holds exactly the strings over the alphabet one edit away', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0129'), minLength: 1, maxLength: 5 }), (key) => {
        const variants = new Set(oneEditVariants(key, '0129'));
        // Every string over the alphabet of length key.length +-1 is a variant iff it is one edit away.
        const all: string[] = [''];
        for (let n = 0; n < key.length + 1; n++)
          for (const s of [...all]) for (const ch of '0129') all.push(s + ch);
        for (const s of new Set(all)) {
          if (Math.abs(s.length - key.length) > 1) continue;
          expect(variants.has(s)).toBe(osaDistance(key, s) === 1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes the same variants into a buffer as it returns as strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'01239A'), minLength: 1, maxLength: 8 }), (key) => {
        const written = new Set<string>();
        const out = new Uint8Array(key.length + 1);
        forEachOneEdit(key, '0129A', out, (n) => written.add(String.fromCharCode(...out.subarray(0, n))));
        expect(written).toEqual(new Set(oneEditVariants(key, '0129A')));
      }),
    );
  });

  it('finds a number after any single substitution, insertion, deletion or adjacent swap', () => {
    const edit = fc.record({
      kind: fc.constantFrom('sub', 'ins', 'del', 'swap'),
      at: fc.nat(),
      ch: fc.constantFrom(...'0123456789'),
    });
    fc.assert(
      fc.property(digits, edit, (key, e) => {
        const i = e.at % key.length;
        const typo =
          e.kind === 'sub'
            ? key.slice(0, i) + e.ch + key.slice(i + 1)
            : e.kind === 'ins'
              ? key.slice(0, i) + e.ch + key.slice(i)
              : e.kind === 'del'
                ? key.slice(0, i) + key.slice(i + 1)
                : key.slice(0, i) + (key[i + 1] ?? '') + key[i] + key.slice(i + 2);
        fc.pre(typo !== key && typo.length > 0);
        expect(oneEditVariants(typo, '0123456789')).toContain(key);
      }),
    );
  });
});
