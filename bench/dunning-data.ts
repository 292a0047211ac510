import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { addDays, type IsoDate } from '../src/kernel/dates.ts';
import { countryDefaults } from '../src/kernel/locale.ts';
import { formatMinor } from '../src/kernel/money.ts';

/**
 * Deterministic data for the dunning benchmark, as the two import CSV files. Every customer has a
 * billing contact with an email; every invoice has one line and an explicit due date. Each customer
 * has a "centre" day and its invoices fall due within a week of it, the centres spread so that due
 * dates cover the 90 days before `asOf` and the 10 after: customers then sit at every level of the
 * ladder (one message each at its highest level), instead of nearly all of them owing an invoice
 * 60 days overdue, which a uniform spread of ten invoices per customer would give.
 */
export const DUNNING_DATA_VERSION = 1;

function hash(seed: number, ...n: number[]): number {
  let h = 0x2545f491 ^ seed;
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
const VAT: Readonly<Record<string, string>> = { CZ: '21', SK: '23', DE: '19', NL: '21', NO: '25', GB: '20' };
const WORDS = ['Nord', 'Alfa', 'Delta', 'Horizon', 'Vltava', 'Tatra', 'Rhein', 'Polder', 'Fjord', 'Thames'];
const PEOPLE = [
  'Jana Nováková',
  'Peter Horváth',
  'Anna Müller',
  'Sanne de Vries',
  'Ola Nordmann',
  'Emma Smith',
];
/** Due dates lie in [asOf - 90, asOf + 10]: centres in [-83, +3], invoices within 7 days of them. */
const CENTRE_FROM = -83;
const CENTRE_SPAN = 87;
const SPREAD = 7;

function customerCountry(seed: number, i: number): string {
  return pick(hash(seed, i, 1), COUNTRIES);
}

export function writeDunningCustomersCsv(path: string, seed: number, count: number): Promise<void> {
  return writeLines(path, 'ref,name,kind,country,contact_name,email\n', count, (i) => {
    const country = customerCountry(seed, i);
    const word = pick(hash(seed, i, 2), WORDS);
    return `C${String(i + 1).padStart(7, '0')},${word} ${i} ${country},business,${country},${pick(hash(seed, i, 3), PEOPLE)},ap${i}@${word.toLowerCase()}.example\n`;
  });
}

/** One line per invoice; 10% are in EUR whatever the customer's currency (two messages then). */
export function writeDunningInvoicesCsv(
  path: string,
  seed: number,
  count: number,
  customers: number,
  asOf: IsoDate,
): Promise<void> {
  return writeLines(
    path,
    'number,customer_ref,issue_date,due_date,currency,description,quantity,unit_price,vat_rate\n',
    count,
    (j) => {
      const r = (k: number) => hash(seed ^ 0x7f4a7c15, j, k);
      const customer = Math.floor(r(1) * customers);
      const country = customerCountry(seed, customer);
      const centre = CENTRE_FROM + Math.floor(hash(seed, customer, 4) * CENTRE_SPAN);
      const due = addDays(asOf, centre + Math.floor(r(2) * (2 * SPREAD + 1)) - SPREAD);
      const currency = r(3) < 0.1 ? 'EUR' : countryDefaults(country)!.currency;
      const price = formatMinor(10_000 + Math.floor(r(4) * 2_000_000), currency);
      return `D${String(j + 1).padStart(8, '0')},C${String(customer + 1).padStart(7, '0')},${addDays(due, -30)},${due},${currency},Services,1,${price},${VAT[country]}\n`;
    },
  );
}

async function writeLines(path: string, header: string, count: number, line: (i: number) => string) {
  const out = createWriteStream(path);
  let buf = header;
  for (let i = 0; i < count; i++) {
    buf += line(i);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}
