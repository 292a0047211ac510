import type { Insertable, Selectable } from 'kysely';

/**
 * Table types (snake_case, as stored). Money columns are BIGINT minor units, read back as numbers
 * (see src/db/database.ts for the conversion). Dates are ISO `YYYY-MM-DD` text, timestamps ISO text,
 * booleans 0/1 integers: the same representation on SQLite and PostgreSQL.
 */
export interface OrganizationsTable {
  id: string;
  legal_name: string;
  country: string;
  base_currency: string;
  time_zone: string;
  created_at: string;
}

export interface OrgBankAccountsTable {
  id: string;
  org_id: string;
  iban: string;
  bic: string | null;
  bank_name: string | null;
  currency: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  org_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface CustomersTable {
  id: string;
  org_id: string;
  ref: string | null;
  name: string;
  kind: 'business' | 'consumer';
  country: string;
  language: string;
  time_zone: string;
  currency: string;
  vat_id: string | null;
  payment_terms_days: number | null;
  credit_limit: number | null;
  on_hold: number;
  created_at: string;
  updated_at: string;
}

export interface CustomerContactsTable {
  id: string;
  org_id: string;
  customer_id: string;
  name: string;
  role: 'billing' | 'ap_approver' | 'other';
  email: string | null;
  phone: string | null;
  position: number;
}

export interface CustomerBankAccountsTable {
  org_id: string;
  customer_id: string;
  iban: string;
}

export interface CustomerTagsTable {
  org_id: string;
  customer_id: string;
  tag: string;
}

export interface InvoicesTable {
  id: string;
  org_id: string;
  customer_id: string;
  number: string;
  issue_date: string;
  delivery_date: string | null;
  due_date: string;
  payment_terms_days: number | null;
  currency: string;
  subtotal: number;
  vat_total: number;
  total: number;
  /** Document state; money state (paid, overdue...) is derived from the ledger. */
  state: 'draft' | 'issued' | 'void';
  created_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

export interface InvoiceLinesTable {
  id: string;
  org_id: string;
  invoice_id: string;
  position: number;
  description: string;
  /** Quantity in thousandths (1.5 h = 1500), so line maths stays integer. */
  quantity_milli: number;
  unit_price: number;
  /** VAT rate in basis points (21 % = 2100). */
  vat_rate_bp: number;
  net: number;
  vat: number;
  total: number;
}

export interface CreditNotesTable {
  id: string;
  org_id: string;
  customer_id: string;
  invoice_id: string;
  number: string;
  issue_date: string;
  currency: string;
  amount: number;
  reason: string;
  created_at: string;
}

export interface PaymentsTable {
  id: string;
  org_id: string;
  customer_id: string;
  amount: number;
  currency: string;
  received_date: string;
  payer_name: string | null;
  payer_iban: string | null;
  reference: string | null;
  method: string;
  created_at: string;
}

export type EntryKind =
  | 'invoice_issued'
  | 'invoice_voided'
  | 'payment_received'
  | 'payment_allocated'
  | 'credit_note'
  | 'credit_applied'
  | 'adjustment'
  | 'fee'
  | 'interest'
  | 'write_off'
  | 'reversal';

/**
 * The append-only ledger. Each entry moves money on up to two balances:
 * - `receivable_delta` on the invoice `invoice_id` (what the customer owes on it),
 * - `credit_delta` on the credit source `source_id` (a payment's or credit note's unapplied rest).
 * Every balance in Duly is a SUM over these columns; nothing is ever updated in place (triggers
 * refuse UPDATE and DELETE on both engines).
 */
export interface LedgerEntriesTable {
  id: string;
  org_id: string;
  customer_id: string;
  kind: EntryKind;
  currency: string;
  effective_date: string;
  invoice_id: string | null;
  receivable_delta: number;
  source_type: 'payment' | 'credit_note' | null;
  source_id: string | null;
  credit_delta: number;
  reverses_entry_id: string | null;
  memo: string | null;
  created_at: string;
}

export interface IdempotencyKeysTable {
  org_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: string;
}

export interface Database {
  organizations: OrganizationsTable;
  org_bank_accounts: OrgBankAccountsTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  customer_bank_accounts: CustomerBankAccountsTable;
  customer_tags: CustomerTagsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  credit_notes: CreditNotesTable;
  payments: PaymentsTable;
  ledger_entries: LedgerEntriesTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type CustomerRow = Selectable<CustomersTable>;
export type InvoiceRow = Selectable<InvoicesTable>;
export type InvoiceLineRow = Selectable<InvoiceLinesTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type CreditNoteRow = Selectable<CreditNotesTable>;
export type LedgerEntryRow = Selectable<LedgerEntriesTable>;
export type NewLedgerEntry = Insertable<LedgerEntriesTable>;
