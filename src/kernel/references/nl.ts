import { fail, ok, type Result } from '../errors.ts';
import { digitAt, firstDisallowed, groupFromRight, isDigits, withoutSpaces } from './digits.ts';

/**
 * Dutch payment reference (betalingskenmerk, formerly on the acceptgiro), per the Betaalvereniging
 * Nederland "Specificaties betalingskenmerk":
 * - 7 digits: no check digit;
 * - 9-14 digits: C L N..., with C the check digit, L the count of digits N after it mod 10 (7, 8, 9, 0, 1, 2);
 * - 16 digits: C then 15 digits.
 * C is the weighted modulus 11 of everything after it (L included): weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1
 * repeating from the right (powers of 2 mod 11), C = 11 - sum mod 11, where 10 gives 1 and 11 gives 0.
 * The specification's own examples, 5000056789012345 and 12234534622567, validate here.
 * Because both 10 and 1 become check digit 1, a single-digit error that moves the sum mod 11 between
 * 1 and 10 goes unnoticed; every other single-digit error is caught.
 */

export const NL_LENGTHS: readonly number[] = Object.freeze([7, 9, 10, 11, 12, 13, 14, 16]);
const WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1] as const;

/**
 * The check digit C for the digits that follow it.
 * @example dutchCheckDigit('000056789012345') // '5'
 */
export function dutchCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = digits.length - 1, k = 0; i >= 0; i--, k++) sum += digitAt(digits, i) * WEIGHTS[k % 10]!;
  const check = 11 - (sum % 11);
  return check === 11 ? '0' : check === 10 ? '1' : String(check);
}

/**
 * A betalingskenmerk of the given length (default 16) holding `digits`, zero-padded on the left.
 * @example dutchReferenceFromDigits('56789012345') // ok('5000056789012345')
 * @example dutchReferenceFromDigits('234534622567', 14) // ok('12234534622567')
 */
export function dutchReferenceFromDigits(digits: string, length = 16): Result<string> {
  if (!NL_LENGTHS.includes(length)) {
    return fail(
      'validation_failed',
      `a Dutch payment reference has 7, 9 to 14, or 16 digits, not ${length}`,
      { field: 'length' },
    );
  }
  const room = length === 7 ? 7 : length === 16 ? 15 : length - 2;
  if (!isDigits(digits) || digits.length > room) {
    return fail(
      'validation_failed',
      `'${digits}' does not fit a Dutch payment reference of ${length} digits, which holds ${room}`,
      {
        field: 'invoiceNumber',
        hint: 'Use the 16-digit form, shorter invoice numbers, or the RF reference.',
      },
    );
  }
  const payload = digits.padStart(room, '0');
  if (length === 7) return ok(payload);
  const afterCheck = length === 16 ? payload : String(room % 10) + payload;
  return ok(dutchCheckDigit(afterCheck) + afterCheck);
}

/**
 * Checks a betalingskenmerk (spaces tolerated) and returns its digits.
 * @example validateDutchReference('5000 0567 8901 2345') // ok('5000056789012345')
 */
export function validateDutchReference(text: string): Result<string> {
  const bad = firstDisallowed(text, /[0-9]/);
  if (bad) {
    return fail(
      'validation_failed',
      `character '${bad.char}' at column ${bad.column} is not allowed in a Dutch payment reference; use digits`,
      {
        field: 'reference',
      },
    );
  }
  const ref = withoutSpaces(text);
  if (!NL_LENGTHS.includes(ref.length)) {
    return fail(
      'validation_failed',
      `a Dutch payment reference has 7, 9 to 14, or 16 digits; '${ref}' has ${ref.length}`,
      {
        field: 'reference',
      },
    );
  }
  if (ref.length === 7) return ok(ref);
  if (ref.length < 16) {
    const expectedLength = String((ref.length - 2) % 10);
    if (ref[1] !== expectedLength) {
      return fail(
        'validation_failed',
        `length code (second digit) should be ${expectedLength} for ${ref.length} digits, is ${ref[1]}`,
        {
          field: 'reference',
        },
      );
    }
  }
  const expected = dutchCheckDigit(ref.slice(1));
  if (ref[0] !== expected) {
    return fail('validation_failed', `check digit (first digit) should be ${expected}, is ${ref[0]}`, {
      field: 'reference',
      hint: 'A digit of the payment reference was mistyped; compare it with the invoice.',
    });
  }
  return ok(ref);
}

/** Printed in groups of four from the right, as the specification prints its example. @example formatDutchReference('12234534622567') // '12 2345 3462 2567' */
export function formatDutchReference(machineForm: string): string {
  return groupFromRight(machineForm, 4);
}
