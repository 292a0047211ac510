import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCurrency } from '../../kernel/money.ts';
import { collectStatements, type ParseOptions, StatementError } from '../statement.ts';
import { parseMt940 } from './mt940.ts';
import { MT940_FIXTURES, type Statement } from './mt940-fixtures.expect.ts';

/**
 * Every MT940 sample in the shared fixtures, against expectations written down from SOURCES.md,
 * the wolph/mt940 dumps and the files' own balance fields (mt940-fixtures.expect.ts). Files are
 * streamed in small chunks so that lines split across chunks are exercised too. The folder sits
 * beside the repository in CI; on a fresh clone it is absent and this suite is skipped, saying so.
 */

const ROOT = path.resolve(import.meta.dirname, '../../../../shared/fixtures/bank');
const DIR = path.join(ROOT, 'mt940');
const present = fs.existsSync(DIR);
if (!present)
  console.warn(`[duly] MT940 fixture tests SKIPPED: ${DIR} is absent (shared fixtures not checked out).`);

function parseFile(file: string, options: ParseOptions = {}) {
  return collectStatements(
    parseMt940(fs.createReadStream(path.join(DIR, file), { highWaterMark: 61 }), options),
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

type Parsed = Awaited<ReturnType<typeof parseFile>>;

function check(file: string, statements: Parsed, expected: readonly Statement[]) {
  const want = MT940_FIXTURES[file]!;
  expect(statements).toHaveLength(expected.length);
  statements.forEach((s, i) => {
    const [lines, opening, closing, lineSum] = expected[i]!;
    const signed = s.lines.map((l) => (l.direction === 'credit' ? l.amount : -l.amount));
    expect(s.lines).toHaveLength(lines);
    expect([s.header.openingBalance, s.end.closingBalance]).toEqual([opening, closing]);
    expect(signed.reduce((a, b) => a + b, 0)).toBe(lineSum ?? closing! - opening!);
    expect(s.end.net).toBe(lineSum ?? closing! - opening!);
  });
  const all = statements.flatMap((s) => s.lines);
  if (want.first) {
    const signed = all.map((l) => (l.direction === 'credit' ? l.amount : -l.amount));
    expect(signed.slice(0, want.first.length)).toEqual(want.first);
  }
  if (want.reversals !== undefined) expect(all.filter((l) => l.reversal)).toHaveLength(want.reversals);
}

/** The Expect column of SOURCES.md's MT940 table, by file name. */
function sourcesVerdicts(): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, 'SOURCES.md'), 'utf8');
  const section = text.slice(text.indexOf('## SWIFT MT940'), text.indexOf('## Belgian CODA'));
  const out = new Map<string, string>();
  for (const row of section.split('\n')) {
    const cells = row.split('|').map((c) => c.trim());
    const name = /^`(.+)`$/.exec(cells[1] ?? '')?.[1];
    if (name && cells[7] !== '-') out.set(name, cells[7]!);
  }
  return out;
}

describe.skipIf(!present)('parseMt940 on the shared MT940 fixtures', () => {
  it('has an expectation for every input file (the .yml dumps aside), and a file for every expectation', () => {
    const inputs = fs.readdirSync(DIR).filter((f) => !f.endsWith('.yml'));
    expect(inputs.sort()).toEqual(Object.keys(MT940_FIXTURES).sort());
  });

  it("gives SOURCES.md's verdict for every file, or says why not", () => {
    const verdicts = sourcesVerdicts();
    for (const [file, want] of Object.entries(MT940_FIXTURES)) {
      expect(verdicts.get(file), file).toBe(want.sources);
      const duly = want.expect === 'CURRENCY' ? 'ACCEPT' : want.expect;
      expect(duly === want.sources || want.why !== undefined, `${file}: why is missing`).toBe(true);
      expect(duly !== want.sources || want.why === undefined || want.expect === 'CURRENCY', file).toBe(true);
    }
  });

  for (const [file, want] of Object.entries(MT940_FIXTURES)) {
    if (want.expect === 'ACCEPT') {
      it(`imports ${file} with its lines and balances`, async () => {
        const statements = await parseFile(file);
        check(file, statements, want.statements);
        const warnings = statements.flatMap((s) => s.end.warnings);
        if (want.note)
          expect(
            warnings.some((w) => want.note!.test(w)),
            warnings.join('; '),
          ).toBe(true);
        else expect(warnings).toEqual([]);
      });
    } else if (want.expect === 'WARN') {
      it(`refuses ${file} by default, saying why`, async () => {
        expect((await refusalOf(file)).message).toMatch(want.refusal);
      });
      it(`imports ${file} with tolerateImbalance, warning about the difference`, async () => {
        const statements = await parseFile(file, { tolerateImbalance: true });
        check(file, statements, want.statements);
        expect(statements.flatMap((s) => s.end.warnings).some((w) => want.warning.test(w))).toBe(true);
      });
    } else if (want.expect === 'REJECT') {
      it(`refuses ${file}, saying why, even with tolerateImbalance`, async () => {
        expect((await refusalOf(file)).message).toMatch(want.refusal);
        await expect(parseFile(file, { tolerateImbalance: true })).rejects.toThrow(want.refusal);
      });
    } else if (isCurrency(want.currency)) {
      it(`imports ${file} with its lines and balances (${want.currency})`, async () => {
        check(file, await parseFile(file), want.statements);
      });
    } else {
      it(`refuses ${file}: Duly does not book ${want.currency}`, async () => {
        expect((await refusalOf(file)).message).toMatch(`currency ${want.currency} is not supported`);
      });
    }
  }
});
