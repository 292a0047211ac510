import { describe, expect, it } from 'vitest';
import { CopyBuffer, copyField, copyLine } from './copy-text.ts';
import { CsvSyntaxError, checkHeader, csvRowBatches } from './csv-rows.ts';

async function rows(text: string, batch = 2) {
  const out: [number, readonly string[]][] = [];
  for await (const b of csvRowBatches(text, batch)) for (const r of b) out.push([r.line, r.fields]);
  return out;
}

describe('reading CSV rows', () => {
  it('numbers lines from the header, across blank lines, CRLF and quoted line breaks', async () => {
    const text = '\uFEFFa,b\r\n1,2\r\n\r\n"x\r\ny\nz",3\r\n,\r\n4,5';
    expect(await rows(text)).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [4, ['x\r\ny\nz', '3']],
      [8, ['4', '5']],
    ]);
  });

  it('reports an unclosed quote as a syntax error with its line', async () => {
    await expect(rows('a,b\n1,2\n"open,3\n4,5\n')).rejects.toThrowError(CsvSyntaxError);
  });

  it('matches header names in any order and case, and names what is unknown, repeated or missing', () => {
    const ok = checkHeader([' Name', 'REF'], ['ref', 'name', 'tags'], ['ref']);
    expect(ok).toEqual({ index: { ref: 1, name: 0, tags: -1 }, problems: [] });
    const bad = checkHeader(['ref', 'ref', 'colour'], ['ref', 'name'], ['ref', 'name']);
    expect(bad.problems.map((p) => p.column)).toEqual(['ref', 'colour', 'name']);
  });
});

describe('PostgreSQL COPY text', () => {
  it('escapes backslashes, tabs and line breaks and writes NULL as \\N', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect([copyField(null), copyField(12), copyField('plain')]).toEqual(['\\N', '12', 'plain']);
    expect(copyLine({ org_id: 'o', customer_id: 'c', tag: 'x\ty' }, ['org_id', 'customer_id', 'tag'])).toBe(
      'o\tc\tx\\ty\n',
    );
    const buffer = new CopyBuffer();
    buffer.push('žluťoučký\n');
    buffer.push('x'.repeat(3 << 20));
    expect([buffer.rows, buffer.bytes]).toEqual([2, 'žluťoučký\n'.length + 4 + (3 << 20)]);
    expect(buffer.take().subarray(0, 16).toString()).toBe('žluťoučký\nxx');
    expect(buffer.bytes).toBe(0);
  });
});
