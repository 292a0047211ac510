import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { collectStatements, type ParseOptions, StatementError } from '../statement.ts';
import { parseMt940 } from './mt940.ts';

/** Hand-written MT940 files, one rule each; the real bank samples are in mt940.fixtures.test.ts. */

const IBAN = 'DE89370400440532013000';

function file(...lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

/** A statement of 100,00 EUR opening with `body` in between and `closing` as :62F:. */
function statement(body: string[], closing = 'C251231EUR100,00', ref = 'REF1'): string[] {
  return [`:20:${ref}`, `:25:${IBAN}`, ':28C:7/1', ':60F:C251230EUR100,00', ...body, `:62F:${closing}`, '-'];
}

async function* chunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

function parse(text: string | Buffer, options: ParseOptions = {}, chunk = 4096) {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return collectStatements(parseMt940(chunks(data, chunk), options));
}

async function refusal(text: string, options: ParseOptions = {}): Promise<StatementError> {
  const error = await parse(text, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StatementError);
  return error as StatementError;
}

const twoEntries = file(
  ...statement(
    [
      ':61:2512311231C50,00NTRFNONREF//B1',
      ':86:166?00GUTSCHRIFT?20EREF+E2E-1?21SVWZ+Invoice 17?32ACME GmbH',
      ':61:2512311231D20,5NMSCNONREF',
      ':86:Bank fees',
    ],
    'C251231EUR129,50',
  ),
);

describe('parseMt940', () => {
  it('reads a statement: header at the opening balance, its lines, and the checked end', async () => {
    const [s] = await parse(twoEntries);
    expect(s!.header).toMatchObject({
      format: 'mt940',
      where: 'line 1',
      statementId: 'REF1/7/1',
      account: { iban: IBAN, number: null, currency: 'EUR' },
      sequence: '7/1',
      fromDate: '2025-12-30',
      openingBalance: 10000,
      currency: 'EUR',
    });
    expect(s!.lines.map((l) => [l.where, l.direction, l.amount, l.bankReference, l.entryRef])).toEqual([
      ['line 5', 'credit', 5000, 'B1', '1'],
      ['line 7', 'debit', 2050, null, '2'],
    ]);
    expect(s!.end).toEqual({
      statementId: 'REF1/7/1',
      closingBalance: 12950,
      lines: 2,
      net: 2950,
      warnings: [],
    });
  });

  it('gives the same events whatever the chunk size, with LF or CR LF line ends', async () => {
    const whole = await parse(twoEntries);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 64 }), fc.boolean(), async (size, lf) => {
        const text = lf ? twoEntries.replaceAll('\r\n', '\n') : twoEntries;
        expect(await parse(text, {}, size)).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('reads several statements of a file, each ended before the next :20:', async () => {
    const text = file(
      ...statement([]),
      ...statement([':61:2512311231C1,NTRFNONREF'], 'C251231EUR101,00', 'REF2'),
    );
    const statements = await parse(text);
    expect(statements.map((s) => [s.header.statementId, s.header.where, s.end.lines])).toEqual([
      ['REF1/7/1', 'line 1', 0],
      ['REF2/7/1', 'line 7', 1],
    ]);
  });

  it('skips the SWIFT envelope and bank headers around the messages', async () => {
    const text = file(
      ':940:',
      '{1:F01INGBNL2ABXXX0000000000}{2:I940INGBNL2AXXXN}{4:',
      ...statement([]),
      '-}{5:}',
    );
    expect(await parse(text)).toHaveLength(1);
  });

  it('books RC (reversal of a credit) as money out and RD (reversal of a debit) as money in', async () => {
    const [s] = await parse(
      file(...statement([':61:251231RC30,00NTRFNONREF', ':61:251231RD5,00NTRFNONREF'], 'C251231EUR75,00')),
    );
    expect(s!.lines.map((l) => [l.direction, l.reversal, l.amount])).toEqual([
      ['debit', true, 3000],
      ['credit', true, 500],
    ]);
    expect(s!.lines[0]!.returnInfo).toEqual({ reasonCode: null, reason: null, originalEndToEndId: null });
  });

  it('refuses a statement whose entries do not lead to its closing balance, naming the difference', async () => {
    const text = file(...statement([':61:251231C1,00NTRFNONREF'], 'C251231EUR100,00'));
    const e = await refusal(text);
    expect(e.where).toBe('line 6');
    expect(e.message).toContain('the closing balance is 100.00 EUR (difference -1.00 EUR)');
    expect(e.hint).toMatch(/tolerate/);
    const [s] = await parse(text, { tolerateImbalance: true });
    expect(s!.end.warnings).toEqual([
      expect.stringContaining('line 6: statement REF1/7/1: the opening balance'),
    ]);
  });

  it('checks that a :60M: page continues the :62M: balance of the page before', async () => {
    const page1 = [':20:P', `:25:${IBAN}`, ':28C:1/1', ':60F:C251230EUR100,00', ':62M:C251230EUR100,00', '-'];
    const page2 = [':20:P', `:25:${IBAN}`, ':28C:1/2', ':60M:C251230EUR90,00', ':62F:C251231EUR90,00', '-'];
    expect((await refusal(file(...page1, ...page2))).message).toMatch(
      /statement P\/1\/2 continues a page that closed at 100.00 EUR, but opens at 90.00 EUR/,
    );
    const fine = page2.map((l) => l.replace('90,00', '100,00'));
    expect(await parse(file(...page1, ...fine))).toHaveLength(2);
  });

  it('refuses a statement without a closing balance unless tolerated, then with a null closing balance', async () => {
    const text = file(':20:R', `:25:${IBAN}`, ':60F:C251230EUR1,00', ':61:251231C1,00NTRFNONREF');
    expect((await refusal(text)).message).toBe(
      'line 1: statement R has no closing balance (:62F:), so its 1 entries cannot be checked',
    );
    const [s] = await parse(text, { tolerateImbalance: true });
    expect(s!.end.closingBalance).toBeNull();
  });

  it('refuses fields that come before :20:, a second :25:, and MT942 reports, saying which line', async () => {
    expect((await refusal(file(':60F:C251230EUR1,00'))).message).toBe(
      'line 1: :60F: comes before :20:, the field that starts a statement',
    );
    const second = file(':20:R', `:25:${IBAN}`, ':60F:C251230EUR1,00', ':61:251231C1,NTRFNONREF', ':25:x');
    expect((await refusal(second)).where).toBe('line 5');
    expect((await refusal(file(':20:R', `:25:${IBAN}`, ':34F:EURD0,00'))).message).toMatch(
      /line 3: :34F: belongs to an MT942/,
    );
    expect((await refusal(file('hello', ':20:R'))).message).toBe("line 1: 'hello' is not an MT940 field");
  });

  it('names the line and the value of an entry it cannot read', async () => {
    const e = await refusal(file(...statement([':61:251231C12x3NTRFNONREF'])));
    expect(e.message).toMatch(/^line 5: ':61:251231C12x3NTRFNONREF' is not a statement line/);
  });

  it('refuses a currency Duly does not book, naming it', async () => {
    const text = file(':20:R', `:25:${IBAN}`, ':60F:C251230RON1,00', ':62F:C251230RON1,00');
    expect((await refusal(text)).message).toBe('line 3: currency RON is not supported');
  });

  it('leaves out zero-amount information entries, with a warning', async () => {
    const [s] = await parse(file(...statement([':61:251231C0,00NMSCNONREF'])));
    expect(s!.lines).toEqual([]);
    expect(s!.end.warnings).toEqual(['line 5: an entry of 0 (an information line) is not imported']);
  });

  it('keeps a lone "-" inside :86: text when the next line continues it (a wrapped mandate id)', async () => {
    const body = [':61:251231C1,00NDDTEREF//X', ':86:/EREF/E1//MARF/MND', '-', 'EV01//REMI/USTD//Fee/'];
    const [s] = await parse(file(...statement(body, 'C251231EUR101,00')));
    expect(s!.lines[0]!).toMatchObject({ endToEndId: 'E1', text: 'Fee' });
  });

  it('reads windows-1250 text when the file is not UTF-8', async () => {
    const text = file(
      ...statement([':61:251231C1,00NTRFNONREF', ':86:Příliš žluťoučký kůň'], 'C251231EUR101,00'),
    );
    const [s] = await parse(iconv.encode(text, 'windows-1250'));
    expect(s!.lines[0]!.text).toBe('Příliš žluťoučký kůň');
    const [u] = await parse(text);
    expect(u!.lines[0]!.text).toBe('Příliš žluťoučký kůň');
  });
});
