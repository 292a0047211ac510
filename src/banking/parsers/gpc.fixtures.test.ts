import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectStatements, type ParseOptions, StatementError } from '../statement.ts';
import { parseGpc } from './gpc.ts';

/**
 * The Czech ABO/GPC samples of the shared fixtures. Expectations come from SOURCES.md's notes on
 * each file (amounts, symbols, what is wrong with it), not from this parser. Skipped, saying so,
 * where the shared folder is absent.
 */

const DIR = path.resolve(import.meta.dirname, '../../../../shared/fixtures/bank/gpc-abo');
const present = fs.existsSync(DIR);
if (!present)
  console.warn(`[duly] GPC fixture tests SKIPPED: ${DIR} is absent (shared fixtures not checked out).`);

function parseFile(file: string, options: ParseOptions = {}) {
  return collectStatements(
    parseGpc(fs.createReadStream(path.join(DIR, file), { highWaterMark: 50 }), options),
  );
}

async function refusalOf(file: string, options: ParseOptions = {}): Promise<StatementError> {
  const error = await parseFile(file, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StatementError);
  return error as StatementError;
}

/** SOURCES.md: Expect and what each file exercises; every input file of the folder is listed. */
const EXPECT: Readonly<Record<string, 'REJECT' | 'WARN'>> = {
  'basic_format.abo': 'REJECT',
  'fio.gpc': 'WARN',
  'malformed.abo': 'REJECT',
};

describe.skipIf(!present)('parseGpc on the shared GPC fixtures', () => {
  it('has an expectation for every file of the folder', () => {
    expect(fs.readdirSync(DIR).sort()).toEqual(Object.keys(EXPECT).sort());
  });

  it('refuses basic_format.abo (REJECT): its 074 header is 130 characters, not 128', async () => {
    for (const options of [{}, { tolerateImbalance: true }]) {
      const e = await refusalOf('basic_format.abo', options);
      expect(e.message).toBe('line 1: the record is 130 characters long; GPC records have 128');
    }
  });

  it('refuses malformed.abo (REJECT): truncated records, naming line and column', async () => {
    const e = await refusalOf('malformed.abo', { tolerateImbalance: true });
    expect(e.where).toBe('line 1, column 4');
    expect(e.message).toMatch(/account number 'invalid_data_for' is not 16 digits/);
  });

  it("refuses fio.gpc (WARN) by default: its one item is not the header's debit turnover", async () => {
    expect((await refusalOf('fio.gpc')).message).toBe(
      "line 1: statement 000: the items' debits sum to 1234.56 CZK, but the header's debit turnover is 2720.58 CZK " +
        '(difference 1486.02 CZK)',
    );
  });

  it('imports fio.gpc (WARN) with tolerateImbalance: balances 313174.77 -> 310454.19, the item and its symbols', async () => {
    const [s, ...more] = await parseFile('fio.gpc', { tolerateImbalance: true });
    expect(more).toEqual([]);
    expect([s!.header.openingBalance, s!.end.closingBalance, s!.header.account.number]).toEqual([
      31317477,
      31045419,
      '2600113745',
    ]);
    expect(s!.lines).toHaveLength(1);
    expect(s!.lines[0]).toMatchObject({
      amount: 123456,
      direction: 'debit',
      currency: 'CZK',
      reference: '1446556401',
      symbols: { vs: '1446556401', ks: '0308', ss: '7815392681' },
      payerAccount: '7770227/0100',
      payerName: 'CEZ',
    });
    expect(s!.end.warnings).toEqual([expect.stringMatching(/difference 1486.02 CZK/)]);
  });
});
