import { addDays, type IsoDate } from '../kernel/dates.ts';
import type { Language } from '../kernel/locale.ts';
import type { Level, MessageVars } from './model.ts';

/** What the shell loads about a customer to write to it. */
export interface CustomerContactInfo {
  readonly customerId: string;
  readonly name: string;
  readonly kind: 'business' | 'consumer';
  readonly country: string;
  readonly language: Language;
  readonly timeZone: string;
  readonly address: readonly string[];
  /** Billing contact first, then the accounts-payable approver, then anyone with an email. */
  readonly contactName: string | null;
  readonly email: string | null;
}

export interface SellerInfo {
  readonly name: string;
  readonly country: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly bankAccounts: readonly {
    readonly iban: string;
    readonly bic: string | null;
    readonly bankName: string | null;
    readonly currency: string;
  }[];
}

export interface VarsItem {
  readonly number: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly daysOverdue: number;
  readonly total: number;
  readonly open: number;
  /** The invoice's structured payment reference (RF, KID, VS...), if it has one. */
  readonly paymentReference?: string | null;
}

/**
 * The variables of one message, from plain data. Shared by the run, approval, preview and letters,
 * so every channel says the same thing. The bank account is the seller's account in the message's
 * currency (else its first); the reference is the invoice number (structured references come with
 * the oldest invoice's structured payment reference, else the invoice numbers).
 */
export function messageVars(input: {
  readonly seller: SellerInfo;
  readonly customer: CustomerContactInfo;
  readonly level: Level;
  readonly currency: string;
  readonly items: readonly VarsItem[];
  readonly today: IsoDate;
}): MessageVars {
  const { seller, customer, level, currency, items, today } = input;
  const account = seller.bankAccounts.find((a) => a.currency === currency) ?? seller.bankAccounts[0] ?? null;
  const sorted = [...items].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number),
  );
  return {
    language: customer.language,
    today,
    level: { position: level.position, name: level.name, kind: level.kind },
    organization: { name: seller.name, country: seller.country, email: seller.email, phone: seller.phone },
    customer: {
      name: customer.name,
      kind: customer.kind,
      country: customer.country,
      contactName: customer.contactName,
      address: customer.address,
    },
    invoices: sorted.map((i) => ({ ...i, currency })),
    currency,
    totalOpen: sorted.reduce((s, i) => s + i.open, 0),
    payment: {
      iban: account?.iban ?? null,
      bic: account?.bic ?? null,
      bankName: account?.bankName ?? null,
      // One payment for the message: the oldest invoice's structured reference identifies the
      // customer and its invoices to Duly's matcher; without one, the invoice numbers.
      reference: sorted[0]?.paymentReference ?? sorted.map((i) => i.number).join(', '),
    },
    deadline: level.deadlineDays ? addDays(today, level.deadlineDays) : null,
  };
}
