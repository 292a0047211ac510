import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { type Column, headers, toRecord } from './csv-columns.ts';

/**
 * Streams pages of rows as CSV (header first, RFC 4180 quoting) into `out`. The pipeline applies
 * backpressure: the next page is not fetched while the destination is still draining the last,
 * so memory stays at about one page whatever the row count.
 *
 * `end: false` leaves `out` open (process.stdout must not be ended). Resolves to the row count.
 */
export async function writeCsv<T>(
  pages: AsyncIterable<readonly T[]>,
  columns: readonly Column<T>[],
  out: Writable,
  opts: { readonly end?: boolean } = {},
): Promise<number> {
  let count = 0;
  async function* records() {
    for await (const page of pages) {
      for (const row of page) {
        count++;
        yield toRecord(columns, row);
      }
    }
  }
  await pipeline(
    Readable.from(records()),
    stringify({ header: true, columns: headers(columns), record_delimiter: 'unix' }),
    out,
    { end: opts.end ?? true },
  );
  return count;
}
