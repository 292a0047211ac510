import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { DatabaseHandle } from '../src/db/database.ts';
import { BULK_COLUMNS, type BulkRow, type BulkTable, copySql } from '../src/imports/bulk-session.ts';
import { CopyBuffer, copyLine } from '../src/imports/copy-text.ts';
import { addDays } from '../src/kernel/dates.ts';
import { newId } from '../src/kernel/ids.ts';
import { countryDefaults } from '../src/kernel/locale.ts';
import { computeLine, sumLines } from '../src/ledger/invoice-totals.ts';
import { cpuMark, cpuSpent } from './cpu.ts';
import { customerSpec, invoiceSpec } from './generate.ts';

/**
 * The raw floor: the same rows the import writes, built in memory beforehand (not timed), then
 * written as plainly as each engine allows: prepared INSERTs in one transaction on SQLite, one COPY
 * per table in one transaction on PostgreSQL. Only the writing is timed.
 */
type Rows = { [T in BulkTable]?: BulkRow<T>[] };

export interface FloorCustomers {
  readonly ids: string[];
  readonly currency: string[];
  readonly terms: (number | null)[];
}

export function customerRows(
  seed: number,
  count: number,
  orgId: string,
  now: string,
): { rows: Rows; customers: FloorCustomers } {
  const rows = {
    customers: [] as BulkRow<'customers'>[],
    customer_contacts: [] as BulkRow<'customer_contacts'>[],
    customer_tags: [] as BulkRow<'customer_tags'>[],
    customer_bank_accounts: [] as BulkRow<'customer_bank_accounts'>[],
  };
  const customers: FloorCustomers = { ids: [], currency: [], terms: [] };
  for (let i = 0; i < count; i++) {
    const c = customerSpec(seed, i);
    const d = countryDefaults(c.country)!;
    const id = newId('customer');
    customers.ids.push(id);
    customers.currency.push(c.currency);
    customers.terms.push(c.termsDays);
    rows.customers.push({
      id,
      org_id: orgId,
      ref: c.ref,
      name: c.name,
      kind: c.kind,
      country: c.country,
      language: d.language,
      time_zone: d.timeZone,
      currency: c.currency,
      vat_id: c.vatId,
      payment_terms_days: c.termsDays,
      credit_limit: c.creditLimit,
      on_hold: 0,
      created_at: now,
      updated_at: now,
      hold_reason: null,
      address_line1: null,
      address_line2: null,
      postal_code: null,
      city: null,
    });
    if (c.contact) {
      rows.customer_contacts.push({
        id: newId('contact'),
        org_id: orgId,
        customer_id: id,
        name: c.contact.name,
        role: 'billing' as const,
        email: c.contact.email,
        phone: c.contact.phone,
        position: 0,
      });
    }
    for (const tag of c.tags) rows.customer_tags.push({ org_id: orgId, customer_id: id, tag });
    for (const iban of c.ibans) rows.customer_bank_accounts.push({ org_id: orgId, customer_id: id, iban });
  }
  return { rows, customers };
}

export function invoiceRows(
  seed: number,
  from: number,
  to: number,
  customerCount: number,
  customers: FloorCustomers,
  orgId: string,
  now: string,
): Rows {
  const rows = {
    invoices: [] as BulkRow<'invoices'>[],
    invoice_lines: [] as BulkRow<'invoice_lines'>[],
    ledger_entries: [] as BulkRow<'ledger_entries'>[],
  };
  for (let j = from; j < to; j++) {
    const inv = invoiceSpec(seed, j, customerCount);
    const customerId = customers.ids[inv.customer]!;
    const computed = inv.lines.map((l) =>
      computeLine(l.quantityMilli, l.unitPrice, Math.round(Number(l.vatRate) * 100)),
    );
    const totals = sumLines(computed);
    const terms = inv.dueDate ? null : (inv.terms ?? customers.terms[inv.customer] ?? 30);
    const id = newId('invoice');
    const currency = inv.currency ?? customers.currency[inv.customer]!;
    rows.invoices.push({
      id,
      org_id: orgId,
      customer_id: customerId,
      number: inv.number,
      issue_date: inv.issueDate,
      delivery_date: inv.deliveryDate,
      due_date: inv.dueDate ?? addDays(inv.issueDate, terms ?? 30),
      payment_terms_days: terms,
      currency,
      subtotal: totals.subtotal,
      vat_total: totals.vatTotal,
      total: totals.total,
      state: 'issued',
      created_at: now,
      voided_at: null,
      void_reason: null,
      payment_reference: null,
    });
    computed.forEach((c, k) => {
      rows.invoice_lines.push({
        id: newId('invoiceLine'),
        org_id: orgId,
        invoice_id: id,
        position: k + 1,
        description: inv.lines[k]!.description,
        quantity_milli: c.quantityMilli,
        unit_price: c.unitPrice,
        vat_rate_bp: c.vatRateBp,
        net: c.net,
        vat: c.vat,
        total: c.total,
      });
    });
    rows.ledger_entries.push({
      id: newId('entry'),
      org_id: orgId,
      customer_id: customerId,
      kind: 'invoice_issued' as const,
      currency,
      effective_date: inv.issueDate,
      invoice_id: id,
      receivable_delta: totals.total,
      source_type: null,
      source_id: null,
      credit_delta: 0,
      reverses_entry_id: null,
      memo: `Invoice ${inv.number}`,
      created_at: now,
    });
  }
  return rows;
}

const ORDER: readonly BulkTable[] = [
  'customers',
  'customer_contacts',
  'customer_tags',
  'customer_bank_accounts',
  'invoices',
  'invoice_lines',
  'ledger_entries',
];

function count(rows: Rows): number {
  return ORDER.reduce((n, t) => n + (rows[t]?.length ?? 0), 0);
}

export interface FloorResult {
  readonly rows: number;
  readonly seconds: number;
  /** CPU seconds of this process and of the database backends while writing. */
  readonly cpu: readonly [number, number];
}

/**
 * Writes row chunks produced by `chunks`; only the writing is on the clock (wall and CPU). Building
 * a chunk is not; on PostgreSQL every chunk is encoded to COPY text first, also off the clock.
 */
export async function writeFloor(handle: DatabaseHandle, chunks: Iterable<Rows>): Promise<FloorResult> {
  let written = 0;
  let seconds = 0;
  if (handle.raw.engine === 'sqlite') {
    const sqlite = handle.raw.sqlite;
    const stmts = new Map(
      ORDER.map((t) => {
        const cols = BULK_COLUMNS[t];
        return [
          t,
          sqlite.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`),
        ];
      }),
    );
    let cpu = 0;
    const clock = (f: () => void) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      f();
      const c = process.cpuUsage(c0);
      cpu += (c.user + c.system) / 1e6;
      seconds += (performance.now() - t0) / 1000;
    };
    clock(() => sqlite.exec('BEGIN'));
    for (const chunk of chunks) {
      const arrays = ORDER.map((t) => {
        const cols = BULK_COLUMNS[t] as readonly string[];
        return (chunk[t] ?? []).map((r) => cols.map((c) => (r as unknown as Record<string, unknown>)[c]));
      });
      clock(() =>
        ORDER.forEach((t, k) => {
          const stmt = stmts.get(t)!;
          for (const values of arrays[k]!) stmt.run(values);
        }),
      );
      written += count(chunk);
    }
    clock(() => sqlite.exec('COMMIT'));
    return { rows: written, seconds, cpu: [cpu, 0] };
  }
  const buffers = new Map<BulkTable, Buffer[]>(ORDER.map((t) => [t, []]));
  for (const chunk of chunks) {
    for (const t of ORDER) {
      const rows = chunk[t] ?? [];
      if (rows.length === 0) continue;
      const text = new CopyBuffer();
      for (const row of rows) text.push(copyLine(row, BULK_COLUMNS[t]));
      buffers.get(t)!.push(text.take());
    }
    written += count(chunk);
  }
  const client = await handle.raw.pool.connect();
  try {
    const before = await cpuMark(handle);
    const t0 = performance.now();
    await client.query('BEGIN');
    for (const t of ORDER) {
      const parts = buffers.get(t)!;
      if (parts.length > 0) await pipeline(Readable.from(parts), client.query(copyFrom(copySql(t))));
    }
    await client.query('COMMIT');
    seconds = (performance.now() - t0) / 1000;
    return { rows: written, seconds, cpu: cpuSpent(before, await cpuMark(handle)) };
  } finally {
    client.release();
  }
}
