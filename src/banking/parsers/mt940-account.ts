import { isValidIban, normalizeIban } from '../../kernel/iban.ts';

/**
 * The `:25:` account identification, as banks write it: an IBAN (`NL77INGB0574908765`), often
 * followed by the currency (`NL77INGB0574908765EUR`, `NL34RABO0142623393 EUR`), a German
 * `BLZ/account` (`50880050/0194787400888`, `70011110/4005287001EUR`), a `BIC/account`
 * (`BPHKPLPK/320000546101`) or a plain local number.
 */

export interface Mt940Account {
  readonly iban: string | null;
  readonly number: string | null;
  /** The currency written after the account, if any. */
  readonly currency: string | null;
}

const BIC_PREFIX = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\//;

/**
 * @example
 *   mt940Account('70011110/4005287001EUR') // { iban: null, number: '70011110/4005287001', currency: 'EUR' }
 *   mt940Account('NL34RABO0142623393 EUR') // { iban: 'NL34RABO0142623393', number: null, currency: 'EUR' }
 */
export function mt940Account(text: string): Mt940Account {
  let t = text.trim();
  // Mauritian and Seychellois IBANs end in their currency: a whole valid IBAN is never cut.
  if (isValidIban(t)) return { iban: normalizeIban(t), number: null, currency: null };
  let currency: string | null = null;
  const suffix = /^(.*[\d /])([A-Z]{3})$/.exec(t);
  if (suffix) {
    currency = suffix[2]!;
    t = suffix[1]!.replace(/[ /]+$/, '');
  }
  const withoutBic = t.replace(BIC_PREFIX, '');
  for (const candidate of [t, withoutBic]) {
    if (isValidIban(candidate)) return { iban: normalizeIban(candidate), number: null, currency };
  }
  return { iban: null, number: withoutBic === '' ? null : withoutBic, currency };
}
