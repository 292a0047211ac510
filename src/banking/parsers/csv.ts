import { normalizeIban } from '../../kernel/iban.ts';
import {
  StatementError,
  type StatementEvent,
  type StatementHeader,
  type StatementParser,
} from '../statement.ts';
import { RunningBalance } from './csv-balance.ts';
import { type CsvMapping, validateCsvMapping } from './csv-mapping.ts';
import { type CsvRecord, csvRecords } from './csv-records.ts';
import { CsvRowReader } from './csv-row.ts';
import { controlMismatch, IMBALANCE_HINT } from './lines.ts';

export { type CsvColumns, type CsvDateFormat, type CsvMapping, validateCsvMapping } from './csv-mapping.ts';
export { suggestCsvMapping } from './csv-suggest.ts';

/**
 * A spreadsheet (CSV) export of a bank account, read with the organisation's saved mapping for
 * that bank (see CsvMapping; check it with validateCsvMapping first). The file is one statement
 * without an opening balance; when the mapping names a balance column, the running balance is
 * checked row by row and its newest value is the closing balance. Rows stream through csv-parse;
 * only the previous row is held.
 *
 * @example
 *   const parse = parseCsv({ decimal: ',', thousands: ' ', dateFormat: 'DD.MM.YYYY', currency: 'CZK',
 *     delimiter: ';', columns: { date: 'Datum', amount: 'Částka', text: 'Zpráva', reference: 'VS' } });
 *   for await (const event of parse(fs.createReadStream('pohyby.csv'))) console.log(event.kind);
 */
export function parseCsv(mapping: CsvMapping): StatementParser {
  return async function* (input, options) {
    const valid = validateCsvMapping(mapping);
    if (!valid.ok) throw new StatementError('mapping', valid.error.message, valid.error.hint);
    let reader: CsvRowReader | null = null;
    let header: StatementHeader | null = null;
    const balance = new RunningBalance();
    const warnings: string[] = [];
    let currency: string | null = null;
    let lines = 0;
    let net = 0;
    for await (const record of csvRecords(input, mapping)) {
      if (reader === null) {
        reader = new CsvRowReader(mapping, mapping.header === false ? null : record);
        header = headerOf(mapping, record);
        yield { kind: 'statement', statement: header };
        if (mapping.header !== false) continue;
      }
      const row = reader.read(record);
      if (mapping.columns.balance !== undefined) {
        if (currency !== null && row.currency !== currency) {
          throw new StatementError(
            `line ${record.line}`,
            `a row in ${row.currency} after rows in ${currency}: a balance column needs one currency`,
            'Export one account (one currency) per file, or leave the balance column out of the mapping.',
          );
        }
        currency = row.currency;
        if (row.balance === null) {
          throw new StatementError(
            `line ${record.line}, column ${mapping.columns.balance}`,
            'the balance is empty',
            'Every row needs its balance, or leave the balance column out of the mapping.',
          );
        }
        balance.add({
          line: record.line,
          date: row.date,
          amount: row.amount,
          balance: row.balance,
          currency: row.currency,
        });
      }
      if (row.line === null) {
        warnings.push(`line ${record.line}: a row of amount 0 is not imported`);
        continue;
      }
      lines++;
      net += row.line.direction === 'credit' ? row.line.amount : -row.line.amount;
      yield { kind: 'line', line: row.line };
    }
    if (header === null) {
      const empty: CsvRecord = { line: (mapping.skipLines ?? 0) + 1, fields: [] };
      if (mapping.header !== false) {
        throw new StatementError(
          `line ${empty.line}`,
          'the file has no header line',
          'Check the file, and the number of lines to skip above the header.',
        );
      }
      yield { kind: 'statement', statement: headerOf(mapping, empty) };
    }
    const result = balance.result();
    if (result.problem) {
      const where = `line ${result.problem.line}, column ${mapping.columns.balance}`;
      controlMismatch(options, warnings, where, result.problem.message, IMBALANCE_HINT);
    }
    const end = { statementId: 'csv', closingBalance: result.closing, lines, net, warnings };
    yield { kind: 'end', end } satisfies StatementEvent;
  };
}

function headerOf(m: CsvMapping, first: CsvRecord): StatementHeader {
  return {
    format: 'csv',
    where: `line ${first.line}`,
    statementId: 'csv',
    account: {
      iban: m.account?.iban ? normalizeIban(m.account.iban) : null,
      number: m.account?.number ?? null,
      currency: m.currency ?? null,
    },
    sequence: null,
    createdAt: null,
    fromDate: null,
    toDate: null,
    openingBalance: null,
    currency: m.currency ?? null,
  };
}
