import { fail, ok, type Result } from '../errors.ts';
import { firstDisallowed, groupFromLeft, isDigits, mod97, withoutSpaces } from './digits.ts';

/**
 * ISO 11649 structured creditor reference ("RF reference", SCOR in ISO 20022 messages): `RF`, two
 * check digits, then 1-21 characters A-Z / 0-9, at most 25 in all. The check digits follow ISO 7064
 * MOD 97-10 exactly as in the IBAN (ISO 13616): move the first four characters to the end, read letters
 * as 10..35, and the number is 1 mod 97; generating, check = 98 - (body + "RF00" mod 97).
 * Sources: ISO 11649:2009; EPC "Guidance on the use of the structured creditor reference"; Betaalvereniging
 * "Specificaties ISO-betalingskenmerk" (5 to 25 positions, starts with RF). The sample RF18539007547034
 * is the standard's own.
 *
 * Any digit changed to another digit, or letter to another letter, is caught; a digit replaced by a letter
 * (or the reverse) changes the length of the number and slips through about 1 time in 40.
 *
 * The generator only ever makes check digits 02..98, so validation compares them exactly: "RF00...",
 * "RF01..." and "RF99...", which pass a bare mod-97 test when 97, 98 or 02 would, are refused.
 */

const MAX_BODY = 21;
const BODY = /^[A-Z0-9]+$/;

/**
 * The two check digits for an upper-case body.
 * @example rfCheckDigits('539007547034') // '18'
 */
export function rfCheckDigits(body: string): string {
  return String(98 - mod97(`${body}RF00`)).padStart(2, '0');
}

/**
 * An RF reference for a body of 1-21 characters A-Z / 0-9 (callers upper-case and remove separators).
 * @example rfFromBody('539007547034') // ok('RF18539007547034')
 */
export function rfFromBody(body: string): Result<string> {
  if (body.length === 0 || !BODY.test(body)) {
    return fail(
      'validation_failed',
      `'${body}' cannot be the body of an RF reference: use 1 to 21 letters A-Z and digits`,
      {
        field: 'reference',
      },
    );
  }
  if (body.length > MAX_BODY) {
    return fail(
      'validation_failed',
      `'${body}' has ${body.length} characters; an RF reference holds at most ${MAX_BODY} after 'RF' and its check digits`,
      {
        field: 'reference',
        hint: 'Use shorter invoice numbers, or a numeric scheme with its own length rules.',
      },
    );
  }
  return ok(`RF${rfCheckDigits(body)}${body}`);
}

/**
 * Checks an RF reference as printed or typed (spaces and lower case allowed) and returns the machine
 * form: upper case, no spaces.
 * @example validateRf('rf18 5390 0754 7034') // ok('RF18539007547034')
 */
export function validateRf(text: string): Result<string> {
  const bad = firstDisallowed(text, /[A-Za-z0-9]/);
  if (bad) {
    return fail(
      'validation_failed',
      `character '${bad.char}' at column ${bad.column} is not allowed in an RF reference; use letters A-Z and digits`,
      { field: 'reference' },
    );
  }
  const ref = withoutSpaces(text).toUpperCase();
  if (!ref.startsWith('RF')) {
    return fail('validation_failed', `an RF reference starts with 'RF'; '${ref.slice(0, 4)}' does not`, {
      field: 'reference',
    });
  }
  if (ref.length > 4 + MAX_BODY) {
    return fail(
      'validation_failed',
      `RF reference longer than 25 characters (has ${ref.length}); at most ${MAX_BODY} may follow 'RF' and the check digits`,
      { field: 'reference' },
    );
  }
  if (ref.length < 5) {
    return fail(
      'validation_failed',
      `RF reference '${ref}' is too short: it needs at least one character after 'RF' and the two check digits`,
      {
        field: 'reference',
      },
    );
  }
  const given = ref.slice(2, 4);
  if (!isDigits(given)) {
    return fail(
      'validation_failed',
      `the two characters after 'RF' are check digits, but '${given}' is not two digits`,
      {
        field: 'reference',
      },
    );
  }
  const expected = rfCheckDigits(ref.slice(4));
  if (given !== expected) {
    return fail('validation_failed', `check digits should be ${expected}, are ${given}`, {
      field: 'reference',
      hint: 'A character of the RF reference was mistyped; compare it with the invoice.',
    });
  }
  return ok(ref);
}

/**
 * The printed form: groups of four from the left.
 * @example formatRf('RF18539007547034') // 'RF18 5390 0754 7034'
 */
export function formatRf(machineForm: string): string {
  return groupFromLeft(machineForm, 4);
}
