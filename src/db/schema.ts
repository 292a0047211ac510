import type { Generated, Insertable, Selectable } from 'kysely';

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
  email: string | null;
  phone: string | null;
  vat_id: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  /** How invoices' structured payment references are made: rf, kid-mod10, vs... (null: by country). */
  payment_reference_scheme: string | null;
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
  hold_reason: string | null;
  /** Postal address, for letters and invoices. */
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
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
  /** The structured reference printed on the invoice (RF..., KID, VS), machine form; null: none. */
  payment_reference: string | null;
  /** SUM(ledger_entries.receivable_delta) of this invoice, kept by a database trigger; never written. */
  open_amount: Generated<number>;
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

export type LevelTrigger = 'due' | 'previous';
export type LevelKind = 'reminder' | 'formal_demand' | 'lawsuit_warning' | 'handoff';
export type Channel = 'email' | 'letter' | 'call_task' | 'task';

export interface DunningPoliciesTable {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  /** 1: a due date on a weekend or holiday moves to the next business day before counting. */
  shift_due_to_business_day: number;
  /** Sending window in the customer's local time, `HH:MM`. */
  window_start: string;
  window_end: string;
  /** ISO weekdays the window is open, `1,2,3,4,5` (Monday = 1). */
  window_days: string;
  created_at: string;
  updated_at: string;
}

export interface DunningLevelsTable {
  id: string;
  org_id: string;
  policy_id: string;
  position: number;
  name: string;
  /** `due`: `days` relative to the due date (negative before it); `previous`: days after the previous level. */
  trigger: LevelTrigger;
  days: number;
  kind: LevelKind;
  /** Comma-separated channels. */
  channels: string;
  review: number;
  /** JSON object currency -> minimum open amount in minor units. */
  min_amounts: string;
  template_key: string;
  /** For a lawsuit warning: days the customer is given before the next step. */
  deadline_days: number | null;
}

export interface DunningAssignmentsTable {
  id: string;
  org_id: string;
  policy_id: string;
  scope: 'organization' | 'segment' | 'customer' | 'invoice';
  customer_id: string | null;
  invoice_id: string | null;
  segment_kind: string | null;
  segment_country: string | null;
  segment_tag: string | null;
  created_at: string;
}

export interface DunningTemplatesTable {
  id: string;
  org_id: string;
  template_key: string;
  language: string;
  subject: string;
  body: string;
  updated_at: string;
}

export interface DunningRunsTable {
  id: string;
  org_id: string;
  run_date: string;
  trigger: 'scheduler' | 'cli' | 'api';
  started_at: string;
  finished_at: string | null;
  actions_created: number;
  summary: string | null;
}

export type ActionStatus = 'pending_review' | 'scheduled' | 'sent' | 'skipped' | 'failed';

export interface DunningActionsTable {
  id: string;
  org_id: string;
  run_id: string;
  customer_id: string;
  policy_id: string;
  level_position: number;
  level_name: string;
  kind: LevelKind;
  channels: string;
  template_key: string;
  language: string;
  currency: string;
  total_open: number;
  run_date: string;
  /** The instant the sending window opens for this customer. */
  send_after: string;
  status: ActionStatus;
  subject: string | null;
  body: string | null;
  decision_note: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface DunningActionItemsTable {
  org_id: string;
  invoice_id: string;
  level_position: number;
  action_id: string;
  open_amount: number;
  days_overdue: number;
  run_date: string;
}

export type OutboxStatus = 'held' | 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxTable {
  id: string;
  org_id: string;
  action_id: string | null;
  customer_id: string | null;
  channel: 'email';
  recipient: string | null;
  subject: string;
  body_text: string;
  body_html: string | null;
  /** Deterministic RFC 5322 Message-ID: a resend after a crash is recognisable as the same message. */
  message_id: string;
  status: OutboxStatus;
  send_after: string;
  lease_owner: string | null;
  lease_until: string | null;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  /** Display name on From (the organisation); the address is the SMTP account's. */
  sender_name: string | null;
  /** Where replies go: the organisation's email. */
  reply_to: string | null;
}

export interface BankImportsTable {
  id: string;
  org_id: string;
  file_name: string | null;
  file_sha256: string;
  format: string;
  bytes: number;
  statements: number;
  lines: number;
  duplicates: number;
  /** JSON array of strings (differences tolerated on request). */
  warnings: string | null;
  created_at: string;
}

export interface BankStatementsTable {
  id: string;
  org_id: string;
  import_id: string;
  statement_ref: string;
  account_iban: string | null;
  account_number: string | null;
  currency: string | null;
  sequence: string | null;
  from_date: string | null;
  to_date: string | null;
  opening_balance: number | null;
  closing_balance: number | null;
  lines: number;
  net: number;
  warnings: string | null;
  created_at: string;
}

export type BankLineState = 'unmatched' | 'review' | 'matched' | 'ignored' | 'not_applicable';

export interface BankLinesTable {
  id: string;
  org_id: string;
  import_id: string;
  statement_id: string;
  /** Identifies the entry across files: a second import of it is a duplicate. */
  line_key: string;
  /** "line 14" or an element path: where the line is in its file. */
  location: string;
  entry_ref: string;
  /** The organisation's account the line is on (IBAN or local number). */
  account: string | null;
  amount: number;
  currency: string;
  direction: 'credit' | 'debit';
  reversal: number;
  status: 'booked' | 'pending' | 'info';
  booking_date: string | null;
  value_date: string | null;
  bank_reference: string | null;
  end_to_end_id: string | null;
  reference: string | null;
  reference_kind: string | null;
  vs: string | null;
  ss: string | null;
  ks: string | null;
  text: string;
  payer_name: string | null;
  payer_account: string | null;
  return_reason: string | null;
  return_end_to_end_id: string | null;
  bank_code: string | null;
  match_state: BankLineState;
  payment_id: string | null;
  /** JSON: the matcher's proposal with its reasons. */
  proposal: string | null;
  /** 0-100. */
  confidence: number | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
}

export interface EventsTable {
  id: string;
  org_id: string;
  kind: string;
  customer_id: string;
  invoice_id: string | null;
  date: string;
  /** JSON object. */
  data: string;
  created_at: string;
}

export interface LettersTable {
  id: string;
  org_id: string;
  action_id: string | null;
  customer_id: string;
  title: string;
  pdf: Uint8Array;
  created_at: string;
  printed_at: string | null;
}

export interface TasksTable {
  id: string;
  org_id: string;
  customer_id: string;
  action_id: string | null;
  kind: 'call' | 'handoff' | 'review';
  title: string;
  script: string | null;
  status: 'open' | 'done' | 'cancelled';
  due_date: string;
  outcome: string | null;
  notes: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface Database {
  organizations: OrganizationsTable;
  org_bank_accounts: OrgBankAccountsTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  customer_bank_accounts: CustomerBankAccountsTable;
  customer_tags: CustomerTagsTable;
  bank_imports: BankImportsTable;
  bank_statements: BankStatementsTable;
  bank_lines: BankLinesTable;
  events: EventsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  credit_notes: CreditNotesTable;
  payments: PaymentsTable;
  ledger_entries: LedgerEntriesTable;
  idempotency_keys: IdempotencyKeysTable;
  dunning_policies: DunningPoliciesTable;
  dunning_levels: DunningLevelsTable;
  dunning_assignments: DunningAssignmentsTable;
  dunning_templates: DunningTemplatesTable;
  dunning_runs: DunningRunsTable;
  dunning_actions: DunningActionsTable;
  dunning_action_items: DunningActionItemsTable;
  outbox: OutboxTable;
  letters: LettersTable;
  tasks: TasksTable;
}

export type CustomerRow = Selectable<CustomersTable>;
/** The invoice's own columns; open_amount is the ledger's, kept by a trigger (read it where needed). */
export type InvoiceRow = Omit<Selectable<InvoicesTable>, 'open_amount'>;
export type InvoiceLineRow = Selectable<InvoiceLinesTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type CreditNoteRow = Selectable<CreditNotesTable>;
export type LedgerEntryRow = Selectable<LedgerEntriesTable>;
export type NewLedgerEntry = Insertable<LedgerEntriesTable>;
