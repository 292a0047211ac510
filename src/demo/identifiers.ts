import type { Rng } from './random.ts';

/**
 * Real-looking identifiers for demo data: bank accounts whose IBAN check digits are right (and, where
 * the country has one, whose domestic account-number check is right too), and VAT ids with the
 * national check digit. They are random, so they may or may not belong to someone: the demo never
 * sends money or mail to them.
 */

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');

/** ISO 7064 mod 97 of an alphanumeric string, letters as A=10 ... Z=35. */
function mod97(text: string): number {
  let r = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const part = code >= 65 ? String(code - 55) : ch;
    for (const d of part) r = (r * 10 + Number(d)) % 97;
  }
  return r;
}

/** Builds an IBAN from a country code and a BBAN: check digits = 98 - (BBAN + country + "00") mod 97. */
export function ibanFromBban(country: string, bban: string): string {
  const check = 98 - mod97(`${bban}${country}00`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

/** Czech and Slovak account numbers: prefix and number each weigh to a multiple of 11. */
const CZ_WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
const CZ_PREFIXES = ['000000', '000000', '000000', '000000', '000019', '000035', '000107', '000043'];

function czAccountNumber(rng: Rng): string {
  for (;;) {
    // Most numbers have 9 or fewer significant digits, written with leading zeros inside the IBAN.
    const body = (rng.chance(0.3) ? String(rng.int(1, 9)) : '0') + String(rng.int(1, 9)) + digits(rng, 7);
    const sum = [...body].reduce((s, d, i) => s + Number(d) * CZ_WEIGHTS[i]!, 0);
    const last = (11 - (sum % 11)) % 11;
    if (last < 10) return body + last;
  }
}

/** Norwegian account: 4-digit bank + 6 digits + MOD11 check (weights 5,4,3,2,7,6,5,4,3,2). */
function noAccount(bank: string, rng: Rng): string {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  for (;;) {
    const body = bank + digits(rng, 6);
    const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return body + check;
  }
}

/** Dutch account: 10 digits passing the elfproef (weights 10..1, sum divisible by 11). */
function nlAccount(rng: Rng): string {
  for (;;) {
    const head = String(rng.int(1, 9)) + digits(rng, 8);
    const sum = [...head].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
    const last = (11 - (sum % 11)) % 11;
    if (last < 10) return head + last;
  }
}

export interface DemoBank {
  readonly code: string;
  readonly name: string;
  readonly bic: string;
}

/** A few real banks per country (code as used inside the IBAN). */
export const BANKS: Readonly<Record<string, readonly DemoBank[]>> = Object.freeze({
  CZ: [
    { code: '0100', name: 'Komerční banka', bic: 'KOMBCZPP' },
    { code: '0300', name: 'ČSOB', bic: 'CEKOCZPP' },
    { code: '0800', name: 'Česká spořitelna', bic: 'GIBACZPX' },
    { code: '2010', name: 'Fio banka', bic: 'FIOBCZPP' },
    { code: '5500', name: 'Raiffeisenbank', bic: 'RZBCCZPP' },
    { code: '2700', name: 'UniCredit Bank', bic: 'BACXCZPP' },
  ],
  SK: [
    { code: '0900', name: 'Slovenská sporiteľňa', bic: 'GIBASKBX' },
    { code: '1100', name: 'Tatra banka', bic: 'TATRSKBX' },
    { code: '0200', name: 'VÚB banka', bic: 'SUBASKBX' },
    { code: '7500', name: 'ČSOB', bic: 'CEKOSKBX' },
  ],
  DE: [
    { code: '10070000', name: 'Deutsche Bank', bic: 'DEUTDEBBXXX' },
    { code: '37040044', name: 'Commerzbank', bic: 'COBADEFFXXX' },
    { code: '70150000', name: 'Stadtsparkasse München', bic: 'SSKMDEMMXXX' },
    { code: '50010517', name: 'ING-DiBa', bic: 'INGDDEFFXXX' },
    { code: '20050550', name: 'Hamburger Sparkasse', bic: 'HASPDEHHXXX' },
  ],
  NL: [
    { code: 'ABNA', name: 'ABN AMRO', bic: 'ABNANL2A' },
    { code: 'RABO', name: 'Rabobank', bic: 'RABONL2U' },
    { code: 'INGB', name: 'ING', bic: 'INGBNL2A' },
    { code: 'SNSB', name: 'SNS', bic: 'SNSBNL2A' },
  ],
  NO: [
    { code: '1503', name: 'DNB', bic: 'DNBANOKK' },
    { code: '1254', name: 'DNB', bic: 'DNBANOKK' },
    { code: '3000', name: 'Nordea', bic: 'NDEANOKK' },
    { code: '9710', name: 'SpareBank 1', bic: 'SPRONO22' },
  ],
  GB: [
    { code: 'NWBK', name: 'NatWest', bic: 'NWBKGB2L' },
    { code: 'BARC', name: 'Barclays', bic: 'BARCGB22' },
    { code: 'LOYD', name: 'Lloyds Bank', bic: 'LOYDGB2L' },
    { code: 'HBUK', name: 'HSBC UK', bic: 'HBUKGB4B' },
  ],
});

const GB_SORT_CODE_PREFIX: Readonly<Record<string, string>> = {
  NWBK: '60',
  BARC: '20',
  LOYD: '30',
  HBUK: '40',
};

/** A valid IBAN in `country` (CZ, SK, DE, NL, NO, GB), at `bank` or a random bank of the country. */
export function generateIban(rng: Rng, country: string, bank?: DemoBank): string {
  const banks = BANKS[country];
  if (!banks) throw new Error(`no demo banks for ${country}`);
  const b = bank ?? rng.pick(banks);
  switch (country) {
    case 'CZ':
    case 'SK':
      return ibanFromBban(country, b.code + rng.pick(CZ_PREFIXES) + czAccountNumber(rng));
    case 'DE':
      return ibanFromBban(country, b.code + String(rng.int(1, 9)) + digits(rng, 9));
    case 'NL':
      return ibanFromBban(country, b.code + nlAccount(rng));
    case 'NO':
      return ibanFromBban(country, noAccount(b.code, rng));
    case 'GB':
      return ibanFromBban(country, b.code + GB_SORT_CODE_PREFIX[b.code] + digits(rng, 4) + digits(rng, 8));
    default:
      throw new Error(`no IBAN layout for ${country}`);
  }
}

/** Czech IČO: 7 digits weighted 8..2, check = (11 - sum mod 11) mod 10. */
export function icoCheckDigit(first7: string): number {
  const sum = [...first7].reduce((s, d, i) => s + Number(d) * (8 - i), 0);
  return (11 - (sum % 11)) % 10;
}

/** German USt-IdNr: ISO 7064 MOD 11,10 over the first 8 digits. */
export function deVatCheckDigit(first8: string): number {
  let product = 10;
  for (const d of first8) {
    let sum = (Number(d) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/** Norwegian organisasjonsnummer: weights 3,2,7,6,5,4,3,2; undefined when the check would be 10. */
export function noOrgCheckDigit(first8: string): number | undefined {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = [...first8].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : check;
}

/** A company registration number for a Czech business (IČO), valid check digit. */
export function generateIco(rng: Rng): string {
  const head = String(rng.int(2, 7)) + digits(rng, 6);
  return head + icoCheckDigit(head);
}

/** A VAT id with a correct national check digit, in the country's usual written form. */
export function generateVatId(rng: Rng, country: string, ico?: string): string {
  switch (country) {
    case 'CZ':
      return `CZ${ico ?? generateIco(rng)}`;
    case 'SK': {
      // IČ DPH: 10 digits divisible by 11, third digit in 2,3,4,7,8,9.
      for (;;) {
        const head = `20${rng.pick(['2', '3', '4', '7', '8', '9'])}${digits(rng, 6)}`;
        const last = (11 - ((Number(head) * 10) % 11)) % 11;
        if (last < 10) return `SK${head}${last}`;
      }
    }
    case 'DE': {
      const head = String(rng.int(1, 3)) + digits(rng, 7);
      return `DE${head}${deVatCheckDigit(head)}`;
    }
    case 'NL': {
      // Omzetbelastingnummer: 9 digits passing the 11-proef (weights 9..2, last digit -1), then B01.
      for (;;) {
        const head = `00${digits(rng, 6)}`;
        const sum = [...head].reduce((s, d, i) => s + Number(d) * (9 - i), 0);
        const last = sum % 11;
        if (last < 10) return `NL${head}${last}B01`;
      }
    }
    case 'NO': {
      for (;;) {
        const head = String(rng.int(8, 9)) + digits(rng, 7);
        const check = noOrgCheckDigit(head);
        if (check !== undefined) return `NO${head}${check}MVA`;
      }
    }
    case 'GB': {
      // 7 digits weighted 8..2 plus the last two digits as a number: a multiple of 97.
      const head = String(rng.int(1, 9)) + digits(rng, 6);
      const sum = [...head].reduce((s, d, i) => s + Number(d) * (8 - i), 0);
      const check = (97 - (sum % 97)) % 97;
      return `GB${head}${String(check).padStart(2, '0')}`;
    }
    default:
      throw new Error(`no VAT id layout for ${country}`);
  }
}
