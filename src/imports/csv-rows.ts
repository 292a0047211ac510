import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';

/** One CSV record and the file line it starts on (the header is line 1). */
export interface CsvRow {
  readonly line: number;
  readonly fields: readonly string[];
}

/** The CSV text is malformed (an unclosed quote, say) at `line`; reading cannot go on. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const CHUNK = 64 * 1024;

function* chunks(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK);
}

function newlines(field: string): number {
  let n = 0;
  for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Streams CSV records in batches, never holding the whole file: `input` is CSV text or a byte
 * stream (`fs.createReadStream(file)`). Blank lines are skipped. Line numbers are counted here
 * rather than taken from csv-parse's `info`, which costs an object per record; a quoted field with
 * line breaks moves the count on by as many lines. Stopping early (`break`) closes the input.
 */
export async function* csvRowBatches(
  input: string | NodeJS.ReadableStream,
  batchSize: number,
): AsyncGenerator<CsvRow[]> {
  const parser = parse({ bom: true, relax_column_count: true });
  const source = typeof input === 'string' ? Readable.from(chunks(input)) : input;
  const piping = pipeline(source, parser);
  // The pipeline's outcome is also seen through the parser's iterator below; this keeps a failure
  // that happens while nobody awaits `piping` from surfacing as an unhandled rejection.
  piping.catch(() => {});
  let line = 1;
  let batch: CsvRow[] = [];
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const start = line;
      line++;
      for (const f of fields) if (f.includes('\n')) line += newlines(f);
      if (fields.every((f) => f.trim() === '')) continue;
      batch.push({ line: start, fields });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    if (e instanceof CsvError) {
      const at = (e as CsvError & { lines?: number }).lines ?? line;
      throw new CsvSyntaxError(at, `the file is not valid CSV: ${e.message}`);
    }
    throw e;
  } finally {
    parser.destroy();
  }
  if (batch.length > 0) yield batch;
}

/** The trimmed value of column `index` (-1: the file has no such column). */
export function cell(row: CsvRow, index: number): string {
  return index < 0 ? '' : (row.fields[index] ?? '').trim();
}

export type ColumnIndex<C extends string> = Readonly<Record<C, number>>;

export interface HeaderCheck<C extends string> {
  readonly index: ColumnIndex<C>;
  readonly problems: readonly { readonly column: string; readonly message: string }[];
}

/**
 * Matches the header line against the documented columns (case and surrounding spaces ignored;
 * any order). Unknown, repeated and missing required columns are problems, reported before any
 * row is read.
 */
export function checkHeader<C extends string>(
  header: readonly string[],
  columns: readonly C[],
  required: readonly C[],
): HeaderCheck<C> {
  const index = Object.fromEntries(columns.map((c) => [c, -1])) as Record<C, number>;
  const problems: { column: string; message: string }[] = [];
  const known = new Set<string>(columns);
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name)) {
      problems.push({
        column: raw,
        message: `unknown column ${JSON.stringify(raw)}: the columns are ${columns.join(', ')}`,
      });
    } else if (index[name as C] >= 0) {
      problems.push({ column: name, message: `column ${name} appears twice in the header` });
    } else {
      index[name as C] = i;
    }
  });
  for (const c of required) {
    if (index[c] < 0) {
      problems.push({
        column: c,
        message: `the header has no ${c} column, which is required (required: ${required.join(', ')})`,
      });
    }
  }
  return { index, problems };
}

/** A record with a different number of fields than the header, or undefined when it fits. */
export function widthProblem(row: CsvRow, headerWidth: number): string | undefined {
  if (row.fields.length === headerWidth) return undefined;
  return `this line has ${row.fields.length} fields but the header has ${headerWidth}: check for an unquoted comma or a missing field`;
}
