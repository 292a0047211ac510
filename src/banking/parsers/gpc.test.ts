import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { collectStatements, type ParseOptions, StatementError } from '../statement.ts';
import { DEFAULT_POSTING_CODES, gpcParser, parseGpc } from './gpc.ts';

/** Hand-made GPC records, built column by column from the layout in gpc-records.ts. */

const ACCOUNT = '0000000000123456';

const num = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');
const sign = (n: number) => (n < 0 ? '-' : '+');

function header(o: {
  old: number;
  neu: number;
  debit: number;
  credit: number;
  number?: string;
  turnoverSign?: string;
}) {
  const t = o.turnoverSign;
  return (
    `074${ACCOUNT}${'Firma s.r.o.'.padEnd(20)}010326${num(o.old, 14)}${sign(o.old)}${num(o.neu, 14)}${sign(o.neu)}` +
    `${num(o.debit, 14)}${t ?? sign(o.debit)}${num(o.credit, 14)}${t ?? sign(o.credit)}${o.number ?? '001'}020326${' '.repeat(14)}`
  );
}

function item(o: {
  amount: number;
  code: string;
  vs?: string;
  name?: string;
  currency?: string;
  ks?: string;
}) {
  return (
    `075${ACCOUNT}0000190000001234${'0000000000042'}${num(o.amount, 12)}${o.code}${(o.vs ?? '').padStart(10, '0')}` +
    `000800${o.ks ?? '0308'}0000000077020326${(o.name ?? 'ACME').padEnd(20)}0${o.currency ?? '0203'}030326`
  );
}

const file = (...records: string[]) => `${records.join('\r\n')}\r\n`;

async function* chunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

function parse(text: string | Buffer, options: ParseOptions = {}, parser = parseGpc, size = 4096) {
  return collectStatements(parser(chunks(Buffer.isBuffer(text) ? text : Buffer.from(text), size), options));
}

async function refusal(text: string, options: ParseOptions = {}): Promise<StatementError> {
  const error = await parse(text, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StatementError);
  return error as StatementError;
}

const basic = file(
  header({ old: 100000, neu: 112345, debit: 5000, credit: 17345 }),
  item({ amount: 17345, code: '2', vs: '2026017', name: 'Příliš žluťoučký kůň' }),
  item({ amount: 5000, code: '1', ks: '0000' }),
);

describe('parseGpc', () => {
  it('reads a statement: header, items with symbols, counter-account, dates, and the checked end', async () => {
    const [s] = await parse(iconv.encode(basic, 'windows-1250'));
    expect(s!.header).toMatchObject({
      format: 'gpc',
      statementId: '001',
      account: { iban: null, number: '123456', currency: 'CZK' },
      fromDate: '2026-03-01',
      toDate: '2026-03-02',
      openingBalance: 100000,
    });
    expect(s!.lines[0]).toMatchObject({
      where: 'line 2',
      amount: 17345,
      direction: 'credit',
      reference: '2026017',
      referenceKind: 'VS',
      symbols: { vs: '2026017', ss: '77', ks: '0308' },
      payerName: 'Příliš žluťoučký kůň',
      payerAccount: '19-1234/0800',
      bankReference: '42',
      valueDate: '2026-03-02',
      bookingDate: '2026-03-03',
    });
    expect(s!.lines[1]).toMatchObject({
      direction: 'debit',
      reference: null,
      symbols: { vs: null, ss: '77', ks: null },
    });
    expect(s!.end).toEqual({
      statementId: '001',
      closingBalance: 112345,
      lines: 2,
      net: 12345,
      warnings: [],
    });
  });

  it('reads the same file in UTF-8, whatever the chunk size', async () => {
    const whole = await parse(iconv.encode(basic, 'windows-1250'));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), async (size) => {
        expect(await parse(basic, {}, parseGpc, size)).toEqual(whole);
      }),
      { numRuns: 30 },
    );
  });

  it('books storno codes 4 and 5 as reversals, accepting red and black storno turnovers', async () => {
    const items = [
      item({ amount: 1000, code: '1' }),
      item({ amount: 300, code: '4' }),
      item({ amount: 200, code: '5' }),
    ];
    // Net -1000 + 300 - 200 = -900. Red storno: debits 1000 - 300, credits 0 - 200; black: 1000 + 200, 300.
    const red = await parse(file(header({ old: 5000, neu: 4100, debit: 700, credit: -200 }), ...items));
    const black = await parse(file(header({ old: 5000, neu: 4100, debit: 1200, credit: 300 }), ...items));
    expect(red[0]!.lines.map((l) => [l.direction, l.reversal])).toEqual([
      ['debit', false],
      ['credit', true],
      ['debit', true],
    ]);
    expect([red[0]!.end.net, black[0]!.end.net]).toEqual([-900, -900]);
  });

  it('reads posting codes as the organisation configured them for its bank', async () => {
    const swapped = gpcParser({
      postingCodes: {
        ...DEFAULT_POSTING_CODES,
        '4': { direction: 'debit', reversal: true },
        '5': { direction: 'credit', reversal: true },
      },
    });
    const text = file(header({ old: 0, neu: 100, debit: 0, credit: 100 }), item({ amount: 100, code: '5' }));
    expect((await parse(text, {}, swapped))[0]!.lines[0]!.direction).toBe('credit');
    expect(
      (await refusal(file(header({ old: 0, neu: 0, debit: 0, credit: 0 }), item({ amount: 1, code: '3' }))))
        .message,
    ).toBe("line 2, column 61: posting code '3' is not one of 1, 2, 4, 5");
  });

  it("refuses items that do not add up to the header's turnovers unless tolerated", async () => {
    const text = file(
      header({ old: 0, neu: -900, debit: 900, credit: 0 }),
      item({ amount: 1000, code: '1' }),
    );
    const e = await refusal(text);
    expect(e.message).toBe(
      "line 1: statement 001: the items' debits sum to 10.00 CZK, but the header's debit turnover is 9.00 CZK (difference -1.00 CZK)",
    );
    const [s] = await parse(text, { tolerateImbalance: true });
    expect(s!.end.warnings).toHaveLength(1);
  });

  it('refuses a header whose balances and turnovers do not agree', async () => {
    const e = await refusal(file(header({ old: 100, neu: 100, debit: 50, credit: 0, turnoverSign: '0' })));
    expect(e.message).toMatch(/gives 0.50 CZK, but the new balance is 1.00 CZK/);
  });

  it('reads several statements and 078/079 message records', async () => {
    const av = `078${'Faktura 2026017'.padEnd(35)}${'dekujeme'.padEnd(35)}`;
    const text = file(
      header({ old: 0, neu: 100, debit: 0, credit: 100 }),
      item({ amount: 100, code: '2' }),
      av,
      header({ old: 100, neu: 100, debit: 0, credit: 0, number: '002' }),
    );
    const statements = await parse(text);
    expect(statements.map((s) => [s.header.statementId, s.lines.length])).toEqual([
      ['001', 1],
      ['002', 0],
    ]);
    expect(statements[0]!.lines[0]!.text).toBe('Faktura 2026017 dekujeme');
  });

  it('refuses malformed records, naming line and column', async () => {
    const long = await refusal(file(`${header({ old: 0, neu: 0, debit: 0, credit: 0 })}  `));
    expect(long.message).toBe('line 1: the record is 130 characters long; GPC records have 128');
    const bad = item({ amount: 1, code: '2' }).replace('000000000001', '00000000000x');
    expect((await refusal(file(header({ old: 0, neu: 0, debit: 0, credit: 0 }), bad))).where).toBe(
      'line 2, column 49',
    );
    expect((await refusal(file('999unknown'))).message).toMatch(/^line 1: unknown record type '999'/);
    expect((await refusal(file(item({ amount: 1, code: '2' })))).message).toBe(
      'line 1: a 075 record before the first 074 header',
    );
    const eur = item({ amount: 1, code: '2', currency: '0999' });
    expect((await refusal(file(header({ old: 0, neu: 1, debit: 0, credit: 1 }), eur))).where).toBe(
      'line 2, column 119',
    );
  });
});
