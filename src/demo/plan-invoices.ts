import { addDays, daysBetween, type IsoDate } from '../kernel/dates.ts';
import { computeLine, parseQuantityMilli, parseVatRateBp, sumLines } from '../ledger/invoice-totals.ts';
import { maxDate, nextWeekday } from './calendar.ts';
import { CATALOGUE, catalogueLanguage, type Product, quantityFor, unitPrice } from './catalogue.ts';
import type { PlannedCustomer } from './plan-customers.ts';
import type { Rng } from './random.ts';

export interface PlannedLine {
  readonly description: string;
  /** As the API takes it: "12", "2.5". */
  readonly quantity: string;
  readonly unitPrice: number;
  readonly vatRate: string;
  /** Gross line total, computed by the ledger's own line arithmetic. */
  readonly total: number;
}

export interface PlannedInvoice {
  /** `customerIndex:seq`, stable before numbers are assigned. */
  readonly key: string;
  readonly customerIndex: number;
  readonly issueDate: IsoDate;
  readonly deliveryDate: IsoDate;
  /** What createInvoice derives from the customer's terms; planned here to schedule payments. */
  readonly dueDate: IsoDate;
  readonly currency: string;
  readonly draft: boolean;
  readonly lines: readonly PlannedLine[];
  readonly total: number;
}

const byKey = new Map(CATALOGUE.map((p) => [p.key, p]));

function line(rng: Rng, c: PlannedCustomer, product: Product): PlannedLine {
  const abroad = c.input.country !== 'CZ';
  // Czech VAT for Czech customers and for consumers; reverse charge or export (0 %) for the rest.
  const vatRate = c.input.country === 'CZ' || c.segment === 'consumer' ? product.vatRate : 0;
  const quantity = quantityFor(rng, product, c.scale);
  const price = unitPrice(product, c.input.currency, abroad);
  const amounts = computeLine(parseQuantityMilli(quantity)!, price, parseVatRateBp(String(vatRate))!);
  return {
    description: product.name[catalogueLanguage(c.input.language)],
    quantity,
    unitPrice: price,
    vatRate: String(vatRate),
    total: amounts.total,
  };
}

/** One invoice for `c` issued on `issueDate`: 1-4 lines from what the customer usually buys. */
export function planInvoice(
  rng: Rng,
  c: PlannedCustomer,
  seq: number,
  issueDate: IsoDate,
  draft = false,
): PlannedInvoice {
  const count = Math.min(
    c.interests.length,
    rng.weighted([
      [1, 35],
      [2, 30],
      [3, 20],
      [4, 15],
    ] as const),
  );
  const products = rng.sample(c.interests, count).map((k) => byKey.get(k)!);
  if (products.length < 4 && products.some((p) => p.group === 'goods') && rng.chance(0.5)) {
    products.push(byKey.get('freight')!);
  }
  const lines = products.map((p) => line(rng, c, p));
  const totals = sumLines(
    lines.map((l) => computeLine(parseQuantityMilli(l.quantity)!, l.unitPrice, parseVatRateBp(l.vatRate)!)),
  );
  return {
    key: `${c.index}:${seq}`,
    customerIndex: c.index,
    issueDate,
    deliveryDate: addDays(issueDate, -rng.int(0, 3)),
    dueDate: addDays(issueDate, c.input.paymentTermsDays),
    currency: c.input.currency,
    draft,
    lines,
    total: totals.total,
  };
}

/**
 * The customer's invoices over the year before `asOf`: every 10-20 days for key accounts, every one
 * to two months for regular customers, now and then for occasional ones, once or twice for
 * consumers. Issued on weekdays; none after insolvency proceedings began.
 */
export function planInvoices(rng: Rng, c: PlannedCustomer, asOf: IsoDate): PlannedInvoice[] {
  const windowStart = addDays(asOf, -365);
  const start = maxDate(c.since, windowStart);
  const end = c.insolventFrom ? addDays(c.insolventFrom, -20) : asOf;
  const dates: IsoDate[] = [];
  if (c.segment === 'consumer') {
    const span = Math.max(0, daysBetween(start, end));
    const count = rng.chance(0.3) ? 2 : 1;
    for (let i = 0; i < count; i++) dates.push(nextWeekday(addDays(start, rng.int(0, span))));
    dates.sort();
  } else {
    const mean =
      c.segment === 'key' ? rng.int(10, 20) : c.segment === 'regular' ? rng.int(25, 55) : rng.int(60, 120);
    for (let d = addDays(start, rng.int(0, mean)); d <= end; ) {
      dates.push(nextWeekday(d));
      d = addDays(d, rng.int(Math.ceil(mean * 0.6), Math.floor(mean * 1.4)));
    }
  }
  return dates.filter((d) => d <= end).map((d, seq) => planInvoice(rng, c, seq, d));
}
