import type { z } from 'zod';
import type { customerInput } from '../customers/customer.ts';
import { addDays, type IsoDate } from '../kernel/dates.ts';
import { countryDefaults, type Language } from '../kernel/locale.ts';
import { CATALOGUE, convertCzk } from './catalogue.ts';
import { generateIban, generateVatId } from './identifiers.ts';
import { companyDomain, type DemoCountry, NAMES, type Person, randomPerson, slug } from './names.ts';
import type { Rng } from './random.ts';

/** How a customer pays: on time, consistently late, or unpredictably (and sometimes not at all). */
export type PaymentProfile = 'good' | 'slow' | 'chaotic';
export type Segment = 'key' | 'regular' | 'occasional' | 'consumer';

export interface PlannedCustomer {
  /** Position in the plan's customer list, which is the order customers are created in. */
  readonly index: number;
  readonly ref: string;
  /** Exactly what the API would receive; the loader validates it with `customerInput`. */
  readonly input: z.input<typeof customerInput> & {
    readonly ref: string;
    readonly name: string;
    readonly country: DemoCountry;
    readonly language: Language;
    readonly currency: string;
    readonly paymentTermsDays: number;
    readonly bankAccounts: readonly string[];
  };
  readonly segment: Segment;
  readonly profile: PaymentProfile;
  /** First day the seller did business with the customer. */
  readonly since: IsoDate;
  /** The day insolvency proceedings began: no invoices after, open ones are written off. */
  readonly insolventFrom: IsoDate | null;
  /** One invoice is disputed and left unpaid; the account is on hold meanwhile. */
  readonly disputed: boolean;
  readonly method: 'bank_transfer' | 'direct_debit' | 'card';
  /** Pays in payment runs (weekly on Thursdays, or on the 15th and the last day of the month). */
  readonly paymentRuns: 'weekly' | 'semi_monthly' | null;
  /** Multiplies line quantities: large factories order more. */
  readonly scale: number;
  /** Catalogue keys the customer usually buys. */
  readonly interests: readonly string[];
}

const COUNTRY_WEIGHTS: readonly (readonly [DemoCountry, number])[] = [
  ['CZ', 38],
  ['SK', 14],
  ['DE', 20],
  ['NL', 10],
  ['NO', 8],
  ['GB', 10],
];

/** Largest-remainder split of `n` by weights, every bucket getting at least one when n allows. */
export function quotas<T>(n: number, weights: readonly (readonly [T, number])[]): Map<T, number> {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const floor = n >= weights.length ? 1 : 0;
  const rest = n - floor * weights.length;
  const raw = weights.map(([k, w]) => ({ k, share: (rest * w) / total }));
  const result = new Map(raw.map(({ k, share }) => [k, floor + Math.floor(share)]));
  let left = n - [...result.values()].reduce((s, v) => s + v, 0);
  const byFraction = [...raw].sort((a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)));
  for (const { k } of byFraction) {
    if (left === 0) break;
    result.set(k, result.get(k)! + 1);
    left--;
  }
  return result;
}

const GOODS = CATALOGUE.filter((p) => p.group === 'goods').map((p) => p.key);
const SERVICES = CATALOGUE.filter((p) => p.group === 'service').map((p) => p.key);
const WORKPLACE = CATALOGUE.filter((p) => p.group === 'workplace').map((p) => p.key);
const CONSUMER_GOODS = ['boots', 'grinder', 'vacuum', 'gloves', 'earmuffs', 'discs', 'coffee'];

function interestsFor(rng: Rng, country: DemoCountry, segment: Segment): string[] {
  if (segment === 'consumer') return rng.sample(CONSUMER_GOODS, rng.int(2, 4));
  const picks = rng.sample(GOODS, rng.int(3, 5));
  if (segment === 'key' || rng.chance(0.4)) picks.push(...rng.sample(SERVICES, rng.int(1, 2)));
  // Drinking water and coffee only sell at home: shipping water abroad makes no sense.
  if (country === 'CZ' && rng.chance(0.5)) picks.push(...rng.sample(WORKPLACE, rng.int(1, 2)));
  return picks;
}

interface Draft {
  readonly country: DemoCountry;
  readonly segment: Segment;
  readonly special: 'insolvent' | 'disputed' | null;
}

/** Decides who the customers are: countries, segments and the few special cases, by quota. */
function drafts(rng: Rng, n: number): Draft[] {
  const countries = rng.shuffle(
    [...quotas(n, COUNTRY_WEIGHTS)].flatMap(([c, k]) => Array.from({ length: k }, () => c)),
  );
  const insolvent = n >= 5 ? Math.max(1, Math.round(n / 70)) : 0;
  const disputed = n >= 10 ? Math.max(1, Math.round(n / 100)) : 0;
  return countries.map((country, i) => {
    const consumerShare = country === 'CZ' ? 0.25 : country === 'SK' ? 0.2 : 0;
    const special = i < insolvent ? 'insolvent' : i < insolvent + disputed ? 'disputed' : null;
    const segment: Segment =
      special === null && rng.chance(consumerShare)
        ? 'consumer'
        : rng.weighted<Segment>([
            ['key', 12],
            ['regular', 63],
            ['occasional', 25],
          ]);
    return { country, segment, special };
  });
}

function termsFor(rng: Rng, country: DemoCountry, segment: Segment): number {
  if (segment === 'consumer') return 14;
  if (segment === 'key') return 45;
  if (country === 'CZ' || country === 'SK') return rng.chance(0.4) ? 14 : 30;
  return 30;
}

function creditLimitCzk(rng: Rng, segment: Segment): number | null {
  if (segment === 'consumer') return null;
  if (segment === 'key') return rng.pick([500_000, 750_000, 1_000_000]);
  if (segment === 'regular') return rng.pick([100_000, 150_000, 250_000]);
  return rng.pick([50_000, 80_000]);
}

type ContactInput = NonNullable<z.input<typeof customerInput>['contacts']>[number];

/**
 * A business has a shared invoice mailbox (billing), the person who approves supplier invoices
 * (ap_approver) and sometimes a buyer; a consumer is their own contact. Addresses live under the
 * reserved `.example` TLD, so no demo reminder can ever reach a real inbox.
 */
function contactsFor(r: Rng, country: DemoCountry, domain: string | null, owner: Person): ContactInput[] {
  const names = NAMES[country];
  const mail = (p: Person, host: string) => `${slug(p.first, '.')}.${slug(p.last, '.')}@${host}`;
  if (domain === null) {
    return [
      {
        name: `${owner.first} ${owner.last}`,
        role: 'billing',
        email: mail(owner, 'mail.example'),
        phone: names.phone(r),
      },
    ];
  }
  const titled = (p: Person) =>
    (country === 'CZ' || country === 'SK') && r.chance(0.4)
      ? `Ing. ${p.first} ${p.last}`
      : `${p.first} ${p.last}`;
  const person = (role: 'ap_approver' | 'other'): ContactInput => {
    const p = randomPerson(r, country);
    return { name: titled(p), role, email: mail(p, domain), phone: names.phone(r) };
  };
  // The billing contact is a person who reads the accounts mailbox: reminders greet a contact by
  // name ("Guten Tag Frau Schmidt"), and a department name there ("Guten Tag Kreditorenbuchhaltung")
  // reads wrong.
  const clerk = randomPerson(r, country);
  const contacts: ContactInput[] = [
    {
      name: titled(clerk),
      role: 'billing',
      email: `${r.pick(names.billingMailboxes)}@${domain}`,
      phone: names.phone(r),
    },
    person('ap_approver'),
  ];
  if (r.chance(0.4)) contacts.push(person('other'));
  return contacts;
}

/**
 * Plans `n` customers, each with its own random stream (`rng.fork`), so a customer's identity does
 * not change when another customer's generation changes.
 */
export function planCustomers(rng: Rng, n: number, asOf: IsoDate): PlannedCustomer[] {
  const windowStart = addDays(asOf, -365);
  const used = new Set<string>();
  const planned = drafts(rng.fork('drafts'), n).map((d, i) => {
    const r = rng.fork(`customer:${i}`);
    const names = NAMES[d.country];
    const defaults = countryDefaults(d.country)!;
    const person = () => randomPerson(r, d.country);
    let name = '';
    let owner = person();
    for (let attempt = 0; attempt < 100 && (name === '' || used.has(name)); attempt++) {
      owner = person();
      name = d.segment === 'consumer' ? `${owner.first} ${owner.last}` : names.company(r, person);
    }
    if (used.has(name)) name = `${name} (${i + 1})`;
    used.add(name);

    const method: PlannedCustomer['method'] =
      d.segment === 'consumer' && r.chance(0.4)
        ? 'card'
        : d.special === null &&
            (d.country === 'DE' || d.country === 'NL') &&
            d.segment === 'key' &&
            r.chance(0.4)
          ? 'direct_debit'
          : 'bank_transfer';
    // A direct debit is collected on the due date, whatever the customer's habits.
    const profile: PaymentProfile =
      method === 'direct_debit'
        ? 'good'
        : d.special === 'insolvent'
          ? 'chaotic'
          : d.special === 'disputed'
            ? 'good'
            : r.weighted<PaymentProfile>(
                d.segment === 'key'
                  ? [
                      ['good', 70],
                      ['slow', 30],
                    ]
                  : d.segment === 'consumer'
                    ? [
                        ['good', 70],
                        ['chaotic', 30],
                      ]
                    : [
                        ['good', 55],
                        ['slow', 28],
                        ['chaotic', 17],
                      ],
              );
    const joined = d.special
      ? 'before'
      : r.weighted<'before' | 'during' | 'new'>([
          ['before', 70],
          ['during', 20],
          ['new', 10],
        ]);
    const since =
      joined === 'before'
        ? addDays(windowStart, -r.int(30, 2500))
        : joined === 'during'
          ? addDays(windowStart, r.int(0, 270))
          : addDays(asOf, -r.int(10, 80));
    const insolventFrom = d.special === 'insolvent' ? addDays(asOf, -r.int(120, 240)) : null;

    const language: Language =
      (d.country === 'NL' && r.chance(0.3)) || (d.country === 'NO' && r.chance(0.2))
        ? 'en'
        : defaults.language;
    const business = d.segment !== 'consumer';
    const contacts = contactsFor(r, d.country, business ? companyDomain(name) : null, owner);
    const ibanCount = business
      ? r.weighted([
          [1, 80],
          [2, 12],
          [0, 8],
        ] as const)
      : r.chance(0.6)
        ? 1
        : 0;
    const bankAccounts = Array.from({ length: ibanCount }, () => generateIban(r, d.country));

    const tags: string[] = [];
    if (d.segment === 'key') tags.push('key-account');
    if ((profile === 'slow' && r.chance(0.7)) || (profile === 'chaotic' && business && r.chance(0.4))) {
      tags.push('slow-payer');
    }
    if (joined === 'new') tags.push('new');
    if (d.special === 'insolvent') tags.push('insolvency');
    if (d.special === 'disputed') tags.push('dispute');
    if (business && (d.country === 'NO' || d.country === 'GB')) tags.push('export');
    const limit = creditLimitCzk(r, d.segment);

    return {
      index: i,
      ref: '',
      input: {
        ref: '',
        name,
        kind: business ? 'business' : 'consumer',
        country: d.country,
        language,
        currency: defaults.currency,
        vatId: business ? generateVatId(r, d.country) : null,
        paymentTermsDays: termsFor(r, d.country, d.segment),
        creditLimit: limit === null ? null : convertCzk(limit, defaults.currency, 100_000),
        onHold: d.special !== null,
        tags,
        contacts,
        bankAccounts,
      },
      segment: d.segment,
      profile,
      since,
      insolventFrom,
      disputed: d.special === 'disputed',
      method,
      paymentRuns:
        d.segment === 'key' ? 'weekly' : profile === 'slow' && r.chance(0.5) ? 'semi_monthly' : null,
      scale: d.segment === 'key' ? r.int(3, 6) : d.segment === 'regular' ? r.int(1, 3) : 1,
      interests: interestsFor(r, d.country, d.segment),
    } satisfies PlannedCustomer;
  });
  // Customer numbers follow the order in which customers came, the oldest first, and the customers
  // are created in that order, so a list by creation reads like the seller's customer register.
  const bySince = [...planned].sort((a, b) =>
    a.since < b.since ? -1 : a.since > b.since ? 1 : a.index - b.index,
  );
  return bySince.map((c, k) => {
    const ref = `C-${10_001 + k}`;
    return { ...c, index: k, ref, input: { ...c.input, ref } };
  });
}
