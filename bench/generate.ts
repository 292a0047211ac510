import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { addDays } from '../src/kernel/dates.ts';
import { isValidIban } from '../src/kernel/iban.ts';
import { countryDefaults } from '../src/kernel/locale.ts';
import { formatMinor } from '../src/kernel/money.ts';
import { computeLine, sumLines } from '../src/ledger/invoice-totals.ts';

/**
 * Deterministic benchmark data. Every customer and invoice is a pure function of (seed, index), so
 * the CSV files and the floor's in-memory rows describe exactly the same records without holding
 * them all at once.
 */
export const DATA_VERSION = 1;

function hash(seed: number, ...n: number[]): number {
  let h = 0x9e3779b9 ^ seed;
  for (const x of n) {
    h = Math.imul(h ^ x, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 2 ** 32;
}

const pick = <T>(r: number, items: readonly T[]): T => items[Math.floor(r * items.length)]!;

const COUNTRIES = ['CZ', 'CZ', 'SK', 'DE', 'DE', 'NL', 'NO', 'GB'] as const;
const SUFFIX: Record<string, string> = {
  CZ: 's.r.o.',
  SK: 's.r.o.',
  DE: 'GmbH',
  NL: 'B.V.',
  NO: 'AS',
  GB: 'Ltd',
};
const VAT: Record<string, readonly string[]> = {
  CZ: ['21', '12'],
  SK: ['23', '19'],
  DE: ['19', '7'],
  NL: ['21', '9'],
  NO: ['25', '15'],
  GB: ['20', '5'],
};
const WORDS = [
  'Nord',
  'Alfa',
  'Delta',
  'Horizon',
  'Vltava',
  'Tatra',
  'Rhein',
  'Polder',
  'Fjord',
  'Thames',
  'Kovo',
  'Agro',
];
const TRADES = [
  'Logistics',
  'Stavby',
  'Metall',
  'Foods',
  'Consulting',
  'Trading',
  'Textil',
  'Software',
  'Print',
];
const PEOPLE = [
  'Jana Nováková',
  'Peter Horváth',
  'Anna Müller',
  'Sanne de Vries',
  'Ola Nordmann',
  'Emma Smith',
];
const TAGS = ['vip', 'wholesale', 'retail', 'slow-payer', 'new', 'export'];
const ITEMS = [
  'Consulting hours',
  'Software licence',
  'Freight, pallet',
  'Maintenance "Basic"',
  'Steel profiles',
];

export interface CustomerSpec {
  readonly ref: string;
  readonly name: string;
  readonly kind: 'business' | 'consumer';
  readonly country: string;
  readonly currency: string;
  readonly vatId: string | null;
  readonly termsDays: number | null;
  readonly creditLimit: number | null;
  readonly tags: readonly string[];
  readonly contact: { readonly name: string; readonly email: string; readonly phone: string } | null;
  readonly ibans: readonly string[];
}

/** A valid IBAN for a country, from a number (ISO 13616 check digits: 98 - mod 97). */
function ibanFor(country: string, n: number): string {
  const bban = String(n).padStart(20, '0');
  const digits = `${bban}${country.charCodeAt(0) - 55}${country.charCodeAt(1) - 55}00`;
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  const iban = `${country}${String(98 - rest).padStart(2, '0')}${bban}`;
  if (!isValidIban(iban)) throw new Error(`generated an invalid IBAN ${iban}`);
  return iban;
}

export function customerSpec(seed: number, i: number): CustomerSpec {
  const r = (k: number) => hash(seed, i, k);
  const country = pick(r(1), COUNTRIES);
  const kind = r(2) < 0.85 ? 'business' : 'consumer';
  const person = pick(r(3), PEOPLE);
  const name =
    kind === 'business'
      ? `${pick(r(4), WORDS)} ${pick(r(5), TRADES)} ${SUFFIX[country]}`
      : `${person} (${i})`;
  const ibanCount = r(6) < 0.5 ? 0 : r(6) < 0.9 ? 1 : 2;
  return {
    ref: `C${String(i + 1).padStart(7, '0')}`,
    name,
    kind,
    country,
    currency: countryDefaults(country)!.currency,
    vatId: kind === 'business' ? `${country}${String(Math.floor(r(7) * 1e9)).padStart(9, '0')}` : null,
    termsDays: r(8) < 0.4 ? null : pick(r(9), [14, 30, 45, 60]),
    creditLimit: r(10) < 0.5 ? null : Math.floor(r(11) * 200) * 50_000,
    tags: r(12) < 0.5 ? [] : [...new Set([pick(r(13), TAGS), pick(r(14), TAGS)])],
    contact:
      r(15) < 0.3
        ? null
        : {
            name: person,
            email: `ap${i}@${pick(r(4), WORDS).toLowerCase()}.example`,
            phone: `+420 6${String(Math.floor(r(16) * 1e8)).padStart(8, '0')}`,
          },
    ibans: Array.from({ length: ibanCount }, (_, k) => ibanFor(country, i * 3 + k + 1)),
  };
}

export interface LineSpec {
  readonly description: string;
  readonly quantityMilli: number;
  readonly unitPrice: number;
  readonly vatRate: string;
}

export interface InvoiceSpec {
  readonly number: string;
  readonly customer: number;
  readonly issueDate: string;
  readonly deliveryDate: string | null;
  readonly dueDate: string | null;
  readonly terms: number | null;
  /** Null: the customer's currency (the column is left empty). */
  readonly currency: string | null;
  readonly lines: readonly LineSpec[];
}

export function invoiceSpec(seed: number, j: number, customers: number): InvoiceSpec {
  const r = (k: number) => hash(seed ^ 0x51ed27, j, k);
  const customer = Math.floor(r(1) * customers);
  const country = pick(hash(seed, customer, 1), COUNTRIES);
  const issueDate = addDays('2025-01-01', Math.floor(r(2) * 700));
  const due = r(3);
  const n = 1 + Math.floor(r(4) * 3);
  return {
    number: `INV-${String(j + 1).padStart(8, '0')}`,
    customer,
    issueDate,
    deliveryDate: r(5) < 0.5 ? issueDate : null,
    dueDate: due > 0.8 ? addDays(issueDate, 14 + Math.floor(r(6) * 47)) : null,
    terms: due > 0.5 && due <= 0.8 ? pick(r(7), [7, 14, 30, 60]) : null,
    currency: r(8) < 0.1 ? 'EUR' : null,
    lines: Array.from({ length: n }, (_, k) => ({
      description: pick(r(10 + k), ITEMS),
      quantityMilli:
        r(20 + k) < 0.7 ? (1 + Math.floor(r(30 + k) * 20)) * 1000 : (1 + Math.floor(r(30 + k) * 200)) * 100,
      unitPrice: 100 + Math.floor(r(40 + k) * 500_000),
      vatRate: pick(r(50 + k), VAT[country]!),
    })),
  };
}

/** The invoice total as Duly computes it (per-line rounding), for checking the import. */
export function invoiceTotal(spec: InvoiceSpec): number {
  return sumLines(
    spec.lines.map((l) => computeLine(l.quantityMilli, l.unitPrice, Math.round(Number(l.vatRate) * 100))),
  ).total;
}

/** 1500 thousandths -> "1.5"; 3000 -> "3". */
export function quantityText(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const frac = milli % 1000;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

const csvField = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csvLine = (fields: readonly (string | number | null)[]) => `${fields.map(csvField).join(',')}\n`;

async function writeLines(
  path: string,
  count: number,
  header: string,
  lines: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(path);
  let buf = header;
  for (let i = 0; i < count; i++) {
    buf += lines(i);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export const CUSTOMER_HEADER =
  'ref,name,kind,country,language,time_zone,currency,vat_id,payment_terms_days,credit_limit,tags,contact_name,email,phone,iban\n';
export const INVOICE_HEADER =
  'number,customer_ref,issue_date,delivery_date,due_date,terms,currency,description,quantity,unit_price,vat_rate\n';

export function writeCustomersCsv(path: string, seed: number, count: number): Promise<void> {
  return writeLines(path, count, CUSTOMER_HEADER, (i) => {
    const c = customerSpec(seed, i);
    return csvLine([
      c.ref,
      c.name,
      c.kind,
      c.country,
      null,
      null,
      null,
      c.vatId,
      c.termsDays,
      c.creditLimit === null ? null : formatMinor(c.creditLimit, c.currency),
      c.tags.join(';'),
      c.contact?.name ?? null,
      c.contact?.email ?? null,
      c.contact?.phone ?? null,
      c.ibans.join(';'),
    ]);
  });
}

/** Writes the invoices CSV and returns what the import must produce: counts and the sum of totals. */
export async function writeInvoicesCsv(
  path: string,
  seed: number,
  count: number,
  customers: number,
): Promise<{ lines: number; total: number }> {
  let lines = 0;
  let total = 0;
  const refs: string[] = [];
  const currencies: string[] = [];
  for (let i = 0; i < customers; i++) {
    const c = customerSpec(seed, i);
    refs.push(c.ref);
    currencies.push(c.currency);
  }
  await writeLines(path, count, INVOICE_HEADER, (j) => {
    const inv = invoiceSpec(seed, j, customers);
    const currency = inv.currency ?? currencies[inv.customer]!;
    lines += inv.lines.length;
    total += invoiceTotal(inv);
    return inv.lines
      .map((l, k) =>
        csvLine([
          inv.number,
          // Later rows of an invoice leave the invoice columns empty, as exports often do.
          k === 0 ? refs[inv.customer]! : null,
          k === 0 ? inv.issueDate : null,
          k === 0 ? inv.deliveryDate : null,
          k === 0 ? inv.dueDate : null,
          k === 0 ? inv.terms : null,
          k === 0 ? inv.currency : null,
          l.description,
          quantityText(l.quantityMilli),
          formatMinor(l.unitPrice, currency),
          l.vatRate,
        ]),
      )
      .join('');
  });
  return { lines, total };
}
