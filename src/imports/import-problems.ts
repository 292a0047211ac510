import type { DulyErrorDetail, Result } from '../kernel/errors.ts';
import { fail } from '../kernel/errors.ts';

/** How many problems an import lists before it only counts the rest. */
export const MAX_LISTED_PROBLEMS = 100;

/**
 * Collects everything wrong with an import file. The first problem stops all writing (the import
 * is all-or-nothing) but reading goes on, so one run shows the user every problem to fix, not one
 * per attempt. One problem per (line, column): a later message about a cell that already has one
 * (say zod's "required" after our own) adds nothing. A row's problems arrive together, so
 * remembering the cells of the latest line is enough.
 */
export class ImportProblems {
  private readonly listed: DulyErrorDetail[] = [];
  private cellsLine = -1;
  private readonly cells = new Set<string>();
  private total = 0;

  get count(): number {
    return this.total;
  }

  get any(): boolean {
    return this.total > 0;
  }

  /** A problem in one cell, or in the whole line when `column` is null (a wrong number of fields). */
  add(line: number, column: string | null, message: string): void {
    if (line !== this.cellsLine) {
      this.cells.clear();
      this.cellsLine = line;
    }
    const cell = column ?? '';
    if (this.cells.has(cell)) return;
    this.cells.add(cell);
    this.total++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) {
      this.listed.push(
        column === null ? { field: 'row', line, message } : { field: column, line, column, message },
      );
    }
  }

  /** `import_failed` with the listed problems in line order, and how many more were not listed. */
  toFailure<T>(): Result<T> {
    const errors: DulyErrorDetail[] = [...this.listed].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const unlisted = this.total - this.listed.length;
    if (unlisted > 0) {
      errors.push({ field: 'file', message: `... and ${unlisted} more problems not listed` });
    }
    const noun = this.total === 1 ? 'problem' : 'problems';
    return fail('import_failed', `${this.total} ${noun} in the file`, {
      errors,
      hint: 'fix the rows listed (lines count from 1, the header) and run the import again; nothing was written',
    });
  }
}

/** A problem found while converting one record: where, and what. */
export interface CellProblem {
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

/**
 * Adds a problem unless its cell already has one: the schema's complaint about a cell reported
 * already (say a required value) adds nothing. A plain function, not a closure made per row: the
 * converters run a million times.
 */
export function addCellProblem(list: CellProblem[], line: number, column: string, message: string): void {
  for (const p of list) if (p.line === line && p.column === column) return;
  list.push({ line, column, message });
}

/** A cell value for messages: quoted, and cut short when long. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/**
 * The wording for a decimal amount that does not fit its currency, e.g. `"12.345"` in EUR.
 * `exponent` is the currency's number of minor-unit digits.
 */
export function badAmountMessage(value: string, currency: string, exponent: number): string {
  const example = exponent === 0 ? '1234' : `1234.${'5'.padEnd(exponent, '0')}`;
  const places = exponent === 0 ? 'a whole number' : `a decimal with at most ${exponent} decimals`;
  return `${shown(value)} is not an amount in ${currency}: use ${places}, e.g. ${example}`;
}
