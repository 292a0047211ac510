/**
 * A small seeded pseudo-random generator for demo data: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counter), seeded through splitmix32. Same seed, same sequence, on every platform: it uses only
 * 32-bit integer arithmetic. Never use it for anything secret, and never use Math.random in the demo.
 *
 * `fork(label)` derives an independent stream, so the customers' histories do not shift when some
 * unrelated part of the generator draws one number more or less.
 *
 * @example
 *   const rng = createRng(1);
 *   rng.int(1, 6); // the same die roll for seed 1, every time
 */
export interface Rng {
  /** A float in [0, 1). For choices and probabilities only, never for money. */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by integer or float weights: `weighted([['good', 55], ['slow', 25]])`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  fork(label: string | number): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over a label, to turn fork labels into seeds. */
function hashLabel(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function sfc32(seed: number): () => number {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = 1;
  const step = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // The first outputs of a fresh sfc32 are poorly mixed; discard them as its author recommends.
  for (let i = 0; i < 12; i++) step();
  return step;
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const root = (seed ^ Math.floor(seed / 2 ** 32)) >>> 0;
  const u32 = sfc32(root);
  const rng: Rng = {
    next: () => u32() / 2 ** 32,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new Error(`bad range ${min}..${max}`);
      }
      return min + Math.floor(rng.next() * (max - min + 1));
    },
    chance: (p) => rng.next() < p,
    pick(items) {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[rng.int(0, items.length - 1)]!;
    },
    weighted(entries) {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      if (total <= 0) throw new Error('weights must add up to more than 0');
      let r = rng.next() * total;
      for (const [value, w] of entries) {
        if (r < w) return value;
        r -= w;
      }
      return entries.at(-1)![0];
    },
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    sample: (items, count) => rng.shuffle(items).slice(0, count),
    fork: (label) => createRng(hashLabel(root, String(label))),
  };
  return rng;
}
