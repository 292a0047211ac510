import { z } from 'zod';
import type { CustomerRow } from '../db/schema.ts';
import { isTimeZone } from '../kernel/dates.ts';
import { isValidIban, normalizeIban } from '../kernel/iban.ts';
import { LANGUAGES, type Language } from '../kernel/locale.ts';
import { isCurrency } from '../kernel/money.ts';

export const CONTACT_ROLES = ['billing', 'ap_approver', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface Contact {
  readonly id: string;
  readonly name: string;
  readonly role: ContactRole;
  readonly email: string | null;
  readonly phone: string | null;
}

/** Where letters go: street lines, postal code and city (the country is the customer's). */
export interface PostalAddress {
  readonly line1: string;
  readonly line2: string | null;
  readonly postalCode: string | null;
  readonly city: string;
}

export interface Customer {
  readonly id: string;
  readonly orgId: string;
  readonly ref: string | null;
  readonly name: string;
  readonly kind: 'business' | 'consumer';
  readonly country: string;
  readonly language: Language;
  readonly timeZone: string;
  readonly currency: string;
  readonly vatId: string | null;
  readonly address: PostalAddress | null;
  readonly paymentTermsDays: number | null;
  readonly creditLimit: number | null;
  readonly onHold: boolean;
  readonly tags: readonly string[];
  readonly contacts: readonly Contact[];
  readonly bankAccounts: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'use an ISO 3166 two-letter country code in capitals, e.g. CZ')
  .describe('ISO 3166-1 alpha-2 country code');
export const currencyCode = z
  .string()
  .refine(isCurrency, 'use a supported ISO 4217 code: EUR, CZK, NOK, GBP, ...')
  .describe('ISO 4217 currency code');
const timeZone = z.string().refine(isTimeZone, 'use an IANA time zone such as Europe/Prague');
export const minorAmount = z
  .number()
  .int('amounts are integer minor units (cents): 12.50 EUR is 1250')
  .refine(Number.isSafeInteger, 'amount is too large');
const iban = z
  .string()
  .refine(isValidIban, 'not a valid IBAN (check digits do not match)')
  .transform(normalizeIban);

export const contactInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  role: z.enum(CONTACT_ROLES).default('billing'),
  email: z.email('not a valid email address').nullish(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{5,20}$/, 'use digits, spaces and an optional leading +')
    .nullish(),
});

const customerFields = {
  ref: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .nullish()
    .describe('Your own customer number, unique in the organisation'),
  name: z.string().trim().min(1).max(300),
  kind: z.enum(['business', 'consumer']),
  country,
  language: z.enum(LANGUAGES),
  timeZone,
  currency: currencyCode,
  vatId: z.string().trim().min(2).max(32).nullish(),
  address: z
    .strictObject({
      line1: z.string().trim().min(1).max(200),
      line2: z.string().trim().min(1).max(200).nullish(),
      postalCode: z.string().trim().min(2).max(16).nullish(),
      city: z.string().trim().min(1).max(100),
    })
    .nullish()
    .describe('Postal address for letters and invoices (the country is the customer country)'),
  paymentTermsDays: z.number().int().min(0).max(365).nullish(),
  creditLimit: minorAmount.min(0, 'a credit limit cannot be negative').nullish(),
  onHold: z.boolean(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50),
  contacts: z.array(contactInput).max(50),
  bankAccounts: z.array(iban).max(20).describe('Known payer IBANs'),
};

/** Input for a new customer. Language, currency and time zone default from the country. */
export const customerInput = z.strictObject({
  ...customerFields,
  kind: customerFields.kind.default('business'),
  language: customerFields.language.optional(),
  timeZone: customerFields.timeZone.optional(),
  currency: customerFields.currency.optional(),
  onHold: customerFields.onHold.default(false),
  tags: customerFields.tags.default([]),
  contacts: customerFields.contacts.default([]),
  bankAccounts: customerFields.bankAccounts.default([]),
});
export type CustomerInput = z.output<typeof customerInput>;

/** A partial update; lists (tags, contacts, bankAccounts) are replaced whole when given. */
export const customerPatch = z.strictObject(customerFields).partial();
export type CustomerPatch = z.output<typeof customerPatch>;

export function customerFromRow(
  row: CustomerRow,
  tags: readonly string[],
  contacts: readonly Contact[],
  bankAccounts: readonly string[],
): Customer {
  return Object.freeze({
    id: row.id,
    orgId: row.org_id,
    ref: row.ref,
    name: row.name,
    kind: row.kind,
    country: row.country,
    language: row.language as Language,
    timeZone: row.time_zone,
    currency: row.currency,
    vatId: row.vat_id,
    address:
      row.address_line1 && row.city
        ? {
            line1: row.address_line1,
            line2: row.address_line2,
            postalCode: row.postal_code,
            city: row.city,
          }
        : null,
    paymentTermsDays: row.payment_terms_days,
    creditLimit: row.credit_limit,
    onHold: row.on_hold === 1,
    tags,
    contacts,
    bankAccounts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
