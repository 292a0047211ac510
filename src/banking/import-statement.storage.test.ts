import { expect, it } from 'vitest';
import { org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import type { Db } from '../db/database.ts';
import { importStatement } from './import-statement.ts';
import {
  StatementError,
  type StatementEvent,
  type StatementHeader,
  type StatementLine,
  type StatementParser,
} from './statement.ts';

/*
 * The import shell with a small line-per-entry parser written here ("C|1250.00|text" lines after an
 * "ACCOUNT <iban>" line), so these tests are about what the shell does with any parser's events:
 * atomicity, duplicates, the account check. The real formats are tested with real files beside
 * their parsers and in the end-to-end bank tests.
 */
const IBAN = 'CZ6508000000192000145399';

const tiny: StatementParser = async function* (input): AsyncGenerator<StatementEvent> {
  let text = '';
  for await (const chunk of input) text += chunk.toString();
  const rows = text.trim().split('\n');
  const account = rows[0]!.replace('ACCOUNT ', '');
  const header: StatementHeader = {
    format: 'csv',
    where: 'line 1',
    statementId: 'S1',
    account: { iban: account, number: null, currency: 'CZK' },
    sequence: null,
    createdAt: null,
    fromDate: '2026-03-02',
    toDate: '2026-03-02',
    openingBalance: null,
    currency: 'CZK',
  };
  yield { kind: 'statement', statement: header };
  let net = 0;
  for (const [i, row] of rows.slice(1).entries()) {
    const [dc, amount, ref, words] = row.split('|');
    if (!dc || !amount || !/^\d+\.\d\d$/.test(amount)) {
      throw new StatementError(`line ${i + 2}`, `not an entry: ${row}`, 'write C|1250.00|ref|text');
    }
    const minor = Number(amount.replace('.', ''));
    net += dc === 'C' ? minor : -minor;
    const line: StatementLine = {
      where: `line ${i + 2}`,
      statementId: 'S1',
      entryRef: `E${i + 1}`,
      amount: minor,
      currency: 'CZK',
      direction: dc === 'C' ? 'credit' : 'debit',
      reversal: false,
      status: 'booked',
      bookingDate: '2026-03-02',
      valueDate: '2026-03-02',
      bankReference: ref || null,
      endToEndId: null,
      reference: null,
      referenceKind: null,
      symbols: null,
      text: words ?? '',
      payerName: 'Pila Vyškov s.r.o.',
      payerAccount: null,
      returnInfo: null,
      bankCode: null,
    };
    yield { kind: 'line', line };
  }
  yield {
    kind: 'end',
    end: { statementId: 'S1', closingBalance: null, lines: rows.length - 1, net, warnings: [] },
  };
};

const file = (...rows: string[]) => [Buffer.from(`ACCOUNT ${IBAN}\n${rows.join('\n')}\n`)];

async function counts(db: Db, orgId: string) {
  const n = async (t: 'bank_imports' | 'bank_statements' | 'bank_lines') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    imports: await n('bank_imports'),
    statements: await n('bank_statements'),
    lines: await n('bank_lines'),
  };
}

describeEachEngine('importing a bank statement', (ctx) => {
  const db = () => ctx().handle.db;
  const run = (orgId: string, input: Buffer[], fileName = 'day.txt') =>
    importStatement(db(), orgId, input, { format: 'csv', parser: tiny, fileName });
  const account = { bankAccounts: [{ iban: IBAN, currency: 'CZK' }] };

  it('writes every line once; the same file again changes nothing and says so', async () => {
    const o = await org(db(), account);
    const day = file(
      'C|1250.00|B1|Faktura 2026-0042',
      'D|99.00|B2|Bank fee',
      'C|1250.00||no ref',
      'C|1250.00||no ref',
    );
    const first = await run(o.id, day);
    expect(first.ok && first.value).toMatchObject({ statements: 1, lines: 4, credits: 3, duplicates: 0 });
    // Two identical lines (two equal payments that day) are both kept.
    expect(await counts(db(), o.id)).toEqual({ imports: 1, statements: 1, lines: 4 });
    const again = await run(o.id, day);
    expect(again.ok && again.value).toMatchObject({
      alreadyImported: true,
      lines: 0,
      duplicates: 4,
      importId: first.ok ? first.value.importId : 'x',
    });
    expect(await counts(db(), o.id)).toEqual({ imports: 1, statements: 1, lines: 4 });
  });

  it('takes only the new entries from a file that repeats some known ones', async () => {
    const o = await org(db(), account);
    await run(o.id, file('C|1250.00|B1|first'));
    const next = await run(o.id, file('C|1250.00|B1|first', 'C|300.00|B3|second'), 'week.txt');
    expect(next.ok && next.value).toMatchObject({ lines: 1, duplicates: 1, alreadyImported: false });
    const lines = await db()
      .selectFrom('bank_lines')
      .select(['bank_reference', 'amount', 'match_state'])
      .where('org_id', '=', o.id)
      .orderBy('bank_reference')
      .execute();
    expect(lines.map((l) => [l.bank_reference, Number(l.amount), l.match_state])).toEqual([
      ['B1', 125000, 'unmatched'],
      ['B3', 30000, 'unmatched'],
    ]);
  });

  it('rejects a file that breaks at its tenth line whole, naming the line', async () => {
    const o = await org(db(), account);
    const rows = Array.from({ length: 9 }, (_, i) => `C|${i + 1}.00|R${i}|ok`);
    const r = await run(o.id, file(...rows, 'C|12,5|R9|bad'), 'broken.txt');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({
        code: 'import_failed',
        field: 'line 11',
        hint: 'write C|1250.00|ref|text',
      });
      expect(r.error.message).toBe('broken.txt, line 11: not an entry: C|12,5|R9|bad');
    }
    expect(await counts(db(), o.id)).toEqual({ imports: 0, statements: 0, lines: 0 });
  });

  it("refuses a statement of an account that is not the organisation's, and says which accounts it has", async () => {
    const o = await org(db(), { bankAccounts: [{ iban: 'DE89370400440532013000', currency: 'EUR' }] });
    const r = await run(o.id, file('C|1.00|B1|x'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain(
        `account ${IBAN}, which is not one of this organisation's bank accounts`,
      );
      expect(r.error.hint).toContain('DE89370400440532013000');
    }
    expect(await counts(db(), o.id)).toEqual({ imports: 0, statements: 0, lines: 0 });
  });

  it('keeps organisations apart: the same entries are new to another organisation', async () => {
    const a = await org(db(), account);
    const b = await org(db(), account);
    const day = file('C|1250.00|B1|x');
    await run(a.id, day);
    const other = await run(b.id, day);
    expect(other.ok && other.value).toMatchObject({ lines: 1, duplicates: 0 });
  });
});
