import { fail, ok, type Result } from '../errors.ts';
import { digitAt, firstDisallowed, groupFromRight, isDigits, withoutSpaces } from './digits.ts';

/**
 * Swiss QR reference (QRR), used with a QR-IBAN on the QR-bill: 27 digits, the last a check digit by
 * recursive modulo 10 (the former ISR/ESR reference algorithm): carry = TABLE[(carry + digit) mod 10] over
 * the 26 digits, check = (10 - carry) mod 10. Printed in groups of five from the right:
 * `21 00000 00003 13947 14300 09017`. Source: SIX "Swiss Implementation Guidelines for the QR-bill"
 * (reference types, appendix on the check digit), whose sample reference is the one above.
 * Each step is a permutation of the digits, so every single-digit error is caught; adjacent transpositions
 * are caught in most but not all cases (20 of the 900 carry/digit-pair combinations slip through).
 */

const TABLE = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5] as const;
export const QRR_LENGTH = 27;

/** @example qrrCheckDigit('21000000000313947143000901') // '7' */
export function qrrCheckDigit(base: string): string {
  let carry = 0;
  for (let i = 0; i < base.length; i++) carry = TABLE[(carry + digitAt(base, i)) % 10]!;
  return String((10 - carry) % 10);
}

/**
 * A QR reference from up to 26 digits, zero-padded on the left.
 * @example qrrFromDigits('20260042') // ok('000000000000000000202600427')
 */
export function qrrFromDigits(digits: string): Result<string> {
  if (!isDigits(digits) || digits.length > QRR_LENGTH - 1) {
    return fail(
      'validation_failed',
      `'${digits}' does not fit a QR reference, which carries at most 26 digits`,
      {
        field: 'invoiceNumber',
      },
    );
  }
  const base = digits.padStart(QRR_LENGTH - 1, '0');
  return ok(base + qrrCheckDigit(base));
}

/**
 * Checks a QR reference (spaces tolerated) and returns its 27 digits.
 * @example validateQrr('21 00000 00003 13947 14300 09017') // ok('210000000003139471430009017')
 */
export function validateQrr(text: string): Result<string> {
  const bad = firstDisallowed(text, /[0-9]/);
  if (bad) {
    return fail(
      'validation_failed',
      `character '${bad.char}' at column ${bad.column} is not allowed in a QR reference; use digits`,
      {
        field: 'reference',
      },
    );
  }
  const ref = withoutSpaces(text);
  if (ref.length !== QRR_LENGTH) {
    return fail('validation_failed', `a QR reference has ${QRR_LENGTH} digits; '${ref}' has ${ref.length}`, {
      field: 'reference',
      hint: 'With a normal IBAN use the RF reference (SCOR); QRR goes with a QR-IBAN.',
    });
  }
  const expected = qrrCheckDigit(ref.slice(0, -1));
  const given = ref.slice(-1);
  if (given !== expected) {
    return fail('validation_failed', `check digit should be ${expected}, is ${given}`, {
      field: 'reference',
      hint: 'A digit of the QR reference was mistyped; compare it with the QR-bill.',
    });
  }
  return ok(ref);
}

/** @example formatQrr('210000000003139471430009017') // '21 00000 00003 13947 14300 09017' */
export function formatQrr(machineForm: string): string {
  return groupFromRight(machineForm, 5);
}
