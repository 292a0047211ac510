import type { ReferenceScheme } from './reference-for-invoice.ts';

/**
 * The reference scheme customers of a country know: Czech and Slovak banks have a field for the
 * variable symbol, Norwegian OCR giro needs a KID, Belgian and Finnish banks their own; elsewhere the
 * international RF reference. The Dutch betalingskenmerk and the Swiss QRR need an agreement with
 * the bank (a Currence registration, a QR-IBAN), so they are chosen explicitly, never by default.
 */
export function defaultReferenceScheme(country: string): ReferenceScheme {
  switch (country) {
    case 'CZ':
    case 'SK':
      return 'vs';
    case 'NO':
      return 'kid-mod10';
    case 'BE':
      return 'ogm';
    case 'FI':
      return 'fi';
    default:
      return 'rf';
  }
}
