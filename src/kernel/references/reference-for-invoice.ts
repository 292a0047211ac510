import { fail, type Result } from '../errors.ts';
import { validateVariableSymbol, variableSymbolFromInvoice } from './czech-symbols.ts';
import { digitsOf } from './digits.ts';
import { finnishReferenceFromDigits, formatFinnishReference, validateFinnishReference } from './fi.ts';
import { kidFromDigits, validateKid } from './kid.ts';
import { dutchReferenceFromDigits, formatDutchReference, validateDutchReference } from './nl.ts';
import { formatOgm, ogmFromDigits, validateOgm } from './ogm.ts';
import { formatQrr, qrrFromDigits, validateQrr } from './qrr.ts';
import { formatRf, rfFromBody, validateRf } from './rf.ts';

/**
 * One entry point per use: make the reference printed on an invoice, check one a person typed, print
 * one. The machine form (no spaces, no delimiters) is what is stored and compared; the printed form is
 * only for people.
 */

export type ReferenceScheme = 'rf' | 'kid-mod10' | 'kid-mod11' | 'vs' | 'ogm' | 'fi' | 'nl' | 'qrr';

export const REFERENCE_SCHEMES: readonly ReferenceScheme[] = Object.freeze([
  'rf',
  'kid-mod10',
  'kid-mod11',
  'vs',
  'ogm',
  'fi',
  'nl',
  'qrr',
] as const);

const NAMES: Readonly<Record<ReferenceScheme, string>> = Object.freeze({
  rf: 'RF reference',
  'kid-mod10': 'KID',
  'kid-mod11': 'KID',
  vs: 'variable symbol',
  ogm: 'Belgian structured communication',
  fi: 'Finnish reference',
  nl: 'Dutch payment reference',
  qrr: 'QR reference',
});

export function isReferenceScheme(text: string): text is ReferenceScheme {
  return (REFERENCE_SCHEMES as readonly string[]).includes(text);
}

export interface ReferenceOptions {
  /** Put before the invoice number's characters (its digits, for numeric schemes). Not for 'vs': use the SS. */
  readonly customerNumber?: string;
  /** KID: total digits including the check digit (2-25), as agreed with Nets. Dutch: 7, 9-14 or 16 (default). */
  readonly length?: number;
  /** kid-mod11 only: fail (field 'checkDigit') rather than end the KID in '-'. */
  readonly avoidDash?: boolean;
}

/**
 * The machine form of the reference for an invoice, derived only from the invoice number (and the
 * customer number if given), so it can be recomputed at any time. Numeric schemes use the number's
 * digits in order ('2026-0042' -> '20260042'); RF uses its letters and digits, upper-cased.
 * @example referenceForInvoice('rf', 'inv-2026/0042') // ok('RF73INV20260042')
 * @example referenceForInvoice('kid-mod10', '2026-0042', { length: 10 }) // ok('0202600425')
 */
export function referenceForInvoice(
  scheme: ReferenceScheme,
  invoiceNumber: string,
  opts: ReferenceOptions = {},
): Result<string> {
  const name = NAMES[scheme];
  if (opts.length !== undefined && !(scheme === 'kid-mod10' || scheme === 'kid-mod11' || scheme === 'nl')) {
    return fail(
      'validation_failed',
      `a length can be chosen for KID and Dutch references only; a ${name} has its own`,
      {
        field: 'length',
      },
    );
  }
  if (scheme === 'vs') {
    if (opts.customerNumber !== undefined) {
      return fail('validation_failed', 'a variable symbol carries the invoice number only', {
        field: 'customerNumber',
        hint: 'Put the customer number in the specific symbol (SS) instead.',
      });
    }
    return variableSymbolFromInvoice(invoiceNumber);
  }
  if (scheme === 'rf') return rfForInvoice(`${opts.customerNumber ?? ''}${invoiceNumber}`, invoiceNumber);

  const invoiceDigits = digitsOf(invoiceNumber);
  if (invoiceDigits === '') {
    return fail(
      'validation_failed',
      `invoice number '${invoiceNumber}' has no digits for a ${name}; use invoice numbers with digits or choose the RF reference`,
      { field: 'invoiceNumber' },
    );
  }
  const customerDigits = digitsOf(opts.customerNumber ?? '');
  if (opts.customerNumber !== undefined && customerDigits === '') {
    return fail(
      'validation_failed',
      `customer number '${opts.customerNumber}' has no digits to put in a ${name}`,
      {
        field: 'customerNumber',
      },
    );
  }
  const digits = customerDigits + invoiceDigits;
  const made =
    scheme === 'kid-mod10' || scheme === 'kid-mod11'
      ? kidFromDigits(scheme === 'kid-mod10' ? 'mod10' : 'mod11', digits, opts)
      : scheme === 'ogm'
        ? ogmFromDigits(digits)
        : scheme === 'fi'
          ? finnishReferenceFromDigits(digits)
          : scheme === 'nl'
            ? dutchReferenceFromDigits(digits, opts.length ?? 16)
            : qrrFromDigits(digits);
  if (made.ok) return made;
  return fail('validation_failed', `invoice number '${invoiceNumber}': ${made.error.message}`, {
    field: made.error.field ?? 'invoiceNumber',
    ...(made.error.hint === undefined ? {} : { hint: made.error.hint }),
  });
}

function rfForInvoice(text: string, invoiceNumber: string): Result<string> {
  const body = text.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  const foreign = body.match(/[^A-Z0-9]/);
  if (foreign) {
    return fail(
      'validation_failed',
      `character '${foreign[0]}' of invoice number '${invoiceNumber}' cannot appear in an RF reference, which allows A-Z and 0-9`,
      {
        field: 'invoiceNumber',
        hint: 'Use invoice numbers in plain letters and digits.',
      },
    );
  }
  if (body === '') {
    return fail(
      'validation_failed',
      `invoice number '${invoiceNumber}' has no letters or digits for an RF reference`,
      {
        field: 'invoiceNumber',
      },
    );
  }
  const made = rfFromBody(body);
  return made.ok
    ? made
    : fail('validation_failed', `invoice number '${invoiceNumber}': ${made.error.message}`, {
        field: 'invoiceNumber',
      });
}

/**
 * Checks a reference as a person or a bank wrote it and returns the machine form.
 * @example validateReference('ogm', '+++010/8068/17183+++') // ok('010806817183')
 * @example validateReference('fi', '1 23454') // fails: 'check digit should be 3, is 4'
 */
export function validateReference(scheme: ReferenceScheme, text: string): Result<string> {
  switch (scheme) {
    case 'rf':
      return validateRf(text);
    case 'kid-mod10':
      return validateKid('mod10', text);
    case 'kid-mod11':
      return validateKid('mod11', text);
    case 'vs':
      return validateVariableSymbol(text);
    case 'ogm':
      return validateOgm(text);
    case 'fi':
      return validateFinnishReference(text);
    case 'nl':
      return validateDutchReference(text);
    case 'qrr':
      return validateQrr(text);
  }
}

/**
 * The reference as printed on an invoice. Takes a machine form; anything that does not validate is a
 * caller's bug (references are validated when stored), so it throws.
 * @example formatReference('rf', 'RF18539007547034') // 'RF18 5390 0754 7034'
 * @example formatReference('ogm', '010806817183') // '+++010/8068/17183+++'
 */
export function formatReference(scheme: ReferenceScheme, machineForm: string): string {
  const valid = validateReference(scheme, machineForm);
  if (!valid.ok) throw new Error(`formatReference(${scheme}, '${machineForm}'): ${valid.error.message}`);
  const ref = valid.value;
  switch (scheme) {
    case 'rf':
      return formatRf(ref);
    case 'ogm':
      return formatOgm(ref);
    case 'fi':
      return formatFinnishReference(ref);
    case 'nl':
      return formatDutchReference(ref);
    case 'qrr':
      return formatQrr(ref);
    default:
      // KIDs and Czech symbols are printed as they are: payers type them into a single field.
      return ref;
  }
}
