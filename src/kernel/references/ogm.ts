import { fail, ok, type Result } from '../errors.ts';
import { firstDisallowed, isDigits, mod97 } from './digits.ts';

/**
 * Belgian structured communication (gestructureerde mededeling / communication structurée, "OGM/VCS"):
 * 10 digits, then 2 check digits = the 10 digits mod 97, where remainder 0 gives 97. Printed
 * `+++010/8068/17183+++`, some banks write `***` for `+++`. Source: Febelfin's standard for the
 * structured communication (as used in CODA type 101 and in ISO 20022 `CdtrRefInf` with issuer BBA).
 * Any single-digit error changes the base mod 97 (10^k is never 0 mod 97), so it is always caught.
 */

/**
 * The two check digits of a 10-digit base.
 * @example ogmCheckDigits('0108068171') // '83'
 */
export function ogmCheckDigits(base: string): string {
  const remainder = mod97(base);
  return remainder === 0 ? '97' : String(remainder).padStart(2, '0');
}

/**
 * A structured communication from up to 10 digits, zero-padded on the left.
 * @example ogmFromDigits('108068171') // ok('010806817183')
 */
export function ogmFromDigits(digits: string): Result<string> {
  if (!isDigits(digits) || digits.length > 10) {
    return fail(
      'validation_failed',
      `'${digits}' does not fit a Belgian structured communication, which carries at most 10 digits`,
      { field: 'invoiceNumber', hint: 'Use invoice numbers of at most 10 digits, or the RF reference.' },
    );
  }
  const base = digits.padStart(10, '0');
  return ok(base + ogmCheckDigits(base));
}

/**
 * Checks a structured communication as printed (`+++010/8068/17183+++`, `***...***`) or bare, and returns
 * its 12 digits.
 * @example validateOgm('***010/8068/17183***') // ok('010806817183')
 */
export function validateOgm(text: string): Result<string> {
  const bad = firstDisallowed(text, /[0-9+*/]/);
  if (bad) {
    return fail(
      'validation_failed',
      `character '${bad.char}' at column ${bad.column} is not allowed in a structured communication; write +++ddd/dddd/ddddd+++`,
      { field: 'reference' },
    );
  }
  const digits = text.replace(/[\s+*/]/g, '');
  if (digits.length !== 12) {
    return fail(
      'validation_failed',
      `a structured communication has 12 digits; '${text.trim()}' has ${digits.length}`,
      {
        field: 'reference',
      },
    );
  }
  const expected = ogmCheckDigits(digits.slice(0, 10));
  const given = digits.slice(10);
  if (given !== expected) {
    return fail('validation_failed', `check digits should be ${expected}, are ${given}`, {
      field: 'reference',
      hint: 'A digit of the structured communication was mistyped; compare it with the invoice.',
    });
  }
  return ok(digits);
}

/**
 * The printed form.
 * @example formatOgm('010806817183') // '+++010/8068/17183+++'
 */
export function formatOgm(machineForm: string): string {
  return `+++${machineForm.slice(0, 3)}/${machineForm.slice(3, 7)}/${machineForm.slice(7)}+++`;
}
