import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectStatements, type ParseOptions, StatementError } from '../statement.ts';
import { parseCamt } from './camt.ts';
import { FIXTURES, type StatementExpectation } from './camt-fixtures.expect.ts';

/**
 * Every camt.053/camt.054 sample in the shared fixtures, against expectations written down from
 * SOURCES.md and the other parsers' dumps (camt-fixtures.expect.ts). The folder sits beside the
 * repository in CI; on a fresh clone it is absent and this suite is skipped, saying so.
 */

const ROOT = path.resolve(import.meta.dirname, '../../../../shared/fixtures/bank');
const present = fs.existsSync(path.join(ROOT, 'camt053'));
if (!present)
  console.warn(
    `[duly] camt fixture tests SKIPPED: ${ROOT} is absent (shared bank fixtures not checked out).`,
  );

/** Statement inputs: everything but the other parsers' expected outputs and archives. */
function inputs(): string[] {
  return ['camt053', 'camt054'].flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((name) => !/\.(json|pydata|zip)$/.test(name))
      .map((name) => `${dir}/${name}`),
  );
}

function parseFile(file: string, options: ParseOptions = {}) {
  return collectStatements(
    parseCamt(fs.createReadStream(path.join(ROOT, file), { highWaterMark: 1024 }), options),
  );
}

async function refusalOf(file: string): Promise<StatementError> {
  try {
    await parseFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(StatementError);
    return error as StatementError;
  }
  throw new Error(`${file} was accepted`);
}

function check(statements: Awaited<ReturnType<typeof parseFile>>, expected: readonly StatementExpectation[]) {
  expect(statements).toHaveLength(expected.length);
  statements.forEach((s, i) => {
    const want = expected[i]!;
    const signed = s.lines.map((l) => (l.direction === 'credit' ? l.amount : -l.amount));
    expect(s.lines).toHaveLength(want.lines);
    expect([s.header.openingBalance, s.end.closingBalance]).toEqual([want.opening, want.closing]);
    const sum = signed.reduce((a, b) => a + b, 0);
    expect(sum).toBe(want.lineSum ?? want.closing! - want.opening!);
    if (want.amounts) expect(signed.slice(0, want.amounts.length)).toEqual(want.amounts);
  });
}

describe.skipIf(!present)('parseCamt on the shared camt fixtures', () => {
  it('has an expectation for every camt.053/camt.054 input file, and a file for every expectation', () => {
    expect(inputs().sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  for (const [file, want] of Object.entries(FIXTURES)) {
    if (want.expect === 'ACCEPT') {
      it(`imports ${file} (ACCEPT) with its lines and balances, and no warning`, async () => {
        const statements = await parseFile(file);
        check(statements, want.statements);
        for (const s of statements) expect(s.end.warnings).toEqual([]);
      });
    } else if (want.expect === 'WARN') {
      it(`refuses ${file} (WARN) by default, saying why`, async () => {
        expect((await refusalOf(file)).message).toMatch(want.refusal);
      });
      it(`imports ${file} (WARN) with tolerateImbalance, warning about the difference`, async () => {
        const statements = await parseFile(file, { tolerateImbalance: true });
        check(statements, want.statements);
        expect(statements.flatMap((s) => s.end.warnings).some((w) => want.warning.test(w))).toBe(true);
      });
    } else {
      it(`refuses ${file} (${want.expect}), saying why`, async () => {
        expect((await refusalOf(file)).message).toMatch(want.refusal);
      });
    }
  }

  it('chains the LT statements: each opening balance is the previous closing balance', async () => {
    const days = ['2024-03-07', '2024-03-08', '2024-03-11'];
    const all = await Promise.all(
      days.map((d) => parseFile(`camt053/${d}.xml`, { tolerateImbalance: true })),
    );
    for (let i = 1; i < all.length; i++) {
      expect(all[i]![0]!.header.openingBalance).toBe(all[i - 1]![0]!.end.closingBalance);
    }
  });

  it('reads the Swiss QR reference and the payer of the OCA camt.054 sample', async () => {
    const [s] = await parseFile('camt054/test-camt054');
    expect(s!.lines[0]).toMatchObject({
      reference: '000000000000000000000000003',
      referenceKind: 'QRR',
      payerName: 'Test Customer',
      payerAccount: 'NL46ABNA0499998748',
      endToEndId: 'ENDTOENDID-01',
    });
  });
});
