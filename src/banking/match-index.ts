import { isIsoDate, toDayNumber } from '../kernel/dates.ts';
import { normalizeIban } from '../kernel/iban.ts';
import { KeyTable, StringIds } from './match-hash.ts';
import type { MatchCustomer, MatchInvoice } from './match-model.ts';
import { writeNumberKey, writeUnpaddedKey } from './match-number.ts';
import { writeReferenceKey } from './match-reference.ts';
import { type NameShape, nameKeys, nameShape, nameTokens } from './match-text.ts';

/**
 * Indexes built once per matchLines call so each line costs a few hash lookups, not a scan of a
 * million invoices. Invoices are referred to by their position in the input. A slot holds one position
 * as a number and only becomes an array on the second entry: most keys are unique.
 */
export type Slot = number | number[];

const NONE: readonly number[] = Object.freeze([]);

export function pushSlot<K>(map: Map<K, Slot>, key: K, value: number): void {
  const slot = map.get(key);
  if (slot === undefined) map.set(key, value);
  else if (typeof slot === 'number') map.set(key, [slot, value]);
  else slot.push(value);
}

export function slotValues(slot: Slot | undefined): readonly number[] {
  return slot === undefined ? NONE : typeof slot === 'number' ? [slot] : slot;
}

/** A customer's open items in one currency, oldest first; `start` skips the settled head. */
export interface OpenGroup {
  readonly currency: string;
  readonly items: number[];
  start: number;
}

export interface MatchIndex {
  readonly invoices: readonly MatchInvoice[];
  /** Still open per invoice position: the input's `open`, less what earlier lines of the call took. */
  readonly remaining: Float64Array;
  readonly byReference: KeyTable;
  readonly byNumber: KeyTable;
  /** For numbers written without their padding zeros (see unpaddedKey). */
  readonly byUnpadded: KeyTable;
  /** Shortest and longest number key, to skip text windows no typo could bring to a number. */
  readonly numberKeyLengths: { readonly min: number; readonly max: number };
  /** Characters used by number keys: the alphabet of one-typo variants. */
  readonly numberAlphabet: string;
  /** currency -> amount -> invoices that had that open amount at some point of the call. */
  readonly byAmount: Map<string, Map<number, Slot>>;
  /** currency -> open less discount -> invoices with an early-payment discount. */
  readonly byDiscounted: Map<string, Map<number, Slot>>;
  /** Dense numbers for customer ids (see StringIds). */
  readonly customerIds: StringIds;
  /** Open items per currency, by customer number. */
  readonly groups: (OpenGroup[] | undefined)[];
  readonly customers: Map<string, MatchCustomer>;
  readonly customersByAccount: Map<string, string[]>;
  /** Built on first use: most statements never need a name search. */
  nameIndex: NameIndex | null;
}

export interface NameIndex {
  readonly byKey: Map<string, string[]>;
  /** Names prepared for comparison, made on first comparison. */
  readonly shapes: Map<string, NameShape>;
}

export function customerShape(index: MatchIndex, customerId: string): NameShape {
  const shapes = nameIndexOf(index).shapes;
  let shape = shapes.get(customerId);
  if (!shape) {
    shape = nameShape(index.customers.get(customerId)?.name ?? '');
    shapes.set(customerId, shape);
  }
  return shape;
}

function amountMap(outer: Map<string, Map<number, Slot>>, currency: string): Map<number, Slot> {
  const inner = outer.get(currency);
  if (inner) return inner;
  const created = new Map<number, Slot>();
  outer.set(currency, created);
  return created;
}

const dayOf = (date: string) => (isIsoDate(date) ? toDayNumber(date) : Number.POSITIVE_INFINITY);

export function buildIndex(
  invoices: readonly MatchInvoice[],
  customers: readonly MatchCustomer[],
): MatchIndex {
  const n = invoices.length;
  const remaining = new Float64Array(n);
  const byReference = new KeyTable((i) => invoices[i]!.paymentReference, writeReferenceKey, n);
  const byNumber = new KeyTable((i) => invoices[i]!.number, writeNumberKey, n);
  const byUnpadded = new KeyTable((i) => invoices[i]!.number, writeUnpaddedKey, n);
  const byAmount = new Map<string, Map<number, Slot>>();
  const byDiscounted = new Map<string, Map<number, Slot>>();
  const customerIds = new StringIds(customers.length + 16);
  for (const c of customers) customerIds.id(c.customerId);
  const groups: (OpenGroup[] | undefined)[] = [];
  const alphabet = new Uint8Array(128);
  let scratch = new Uint8Array(64);
  const due = new Float64Array(n);
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const inv = invoices[i]!;
    const open = Number.isSafeInteger(inv.open) && inv.open > 0 ? inv.open : 0;
    remaining[i] = open;
    if (inv.number.length > scratch.length) scratch = new Uint8Array(inv.number.length * 2);
    const length = writeNumberKey(inv.number, scratch);
    if (length > 0) {
      if (length < min) min = length;
      if (length > max) max = length;
      for (let k = 0; k < length; k++) alphabet[scratch[k]! & 127] = 1;
    }
    byNumber.add(i);
    byUnpadded.add(i);
    byReference.add(i);
    if (open === 0) continue;
    pushSlot(amountMap(byAmount, inv.currency), open, i);
    if (inv.discount && inv.discount.amount > 0 && inv.discount.amount < open) {
      pushSlot(amountMap(byDiscounted, inv.currency), open - inv.discount.amount, i);
    }
    due[i] = dayOf(inv.dueDate);
    const c = customerIds.id(inv.customerId);
    const list = groups[c] ?? [];
    groups[c] = list;
    let group: OpenGroup | undefined;
    for (const g of list) if (g.currency === inv.currency) group = g;
    if (group) group.items.push(i);
    else list.push({ currency: inv.currency, items: [i], start: 0 });
  }
  // Oldest first: by due date, then the order given (the caller's order is reproducible).
  const order = (a: number, b: number) => due[a]! - due[b]! || a - b;
  for (const list of groups) for (const g of list ?? []) if (g.items.length > 1) g.items.sort(order);
  const byId = new Map<string, MatchCustomer>();
  const customersByAccount = new Map<string, string[]>();
  for (const c of customers) {
    byId.set(c.customerId, c);
    for (const account of c.accounts) {
      const a = normalizeIban(account);
      const list = customersByAccount.get(a);
      if (!list) customersByAccount.set(a, [c.customerId]);
      else if (!list.includes(c.customerId)) list.push(c.customerId);
    }
  }
  return {
    invoices,
    remaining,
    byReference,
    byNumber,
    byUnpadded,
    numberKeyLengths: { min: max === 0 ? 0 : min, max },
    numberAlphabet: String.fromCharCode(...[...alphabet.keys()].filter((code) => alphabet[code] === 1)),
    byAmount,
    byDiscounted,
    customerIds,
    groups,
    customers: byId,
    customersByAccount,
    nameIndex: null,
  };
}

function groupOf(index: MatchIndex, customerId: string, currency: string): OpenGroup | undefined {
  const c = index.customerIds.get(customerId);
  return c < 0 ? undefined : index.groups[c]?.find((g) => g.currency === currency);
}

export function nameIndexOf(index: MatchIndex): NameIndex {
  if (index.nameIndex) return index.nameIndex;
  const byKey = new Map<string, string[]>();
  for (const c of index.customers.values()) {
    for (const k of nameKeys(nameTokens(c.name))) {
      const list = byKey.get(k);
      if (list) list.push(c.customerId);
      else byKey.set(k, [c.customerId]);
    }
  }
  index.nameIndex = { byKey, shapes: new Map() };
  return index.nameIndex;
}

/**
 * The customer's open items in a currency, oldest first, skipping those settled earlier in the call.
 * Stops once it holds at least `count` items and more than `amount` in all: what the combination
 * search and an oldest-first allocation of `amount` can use, without walking a large customer's ledger.
 */
export function oldestOpen(
  index: MatchIndex,
  customerId: string,
  currency: string,
  enough: { readonly amount: number; readonly count: number },
): readonly number[] {
  const group = groupOf(index, customerId, currency);
  if (!group) return NONE;
  while (group.start < group.items.length && index.remaining[group.items[group.start]!] === 0) group.start++;
  const out: number[] = [];
  let sum = 0;
  for (let i = group.start; i < group.items.length; i++) {
    if (out.length >= enough.count && sum > enough.amount) break;
    const item = group.items[i]!;
    const open = index.remaining[item]!;
    if (open > 0) {
      out.push(item);
      sum += open;
    }
  }
  return out;
}

/** How many open items the customer has in the currency (an upper bound: settled ones may remain). */
export function openCount(index: MatchIndex, customerId: string, currency: string): number {
  const group = groupOf(index, customerId, currency);
  return group ? group.items.length - group.start : 0;
}
