/**
 * Text helpers shared by the reference schemes. References are always strings, never numbers: a
 * 25-digit KID or a 27-digit QR reference exceeds 2^53, and leading zeros can be significant.
 */

/** True when `text` is one or more ASCII digits (`\d` without the `u` flag is ASCII only). */
export function isDigits(text: string): boolean {
  return /^[0-9]+$/.test(text);
}

/**
 * Every ASCII digit of `text`, in order.
 * @example digitsOf('INV-2026/0042') // '20260042'
 */
export function digitsOf(text: string): string {
  return text.replace(/[^0-9]/g, '');
}

/** Removes the spaces, tabs and line breaks that printing and typing put inside references. */
export function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

export function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+/, '');
}

/**
 * The first character of `text` that is neither whitespace nor `allowed`, with its 1-based column
 * counted in characters of the text as given, so an error message can point at it.
 * @example firstDisallowed('12 3x4', /[0-9]/) // { char: 'x', column: 5 }
 */
export function firstDisallowed(
  text: string,
  allowed: RegExp,
): { readonly char: string; readonly column: number } | undefined {
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (!/\s/.test(char) && !allowed.test(char)) return { char, column: i + 1 };
  }
  return undefined;
}

/**
 * ISO 7064 MOD 97-10 remainder of an upper-case alphanumeric string with letters A=10 ... Z=35,
 * taken digit by digit so any length works without BigInt.
 * @example mod97('539007547034RF18') // 1
 */
export function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder;
}

/** The value of one ASCII digit character; callers have checked `isDigits`. */
export function digitAt(text: string, index: number): number {
  return text.charCodeAt(index) - 48;
}

/**
 * Splits into groups of `size` counted from the right, the way Finnish, Swiss and Dutch references are
 * printed.
 * @example groupFromRight('123453', 5) // '1 23453'
 */
export function groupFromRight(text: string, size: number): string {
  const groups: string[] = [];
  for (let end = text.length; end > 0; end -= size) groups.unshift(text.slice(Math.max(0, end - size), end));
  return groups.join(' ');
}

/**
 * Splits into groups of `size` counted from the left, the way RF references and IBANs are printed.
 * @example groupFromLeft('RF18539007547034', 4) // 'RF18 5390 0754 7034'
 */
export function groupFromLeft(text: string, size: number): string {
  const groups: string[] = [];
  for (let start = 0; start < text.length; start += size) groups.push(text.slice(start, start + size));
  return groups.join(' ');
}
