/**
 * Invoice numbers in remittance text. Payers write "Faktura č. 2026/0042", "INV-2026-0042",
 * "inv 20260042" or "#2026-0042" for invoice 2026-0042, so numbers are compared by a key: upper-case
 * letters and digits, separators dropped, a leading letter prefix dropped. Text is cut into runs of
 * letters and digits; windows of up to four consecutive runs joined by short separators are the
 * candidate keys. A key must have a digit and at least MIN_KEY characters: "42" alone is a quantity.
 */

export const MIN_KEY = 4;
/** A typo is only forgiven in numbers at least this long: in short ones one edit reaches too many. */
export const MIN_TYPO_KEY = 6;
const MAX_WINDOW = 4;

// Keys are made a million times per call (every invoice, every text window): they are written as
// character codes into a buffer, so the index can hash them without making a string (see KeyTable).
const upperAlnum = (code: number) =>
  code >= 97 && code <= 122 ? code - 32 : (code >= 48 && code <= 57) || (code >= 65 && code <= 90) ? code : 0;
const isDigitCode = (code: number) => code >= 48 && code <= 57;

/** Writes the numberKey of `text` into `out` (at least text.length long); returns its length, 0 for none. */
export function writeNumberKey(text: string, out: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = upperAlnum(text.charCodeAt(i));
    if (code === 0 || (n === 0 && !isDigitCode(code))) continue;
    out[n++] = code;
  }
  return n;
}

/** Writes the unpaddedKey of `text` into `out`; returns its length, 0 when nothing was padded. */
export function writeUnpaddedKey(text: string, out: Uint8Array): number {
  let n = 0;
  let partStart = true;
  let padded = false;
  for (let i = 0; i < text.length; i++) {
    const code = upperAlnum(text.charCodeAt(i));
    if (code === 0) {
      partStart = true;
      continue;
    }
    if (partStart && code === 48 && isDigitCode(upperAlnum(text.charCodeAt(i + 1)))) {
      padded = true; // a dropped digit: the key differs from numberKey
      continue;
    }
    partStart = false;
    if (n === 0 && !isDigitCode(code)) continue;
    out[n++] = code;
  }
  return padded ? n : 0;
}

/** A key written by `write` as a string, null for none. */
export function keyString(write: (text: string, out: Uint8Array) => number, text: string): string | null {
  const out = new Uint8Array(text.length);
  const n = write(text, out);
  return n === 0 ? null : String.fromCharCode(...out.subarray(0, n));
}

/**
 * The comparison key of an invoice number or of a number written in text: upper-case letters and
 * digits, separators dropped, a leading letter prefix dropped; null when it has no digit.
 * @example numberKey('INV-2026-0042') // '20260042'
 * @example numberKey('2026/0042') // '20260042'
 */
export const numberKey = (text: string): string | null => keyString(writeNumberKey, text);

/**
 * The key without the zeros that pad each part: payers write "2026-123" for invoice 2026-000123.
 * Null when it is the same as numberKey (nothing was padded) or has no digit.
 * @example unpaddedKey('2026-000123') // '2026123'
 */
export const unpaddedKey = (text: string): string | null => keyString(writeUnpaddedKey, text);

/** Separators a payer may put inside one number: '-', '/', '.', '_', '\', a space, or a few of them. */
const JOINER = /^[-/._\\ ]{1,3}$/;

export interface TextNumbers {
  /** numberKey of each window. */
  readonly keys: readonly string[];
  /** unpaddedKey of each window, where it differs. */
  readonly unpadded: readonly string[];
}

/**
 * Candidate invoice-number keys in free text, each once.
 * @example textNumberKeys('Faktura č. 2026/0042, dne 3.2.').keys // includes '20260042'
 */
export function textNumberKeys(text: string): TextNumbers {
  const runs: { start: number; end: number; value: string }[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9]+/g)) {
    runs.push({ start: m.index, end: m.index + m[0].length, value: m[0] });
  }
  const keys = new Set<string>();
  const unpadded = new Set<string>();
  for (let i = 0; i < runs.length; i++) {
    let joined = '';
    for (let j = i; j < runs.length && j < i + MAX_WINDOW; j++) {
      const run = runs[j]!;
      if (j > i) {
        // Only digit-bearing runs continue a number; "2026-0042 dne" stops before "dne".
        if (!JOINER.test(text.slice(runs[j - 1]!.end, run.start)) || !/[0-9]/.test(run.value)) break;
      }
      joined += j > i ? `-${run.value}` : run.value;
      const key = numberKey(joined);
      if (key === null || key.length < MIN_KEY) continue;
      keys.add(key);
      const short = unpaddedKey(joined);
      if (short !== null && short.length >= MIN_KEY) unpadded.add(short);
    }
  }
  return { keys: [...keys], unpadded: [...unpadded] };
}

/**
 * Writes each string one edit away from `key` (see oneEditVariants; repeats possible) into `out` and
 * calls `visit` with its length: the typo search without a string per variant.
 */
export function forEachOneEdit(
  key: string,
  alphabet: string,
  out: Uint8Array,
  visit: (n: number) => void,
): void {
  const k = key.length;
  const letters = Array.from(alphabet, (ch) => ch.charCodeAt(0));
  for (let i = 0; i < k; i++) out[i] = key.charCodeAt(i);
  for (let i = 0; i < k; i++) {
    const original = out[i]!;
    for (const code of letters) {
      if (code === original) continue;
      out[i] = code;
      visit(k);
    }
    out[i] = original;
    if (i + 1 < k && original !== out[i + 1]) {
      out[i] = out[i + 1]!;
      out[i + 1] = original;
      visit(k);
      out[i + 1] = out[i]!;
      out[i] = original;
    }
  }
  // Deletions: shift left over position i, then restore.
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) out[j] = key.charCodeAt(j < i ? j : j + 1);
    visit(k - 1);
  }
  for (let i = 0; i <= k; i++) {
    for (let j = 0; j < i; j++) out[j] = key.charCodeAt(j);
    for (let j = i; j < k; j++) out[j + 1] = key.charCodeAt(j);
    for (const code of letters) {
      out[i] = code;
      visit(k + 1);
    }
  }
}

/**
 * Every string one edit away from `key`: one character substituted, inserted or deleted, or two
 * adjacent characters swapped, over `alphabet` (the characters invoice keys use). Looking these up in
 * a hash index finds invoices one typo away without scanning: about 22 lookups per character.
 * @example oneEditVariants('123', '0123456789').includes('132') // true (adjacent swap)
 */
export function oneEditVariants(key: string, alphabet: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) {
    const head = key.slice(0, i);
    const tail = key.slice(i + 1);
    out.add(head + tail);
    for (const ch of alphabet) if (ch !== key[i]) out.add(head + ch + tail);
    if (i + 1 < key.length && key[i] !== key[i + 1]) out.add(head + key[i + 1] + key[i] + key.slice(i + 2));
  }
  for (let i = 0; i <= key.length; i++) {
    for (const ch of alphabet) out.add(key.slice(0, i) + ch + key.slice(i));
  }
  out.delete(key);
  return [...out];
}
