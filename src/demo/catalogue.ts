import type { Language } from '../kernel/locale.ts';
import { divRoundHalfAwayFromZero, toSafeNumber } from '../kernel/money.ts';
import type { Rng } from './random.ts';

/**
 * What the demo seller sells: industrial and workplace supplies plus on-site service, priced in
 * Czech crowns. Czech VAT applies to Czech customers and to consumers (21 %, 12 % for drinking water
 * and coffee, which are food); deliveries to VAT-registered businesses elsewhere in the EU are
 * reverse-charged and exports to Norway and the UK are zero-rated, so those lines carry 0 %.
 */
export type Text = Readonly<Record<'cs' | 'sk' | 'de' | 'en', string>>;

export interface Product {
  readonly key: string;
  readonly name: Text;
  /** Net unit price in whole Czech crowns. */
  readonly priceCzk: number;
  readonly vatRate: 21 | 12;
  /** Quantity range for a small customer; larger customers scale it. */
  readonly qty: readonly [number, number];
  /** Hours are billed in half hours. */
  readonly hours?: boolean;
  readonly group: 'goods' | 'service' | 'workplace' | 'freight';
}

export const CATALOGUE: readonly Product[] = Object.freeze([
  {
    key: 'gloves',
    name: {
      cs: 'Nitrilové rukavice, bal. 100 ks',
      sk: 'Nitrilové rukavice, bal. 100 ks',
      de: 'Nitril-Schutzhandschuhe, 100 Stk.',
      en: 'Nitrile gloves, box of 100',
    },
    priceCzk: 289,
    vatRate: 21,
    qty: [4, 30],
    group: 'goods',
  },
  {
    key: 'boots',
    name: {
      cs: 'Pracovní obuv S3',
      sk: 'Pracovná obuv S3',
      de: 'Sicherheitsschuhe S3',
      en: 'Safety boots S3',
    },
    priceCzk: 1490,
    vatRate: 21,
    qty: [1, 12],
    group: 'goods',
  },
  {
    key: 'vest',
    name: { cs: 'Reflexní vesta', sk: 'Reflexná vesta', de: 'Warnweste', en: 'Hi-vis vest' },
    priceCzk: 119,
    vatRate: 21,
    qty: [10, 40],
    group: 'goods',
  },
  {
    key: 'bearing',
    name: {
      cs: 'Ložisko 6205-2RS',
      sk: 'Ložisko 6205-2RS',
      de: 'Rillenkugellager 6205-2RS',
      en: 'Ball bearing 6205-2RS',
    },
    priceCzk: 145,
    vatRate: 21,
    qty: [10, 120],
    group: 'goods',
  },
  {
    key: 'oil',
    name: {
      cs: 'Hydraulický olej HLP 46, 20 l',
      sk: 'Hydraulický olej HLP 46, 20 l',
      de: 'Hydrauliköl HLP 46, 20 l',
      en: 'Hydraulic oil HLP 46, 20 l',
    },
    priceCzk: 2390,
    vatRate: 21,
    qty: [1, 8],
    group: 'goods',
  },
  {
    key: 'discs',
    name: {
      cs: 'Řezné kotouče 125 mm, bal. 25 ks',
      sk: 'Rezné kotúče 125 mm, bal. 25 ks',
      de: 'Trennscheiben 125 mm, 25 Stk.',
      en: 'Cutting discs 125 mm, pack of 25',
    },
    priceCzk: 475,
    vatRate: 21,
    qty: [2, 20],
    group: 'goods',
  },
  {
    key: 'bolts',
    name: {
      cs: 'Šrouby M8x30 DIN 933, bal. 200 ks',
      sk: 'Skrutky M8x30 DIN 933, bal. 200 ks',
      de: 'Sechskantschrauben M8x30 DIN 933, 200 Stk.',
      en: 'Hex bolts M8x30 DIN 933, pack of 200',
    },
    priceCzk: 340,
    vatRate: 21,
    qty: [2, 25],
    group: 'goods',
  },
  {
    key: 'grinder',
    name: {
      cs: 'Úhlová bruska 1400 W',
      sk: 'Uhlová brúska 1400 W',
      de: 'Winkelschleifer 1400 W',
      en: 'Angle grinder 1400 W',
    },
    priceCzk: 3290,
    vatRate: 21,
    qty: [1, 3],
    group: 'goods',
  },
  {
    key: 'vacuum',
    name: {
      cs: 'Průmyslový vysavač 40 l',
      sk: 'Priemyselný vysávač 40 l',
      de: 'Industriesauger 40 l',
      en: 'Industrial vacuum cleaner 40 l',
    },
    priceCzk: 12_900,
    vatRate: 21,
    qty: [1, 1],
    group: 'goods',
  },
  {
    key: 'earmuffs',
    name: { cs: 'Chránič sluchu', sk: 'Chránič sluchu', de: 'Kapselgehörschutz', en: 'Ear defenders' },
    priceCzk: 249,
    vatRate: 21,
    qty: [5, 30],
    group: 'goods',
  },
  {
    key: 'labour',
    name: {
      cs: 'Servisní technik – práce (hod.)',
      sk: 'Servisný technik – práca (hod.)',
      de: 'Servicetechniker, Arbeitszeit (Std.)',
      en: 'Service engineer, labour (hours)',
    },
    priceCzk: 890,
    vatRate: 21,
    qty: [2, 16],
    hours: true,
    group: 'service',
  },
  {
    key: 'calibration',
    name: {
      cs: 'Kalibrace momentového klíče',
      sk: 'Kalibrácia momentového kľúča',
      de: 'Kalibrierung Drehmomentschlüssel',
      en: 'Torque wrench calibration',
    },
    priceCzk: 650,
    vatRate: 21,
    qty: [2, 20],
    group: 'service',
  },
  {
    key: 'inspection',
    name: {
      cs: 'Revize elektrického nářadí (ks)',
      sk: 'Revízia elektrického náradia (ks)',
      de: 'DGUV V3 Prüfung Elektrowerkzeug (Stk.)',
      en: 'Portable appliance test (per item)',
    },
    priceCzk: 95,
    vatRate: 21,
    qty: [10, 80],
    group: 'service',
  },
  {
    key: 'water',
    name: {
      cs: 'Pitná voda 18,9 l (barel)',
      sk: 'Pitná voda 18,9 l (barel)',
      de: 'Trinkwasser 18,9 l (Ballon)',
      en: 'Drinking water 18.9 l (bottle)',
    },
    priceCzk: 145,
    vatRate: 12,
    qty: [4, 30],
    group: 'workplace',
  },
  {
    key: 'coffee',
    name: {
      cs: 'Zrnková káva 1 kg',
      sk: 'Zrnková káva 1 kg',
      de: 'Kaffeebohnen 1 kg',
      en: 'Coffee beans 1 kg',
    },
    priceCzk: 489,
    vatRate: 12,
    qty: [2, 12],
    group: 'workplace',
  },
  {
    key: 'freight',
    name: { cs: 'Doprava', sk: 'Doprava', de: 'Fracht und Verpackung', en: 'Freight and packing' },
    priceCzk: 590,
    vatRate: 21,
    qty: [1, 1],
    group: 'freight',
  },
]);

/** Which of the catalogue's languages a customer reads; Norwegian and Dutch buyers get English. */
export function catalogueLanguage(language: Language): keyof Text {
  if (language === 'cs' || language === 'sk' || language === 'de') return language;
  return 'en';
}

/**
 * Unit price in `currency` minor units from a price in crowns, at fixed demo rates (25 CZK/EUR,
 * 2.15 CZK/NOK, 29 CZK/GBP), rounded to a price a catalogue would print. Freight abroad costs more.
 */
const RATES: Readonly<
  Record<string, { readonly minorPerCzk: readonly [bigint, bigint]; readonly step: number }>
> = Object.freeze({
  CZK: { minorPerCzk: [100n, 1n], step: 100 },
  EUR: { minorPerCzk: [4n, 1n], step: 10 },
  NOK: { minorPerCzk: [2000n, 43n], step: 100 },
  GBP: { minorPerCzk: [100n, 29n], step: 5 },
});

/** Crowns converted to `currency` minor units, rounded to a multiple of `step` minor units. */
export function convertCzk(czk: number, currency: string, step?: number): number {
  const rate = RATES[currency];
  if (!rate) throw new Error(`no demo price list in ${currency}`);
  const [num, den] = rate.minorPerCzk;
  const exact = divRoundHalfAwayFromZero(BigInt(czk) * num, den);
  const unit = BigInt(step ?? rate.step);
  return toSafeNumber(divRoundHalfAwayFromZero(exact, unit) * unit);
}

export function unitPrice(product: Product, currency: string, abroad: boolean): number {
  return convertCzk(
    product.group === 'freight' && abroad ? product.priceCzk * 6 : product.priceCzk,
    currency,
  );
}

/** A quantity as the API takes it: "3", or "2.5" for hours. */
export function quantityFor(rng: Rng, product: Product, scale: number): string {
  const [lo, hi] = product.qty;
  const max = Math.max(lo, Math.round(hi * scale));
  if (product.hours) {
    const halves = rng.int(lo * 2, max * 2);
    return halves % 2 === 0 ? String(halves / 2) : `${(halves - 1) / 2}.5`;
  }
  return String(rng.int(lo, max));
}

export interface CreditReason {
  /** Credits one line in full (returned, damaged) or a share of the invoice (rebate). */
  readonly basis: 'line' | 'percent' | 'whole';
  readonly text: Text;
}

export const CREDIT_REASONS: readonly CreditReason[] = Object.freeze([
  {
    basis: 'line',
    text: {
      cs: 'Zboží poškozené při přepravě',
      sk: 'Tovar poškodený pri preprave',
      de: 'Transportschaden',
      en: 'Goods damaged in transit',
    },
  },
  {
    basis: 'line',
    text: { cs: 'Vrácení zboží', sk: 'Vrátenie tovaru', de: 'Warenrücksendung', en: 'Returned goods' },
  },
  {
    basis: 'line',
    text: { cs: 'Neúplná dodávka', sk: 'Neúplná dodávka', de: 'Mindermenge geliefert', en: 'Short delivery' },
  },
  {
    basis: 'percent',
    text: {
      cs: 'Oprava ceny dle rámcové smlouvy',
      sk: 'Oprava ceny podľa rámcovej zmluvy',
      de: 'Preiskorrektur laut Rahmenvertrag',
      en: 'Price correction per framework agreement',
    },
  },
  {
    basis: 'percent',
    text: { cs: 'Množstevní sleva', sk: 'Množstevná zľava', de: 'Mengenrabatt', en: 'Volume rebate' },
  },
  {
    basis: 'whole',
    text: {
      cs: 'Duplicitně vystavená faktura',
      sk: 'Duplicitne vystavená faktúra',
      de: 'Rechnung doppelt gestellt',
      en: 'Invoice issued twice in error',
    },
  },
]);

/** Words a payer writes in the transfer's message, by customer language. */
export const REFERENCE_WORDS: Readonly<
  Record<
    Language,
    { readonly one: string; readonly many: string; readonly part: string; readonly vague: string }
  >
> = Object.freeze({
  cs: { one: 'Úhrada faktury', many: 'Úhrada faktur', part: 'Částečná úhrada faktury', vague: 'platba' },
  sk: { one: 'Úhrada faktúry', many: 'Úhrada faktúr', part: 'Čiastočná úhrada faktúry', vague: 'platba' },
  de: { one: 'Rechnung', many: 'Sammelzahlung Rechnungen', part: 'Teilzahlung Rechnung', vague: 'Zahlung' },
  nl: { one: 'Factuur', many: 'Facturen', part: 'Deelbetaling factuur', vague: 'betaling' },
  nb: { one: 'Faktura', many: 'Fakturaer', part: 'Delbetaling faktura', vague: 'betaling' },
  en: { one: 'INV', many: 'Remittance', part: 'Part payment INV', vague: 'payment' },
});
