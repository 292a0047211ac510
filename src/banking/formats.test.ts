import { describe, expect, it } from 'vitest';
import { parsePostingCodes, parserFor, sniff } from './formats.ts';
import { doc, stmt } from './parsers/camt-test-docs.ts';

describe('statement formats', () => {
  it('reads posting codes as CODE:debit|credit[-storno] and refuses anything else, saying how to write them', () => {
    expect(parsePostingCodes('1:debit, 2:credit,4:credit-storno,5:debit-storno')).toEqual({
      ok: true,
      value: {
        '1': { direction: 'debit', reversal: false },
        '2': { direction: 'credit', reversal: false },
        '4': { direction: 'credit', reversal: true },
        '5': { direction: 'debit', reversal: true },
      },
    });
    const bad = parsePostingCodes('1=debit');
    expect(bad).toMatchObject({
      ok: false,
      error: { field: 'postingCodes', hint: expect.stringContaining('1:debit') },
    });
    expect(parsePostingCodes(' ')).toMatchObject({ ok: false });
  });

  it('needs a mapping for CSV, and none for the formats that describe themselves', () => {
    expect(parserFor('csv')).toMatchObject({ ok: false, error: { field: 'mapping' } });
    for (const f of ['camt.053', 'camt.054', 'mt940', 'gpc', 'ocr-giro'] as const)
      expect(parserFor(f).ok).toBe(true);
  });

  it('detects the format from the first bytes and still gives the whole file back', async () => {
    const xml = doc([stmt()]);
    async function* chunks() {
      for (let i = 0; i < xml.length; i += 100) yield Buffer.from(xml.slice(i, i + 100));
    }
    const { format, stream } = await sniff(chunks());
    expect(format).toBe('camt.053');
    let back = '';
    for await (const c of stream) back += c.toString();
    expect(back).toBe(xml);
  });
});
