import type {
  CustomerBankAccountsTable,
  CustomerContactsTable,
  CustomersTable,
  CustomerTagsTable,
} from '../db/schema.ts';
import { countryDefaults } from '../kernel/locale.ts';
import type { Organization } from '../orgs/organization.ts';
import type { CustomerInput } from './customer.ts';

/** Fills language, currency and time zone from the country, then from the organisation. */
export function resolveCustomerDefaults(
  input: CustomerInput,
  org: Pick<Organization, 'baseCurrency' | 'timeZone'>,
): Required<Pick<CustomerInput, 'language' | 'currency' | 'timeZone'>> {
  const d = countryDefaults(input.country);
  return {
    language: input.language ?? d?.language ?? 'en',
    currency: input.currency ?? d?.currency ?? org.baseCurrency,
    timeZone: input.timeZone ?? d?.timeZone ?? org.timeZone,
  };
}

export interface BuiltCustomer {
  readonly customer: CustomersTable;
  readonly contacts: readonly CustomerContactsTable[];
  readonly tags: readonly CustomerTagsTable[];
  readonly bankAccounts: readonly CustomerBankAccountsTable[];
}

/**
 * The rows a validated customer is stored as, without touching the database: the same shape
 * createCustomer writes (defaults from resolveCustomerDefaults, repeated tags and IBANs once,
 * contacts in the given order). Shared by createCustomer and the bulk CSV import.
 */
export function buildCustomerRows(
  org: Pick<Organization, 'id' | 'baseCurrency' | 'timeZone'>,
  input: CustomerInput,
  ids: { readonly customerId: string; contactId(): string },
  createdAt: string,
): BuiltCustomer {
  const d = resolveCustomerDefaults(input, org);
  const customerId = ids.customerId;
  return {
    customer: {
      id: customerId,
      org_id: org.id,
      ref: input.ref ?? null,
      name: input.name,
      kind: input.kind,
      country: input.country,
      language: d.language,
      time_zone: d.timeZone,
      currency: d.currency,
      vat_id: input.vatId ?? null,
      payment_terms_days: input.paymentTermsDays ?? null,
      credit_limit: input.creditLimit ?? null,
      on_hold: input.onHold ? 1 : 0,
      created_at: createdAt,
      updated_at: createdAt,
      hold_reason: null,
      address_line1: input.address?.line1 ?? null,
      address_line2: input.address?.line2 ?? null,
      postal_code: input.address?.postalCode ?? null,
      city: input.address?.city ?? null,
    },
    contacts: input.contacts.map((c, position) => ({
      id: ids.contactId(),
      org_id: org.id,
      customer_id: customerId,
      name: c.name,
      role: c.role,
      email: c.email ?? null,
      phone: c.phone ?? null,
      position,
    })),
    tags: [...new Set(input.tags)].map((tag) => ({ org_id: org.id, customer_id: customerId, tag })),
    bankAccounts: [...new Set(input.bankAccounts)].map((iban) => ({
      org_id: org.id,
      customer_id: customerId,
      iban,
    })),
  };
}
