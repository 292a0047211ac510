import type { Db } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { newId } from '../kernel/ids.ts';
import { countryDefaults } from '../kernel/locale.ts';
import { defaultReferenceScheme, isReferenceScheme } from '../kernel/references/index.ts';
import type { Organization, OrgInput } from './organization.ts';

export async function createOrganization(db: Db, input: OrgInput): Promise<Organization> {
  const d = countryDefaults(input.country);
  const id = newId('organization');
  const now = nowIso();
  await db
    .insertInto('organizations')
    .values({
      id,
      legal_name: input.legalName,
      country: input.country,
      base_currency: input.baseCurrency ?? d?.currency ?? 'EUR',
      time_zone: input.timeZone ?? d?.timeZone ?? 'Europe/Brussels',
      created_at: now,
      email: input.email ?? null,
      phone: input.phone ?? null,
      vat_id: input.vatId ?? null,
      address_line1: input.address?.line1 ?? null,
      address_line2: input.address?.line2 ?? null,
      postal_code: input.address?.postalCode ?? null,
      city: input.address?.city ?? null,
      payment_reference_scheme: input.paymentReferenceScheme ?? null,
    })
    .execute();
  if (input.bankAccounts.length > 0) {
    await db
      .insertInto('org_bank_accounts')
      .values(
        input.bankAccounts.map((a) => ({
          id: newId('bankAccount'),
          org_id: id,
          iban: a.iban,
          bic: a.bic ?? null,
          bank_name: a.bankName ?? null,
          currency: a.currency,
          created_at: now,
        })),
      )
      .execute();
  }
  return (await getOrganization(db, id))!;
}

/** The one lookup that is not scoped by an organisation: it resolves the organisation itself. */
export async function getOrganization(db: Db, orgId: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', orgId).executeTakeFirst();
  if (!row) return undefined;
  const accounts = await db
    .selectFrom('org_bank_accounts')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
  return Object.freeze({
    id: row.id,
    legalName: row.legal_name,
    country: row.country,
    baseCurrency: row.base_currency,
    timeZone: row.time_zone,
    email: row.email,
    phone: row.phone,
    vatId: row.vat_id,
    address: [
      row.address_line1,
      row.address_line2,
      [row.postal_code, row.city].filter(Boolean).join(' '),
    ].filter((l): l is string => Boolean(l)),
    paymentReferenceScheme:
      row.payment_reference_scheme && isReferenceScheme(row.payment_reference_scheme)
        ? row.payment_reference_scheme
        : defaultReferenceScheme(row.country),
    createdAt: row.created_at,
    bankAccounts: accounts.map((a) => ({
      id: a.id,
      iban: a.iban,
      bic: a.bic,
      bankName: a.bank_name,
      currency: a.currency,
    })),
  });
}

export async function listOrganizations(db: Db): Promise<Organization[]> {
  const rows = await db.selectFrom('organizations').select('id').orderBy('id').execute();
  const orgs = await Promise.all(rows.map((r) => getOrganization(db, r.id)));
  return orgs.filter((o): o is Organization => o !== undefined);
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()) === undefined;
}
