import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { StatementError } from '../statement.ts';
import { controlMismatch, fullYear, lineDecoder, readLines } from './lines.ts';

async function* from(parts: readonly (string | Buffer)[]): AsyncGenerator<string | Buffer> {
  yield* parts;
}

async function lines(parts: readonly (string | Buffer)[]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const batch of readLines(from(parts)))
    for (const l of batch) out.push([l.number, l.bytes.toString('latin1')]);
  return out;
}

describe('readLines', () => {
  it('splits at LF, CR LF and a lone CR, keeping a last line without newline and empty lines between', async () => {
    expect(await lines(['a\r\nb\nc\rd\n\ne'])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
      [5, ''],
      [6, 'e'],
    ]);
  });

  it('finds the same lines however the bytes are cut into chunks, a CR LF pair included', async () => {
    const text = 'first line\r\n\r\nthird\rfourth\nlast';
    const whole = await lines([text]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), async (cuts) => {
        const points = [...new Set([0, ...cuts.sort((a, b) => a - b), text.length])];
        const parts = points.slice(1).map((end, i) => Buffer.from(text.slice(points[i], end), 'latin1'));
        expect(await lines(parts)).toEqual(whole);
      }),
    );
  });

  it('refuses a line longer than 64 KB, saying which', async () => {
    const error = await lines(['ok\n', 'x'.repeat(70_000)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).message).toBe('line 2: the line is longer than 65536 bytes');
  });
});

describe('lineDecoder', () => {
  it('reads a file as UTF-8 when its first non-ASCII line is valid UTF-8, dropping a BOM', () => {
    const decode = lineDecoder('windows-1250');
    expect(decode(Buffer.from('\ufeffplain', 'utf8'))).toBe('plain');
    expect(decode(Buffer.from('Příliš žluťoučký kůň', 'utf8'))).toBe('Příliš žluťoučký kůň');
  });

  it('reads it with the fallback otherwise, even a later line that happens to be valid UTF-8', () => {
    const decode = lineDecoder('windows-1250');
    expect(decode(iconv.encode('Příliš žluťoučký kůň', 'windows-1250'))).toBe('Příliš žluťoučký kůň');
    // 0xC8 0x9A is "Čš" in windows-1250, and also valid UTF-8 (U+021A): the file decided already.
    expect(decode(Buffer.from([0xc8, 0x9a]))).toBe('Čš');
  });
});

describe('fullYear and controlMismatch', () => {
  it('puts two-digit years 00-69 in this century and 70-99 in the last', () => {
    expect([fullYear(0), fullYear(26), fullYear(69), fullYear(70), fullYear(92)]).toEqual([
      2000, 2026, 2069, 1970, 1992,
    ]);
  });

  it('throws a control difference, or records it as a warning when the user tolerates it', () => {
    const warnings: string[] = [];
    expect(() => controlMismatch({}, warnings, 'line 3', 'sums differ', 'hint')).toThrow(
      'line 3: sums differ',
    );
    controlMismatch({ tolerateImbalance: true }, warnings, 'line 3', 'sums differ', 'hint');
    expect(warnings).toEqual(['line 3: sums differ']);
  });
});
