import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { StatementError } from '../statement.ts';
import type { CsvMapping } from './csv-mapping.ts';

/** One CSV record and the file line it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

async function* decoded(input: AsyncIterable<Buffer | string>, encoding: string): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding);
  for await (const chunk of input) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

function newlines(field: string): number {
  let n = 0;
  for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Streams the records of a CSV statement with csv-parse, decoding the bytes in the mapping's
 * encoding: `skipLines` lines above the header are passed over, blank records dropped, and the
 * last `footerLines` records held back and dropped (so only those few are ever buffered). Line
 * numbers are counted here: a quoted field with line breaks moves the count on by as many lines.
 *
 * @example
 *   for await (const r of csvRecords(fs.createReadStream('export.csv'), mapping)) console.log(r.line, r.fields)
 */
export async function* csvRecords(
  input: AsyncIterable<Buffer | string>,
  m: CsvMapping,
): AsyncGenerator<CsvRecord> {
  const skip = m.skipLines ?? 0;
  const parser = parse({
    bom: true,
    delimiter: m.delimiter ?? ',',
    relax_column_count: true,
    from_line: skip + 1,
  });
  const source = Readable.from(decoded(input, m.encoding ?? 'utf-8'));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  const footer: CsvRecord[] = [];
  let line = skip + 1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const start = line;
      line++;
      for (const f of fields) if (f.includes('\n')) line += newlines(f);
      if (fields.every((f) => f.trim() === '')) continue;
      footer.push({ line: start, fields });
      if (footer.length > (m.footerLines ?? 0)) yield footer.shift()!;
    }
  } catch (e) {
    if (e instanceof CsvError) {
      const at = (e as CsvError & { lines?: number }).lines ?? line;
      throw new StatementError(
        `line ${at}`,
        `the file is not valid CSV: ${e.message}`,
        'Check the delimiter and the quotes of that line.',
      );
    }
    throw e;
  } finally {
    source.destroy();
    parser.destroy();
  }
}
