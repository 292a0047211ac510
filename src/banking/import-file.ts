import type { Db } from '../db/database.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { type MatchRunSummary, matchBankLines } from './apply-matches.ts';
import { parserFor, STATEMENT_FORMATS, sniff } from './formats.ts';
import { type ImportSummary, importStatement } from './import-statement.ts';
import type { CsvMapping } from './parsers/csv.ts';
import type { GpcPosting } from './parsers/gpc.ts';
import type { StatementFormat } from './statement.ts';

export interface StatementFileOptions {
  /** Detected from the file's start when not given (never for CSV, which needs a mapping). */
  readonly format?: StatementFormat;
  readonly csvMapping?: CsvMapping;
  readonly postingCodes?: Readonly<Record<string, GpcPosting>>;
  readonly fileName?: string;
  readonly tolerateImbalance?: boolean;
  readonly onProgress?: (bytes: number) => void;
  /** The day matching decides for (the organisation's today). */
  readonly asOf: IsoDate;
}

/**
 * One statement file in, the way the CLI and the API take it: detect the format (unless given), import
 * it whole or not at all, then match the new credits against the open invoices (unambiguous ones are
 * applied, the rest wait in the review queue) and un-apply returned payments.
 *
 * @example
 *   await importStatementFile(db, org.id, createReadStream('2026-03-07.xml'), { asOf: '2026-03-07' })
 */
export async function importStatementFile(
  db: Db,
  orgId: string,
  input: AsyncIterable<Buffer | string>,
  opts: StatementFileOptions,
): Promise<Result<ImportSummary & { readonly matching: MatchRunSummary | null }>> {
  let format = opts.format;
  let stream: AsyncIterable<Buffer | string> = input;
  if (!format) {
    const sniffed = await sniff(input);
    if (!sniffed.format) {
      return fail('import_failed', `${opts.fileName ?? 'the file'}: the format is not recognised`, {
        field: 'format',
        hint: `name it: one of ${STATEMENT_FORMATS.join(', ')} (a CSV file always needs --format csv and a mapping)`,
      });
    }
    format = sniffed.format;
    stream = sniffed.stream;
  }
  const parser = parserFor(format, { csvMapping: opts.csvMapping, postingCodes: opts.postingCodes });
  if (!parser.ok) return parser;
  const imported = await importStatement(db, orgId, stream, {
    format,
    parser: parser.value,
    ...(opts.fileName !== undefined && { fileName: opts.fileName }),
    ...(opts.tolerateImbalance !== undefined && { tolerateImbalance: opts.tolerateImbalance }),
    ...(opts.onProgress && { onProgress: opts.onProgress }),
  });
  if (!imported.ok) return imported;
  const matching =
    imported.value.lines > 0 && imported.value.importId
      ? await matchBankLines(db, orgId, { asOf: opts.asOf, importId: imported.value.importId })
      : null;
  return ok({ ...imported.value, matching });
}
