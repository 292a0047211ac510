import { describe, expect, it } from 'vitest';
import { collectStatements, type ParseOptions, StatementError } from '../statement.ts';
import { parseOcrGiro } from './ocr-giro.ts';

/** Hand-made OCR giro records, built column by column from the layout in ocr-giro-records.ts. */

const z = (n: number, width: number) => String(n).padStart(width, '0');
const transmissionStart = () => `NY00001000008080017003100010200${'0'.repeat(49)}`;
const assignmentStart = (no: number) => `NY090020001008566${z(no, 7)}99991042764${'0'.repeat(45)}`;
const amount1 = (type: string, n: number, amount: number, kid: string, sign = '0') =>
  `NY09${type}30${z(n, 7)}2001261320101464${sign}${z(amount, 17)}${kid.padStart(25)}000000`;
const amount2 = (type: string, n: number) =>
  `NY09${type}31${z(n, 7)}96368271940990385620000000190126${'12345678903'}${'0'.repeat(22)}`;
const amount3 = (type: string, n: number, text: string) =>
  `NY09${type}32${z(n, 7)}${text.padEnd(40)}${'0'.repeat(25)}`;
const assignmentEnd = (tx: number, records: number, sum: number) =>
  `NY090088${z(tx, 8)}${z(records, 8)}${z(sum, 17)}200126200126200126${'0'.repeat(21)}`;
const transmissionEnd = (tx: number, records: number, sum: number) =>
  `NY000089${z(tx, 8)}${z(records, 8)}${z(sum, 17)}200126${'0'.repeat(33)}`;

const file = (...records: string[]) => `${records.join('\r\n')}\r\n`;

/** Two payments of one assignment: 1 020,00 with KID and text, and 560,00. */
const payments = [
  amount1('21', 1, 102000, '0000531'),
  amount2('21', 1),
  amount3('21', 1, 'Foo bar baz'),
  amount1('10', 2, 56000, '2026017'),
  amount2('10', 2),
];

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

function parse(text: string, options: ParseOptions = {}) {
  return collectStatements(parseOcrGiro(once(text), options));
}

async function refusal(text: string, options: ParseOptions = {}): Promise<StatementError> {
  const error = await parse(text, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StatementError);
  return error as StatementError;
}

describe('parseOcrGiro', () => {
  it('reads an assignment as a NOK statement without balances, one credit line per payment with its KID', async () => {
    const text = file(
      transmissionStart(),
      assignmentStart(7),
      ...payments,
      assignmentEnd(2, 7, 158000),
      transmissionEnd(2, 9, 158000),
    );
    const [s, ...more] = await parse(text);
    expect(more).toEqual([]);
    expect(s!.header).toMatchObject({
      format: 'ocr-giro',
      where: 'line 2',
      statementId: '170031/7',
      account: { iban: null, number: '99991042764', currency: 'NOK' },
      openingBalance: null,
    });
    expect(
      s!.lines.map((l) => [
        l.where,
        l.amount,
        l.direction,
        l.reference,
        l.referenceKind,
        l.text,
        l.payerAccount,
      ]),
    ).toEqual([
      ['line 3', 102000, 'credit', '0000531', 'KID', 'Foo bar baz', '12345678903'],
      ['line 6', 56000, 'credit', '2026017', 'KID', '', '12345678903'],
    ]);
    expect(s!.lines[0]).toMatchObject({
      bookingDate: '2026-01-20',
      bankReference: '099038562',
      bankCode: '21',
    });
    expect(s!.end).toEqual({
      statementId: '170031/7',
      closingBalance: null,
      lines: 2,
      net: 158000,
      warnings: [],
    });
  });

  it('books reversals (type 18, or a "-" sign) as money out, taking a net or gross sum', async () => {
    const rev = [amount1('18', 3, 20000, '0000531'), amount2('18', 3)];
    for (const sum of [138000, 178000]) {
      const text = file(
        transmissionStart(),
        assignmentStart(1),
        ...payments,
        ...rev,
        assignmentEnd(3, 9, sum),
        transmissionEnd(3, 11, sum),
      );
      const [s] = await parse(text);
      expect(s!.lines[2]).toMatchObject({ direction: 'debit', reversal: true, amount: 20000 });
      expect(s!.end.net).toBe(138000);
    }
  });

  it('refuses an assignment whose counts or sum differ from what was read, naming the record line', async () => {
    const text = file(
      transmissionStart(),
      assignmentStart(1),
      ...payments,
      assignmentEnd(3, 7, 158000),
      transmissionEnd(3, 9, 158000),
    );
    const e = await refusal(text);
    expect(e.message).toBe(
      'line 8: assignment 170031/1 states transactions 3, but 2 were read (difference 1)',
    );
    const [s] = await parse(text, { tolerateImbalance: true });
    expect(s!.end.warnings).toEqual([
      'line 8: assignment 170031/1 states transactions 3, but 2 were read (difference 1)',
      'line 9: the transmission states transactions 3, but 2 were read (difference 1)',
    ]);
    const sum = file(
      transmissionStart(),
      assignmentStart(1),
      ...payments,
      assignmentEnd(2, 7, 158001),
      transmissionEnd(2, 9, 158000),
    );
    expect((await refusal(sum)).message).toMatch(/states sum 1580.01 NOK, but 1580.00 NOK were read/);
  });

  it("checks the transmission end's record count, which includes the start and end records", async () => {
    const text = file(
      transmissionStart(),
      assignmentStart(1),
      ...payments,
      assignmentEnd(2, 7, 158000),
      transmissionEnd(2, 8, 158000),
    );
    expect((await refusal(text)).message).toBe(
      'line 9: the transmission states records 8, but 9 were read (difference -1)',
    );
  });

  it('reads several assignments, ending each before the next starts', async () => {
    const text = file(
      transmissionStart(),
      assignmentStart(1),
      ...payments.slice(0, 3),
      assignmentEnd(1, 5, 102000),
      assignmentStart(2),
      assignmentEnd(0, 2, 0),
      transmissionEnd(1, 9, 102000),
    );
    const events = [];
    for await (const e of parseOcrGiro(once(text))) events.push(e.kind);
    expect(events).toEqual(['statement', 'line', 'end', 'statement', 'end']);
  });

  it('refuses a cut-short file, a record after the end, a stray item and an AvtaleGiro file', async () => {
    const head = [transmissionStart(), assignmentStart(1), ...payments];
    expect((await refusal(file(...head))).message).toBe(
      'end of file: the file ends without its transmission end record (NY000089)',
    );
    const after = file(
      ...head,
      assignmentEnd(2, 7, 158000),
      transmissionEnd(2, 9, 158000),
      transmissionStart(),
    );
    expect((await refusal(after)).message).toBe('line 10: a record after the transmission end (NY000089)');
    const stray = file(transmissionStart(), assignmentStart(1), amount1('10', 1, 1, '1'), amount2('10', 2));
    expect((await refusal(stray)).message).toMatch(
      /^line 4: amount item 2 of transaction 2 \(type 10\) follows transaction 1/,
    );
    expect(
      (await refusal(file(transmissionStart(), assignmentStart(1).replace('NY0900', 'NY2100')))).message,
    ).toMatch(/^line 2: this is an AvtaleGiro file/);
  });

  it('refuses a record that is not 80 characters, or a bad amount, saying where', async () => {
    expect((await refusal(file(`${transmissionStart()}0`))).message).toBe(
      'line 1: the record is 81 characters long; OCR giro records have 80',
    );
    const bad = amount1('10', 1, 1, '1').replace('00000000000000001', '0000000000000000x');
    expect((await refusal(file(transmissionStart(), assignmentStart(1), bad))).where).toBe(
      'line 3, column 33',
    );
  });
});
