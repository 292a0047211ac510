/** The languages Duly writes to customers in, and sensible defaults per country. */
export const LANGUAGES = ['en', 'cs', 'sk', 'de', 'nl', 'nb'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface CountryDefaults {
  readonly language: Language;
  readonly currency: string;
  readonly timeZone: string;
}

const DEFAULTS: Readonly<Record<string, CountryDefaults>> = Object.freeze({
  CZ: { language: 'cs', currency: 'CZK', timeZone: 'Europe/Prague' },
  SK: { language: 'sk', currency: 'EUR', timeZone: 'Europe/Bratislava' },
  DE: { language: 'de', currency: 'EUR', timeZone: 'Europe/Berlin' },
  AT: { language: 'de', currency: 'EUR', timeZone: 'Europe/Vienna' },
  NL: { language: 'nl', currency: 'EUR', timeZone: 'Europe/Amsterdam' },
  BE: { language: 'nl', currency: 'EUR', timeZone: 'Europe/Brussels' },
  NO: { language: 'nb', currency: 'NOK', timeZone: 'Europe/Oslo' },
  GB: { language: 'en', currency: 'GBP', timeZone: 'Europe/London' },
  IE: { language: 'en', currency: 'EUR', timeZone: 'Europe/Dublin' },
});

export function countryDefaults(country: string): CountryDefaults | undefined {
  return DEFAULTS[country];
}
