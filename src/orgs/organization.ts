import { z } from 'zod';
import { isTimeZone } from '../kernel/dates.ts';
import { isValidIban, normalizeIban } from '../kernel/iban.ts';
import { isCurrency } from '../kernel/money.ts';

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
