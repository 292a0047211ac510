import type { Writable } from 'node:stream';
import type { Db } from '../db/database.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { INVOICE_COLUMNS, LEDGER_COLUMNS, PAYMENT_COLUMNS } from './csv-columns.ts';
import {
  EXPORT_PAGE_SIZE,
  type ExportFilter,
  invoiceExportPages,
  ledgerExportPages,
  paymentExportPages,
} from './exports.repository.ts';
import { writeCsv } from './write-csv.ts';

export const EXPORT_KINDS = ['invoices', 'payments', 'ledger'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportOptions extends ExportFilter {
  /** The day invoice statuses and amounts due are derived for (today in the org's time zone). */
  readonly asOf: IsoDate;
  /** Leave `out` open afterwards (stdout). */
  readonly end?: boolean;
  readonly pageSize?: number;
}

/**
 * Writes one organisation's invoices, payments or ledger entries as CSV into `out`, streamed page
 * by page. Resolves to the number of data rows written.
 *
 * @example await exportCsv(db, org.id, 'invoices', { asOf: '2026-03-31' }, createWriteStream('inv.csv'))
 */
export function exportCsv(
  db: Db,
  orgId: string,
  kind: ExportKind,
  opts: ExportOptions,
  out: Writable,
): Promise<number> {
  const filter: ExportFilter = { from: opts.from, to: opts.to };
  const size = opts.pageSize ?? EXPORT_PAGE_SIZE;
  const end = { end: opts.end ?? true };
  switch (kind) {
    case 'invoices':
      return writeCsv(invoiceExportPages(db, orgId, filter, opts.asOf, size), INVOICE_COLUMNS, out, end);
    case 'payments':
      return writeCsv(paymentExportPages(db, orgId, filter, size), PAYMENT_COLUMNS, out, end);
    case 'ledger':
      return writeCsv(ledgerExportPages(db, orgId, filter, size), LEDGER_COLUMNS, out, end);
  }
}
