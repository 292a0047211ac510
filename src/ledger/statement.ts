import type { Db } from '../db/database.ts';
import type { EntryKind } from '../db/schema.ts';
import type { IsoDate } from '../kernel/dates.ts';
import type { Invoice } from './invoice.ts';
import { listInvoices } from './invoices.repository.ts';
import { creditSources } from './ledger.repository.ts';

export interface CurrencyBalance {
  readonly currency: string;
  /** Sum of what is open on issued invoices. */
  readonly receivable: number;
  /** Of that, the part overdue on `asOf`. */
  readonly overdue: number;
  /** Unapplied customer credit (overpayments, credit-note rests). */
  readonly credit: number;
  /** receivable - credit: what the customer owes net. */
  readonly total: number;
}

export interface CustomerBalance {
  readonly customerId: string;
  readonly asOf: IsoDate;
  readonly balances: readonly CurrencyBalance[];
  readonly openItems: readonly Invoice[];
}

/** Open items, credit and totals per currency, derived from the ledger. */
export async function customerBalance(
  db: Db,
  orgId: string,
  customerId: string,
  asOf: IsoDate,
): Promise<CustomerBalance> {
  const openItems: Invoice[] = [];
  for (let after: string | null = null; ; ) {
    const page = await listInvoices(db, orgId, { customerId }, asOf, { limit: 200, after });
    openItems.push(...page.data.filter((i) => i.amountDue > 0));
    if (!page.nextCursor) break;
    after = page.data.at(-1)!.id;
  }
  const credits = await creditSources(db, orgId, customerId);
  const by = new Map<string, { receivable: number; overdue: number; credit: number }>();
  const get = (c: string) => {
    const v = by.get(c) ?? { receivable: 0, overdue: 0, credit: 0 };
    by.set(c, v);
    return v;
  };
  for (const i of openItems) {
    const b = get(i.currency);
    b.receivable += i.amountDue;
    if (i.status === 'overdue') b.overdue += i.amountDue;
  }
  for (const c of credits) get(c.currency).credit += c.available;
  const balances = [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, b]) => ({ currency, ...b, total: b.receivable - b.credit }));
  return { customerId, asOf, balances, openItems };
}

export interface StatementLine {
  readonly entryId: string;
  readonly date: IsoDate;
  readonly kind: EntryKind;
  readonly description: string;
  readonly invoiceId: string | null;
  /** Increases what the customer owes. */
  readonly debit: number;
  /** Decreases what the customer owes. */
  readonly credit: number;
  readonly balance: number;
}

export interface CurrencyStatement {
  readonly currency: string;
  readonly openingBalance: number;
  readonly lines: readonly StatementLine[];
  readonly closingBalance: number;
}

/**
 * A customer statement for a period: opening balance, every movement that changed what the customer
 * owes, closing balance, per currency. Allocations move money between a payment and an invoice
 * without changing the total owed, so they do not appear as lines.
 */
export async function customerStatement(
  db: Db,
  orgId: string,
  customerId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<{
  readonly customerId: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly currencies: readonly CurrencyStatement[];
}> {
  const opening = await db
    .selectFrom('ledger_entries')
    .select((eb) => [
      'currency',
      eb.fn.sum<number>('receivable_delta').as('r'),
      eb.fn.sum<number>('credit_delta').as('c'),
    ])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('effective_date', '<', from)
    .groupBy('currency')
    .execute();
  const rows = await db
    .selectFrom('ledger_entries as e')
    .leftJoin('invoices as i', (j) => j.onRef('i.id', '=', 'e.invoice_id').on('i.org_id', '=', orgId))
    .select([
      'e.id',
      'e.kind',
      'e.currency',
      'e.effective_date',
      'e.invoice_id',
      'e.receivable_delta',
      'e.credit_delta',
      'e.memo',
      'i.number',
    ])
    .where('e.org_id', '=', orgId)
    .where('e.customer_id', '=', customerId)
    .where('e.effective_date', '>=', from)
    .where('e.effective_date', '<=', to)
    .orderBy('e.effective_date')
    .orderBy('e.id')
    .execute();
  const currencies = new Set([...opening.map((o) => o.currency), ...rows.map((r) => r.currency)]);
  const result: CurrencyStatement[] = [];
  for (const currency of [...currencies].sort()) {
    const o = opening.find((x) => x.currency === currency);
    const openingBalance = o ? Number(o.r) - Number(o.c) : 0;
    let balance = openingBalance;
    const lines: StatementLine[] = [];
    for (const r of rows) {
      if (r.currency !== currency) continue;
      const effect = r.receivable_delta - r.credit_delta;
      if (effect === 0) continue;
      balance += effect;
      lines.push({
        entryId: r.id,
        date: r.effective_date,
        kind: r.kind,
        description: r.memo ?? (r.number ? `Invoice ${r.number}` : r.kind),
        invoiceId: r.invoice_id,
        debit: Math.max(effect, 0),
        credit: effect < 0 ? -effect : 0,
        balance,
      });
    }
    result.push({ currency, openingBalance, lines, closingBalance: balance });
  }
  return { customerId, from, to, currencies: result };
}
