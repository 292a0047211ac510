import { describe, expect, it } from 'vitest';
import { errorJson, formatDetail, formatError, table } from './output.ts';

describe('CLI error output', () => {
  it('names the line and column of every import problem', () => {
    const text = formatError({
      code: 'import_failed',
      message: '2 rows are invalid',
      hint: 'fix the file',
      errors: [
        { line: 14, column: 'due_date', field: 'due_date', message: 'use a date as YYYY-MM-DD' },
        { line: 20, column: 'currency', field: 'currency', message: 'unsupported currency XYZ' },
      ],
    });
    expect(text.split('\n')).toEqual([
      'error: 2 rows are invalid',
      '  line 14, column due_date: use a date as YYYY-MM-DD',
      '  line 20, column currency: unsupported currency XYZ',
      'hint: fix the file',
    ]);
  });

  it('falls back to the field when a problem has no line', () => {
    expect(formatDetail({ field: '--country', message: 'use CZ' })).toBe('--country: use CZ');
    expect(formatDetail({ line: 3, field: 'name', message: 'required' })).toBe(
      'line 3, column name: required',
    );
  });

  it('always gives scripts code, message and errors', () => {
    expect(errorJson({ code: 'not_found', message: 'no such org' })).toEqual({
      code: 'not_found',
      message: 'no such org',
      errors: [],
    });
  });

  it('aligns table columns', () => {
    expect(
      table([
        ['ID', 'NAME'],
        ['org_1', 'Acme'],
      ]),
    ).toBe('ID     NAME\norg_1  Acme');
  });
});
