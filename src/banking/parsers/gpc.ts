import { StatementError, type StatementParser } from '../statement.ts';
import { gpcHeader, gpcItem, gpcMessage, RECORD_LENGTH } from './gpc-records.ts';
import { DEFAULT_POSTING_CODES, type GpcPosting, GpcStatement } from './gpc-statement.ts';
import { lineDecoder, readLines } from './lines.ts';

/**
 * Czech ABO/GPC statements (Fio, ČSOB, KB, Česká spořitelna...): fixed-width records of 128
 * characters, CR LF, windows-1250. A file whose text is valid UTF-8 is read as UTF-8 (some
 * tools convert; deciding once per file keeps a windows-1250 name from being misread, see
 * lineDecoder). Each 074 header starts a statement; its 075 items follow, each optionally
 * continued by 076 (ignored: its layout varies by bank), 078 and 079 (message for the payee).
 */

export { DEFAULT_POSTING_CODES, type GpcPosting } from './gpc-statement.ts';

export interface GpcOptions {
  /** Posting code (column 61) to direction; banks differ, so an organisation can configure it. */
  readonly postingCodes?: Readonly<Record<string, GpcPosting>>;
}

const HINT = 'GPC records are 128 characters in fixed columns; export the statement from the bank again.';

/**
 * A GPC parser with the bank's posting codes.
 *
 * @example
 *   const kb = gpcParser({ postingCodes: { ...DEFAULT_POSTING_CODES, '3': { direction: 'debit', reversal: false } } });
 *   for await (const event of kb(fs.createReadStream('vypis.gpc'))) console.log(event.kind);
 */
export function gpcParser(config: GpcOptions = {}): StatementParser {
  const codes = config.postingCodes ?? DEFAULT_POSTING_CODES;
  return async function* (input, options) {
    const decode = lineDecoder('windows-1250');
    let open: GpcStatement | null = null;
    for await (const batch of readLines(input))
      for (const raw of batch) {
        const text = decode(raw.bytes);
        if (text.trim() === '') continue;
        const where = `line ${raw.number}`;
        if (text.length > RECORD_LENGTH) {
          throw new StatementError(
            where,
            `the record is ${text.length} characters long; GPC records have ${RECORD_LENGTH}`,
            HINT,
          );
        }
        const record = text.padEnd(RECORD_LENGTH);
        const type = record.slice(0, 3);
        if (type === '074') {
          if (open) yield* open.close();
          open = new GpcStatement(gpcHeader(record, raw.number), raw.number, codes, options);
        } else if (type === '075' || type === '076' || type === '078' || type === '079') {
          if (open === null)
            throw new StatementError(where, `a ${type} record before the first 074 header`, HINT);
          if (type === '075') yield* open.item(gpcItem(record, raw.number), raw.number);
          else open.continuation(type === '076' ? [] : gpcMessage(record), where, type);
        } else {
          throw new StatementError(
            where,
            `unknown record type '${type}'; GPC files hold 074, 075, 076, 078 and 079 records`,
            'Check that this is the GPC (ABO) export of the bank statement.',
          );
        }
      }
    if (open) yield* open.close();
  };
}

/**
 * GPC with the posting codes of the ABO description (Fio, ČSOB): 1 debit, 2 credit, 4 storno of
 * a debit, 5 storno of a credit.
 *
 * @example
 *   for await (const event of parseGpc(fs.createReadStream('vypis.gpc'))) console.log(event.kind);
 */
export const parseGpc: StatementParser = gpcParser();
