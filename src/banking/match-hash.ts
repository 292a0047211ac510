/**
 * A string-keyed multimap from keys to invoice positions that keeps no key strings: an open-addressing
 * table of 32-bit hashes and positions in two typed arrays. Keys are written as character codes into a
 * scratch buffer and hashed there, so building makes no strings at all; a lookup hashes the key, walks
 * the probe run and confirms each hash match by writing that invoice's key again. For a million invoices this is
 * 16 MB and a fraction of a second to build, where a Map of a million strings costs hundreds of MB of
 * heap and seconds of garbage collection.
 */

/**
 * FNV-1a over the UTF-16 code units.
 * @example hashText('20260042') === hashText('20260042') // true
 */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** FNV-1a over the first `n` codes of `codes`: the same as hashText of the string they spell. */
export function hashCodes(codes: Uint8Array, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    h ^= codes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Writes the key of `text` into `out` (at least text.length long) as codes; returns its length, 0 for none. */
export type WriteKey = (text: string, out: Uint8Array) => number;

export class KeyTable {
  private hashes: Int32Array;
  /** Position + 1; 0 marks an empty slot. */
  private values: Int32Array;
  private count = 0;
  private scratch = new Uint8Array(64);

  /**
   * @param textOf the text a position's key is made from (an invoice number, a reference), or null.
   * @param writeKey makes the key; called again to confirm a lookup's hits.
   */
  constructor(
    private readonly textOf: (position: number) => string | null | undefined,
    private readonly writeKey: WriteKey,
    expected: number,
  ) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.hashes = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
  }

  private write(position: number): number {
    const text = this.textOf(position);
    if (!text) return 0;
    if (text.length > this.scratch.length) this.scratch = new Uint8Array(text.length * 2);
    return this.writeKey(text, this.scratch);
  }

  /** Stores `position` under its key, if it has one. */
  add(position: number): void {
    const n = this.write(position);
    if (n === 0) return;
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    this.put(hashCodes(this.scratch, n), position + 1);
    this.count++;
  }

  /** Positions whose key is `key`, in ascending order. */
  find(key: string): number[] {
    const codes = new Uint8Array(key.length);
    for (let i = 0; i < key.length; i++) codes[i] = key.charCodeAt(i);
    const out: number[] = [];
    this.findCodes(codes, key.length, out);
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  /** Appends to `out` the positions whose key is the first `n` codes of `codes` (a miss makes no garbage). */
  findCodes(codes: Uint8Array, n: number, out: number[]): void {
    const h = hashCodes(codes, n);
    const mask = this.values.length - 1;
    for (let i = h & mask; this.values[i] !== 0; i = (i + 1) & mask) {
      if (this.hashes[i] !== h) continue;
      const position = this.values[i]! - 1;
      if (this.sameKey(position, codes, n)) out.push(position);
    }
  }

  private sameKey(position: number, codes: Uint8Array, n: number): boolean {
    if (this.write(position) !== n) return false;
    for (let i = 0; i < n; i++) if (this.scratch[i] !== codes[i]) return false;
    return true;
  }

  private put(h: number, value: number): void {
    const mask = this.values.length - 1;
    let i = h & mask;
    while (this.values[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = h;
    this.values[i] = value;
  }

  private grow(): void {
    const hashes = this.hashes;
    const values = this.values;
    this.hashes = new Int32Array(values.length * 2);
    this.values = new Int32Array(values.length * 2);
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) this.put(hashes[i]!, values[i]!);
  }
}

/**
 * Dense ids for strings (customer ids), so per-customer data lives in arrays: a Map lookup per invoice
 * costs about ten times this table's hash-and-compare on a heap holding a million invoices.
 */
export class StringIds {
  private slots: Int32Array;
  private readonly texts: string[] = [];

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
  }

  get size(): number {
    return this.texts.length;
  }

  /** The id of `text`, -1 when it has none. */
  get(text: string): number {
    const mask = this.slots.length - 1;
    for (let i = hashText(text) & mask; this.slots[i] !== 0; i = (i + 1) & mask) {
      if (this.texts[this.slots[i]! - 1] === text) return this.slots[i]! - 1;
    }
    return -1;
  }

  /** The id of `text`, given the next free one if it has none. */
  id(text: string): number {
    const known = this.get(text);
    if (known >= 0) return known;
    if ((this.texts.length + 1) * 2 > this.slots.length) this.grow();
    this.texts.push(text);
    this.place(text, this.texts.length);
    return this.texts.length - 1;
  }

  text(id: number): string {
    return this.texts[id]!;
  }

  private place(text: string, value: number): void {
    const mask = this.slots.length - 1;
    let i = hashText(text) & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = value;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.texts.forEach((t, k) => {
      this.place(t, k + 1);
    });
  }
}
