import type { MatchLine, TextReference } from './match-model.ts';
import { keyString } from './match-number.ts';

/**
 * Structured references on a statement line, in every place banks put them: the reference field
 * (camt CdtrRefInf, OCR KID), the Czech/Slovak variable symbol (GPC, `/VS.../SS.../KS...` in the
 * EndToEndId) and the free text. The matcher looks them up in an index of the organisation's own
 * invoice references, so a reference only counts when it equals one Duly printed.
 */

export interface LineReference {
  /** Lookup key: see normalizeReference. */
  readonly key: string;
  readonly kind: string;
  /** As a person would read it, for reasons. */
  readonly display: string;
}

/**
 * Writes the lookup key of a reference into `out` (at least text.length long) and returns its length,
 * 0 for none: upper case, letters and digits only; for all-digit references (KID, VS, OGM) leading
 * zeros do not count, since banks and payers pad or drop them.
 */
export function writeReferenceKey(text: string, out: Uint8Array): number {
  let n = 0;
  let digitsOnly = true;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 97 && code <= 122) code -= 32;
    if (code >= 65 && code <= 90) digitsOnly = false;
    else if (code < 48 || code > 57) continue;
    out[n++] = code;
  }
  if (!digitsOnly) return n;
  let zeros = 0;
  while (zeros < n && out[zeros] === 48) zeros++;
  if (zeros > 0) out.copyWithin(0, zeros, n);
  return n - zeros;
}

/**
 * @example normalizeReference('rf18 5390 0754 7034') // 'RF18539007547034'
 * @example normalizeReference('+++010/8068/17183+++') // '10806817183'
 */
export const normalizeReference = (text: string): string | null => keyString(writeReferenceKey, text);

/** ISO 11649: body of A-Z/0-9, first four characters moved to the end, letters as 10..35, mod 97 = 1. */
function isValidRf(compact: string): boolean {
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return false;
  let remainder = 0;
  for (const ch of compact.slice(4) + compact.slice(0, 4)) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + d.charCodeAt(0) - 48) % 97;
  }
  return remainder === 1;
}

/** RF references written compact or in groups of four; the longest reading that passes mod 97 wins. */
function findRf(text: string, out: TextReference[]): void {
  for (const m of text.matchAll(/(?<![A-Za-z0-9])RF\d{2}[A-Za-z0-9]*/gi)) {
    let compact = m[0].toUpperCase();
    const readings = [compact];
    let rest = text.slice(m.index + m[0].length);
    for (let g = /^ ([A-Za-z0-9]{1,4})(?![A-Za-z0-9])/.exec(rest); g && compact.length < 25; ) {
      compact += g[1]!.toUpperCase();
      readings.push(compact);
      rest = rest.slice(g[0].length);
      g = /^ ([A-Za-z0-9]{1,4})(?![A-Za-z0-9])/.exec(rest);
    }
    const valid = readings.reverse().find(isValidRf);
    if (valid) out.push({ kind: 'RF', value: valid });
  }
}

/** Belgian structured communication between `+++` or `***`: 10 digits, check = mod 97 (0 -> 97). */
function findOgm(text: string, out: TextReference[]): void {
  for (const m of text.matchAll(/(\+{3}|\*{3}) ?(\d{3}) ?\/? ?(\d{4}) ?\/? ?(\d{5}) ?\1/g)) {
    const digits = m[2]! + m[3]! + m[4]!;
    const check = Number(BigInt(digits.slice(0, 10)) % 97n) || 97;
    if (check === Number(digits.slice(10))) out.push({ kind: 'OGM', value: digits });
  }
}

/** A variable symbol only after its label (`VS 123`, `VS:123`, `/VS123/`, `V.S. 123`). */
function findVs(text: string, out: TextReference[]): void {
  for (const m of text.matchAll(/(?<![A-Za-z0-9])(?:VS|V\.S\.)[ :.=#]*(\d{1,10})(?![0-9])/gi)) {
    out.push({ kind: 'VS', value: m[1]! });
  }
}

/**
 * The conservative default for MatchOptions.findReferences: RF (check digits verified), OGM (verified)
 * and labelled VS. It never guesses KIDs from bare digit runs: one random number in ten passes MOD10.
 * @example findReferencesConservative('Faktura 2026-0042, RF18 5390 0754 7034') // [{ kind: 'RF', value: 'RF18539007547034' }]
 */
export function findReferencesConservative(text: string): TextReference[] {
  const out: TextReference[] = [];
  findRf(text, out);
  findOgm(text, out);
  findVs(text, out);
  return out;
}

/** How a reference reads in a reason sentence. */
export function describeReference(kind: string, value: string): string {
  const compact = value.replace(/\s/g, '');
  if (kind === 'RF') return `structured reference ${compact.replace(/(.{4})(?=.)/g, '$1 ')}`;
  if (kind === 'VS') return `variable symbol ${compact}`;
  if (kind === 'OGM' && /^\d{12}$/.test(compact)) {
    return `structured communication +++${compact.slice(0, 3)}/${compact.slice(3, 7)}/${compact.slice(7)}+++`;
  }
  return `${kind === 'other' ? 'payment' : kind} reference ${compact}`;
}

/**
 * Every distinct reference of a line: its reference field, its variable symbol (field or EndToEndId),
 * then what `find` sees in the text.
 */
export function lineReferences(
  line: MatchLine,
  find: (text: string) => readonly TextReference[],
): LineReference[] {
  const found: TextReference[] = [];
  if (line.reference) found.push({ kind: line.referenceKind ?? 'other', value: line.reference });
  if (line.symbols?.vs) found.push({ kind: 'VS', value: line.symbols.vs });
  const e2e = line.endToEndId ? /\/VS(\d{1,10})(?![0-9])/i.exec(line.endToEndId) : null;
  if (e2e) found.push({ kind: 'VS', value: e2e[1]! });
  if (line.text) found.push(...find(line.text));
  const out: LineReference[] = [];
  for (const r of found) {
    const key = normalizeReference(r.value);
    if (key !== null && !out.some((o) => o.key === key)) {
      out.push({ key, kind: r.kind, display: describeReference(r.kind, r.value) });
    }
  }
  return out;
}
