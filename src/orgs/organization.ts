import { z } from 'zod';
import { isTimeZone } from '../kernel/dates.ts';
import { isValidIban, normalizeIban } from '../kernel/iban.ts';
import { isCurrency } from '../kernel/money.ts';
import { REFERENCE_SCHEMES, type ReferenceScheme } from '../kernel/references/index.ts';

export interface OrgBankAccount {
  readonly id: string;
  readonly iban: string;
  readonly bic: string | null;
  readonly bankName: string | null;
  readonly currency: string;
}

export interface Organization {
  readonly id: string;
  readonly legalName: string;
  readonly country: string;
  readonly baseCurrency: string;
  readonly timeZone: string;
  readonly bankAccounts: readonly OrgBankAccount[];
  /** How customers reach the credit controller; printed in reminders. */
  readonly email: string | null;
  readonly phone: string | null;
  readonly vatId: string | null;
  /** Postal address lines, for letters. */
  readonly address: readonly string[];
  /** How invoices get their structured payment reference (the organisation's choice, else its country's). */
  readonly paymentReferenceScheme: ReferenceScheme;
  readonly createdAt: string;
}

export const orgInput = z.strictObject({
  legalName: z.string().trim().min(1).max(300),
  country: z.string().regex(/^[A-Z]{2}$/, 'use an ISO 3166 two-letter country code in capitals, e.g. CZ'),
  baseCurrency: z
    .string()
    .refine(isCurrency, 'use a supported ISO 4217 code: EUR, CZK, NOK, GBP, ...')
    .optional(),
  timeZone: z.string().refine(isTimeZone, 'use an IANA time zone such as Europe/Prague').optional(),
  email: z.email('not a valid email address').nullish(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{5,20}$/, 'use digits, spaces and an optional leading +')
    .nullish(),
  vatId: z.string().trim().min(2).max(32).nullish(),
  paymentReferenceScheme: z
    .enum(REFERENCE_SCHEMES)
    .optional()
    .describe(
      'How invoices get their structured payment reference: rf (ISO 11649), kid-mod10/kid-mod11 (Norway), vs (Czech/Slovak variable symbol), ogm (Belgium), fi (Finland), nl (betalingskenmerk), qrr (Swiss QR-IBAN). Default: by country',
    ),
  address: z
    .strictObject({
      line1: z.string().trim().min(1).max(200),
      line2: z.string().trim().max(200).nullish(),
      postalCode: z.string().trim().min(1).max(20),
      city: z.string().trim().min(1).max(100),
    })
    .nullish(),
  bankAccounts: z
    .array(
      z.strictObject({
        iban: z
          .string()
          .refine(isValidIban, 'not a valid IBAN (check digits do not match)')
          .transform(normalizeIban),
        bic: z
          .string()
          .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'a BIC has 8 or 11 letters and digits')
          .nullish(),
        bankName: z.string().trim().min(1).max(200).nullish(),
        currency: z.string().refine(isCurrency, 'use a supported ISO 4217 code'),
      }),
    )
    .default([]),
});
export type OrgInput = z.output<typeof orgInput>;
