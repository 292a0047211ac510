import type { StatementParser } from '../statement.ts';
import { readLines } from './lines.ts';
import { Mt940FieldReader } from './mt940-fields.ts';
import { Mt940Statements } from './mt940-statement.ts';

/**
 * SWIFT MT940 customer statements, with the variants banks actually send: with or without the
 * SWIFT envelope, several statements (or pages, `:60M:`/`:62M:`) per file, German structured
 * `:86:` details, Dutch `/EREF/.../REMI/` details, Rabobank, ING, ABN AMRO, SNS, PostFinance,
 * mBank, Sparkasse and Citibank quirks. Read line by line as the chunks arrive; every statement
 * is checked against its own balances (see Mt940Statements). MT942 interim reports are refused.
 *
 * @example
 *   for await (const event of parseMt940(fs.createReadStream('statement.sta'))) {
 *     if (event.kind === 'line') console.log(event.line.amount, event.line.text);
 *   }
 */
export const parseMt940: StatementParser = async function* (input, options) {
  const fields = new Mt940FieldReader();
  const statements = new Mt940Statements(options);
  for await (const batch of readLines(input)) {
    for (const raw of batch) {
      const field = fields.line(raw);
      if (field) yield* statements.field(field);
    }
  }
  const last = fields.end();
  if (last) yield* statements.field(last);
  yield* statements.finish();
};
