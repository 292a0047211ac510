import type { Db } from '../src/db/database.ts';

export interface Expected {
  readonly customers: number;
  readonly invoices: number;
  readonly lines: number;
  /** Sum of all invoice totals, computed by the generator from the integer specs. */
  readonly total: number;
}

/**
 * Refuses a benchmark run whose import (or floor) did not write what the files describe: row
 * counts, and the ledger summing to the invoices (SUM(receivable_delta) = SUM(invoices.total) =
 * the generator's own total).
 */
export async function verify(db: Db, orgId: string, expected: Expected, what: string): Promise<void> {
  const count = async (table: 'customers' | 'invoices' | 'invoice_lines' | 'ledger_entries') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const ledger = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.sum<number>('receivable_delta').as('s'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const invoices = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.sum<number>('total').as('s'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const got = {
    customers: await count('customers'),
    invoices: await count('invoices'),
    lines: await count('invoice_lines'),
    entries: await count('ledger_entries'),
    ledgerSum: Number(ledger.s),
    invoiceSum: Number(invoices.s),
  };
  const want = {
    customers: expected.customers,
    invoices: expected.invoices,
    lines: expected.lines,
    entries: expected.invoices,
    ledgerSum: expected.total,
    invoiceSum: expected.total,
  };
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(
      `${what} verification failed:\n got  ${JSON.stringify(got)}\n want ${JSON.stringify(want)}`,
    );
  }
  console.log(`[bench] ${what} verified: ${JSON.stringify(got)}`);
}
