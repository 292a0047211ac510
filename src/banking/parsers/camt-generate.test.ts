import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCamt } from './camt.ts';
import { writeCamt053 } from './camt-generate.ts';
import { chunks, parse } from './camt-test-docs.ts';

/** Generates a document into memory. */
async function generate(entries: number, seed: number) {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  const summary = await writeCamt053(sink, { entries, seed });
  return { summary, bytes: Buffer.concat(parts) };
}

describe('camt generator and parser', () => {
  it('parses every generated statement strictly: its lines, net and balances are what was generated', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 1e6 }),
        async (entries, seed) => {
          const { summary, bytes } = await generate(entries, seed);
          expect(bytes.length).toBe(summary.bytes);
          const [s] = await parse(bytes);
          expect(s!.lines).toHaveLength(summary.lines);
          expect(s!.header.openingBalance).toBe(summary.opening);
          expect(s!.end).toMatchObject({
            closingBalance: summary.closing,
            lines: summary.lines,
            warnings: [],
          });
          expect(s!.end.net).toBe(summary.closing - summary.opening);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('gives the same events however the bytes are cut into chunks', async () => {
    const { bytes } = await generate(40, 7);
    const whole = await parse(bytes, {}, bytes.length);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5000 }), async (size) => {
        expect(await parse(bytes, {}, size)).toEqual(whole);
      }),
      { numRuns: 20 },
    );
  });

  it('yields lines while the file is still being read, so a large file streams', async () => {
    const { bytes } = await generate(300, 3);
    let read = 0;
    async function* counted() {
      for await (const chunk of chunks(bytes, 16 * 1024)) {
        read += chunk.length;
        yield chunk;
      }
    }
    let readAtFirstLine = -1;
    for await (const event of parseCamt(counted())) {
      if (event.kind === 'line' && readAtFirstLine < 0) readAtFirstLine = read;
    }
    expect(readAtFirstLine).toBeGreaterThan(0);
    expect(readAtFirstLine).toBeLessThan(bytes.length / 10);
  });

  it('writes the special cases it promises: batches, returns with NOTPROVIDED, Slovak symbols', async () => {
    const { bytes } = await generate(100, 11);
    const [s] = await parse(bytes);
    const returned = s!.lines.filter((l) => l.returnInfo !== null);
    expect(new Set(returned.map((l) => l.entryRef))).toEqual(
      new Set(['202603020000000049', '202603020000000099']),
    );
    for (const l of returned) {
      expect([l.direction, l.reversal, l.endToEndId, l.returnInfo!.reasonCode]).toEqual([
        'debit',
        true,
        null,
        'AC04',
      ]);
    }
    const batches = new Set(s!.lines.filter((l) => l.where.includes('TxDtls[2]')).map((l) => l.entryRef));
    expect(batches.size).toBe(5);
    expect(s!.lines[0]!.symbols).toEqual({ vs: '0000000000', ss: null, ks: '0308' });
  });
});
