import type { IsoDate } from '../kernel/dates.ts';
import { catalogueLanguage, REFERENCE_WORDS } from './catalogue.ts';
import { generateIban } from './identifiers.ts';
import type { PlannedCustomer } from './plan-customers.ts';
import type { PlannedInvoice } from './plan-invoices.ts';
import type { Intent, PaymentMode } from './plan-settlements.ts';
import type { Rng } from './random.ts';

/**
 * Replays a customer's planned history the way the ledger will, in date order, to turn intents
 * ("pay the rest", "write off what is left") into exact amounts and explicit allocations. The
 * loader then posts these through the real use cases, which re-check every rule; the figures kept
 * here are what the ledger must show afterwards, and the tests compare the two.
 */
export interface InvoiceRefAmount {
  readonly invoiceNumber: string;
  readonly amount: number;
}

export type DemoEvent =
  | {
      readonly kind: 'invoice';
      readonly date: IsoDate;
      readonly customerRef: string;
      readonly invoice: PlannedInvoice & { readonly number: string };
    }
  | {
      readonly kind: 'creditNote';
      readonly date: IsoDate;
      readonly customerRef: string;
      /** Assigned by planDemo once every credit note of the organisation is known. */
      readonly number: string;
      readonly invoiceNumber: string;
      readonly amount: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'applyCredit';
      readonly date: IsoDate;
      readonly customerRef: string;
      readonly currency: string;
      readonly allocations: readonly InvoiceRefAmount[];
    }
  | {
      readonly kind: 'payment';
      readonly date: IsoDate;
      readonly customerRef: string;
      readonly amount: number;
      readonly currency: string;
      readonly method: PlannedCustomer['method'];
      readonly payerName: string;
      readonly payerIban: string | null;
      readonly reference: string | null;
      readonly allocations: readonly InvoiceRefAmount[];
    }
  | {
      readonly kind: 'writeOff';
      readonly date: IsoDate;
      readonly customerRef: string;
      readonly invoiceNumber: string;
      readonly amount: number;
      readonly memo: string;
    };

/** What the ledger must show for an invoice on `asOf` once the plan is loaded. */
export interface ExpectedInvoice {
  readonly number: string;
  readonly customerRef: string;
  readonly currency: string;
  readonly dueDate: IsoDate;
  readonly draft: boolean;
  readonly total: number;
  readonly open: number;
  readonly credited: number;
  readonly writtenOff: number;
}

export interface Settlement {
  readonly events: DemoEvent[];
  readonly invoices: ExpectedInvoice[];
  /** Unapplied customer credit left at the end (overpayments, credit-note rests). */
  readonly credit: number;
}

/** Order of events on one day: issue, credit note, credit applied, payment, write-off. */
const PRIORITY: Readonly<Record<DemoEvent['kind'], number>> = {
  invoice: 0,
  creditNote: 1,
  applyCredit: 2,
  payment: 3,
  writeOff: 4,
};

export function compareEvents(a: { date: IsoDate; kind: DemoEvent['kind'] }, b: typeof a): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return PRIORITY[a.kind] - PRIORITY[b.kind];
}

/** How a bank statement shows a name: capitals without diacritics, often. */
function bankStyle(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase();
}

function reference(
  rng: Rng,
  c: PlannedCustomer,
  numbers: readonly string[],
  partial: boolean,
): string | null {
  const words = REFERENCE_WORDS[c.input.language];
  if (c.profile === 'chaotic' && rng.chance(0.12)) return rng.chance(0.5) ? words.vague : null;
  if (partial) return `${words.part} ${numbers[0]}`;
  // Czech and Slovak payers put the invoice number in the variable symbol (digits only).
  if ((c.input.language === 'cs' || c.input.language === 'sk') && numbers.length === 1 && rng.chance(0.5)) {
    return `VS ${numbers[0]!.replace(/\D/g, '')}`;
  }
  return `${numbers.length === 1 ? words.one : words.many} ${numbers.join(', ')}`;
}

type Step =
  | { readonly kind: 'invoice'; readonly date: IsoDate; readonly seq: number; readonly inv: PlannedInvoice }
  | {
      readonly kind: 'creditNote';
      readonly date: IsoDate;
      readonly seq: number;
      readonly intent: Intent & { kind: 'credit' };
    }
  | {
      readonly kind: 'payment';
      readonly date: IsoDate;
      readonly seq: number;
      readonly items: readonly (Intent & { kind: 'pay' })[];
    }
  | {
      readonly kind: 'writeOff';
      readonly date: IsoDate;
      readonly seq: number;
      readonly intent: Intent & { kind: 'writeOff' };
    };

/**
 * Settles one customer's invoices. `numbers` maps invoice keys to their invoice numbers. Customers
 * on payment runs pay everything due in a run with one transfer and several allocations.
 */
export function settle(
  rng: Rng,
  c: PlannedCustomer,
  invoices: readonly PlannedInvoice[],
  intents: readonly Intent[],
  numbers: ReadonlyMap<string, string>,
): Settlement {
  const steps: Step[] = invoices.map((inv, seq) => ({ kind: 'invoice', date: inv.issueDate, seq, inv }));
  const batches = new Map<string, (Intent & { kind: 'pay' })[]>();
  for (const [i, it] of intents.entries()) {
    const seq = invoices.length + i;
    if (it.kind === 'credit') steps.push({ kind: 'creditNote', date: it.date, seq, intent: it });
    else if (it.kind === 'writeOff') steps.push({ kind: 'writeOff', date: it.date, seq, intent: it });
    else if (c.paymentRuns && it.mode === 'rest') {
      const batch = batches.get(it.date);
      if (batch) batch.push(it);
      else {
        const items = [it];
        batches.set(it.date, items);
        steps.push({ kind: 'payment', date: it.date, seq, items });
      }
    } else steps.push({ kind: 'payment', date: it.date, seq, items: [it] });
  }
  steps.sort((a, b) => compareEvents(a, b) || a.seq - b.seq);

  const byKey = new Map(invoices.map((i) => [i.key, i]));
  const open = new Map<string, number>();
  const transferred = new Map<string, number>();
  const credited = new Map<string, number>();
  const writtenOff = new Map<string, number>();
  let credit = 0;
  const events: DemoEvent[] = [];
  const ref = c.ref;
  const num = (key: string) => numbers.get(key)!;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  // A payer account the seller has not seen before: a parent company, or a new bank.
  const strangerIban = generateIban(rng, c.input.country);
  const payerName = c.segment === 'consumer' && rng.chance(0.5) ? bankStyle(c.input.name) : c.input.name;

  for (const s of steps) {
    switch (s.kind) {
      case 'invoice': {
        events.push({
          kind: 'invoice',
          date: s.date,
          customerRef: ref,
          invoice: { ...s.inv, number: num(s.inv.key) },
        });
        if (s.inv.draft) break;
        open.set(s.inv.key, s.inv.total);
        // Credit left from an overpayment or a credit note is offset against the next invoice, often.
        if (credit > 0 && rng.chance(0.5)) {
          const amount = Math.min(credit, s.inv.total);
          events.push({
            kind: 'applyCredit',
            date: s.date,
            customerRef: ref,
            currency: s.inv.currency,
            allocations: [{ invoiceNumber: num(s.inv.key), amount }],
          });
          credit -= amount;
          add(open, s.inv.key, -amount);
        }
        break;
      }
      case 'creditNote': {
        const { invoice, amount } = s.intent;
        const applied = Math.min(amount, open.get(invoice) ?? 0);
        add(open, invoice, -applied);
        add(credited, invoice, applied);
        credit += amount - applied;
        const lang = catalogueLanguage(c.input.language);
        events.push({
          kind: 'creditNote',
          date: s.date,
          customerRef: ref,
          number: '',
          invoiceNumber: num(invoice),
          amount,
          reason: s.intent.reason[lang],
        });
        break;
      }
      case 'payment': {
        const allocations: InvoiceRefAmount[] = [];
        let amount = 0;
        for (const it of s.items) {
          const inv = byKey.get(it.invoice)!;
          const o = open.get(it.invoice) ?? 0;
          const pay = payAmount(it.mode, it.amount, o, inv.total, transferred.get(it.invoice) ?? 0);
          if (pay === 0) continue;
          const allocated = Math.min(pay, o);
          amount += pay;
          add(transferred, it.invoice, pay);
          credit += pay - allocated;
          if (allocated > 0) {
            add(open, it.invoice, -allocated);
            allocations.push({ invoiceNumber: num(it.invoice), amount: allocated });
          }
        }
        if (amount === 0) break;
        const card = c.method === 'card';
        const known = c.input.bankAccounts;
        events.push({
          kind: 'payment',
          date: s.date,
          customerRef: ref,
          amount,
          currency: c.input.currency,
          method: c.method,
          payerName,
          payerIban: card ? null : known.length > 0 && rng.chance(0.9) ? rng.pick(known) : strangerIban,
          reference: reference(
            rng,
            c,
            s.items.map((it) => num(it.invoice)),
            s.items.length === 1 && s.items[0]!.mode === 'part',
          ),
          allocations,
        });
        break;
      }
      case 'writeOff': {
        const amount = open.get(s.intent.invoice) ?? 0;
        if (amount === 0) break;
        open.set(s.intent.invoice, 0);
        add(writtenOff, s.intent.invoice, amount);
        events.push({
          kind: 'writeOff',
          date: s.date,
          customerRef: ref,
          invoiceNumber: num(s.intent.invoice),
          amount,
          memo: s.intent.memo,
        });
        break;
      }
    }
  }
  return {
    events,
    credit,
    invoices: invoices.map((i) => ({
      number: num(i.key),
      customerRef: ref,
      currency: i.currency,
      dueDate: i.dueDate,
      draft: i.draft,
      total: i.total,
      open: open.get(i.key) ?? 0,
      credited: credited.get(i.key) ?? 0,
      writtenOff: writtenOff.get(i.key) ?? 0,
    })),
  };
}

function payAmount(
  mode: PaymentMode,
  part: number,
  open: number,
  total: number,
  transferred: number,
): number {
  switch (mode) {
    case 'rest':
      return open;
    case 'part':
      return Math.min(part, open);
    case 'gross':
      return Math.max(0, total - transferred);
    case 'duplicate':
      return total;
  }
}
