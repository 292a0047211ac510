import { isValidIban, normalizeIban } from '../iban.ts';
import { stripLeadingZeros } from './digits.ts';
import { validateFinnishReference } from './fi.ts';
import { validateKid } from './kid.ts';
import { validateOgm } from './ogm.ts';
import { validateQrr } from './qrr.ts';
import { validateRf } from './rf.ts';

/**
 * Finds structured references in free remittance text (statement lines, Ustrd, :86:) for the payment
 * matcher. Only candidates that pass their scheme's check are returned, so a typo'd reference is not
 * found at all rather than found wrong.
 * - RF: `RF` + 2 digits at a word start, compact or in the printed groups of four, any case. Groups are
 *   joined only while each is exactly four characters and in the same case as the `RF`; when several
 *   joins validate, the longest wins. A full last group followed by a short same-case token is the one
 *   ambiguous case (measured: 14 wrong readings in 20,000 random statement texts).
 * - OGM: only between `+++` or `***` (a bare 12-digit run is too likely to pass mod 97 by chance).
 * - VS: after a label (`VS`, `VS:`, `/VS123/`, `V.S.`, `var. symbol`, `variabilní symbol`).
 * - FI: after a label (`viite`, `viitenumero`, `viitenro`, `ref.nr`, `referens`, `referensnummer`).
 * - QRR: a 27-digit run, compact or grouped as printed.
 * - KID: any other standalone run of digits (or digits and a final '-') passing MOD10 or MOD11, zeros
 *   only excepted: 5-25 characters, or 2-25 right after a `KID` label.
 *   Runs inside dates, amounts and invoice numbers (`2026-0042`, `1234,50`), after '+' (phone numbers)
 *   and inside IBANs are skipped. One in ten random numbers passes, so a caller should use KID hits only
 *   if its organisation issues KIDs, and only to look up its own KIDs.
 * Each character belongs to at most one hit, taken in the order above. `where` is the [start, end)
 * offset (as for String.slice) of the reference as written, delimiters and inner spaces included,
 * labels not.
 */

export type FoundReferenceKind = 'RF' | 'OGM' | 'KID' | 'VS' | 'QRR' | 'FI';

export interface FoundReference {
  readonly kind: FoundReferenceKind;
  /** The machine form, as `validateReference` returns it. */
  readonly value: string;
  readonly where: readonly [number, number];
}

type Candidate = FoundReference;

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * @example findReferences('Betaling KID 2345676') // [{ kind: 'KID', value: '2345676', where: [13, 20] }]
 * @example findReferences('Faktura 2026-0042 VS 20260042') // [{ kind: 'VS', value: '20260042', where: [21, 29] }]
 */
export function findReferences(text: string): FoundReference[] {
  const taken: (readonly [number, number])[] = [];
  const hits: FoundReference[] = [];
  const take = (candidate: Candidate, report: boolean) => {
    const [start, end] = candidate.where;
    if (taken.some(([a, b]) => start < b && end > a)) return;
    taken.push(candidate.where);
    if (report) hits.push(candidate);
  };
  for (const c of findOgm(text)) take(c, true);
  for (const c of findRf(text)) take(c, true);
  for (const c of findIbans(text)) take(c, false);
  for (const c of findQrr(text)) take(c, true);
  for (const c of findLabelled(text, VS_LABELLED, 'VS')) take(c, true);
  for (const c of findLabelled(text, FI_LABELLED, 'FI')) take(c, true);
  for (const c of findKids(text)) take(c, true);
  return hits.sort((a, b) => a.where[0] - b.where[0]);
}

function* findOgm(text: string): Generator<Candidate> {
  for (const m of text.matchAll(
    /(\+{3}|\*{3})[ \t]*\d{3}[ \t]*\/?[ \t]*\d{4}[ \t]*\/?[ \t]*\d{5}[ \t]*\1/g,
  )) {
    const valid = validateOgm(m[0]);
    if (valid.ok) yield { kind: 'OGM', value: valid.value, where: [m.index, m.index + m[0].length] };
  }
}

/**
 * Ways to read an alphanumeric token at `start` and the groups typed after it: the token alone when it
 * is longer than four characters, else joined with the following space-separated tokens while each
 * previous one had exactly four characters, in the same letter case as the first, up to `maxLength`.
 */
function groupedReadings(text: string, start: number, maxLength: number): { compact: string; end: number }[] {
  const tokenEnd = (from: number) => {
    let i = from;
    while (i < text.length && /[A-Za-z0-9]/.test(text[i]!)) i++;
    return isWordChar(text[i]) ? -1 : i;
  };
  const firstEnd = tokenEnd(start);
  if (firstEnd < 0) return [];
  let compact = text.slice(start, firstEnd);
  const readings = [{ compact, end: firstEnd }];
  if (compact.length !== 4) return readings;
  const caseOf = (s: string) => (/[a-z]/.test(s) ? (/[A-Z]/.test(s) ? 'mixed' : 'lower') : 'upper');
  const firstCase = caseOf(compact);
  let pos = firstEnd;
  while (compact.length < maxLength) {
    let gapEnd = pos;
    while (gapEnd < text.length && (text[gapEnd] === ' ' || text[gapEnd] === '\t') && gapEnd - pos < 2)
      gapEnd++;
    const end = gapEnd > pos ? tokenEnd(gapEnd) : -1;
    if (end <= gapEnd) break;
    const token = text.slice(gapEnd, end);
    if (compact.length + token.length > maxLength || /^RF\d\d/i.test(token)) break;
    if (firstCase !== 'mixed' && /[a-z]/i.test(token) && caseOf(token) !== firstCase) break;
    compact += token;
    pos = end;
    readings.push({ compact, end });
    if (token.length !== 4) break;
  }
  return readings;
}

function* findRf(text: string): Generator<Candidate> {
  for (const m of text.matchAll(/RF\d{2}/gi)) {
    if (isWordChar(text[m.index - 1])) continue;
    const readings = groupedReadings(text, m.index, 25).reverse();
    for (const reading of readings) {
      const valid = validateRf(reading.compact);
      if (valid.ok) {
        yield { kind: 'RF', value: valid.value, where: [m.index, reading.end] };
        break;
      }
    }
  }
}

/** IBANs are found only to keep their digit groups from being read as KIDs. */
function* findIbans(text: string): Generator<Candidate> {
  for (const m of text.matchAll(/[A-Z]{2}\d{2}/gi)) {
    if (isWordChar(text[m.index - 1])) continue;
    for (const reading of groupedReadings(text, m.index, 34).reverse()) {
      if (!/^RF/i.test(reading.compact) && isValidIban(reading.compact)) {
        yield { kind: 'KID', value: normalizeIban(reading.compact), where: [m.index, reading.end] };
        break;
      }
    }
  }
}

function* findQrr(text: string): Generator<Candidate> {
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])\d{2}(?:[ \t]?\d{5}){5}(?![\p{L}\p{N}])/gu)) {
    const valid = validateQrr(m[0]);
    if (valid.ok) yield { kind: 'QRR', value: valid.value, where: [m.index, m.index + m[0].length] };
  }
}

const VS_LABELLED =
  /(?<![\p{L}\p{N}])(?:VS|V\.[ \t]?S\.|var\.[ \t]*symb(?:ol)?\.?|variabiln[íiý][ \t]+symbol)[ \t]*[:.=#]?[ \t]*(\d{1,10})(?![\p{L}\p{N}]|[-.,/]\d)/dgiu;
const FI_LABELLED =
  /(?<![\p{L}\p{N}])(?:viite(?:numero|nro)?|ref\.?[ \t]?nr|referens(?:nummer|nr)?)[ \t]*[:.=#]?[ \t]*(\d{1,5}(?:[ \t]\d{5}){1,3}|\d{4,20})(?![\p{L}\p{N}]|[-.,/]\d)/dgiu;

function* findLabelled(text: string, pattern: RegExp, kind: 'VS' | 'FI'): Generator<Candidate> {
  for (const m of text.matchAll(pattern)) {
    const [start, end] = m.indices![1]!;
    const digits = m[1]!;
    if (kind === 'VS') {
      const value = stripLeadingZeros(digits);
      if (value !== '') yield { kind, value, where: [start, end] };
    } else {
      const valid = validateFinnishReference(digits);
      if (valid.ok) yield { kind, value: valid.value, where: [start, end] };
    }
  }
}

/** Matches (empty) at a position right after a KID label: `KID`, `KID:`, `KID nr.`, `kid-nummer `. */
const KID_LABEL_BEFORE = /(?<=(?<![\p{L}\p{N}])KID(?:[ \t-]*(?:nr\.?|nummer))?[ \t:.#]*)/iuy;
/** Unlabelled runs shorter than this are mostly quantities, days and years; 1 in 10 would pass the check. */
const MIN_UNLABELLED_KID = 5;

function* findKids(text: string): Generator<Candidate> {
  for (const m of text.matchAll(/\d+/g)) {
    const start = m.index;
    let end = start + m[0].length;
    const before = text[start - 1];
    KID_LABEL_BEFORE.lastIndex = start;
    const labelled = KID_LABEL_BEFORE.test(text);
    if (isWordChar(before) && !labelled) continue;
    if (before === '+' || (before !== undefined && /[-.,/:]/.test(before) && isDigit(text[start - 2])))
      continue;
    const after = text[end];
    if (isWordChar(after) || (after !== undefined && /[-.,/:]/.test(after) && isDigit(text[end + 1])))
      continue;
    if (after === '-') {
      // A MOD11 KID may end in '-'; '12-ab' is a code, not a KID.
      if (isWordChar(text[end + 1])) continue;
      end++;
    }
    const kid = text.slice(start, end);
    if (kid.length < (labelled ? 2 : MIN_UNLABELLED_KID) || kid.length > 25 || /^0+-?$/.test(kid)) continue;
    if (validateKid('mod10', kid).ok || validateKid('mod11', kid).ok) {
      yield { kind: 'KID', value: kid, where: [start, end] };
    }
  }
}
