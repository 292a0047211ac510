import { describe, expect, it } from 'vitest';
import { CUSTOMER_COLUMNS, REQUIRED_CUSTOMER_COLUMNS } from '../imports/import-customers.ts';
import { INVOICE_COLUMNS, REQUIRED_INVOICE_COLUMNS } from '../imports/import-invoices.ts';
import { IMPORT_HEADERS } from './commands/import.ts';

describe('duly import --help', () => {
  it('documents exactly the columns the importers read', () => {
    for (const [kind, columns, required] of [
      ['customers', CUSTOMER_COLUMNS, REQUIRED_CUSTOMER_COLUMNS],
      ['invoices', INVOICE_COLUMNS, REQUIRED_INVOICE_COLUMNS],
    ] as const) {
      const h = IMPORT_HEADERS[kind];
      expect([...h.required].sort()).toEqual([...required].sort());
      expect([...h.required, ...h.optional].sort()).toEqual([...columns].sort());
    }
  });
});
