import type { Db } from '../db/database.ts';
import {
  defaultReferenceScheme,
  isReferenceScheme,
  type ReferenceScheme,
  referenceForInvoice,
} from '../kernel/references/index.ts';

/**
 * The structured payment reference printed on an invoice, from its number, in the organisation's
 * scheme. An invoice number the scheme cannot carry (no digits for a variable symbol, too long for an
 * OGM) falls back to the RF reference, which takes letters too; only a number RF cannot carry either
 * leaves the invoice without one (its number is then the reference people type).
 *
 * @example invoiceReference('vs', 'FV-2026-0042') // '20260042'
 */
export function invoiceReference(scheme: ReferenceScheme, invoiceNumber: string): string | null {
  const own = referenceForInvoice(scheme, invoiceNumber);
  if (own.ok) return own.value;
  const rf = referenceForInvoice('rf', invoiceNumber);
  return rf.ok ? rf.value : null;
}

/** The organisation's reference scheme (its choice, else its country's default). */
export async function referenceSchemeOf(db: Db, orgId: string): Promise<ReferenceScheme> {
  const org = await db
    .selectFrom('organizations')
    .select(['country', 'payment_reference_scheme'])
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return org.payment_reference_scheme && isReferenceScheme(org.payment_reference_scheme)
    ? org.payment_reference_scheme
    : defaultReferenceScheme(org.country);
}
