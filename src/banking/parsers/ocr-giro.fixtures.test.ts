import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectStatements, StatementError } from '../statement.ts';
import { parseOcrGiro } from './ocr-giro.ts';

/**
 * The Nets samples of the shared fixtures (from otovo/python-netsgiro). Expectations come from
 * SOURCES.md's notes and the end records of the file itself (20 transactions, 43 records, sum
 * 51 449,00 NOK), not from this parser. Skipped, saying so, where the shared folder is absent.
 */

const DIR = path.resolve(import.meta.dirname, '../../../../shared/fixtures/bank/ocr-giro');
const present = fs.existsSync(DIR);
if (!present)
  console.warn(`[duly] OCR giro fixture tests SKIPPED: ${DIR} is absent (shared fixtures not checked out).`);

function parseFile(file: string) {
  return collectStatements(parseOcrGiro(fs.createReadStream(path.join(DIR, file), { highWaterMark: 100 })));
}

/**
 * SOURCES.md marks all three ACCEPT, noting that the AvtaleGiro files are "not a statement;
 * optional": they are direct-debit claims and agreements, not money received, so Duly refuses them.
 */
const EXPECT: Readonly<Record<string, 'ACCEPT' | 'NOT A STATEMENT'>> = {
  'avtalegiro_agreements.txt': 'NOT A STATEMENT',
  'avtalegiro_payment_request.txt': 'NOT A STATEMENT',
  'ocr_giro_transactions.txt': 'ACCEPT',
};

describe.skipIf(!present)('parseOcrGiro on the shared OCR giro fixtures', () => {
  it('has an expectation for every file of the folder', () => {
    expect(fs.readdirSync(DIR).sort()).toEqual(Object.keys(EXPECT).sort());
  });

  it('imports ocr_giro_transactions.txt: 20 payments totalling 51 449,00 NOK, the first 1 020,00 with KID 0000531', async () => {
    const [s, ...more] = await parseFile('ocr_giro_transactions.txt');
    expect(more).toEqual([]);
    expect(s!.header).toMatchObject({
      account: { number: '99991042764' },
      currency: 'NOK',
      openingBalance: null,
    });
    expect(s!.lines).toHaveLength(20);
    expect(s!.end).toMatchObject({ lines: 20, net: 5144900, warnings: [] });
    expect(s!.lines[0]).toMatchObject({
      amount: 102000,
      reference: '0000531',
      referenceKind: 'KID',
      text: 'Foo bar baz',
    });
    expect(s!.lines.every((l) => l.currency === 'NOK' && l.direction === 'credit')).toBe(true);
    expect(new Set(s!.lines.map((l) => l.bankCode))).toEqual(new Set(['10', '11', '12', '13', '21']));
  });

  for (const file of Object.keys(EXPECT).filter((f) => EXPECT[f] === 'NOT A STATEMENT')) {
    it(`refuses ${file}: AvtaleGiro claims or agreements are not payments received`, async () => {
      const error = await parseFile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StatementError);
      expect((error as StatementError).message).toBe(
        'line 2: this is an AvtaleGiro file (service code 21), not OCR giro payments',
      );
    });
  }
});
