/**
 * Payer names as banks deliver them: upper case, diacritics dropped, legal forms abbreviated or cut,
 * sometimes in Cyrillic or Greek, sometimes with German umlauts written out (ue, oe). Names are folded
 * to lower-case ASCII tokens without legal forms, then compared by character bigrams, so "NOVAK STAVBY
 * SRO", "Novák Stavby s.r.o." and "НОВАК СТАВБЫ" all come out alike.
 */

// biome-ignore format: a transliteration table reads best in rows
const TRANSLITERATION: Readonly<Record<string, string>> = Object.freeze({
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye',
  ґ: 'g', α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l',
  μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch',
  ψ: 'ps', ω: 'o', ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', þ: 'th', ı: 'i', ð: 'd',
});

/** Legal forms after single letters are joined ("s.r.o." -> "sro", "B.V." -> "bv"). */
// biome-ignore format: a word list reads best in rows
const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'sro', 'spol', 'as', 'gmbh', 'ag', 'kg', 'co', 'ohg', 'ug', 'ev', 'bv', 'nv', 'bvba', 'cv', 'vof',
  'ltd', 'limited', 'plc', 'llp', 'inc', 'llc', 'corp', 'sa', 'sas', 'sarl', 'spa', 'srl', 'oy', 'oyj',
  'ab', 'asa', 'ans', 'da', 'kft', 'zrt', 'spzoo', 'zoo', 'sp', 'doo', 'vos', 'ks', 'se', 'aps', 'ooo',
]);

/** Lower-case ASCII letters of a character, or '' for a character to drop (marks), or ' '. */
function foldChar(ch: string): string {
  const lower = ch.toLowerCase();
  const mapped = TRANSLITERATION[lower];
  if (mapped !== undefined) return mapped;
  const base = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return /^[a-z0-9]+$/.test(base) ? base : ' ';
}

/**
 * The meaningful tokens of a company or person name.
 * @example nameTokens('Novák Stavby, s.r.o.') // ['novak', 'stavby']
 * @example nameTokens('Müller & Söhne GmbH & Co. KG') // ['muller', 'sohne']
 */
export function nameTokens(name: string): string[] {
  let folded = '';
  // Greek "ου" is one sound, written "ou" in Latin script (Papadopoulos).
  for (const ch of name.replace(/ου/gi, 'ou')) folded += foldChar(ch);
  // Written-out umlauts fold to the same token as the letters they replace: Mueller = Müller.
  folded = folded.replace(/([a-z])(ae|oe|ue)/g, (_m, a: string, pair: string) => a + pair[0]);
  const raw = folded.split(' ').filter((t) => t !== '');
  const joined: string[] = [];
  let letters = '';
  for (const t of raw) {
    if (t.length === 1 && /[a-z]/.test(t)) {
      letters += t;
      continue;
    }
    if (letters) joined.push(letters);
    letters = '';
    joined.push(t);
  }
  if (letters) joined.push(letters);
  const meaningful = joined.filter((t) => !LEGAL_FORMS.has(t));
  return meaningful.length > 0 ? meaningful : joined;
}

/** Character bigrams of an ASCII token as sorted codes, for a merge count instead of maps. */
function bigrams(text: string): Uint16Array {
  const grams = new Uint16Array(Math.max(0, text.length - 1));
  for (let i = 0; i + 1 < text.length; i++) grams[i] = (text.charCodeAt(i) << 7) | text.charCodeAt(i + 1);
  return grams.sort();
}

function diceOf(a: string, ga: Uint16Array, b: string, gb: Uint16Array): number {
  if (a === b) return 1;
  if (ga.length === 0 || gb.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < ga.length && j < gb.length; ) {
    if (ga[i] === gb[j]) {
      shared++;
      i++;
      j++;
    } else if (ga[i]! < gb[j]!) i++;
    else j++;
  }
  return (2 * shared) / (ga.length + gb.length);
}

/** Sørensen-Dice coefficient of character bigrams (each shared once); under two characters: equal or not. */
export function dice(a: string, b: string): number {
  return diceOf(a, bigrams(a), b, bigrams(b));
}

/** A name prepared for comparison: its tokens and their bigrams, and those of the tokens joined. */
export interface NameShape {
  readonly tokens: readonly string[];
  readonly grams: readonly Uint16Array[];
  readonly whole: string;
  readonly wholeGrams: Uint16Array;
}

export function nameShape(name: string): NameShape {
  const tokens = nameTokens(name);
  const whole = tokens.join('');
  return { tokens, grams: tokens.map(bigrams), whole, wholeGrams: bigrams(whole) };
}

/** How well the tokens of `from` are covered by tokens of `to`, weighted by token length. */
function coverage(from: NameShape, to: NameShape): number {
  let weight = 0;
  let score = 0;
  from.tokens.forEach((f, i) => {
    let best = 0;
    to.tokens.forEach((t, j) => {
      best = Math.max(best, diceOf(f, from.grams[i]!, t, to.grams[j]!));
    });
    weight += f.length;
    score += f.length * best;
  });
  return weight === 0 ? 0 : score / weight;
}

/**
 * Similarity of two names, 0..1: the better of the whole names compared without spaces and the mean
 * token coverage both ways.
 * @example nameSimilarity(nameShape('NOVAK STAVBY SRO'), nameShape('Novák Stavby s.r.o.')) // 1
 */
export function nameSimilarity(a: NameShape, b: NameShape): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
  const whole = diceOf(a.whole, a.wholeGrams, b.whole, b.wholeGrams);
  return Math.max(whole, (coverage(a, b) + coverage(b, a)) / 2);
}

/** Keys under which a name is indexed and looked up: each token's first four characters. */
export function nameKeys(tokens: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const t of tokens) if (t.length >= 3) keys.add(t.slice(0, 4));
  return [...keys];
}
