import { monotonicFactory } from 'ulid';

/**
 * Readable, time-sortable ids: a type prefix plus a ULID (`cus_01JD...`). Sorting ids sorts by
 * creation time, which cursor pagination relies on. Monotonic within a millisecond.
 */
export const ID_PREFIXES = Object.freeze({
  organization: 'org',
  customer: 'cus',
  contact: 'con',
  invoice: 'inv',
  invoiceLine: 'inl',
  creditNote: 'crn',
  payment: 'pay',
  entry: 'len',
  bankAccount: 'bac',
  token: 'tok',
  dunningPolicy: 'dpo',
  dunningLevel: 'dlv',
  dunningAssignment: 'das',
  dunningTemplate: 'dtp',
  dunningRun: 'drn',
  dunningAction: 'dac',
  message: 'msg',
  letter: 'ltr',
  task: 'tsk',
});

export type IdKind = keyof typeof ID_PREFIXES;

const ulid = monotonicFactory();

export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${ID_PREFIXES[kind]}_${ulid(now).toLowerCase()}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`) && id.length === ID_PREFIXES[kind].length + 27;
}
