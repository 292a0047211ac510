import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { collectStatements, type ParseOptions, StatementError } from '../statement.ts';
import { type CsvMapping, parseCsv } from './csv.ts';

/** A Czech bank export: semicolons, decimal comma, space thousands, a running balance. */
const czech: CsvMapping = {
  delimiter: ';',
  decimal: ',',
  thousands: ' ',
  dateFormat: 'DD.MM.YYYY',
  currency: 'CZK',
  account: { iban: 'CZ65 0800 0000 1920 0014 5399' },
  columns: {
    date: 'Datum',
    amount: 'Částka',
    text: ['Zpráva', 'Poznámka'],
    payerName: 'Protistrana',
    reference: 'VS',
    balance: 'Zůstatek',
  },
  referenceKind: 'VS',
};

const rows = [
  'Datum;Částka;Zpráva;Poznámka;Protistrana;VS;Zůstatek',
  '01.03.2026;1 234,50;Faktura 2026017;;Příliš žluťoučký kůň;2026017;11 234,50',
  '02.03.2026;-234,5;"Poplatek; měsíc";březen;;;11 000,00',
  '03.03.2026;10 000;;;"ACME, s.r.o.";;21 000,00',
];
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function* chunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

function parse(text: string | Buffer, mapping: CsvMapping = czech, options: ParseOptions = {}, size = 4096) {
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return collectStatements(parseCsv(mapping)(chunks(data, size), options));
}

async function refusal(
  text: string,
  mapping: CsvMapping = czech,
  options: ParseOptions = {},
): Promise<StatementError> {
  const error = await parse(text, mapping, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StatementError);
  return error as StatementError;
}

describe('parseCsv', () => {
  it('reads rows with decimal commas and space thousands into one statement, closing at the last balance', async () => {
    const [s] = await parse(csv(...rows));
    expect(s!.header).toMatchObject({
      format: 'csv',
      where: 'line 1',
      account: { iban: 'CZ6508000000192000145399', currency: 'CZK' },
      openingBalance: null,
    });
    expect(s!.lines.map((l) => [l.where, l.direction, l.amount, l.bookingDate, l.text])).toEqual([
      ['line 2', 'credit', 123450, '2026-03-01', 'Faktura 2026017'],
      ['line 3', 'debit', 23450, '2026-03-02', 'Poplatek; měsíc březen'],
      ['line 4', 'credit', 1000000, '2026-03-03', ''],
    ]);
    expect(s!.lines[0]).toMatchObject({
      reference: '2026017',
      referenceKind: 'VS',
      payerName: 'Příliš žluťoučký kůň',
    });
    expect(s!.end).toEqual({
      statementId: 'csv',
      closingBalance: 2100000,
      lines: 3,
      net: 1100000,
      warnings: [],
    });
  });

  it('gives the same result whatever the chunk size, and from windows-1250 bytes', async () => {
    const whole = await parse(csv(...rows));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50 }), async (size) => {
        expect(await parse(csv(...rows), czech, {}, size)).toEqual(whole);
      }),
      { numRuns: 25 },
    );
    const cp1250 = iconv.encode(csv(...rows), 'windows-1250');
    expect(await parse(cp1250, { ...czech, encoding: 'windows-1250' })).toEqual(whole);
  });

  it('names line and column of an amount it cannot read, and shows the expected format', async () => {
    const bad = [...rows.slice(0, 3), '03.03.2026;12,3x;;;;;21 000,00'];
    const e = await refusal(csv(...bad));
    expect(e.message).toBe("line 4, column Částka: '12,3x' is not an amount in the format 1 234,56");
    const grouped = await refusal(csv(rows[0]!, '01.03.2026;12 34,50;;;;;1'));
    expect(grouped.where).toBe('line 2, column Částka');
  });

  it('counts lines inside quoted multi-line fields, so later errors point at the right line', async () => {
    const text = csv(rows[0]!, '01.03.2026;1,00;"two\nlines";;;;10 001,00', '31.02.2026;1,00;;;;;10 002,00');
    const e = await refusal(text);
    expect(e.message).toBe("line 4, column Datum: '31.02.2026' is not a date in the format DD.MM.YYYY");
  });

  it('refuses a running balance that breaks, at the row where it breaks, unless tolerated', async () => {
    const broken = [...rows.slice(0, 3), '03.03.2026;10 000;;;;;21 000,01'];
    const e = await refusal(csv(...broken));
    expect(e.where).toBe('line 4, column Zůstatek');
    expect(e.message).toMatch(
      /the balance 21000.01 CZK does not follow from the balance 11000.00 CZK of line 3/,
    );
    const [s] = await parse(csv(...broken), czech, { tolerateImbalance: true });
    expect(s!.end.warnings).toHaveLength(1);
  });

  it('checks a newest-first export the other way round, closing at its first row', async () => {
    const newestFirst = [rows[0]!, rows[3]!, rows[2]!, rows[1]!];
    const [s] = await parse(csv(...newestFirst));
    expect(s!.end).toMatchObject({ closingBalance: 2100000, warnings: [] });
    const broken = [rows[0]!, rows[3]!, rows[2]!.replace('11 000,00', '11 000,10'), rows[1]!];
    expect((await refusal(csv(...broken))).where).toBe('line 3, column Zůstatek');
  });

  it('takes the sign from credit/debit columns, or from a D/C column, and inverts card statements', async () => {
    const split: CsvMapping = {
      decimal: '.',
      dateFormat: 'YYYY-MM-DD',
      currency: 'EUR',
      columns: { date: 'd', credit: 'in', debit: 'out' },
    };
    const [a] = await parse(
      csv('d,in,out', '2026-03-01,10.00,', '2026-03-02,,-4.00', '2026-03-03,,4.00'),
      split,
    );
    expect(a!.lines.map((l) => [l.direction, l.amount])).toEqual([
      ['credit', 1000],
      ['debit', 400],
      ['debit', 400],
    ]);
    const dc: CsvMapping = {
      ...split,
      invertSign: true,
      columns: { date: 'd', amount: 'a', direction: 'dc' },
    };
    const [b] = await parse(csv('d,a,dc', '2026-03-01,-5.00,C', '2026-03-02,5.00,D'), dc);
    expect(b!.lines.map((l) => l.direction)).toEqual(['debit', 'credit']);
    expect((await refusal(csv('d,a,dc', '2026-03-01,5.00,X'), dc)).message).toBe(
      "line 2, column dc: 'X' is neither a credit nor a debit code",
    );
  });

  it('refuses a mapped column the header lacks, listing the columns it has', async () => {
    const e = await refusal(csv('Datum;Betrag', '01.03.2026;1,00'));
    expect(e.message).toBe("line 1: the header has no column 'Částka' (it has 'Datum', 'Betrag')");
  });

  it('refuses an invalid mapping before reading, and a file without a header line', async () => {
    const e = await refusal(csv(...rows), { ...czech, decimal: ',', thousands: ',' });
    expect(e.where).toBe('mapping');
    expect(e.message).toMatch(/thousands separator must differ from the decimal mark/);
    expect((await refusal('')).message).toBe('line 1: the file has no header line');
  });

  it('leaves out zero-amount rows with a warning, and imports a header-only file as an empty statement', async () => {
    const [s] = await parse(csv(rows[0]!, '01.03.2026;0,00;;;;;10 000,00', '02.03.2026;1,00;;;;;10 001,00'));
    expect(s!.lines).toHaveLength(1);
    expect(s!.end.warnings).toEqual(['line 2: a row of amount 0 is not imported']);
    const [empty] = await parse(csv(rows[0]!));
    expect([empty!.lines.length, empty!.end.closingBalance]).toEqual([0, null]);
  });
});
