import type { DatabaseHandle } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { type IdKind, newId } from '../kernel/ids.ts';
import { type BulkSession, type BulkTuning, inBulkTransaction } from './bulk-session.ts';
import {
  type ColumnIndex,
  type CsvRow,
  CsvSyntaxError,
  checkHeader,
  csvRowBatches,
  widthProblem,
} from './csv-rows.ts';
import { ImportProblems } from './import-problems.ts';

export interface ImportOptions {
  /** Called after each batch with the number of CSV data rows read so far (for a progress bar). */
  readonly onProgress?: (rowsDone: number) => void;
  /** Internal knobs, for tests that need many batches and COPY rounds out of a tiny file. */
  readonly tuning?: BulkTuning & { readonly batchRows?: number };
}

/** What an import wrote. */
export interface ImportSummary {
  /** CSV data rows read (the header and blank lines not counted). */
  readonly rowsRead: number;
  /** Customers or invoices created. */
  readonly created: number;
  /** Rows written per table, e.g. `{ invoices: 2, invoice_lines: 5, ledger_entries: 2 }`. */
  readonly written: Readonly<Record<string, number>>;
  /** The sum of `written`. */
  readonly rowsWritten: number;
}

/**
 * The one timestamp of an import and its ids. Every id carries that timestamp, like created_at:
 * the ULID factory then only increments within the millisecond instead of drawing fresh random
 * bits per id. The id functions are made once per import, not per row.
 */
export interface ImportClock {
  readonly createdAt: string;
  id(kind: IdKind): string;
  readonly contactId: () => string;
  readonly lineId: () => string;
}

export function importClock(createdAt: string = nowIso()): ImportClock {
  const at = Date.parse(createdAt);
  return {
    createdAt,
    id: (kind) => newId(kind, at),
    contactId: () => newId('contact', at),
    lineId: () => newId('invoiceLine', at),
  };
}

/** One record (customer) or group of records (invoice) validated, with the key it is unique by. */
export interface ImportItem<B> {
  /** Customer ref or invoice number; empty when the row had none (a problem already recorded). */
  readonly key: string;
  /** The line the key is reported on. */
  readonly line: number;
  /** The rows to write; undefined when invalid, in which case a problem was recorded. */
  readonly built: B | undefined;
}

/**
 * Turns CSV rows into items, handing each to `emit` as soon as it is complete. Stateful (an invoice
 * can span batches): `rows === 'end'` asks for whatever is still pending.
 */
export type RowConverter<C extends string, B> = (
  rows: readonly CsvRow[] | 'end',
  index: ColumnIndex<C>,
  problems: ImportProblems,
  emit: (item: ImportItem<B>) => void,
) => void;

export interface ImportSpec<C extends string, B> {
  readonly columns: readonly C[];
  readonly required: readonly C[];
  /** Where keys must be unique, and the CSV column they come from. */
  readonly keyTable: 'customers' | 'invoices';
  readonly keyColumn: C;
  duplicateInFile(key: string, firstLine: number): string;
  duplicateInDatabase(key: string): string;
  /** Called inside the transaction before the first row (loads lookups); returns the converter. */
  begin(session: BulkSession): Promise<RowConverter<C, B>>;
  /** Adds one valid item's rows to the session, parents first. */
  write(session: BulkSession, built: B): void;
}

/** CSV records per batch: the unit of progress reports and of COPY round checks. */
const BATCH_ROWS = 2_000;

/**
 * The shell shared by the customer and invoice imports: stream the file in batches, check the
 * header up front, convert and validate the rows, check keys against the file and the database,
 * and write, all inside one transaction.
 *
 * All-or-nothing in one pass: records are written batch by batch as they are validated, and the
 * first problem stops further writes while reading goes on to list every problem; at the end any
 * problem rolls the transaction back, so a bad row on the last line still leaves nothing behind.
 * A separate validation pass would need the input twice, which a stream cannot give.
 *
 * A validated record is turned at once into bound values (SQLite) or COPY text in an off-heap
 * buffer (PostgreSQL, sent while the next rows are validated), so the objects behind it die young:
 * holding batches of built rows made the garbage collector a quarter of the import's time.
 */
export async function runImport<C extends string, B>(
  handle: DatabaseHandle,
  orgId: string,
  input: string | NodeJS.ReadableStream,
  spec: ImportSpec<C, B>,
  opts: ImportOptions = {},
): Promise<Result<ImportSummary>> {
  return inBulkTransaction(handle, opts.tuning ?? {}, async (session) => {
    const problems = new ImportProblems();
    const seen = new Map<string, number>();
    let created = 0;
    let rowsRead = 0;
    // Keys used before the import began; the file's own are in `seen`. A key another writer takes
    // meanwhile trips the unique index instead (see inBulkTransaction).
    const taken = await session.existingKeys(spec.keyTable, orgId);
    const emit = (it: ImportItem<B>): void => {
      if (it.key !== '') {
        const first = seen.get(it.key);
        if (first !== undefined) {
          problems.add(it.line, spec.keyColumn, spec.duplicateInFile(it.key, first));
        } else {
          seen.set(it.key, it.line);
          if (taken.has(it.key)) problems.add(it.line, spec.keyColumn, spec.duplicateInDatabase(it.key));
        }
      }
      // Once anything is wrong the transaction will roll back: writing more is wasted work.
      if (problems.any || it.built === undefined) return;
      spec.write(session, it.built);
      created++;
    };

    let index: ColumnIndex<C> | undefined;
    let width = 0;
    const convert = await spec.begin(session);
    try {
      for await (const batch of csvRowBatches(input, opts.tuning?.batchRows ?? BATCH_ROWS)) {
        let rows: readonly CsvRow[] = batch;
        if (!index) {
          const header = rows[0]!;
          const checked = checkHeader(header.fields, spec.columns, spec.required);
          for (const p of checked.problems) problems.add(header.line, p.column, p.message);
          if (problems.any) return problems.toFailure();
          index = checked.index;
          width = header.fields.length;
          rows = rows.slice(1);
        }
        const fitting = rows.filter((r) => {
          const bad = widthProblem(r, width);
          if (bad) problems.add(r.line, null, bad);
          return bad === undefined;
        });
        rowsRead += rows.length;
        convert(fitting, index, problems, emit);
        if (!problems.any) await session.flush();
        opts.onProgress?.(rowsRead);
      }
      if (!index) {
        return fail('import_failed', 'the file is empty', {
          errors: [
            {
              field: 'file',
              line: 1,
              message: `the first line must be the header: ${spec.columns.join(',')}`,
            },
          ],
        });
      }
      convert('end', index, problems, emit);
      if (!problems.any) await session.flush(true);
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      problems.add(e.line, null, e.message);
    }
    if (problems.any) return problems.toFailure();
    const written = { ...session.written };
    const rowsWritten = Object.values(written).reduce((a, b) => a + b, 0);
    return ok({ rowsRead, created, written, rowsWritten });
  });
}
