import type { DulyError, DulyErrorDetail } from '../kernel/errors.ts';

/**
 * Where a command's words go. People get readable text on stdout and errors on stderr; scripts
 * (`--json`) get exactly one JSON document on stdout for a success, or one JSON error
 * `{code, message, errors}` on stderr for a failure, and nothing else.
 */
export interface Output {
  readonly json: boolean;
  /** The command's result: `data` as JSON, or the human text. */
  result(data: unknown, human: string): void;
  /** A remark for people (progress, next steps) on stderr; silent under --json. */
  note(text: string): void;
  /** Prints an expected failure and marks the process as failed (exit code 1). */
  error(error: DulyError): void;
}

export interface Streams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export function createOutput(json: boolean, streams: Streams = process): Output {
  return {
    json,
    result(data, human) {
      streams.stdout.write(json ? `${JSON.stringify(data)}\n` : ensureNewline(human));
    },
    note(text) {
      if (!json) streams.stderr.write(ensureNewline(text));
    },
    error(error) {
      streams.stderr.write(
        json ? `${JSON.stringify(errorJson(error))}\n` : ensureNewline(formatError(error)),
      );
      process.exitCode = 1;
    },
  };
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The JSON shape of an error for scripts: always `code`, `message` and `errors` (maybe empty). */
export function errorJson(error: DulyError): Record<string, unknown> {
  return {
    code: error.code,
    message: error.message,
    ...(error.field !== undefined && { field: error.field }),
    ...(error.hint !== undefined && { hint: error.hint }),
    errors: error.errors ?? [],
  };
}

/**
 * One problem on one line: `line 14, column due_date: not a date`, or `--country: use ...` when
 * the problem is not in a file.
 */
export function formatDetail(d: DulyErrorDetail): string {
  if (d.line !== undefined) {
    const column = d.column ?? d.field;
    return `line ${d.line}${column ? `, column ${column}` : ''}: ${d.message}`;
  }
  return d.field ? `${d.field}: ${d.message}` : d.message;
}

/**
 * An error for people: the message, every detail (all of them: an import with 40 bad rows should
 * be fixed in one go), and the hint.
 *
 * @example formatError({ code: 'import_failed', message: '2 problems', errors: [{ line: 14,
 *   column: 'due_date', field: 'due_date', message: 'not a date' }] })
 *   // "error: 2 problems\n  line 14, column due_date: not a date"
 */
export function formatError(error: DulyError): string {
  const lines = [`error: ${error.message}`];
  for (const d of error.errors ?? []) lines.push(`  ${formatDetail(d)}`);
  if (error.hint) lines.push(`hint: ${error.hint}`);
  return lines.join('\n');
}

/** Left-aligned columns for lists (`org list`). */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
