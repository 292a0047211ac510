import { CompiledQuery, sql } from 'kysely';
import { type Db, rawSqlite } from '../db/database.ts';
import type { IsoDate } from '../kernel/dates.ts';
import type { Language } from '../kernel/locale.ts';
import { policyResolver } from './assign.ts';
import type { CustomerContactInfo, SellerInfo } from './message-vars.ts';
import type { CustomerState, PlanInvoice } from './plan.ts';
import { listAssignments, loadPolicies, type StoredPolicy } from './policies.repository.ts';

export interface CustomerMeta {
  readonly name: string;
  readonly timeZone: string;
  readonly country: string;
  readonly language: Language;
}

export interface DunningInputs {
  readonly invoices: PlanInvoice[];
  readonly customers: CustomerState[];
  readonly customerMeta: Map<string, CustomerMeta>;
  readonly policies: Map<string, StoredPolicy>;
}

/** Shared by the many invoices with no tags and no levels sent yet (never mutated). */
const NONE: readonly never[] = Object.freeze([]);

/**
 * One snapshot of what the planner needs, in a handful of set-based queries (no per-invoice
 * queries): open invoices with their open amount, the levels each already got, customers with their
 * holds and unapplied credit, policies and assignments.
 */
export async function loadDunningInputs(
  db: Db,
  orgId: string,
  opts: { readonly customerId?: string; readonly customerAsOf?: (timeZone: string) => IsoDate },
): Promise<DunningInputs> {
  let customerQ = db
    .selectFrom('customers')
    .select(['id', 'name', 'on_hold', 'country', 'kind', 'time_zone', 'language'])
    .where('org_id', '=', orgId);
  let creditQ = db
    .selectFrom('ledger_entries')
    .select((e) => ['customer_id', 'currency', e.fn.sum<number>('credit_delta').as('credit')])
    .where('org_id', '=', orgId)
    .where('source_id', 'is not', null)
    .groupBy(['customer_id', 'currency'])
    .having((e) => e.fn.sum('credit_delta'), '>', 0);
  if (opts.customerId) {
    customerQ = customerQ.where('id', '=', opts.customerId);
    creditQ = creditQ.where('customer_id', '=', opts.customerId);
  }
  const [customers, credits, policies, assignments] = await Promise.all([
    customerQ.execute(),
    creditQ.execute(),
    loadPolicies(db, orgId),
    listAssignments(db, orgId),
  ]);
  const needsTags = assignments.some((a) => a.segment_tag !== null);
  const tags = new Map<string, string[]>();
  if (needsTags) {
    for (const t of await db
      .selectFrom('customer_tags')
      .select(['customer_id', 'tag'])
      .where('org_id', '=', orgId)
      .execute()) {
      const list = tags.get(t.customer_id) ?? [];
      list.push(t.tag);
      tags.set(t.customer_id, list);
    }
  }
  const sentBy = new Map<string, { position: number; date: IsoDate }[]>();
  await eachSentLevel(db, orgId, opts.customerId, (invoiceId, position, date) => {
    const list = sentBy.get(invoiceId);
    if (list) list.push({ position, date });
    else sentBy.set(invoiceId, [{ position, date }]);
  });
  const creditBy = new Map<string, Record<string, number>>();
  for (const c of credits) {
    const rec = creditBy.get(c.customer_id) ?? {};
    rec[c.currency] = Number(c.credit);
    creditBy.set(c.customer_id, rec);
  }
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const resolver = policyResolver(assignments);
  const invoices: PlanInvoice[] = [];
  await eachOpenInvoice(db, orgId, opts.customerId, (r) => {
    const c = customerById.get(r.customerId);
    if (!c) return;
    invoices.push({
      invoiceId: r.id,
      customerId: r.customerId,
      number: r.number,
      currency: r.currency,
      issueDate: r.issueDate,
      dueDate: r.dueDate,
      total: r.total,
      open: r.open,
      policyId:
        resolver.policyFor({
          invoiceId: r.id,
          customerId: r.customerId,
          kind: c.kind,
          country: c.country,
          tags: tags.get(r.customerId) ?? NONE,
        }) ?? '',
      onHold: r.onHold,
      paymentReference: r.paymentReference,
      sent: sentBy.get(r.id) ?? NONE,
    });
  });
  const customerMeta = new Map<string, CustomerMeta>();
  // A handful of zones for 100,000 customers: each zone's date is worked out once.
  const asOfByZone = new Map<string, IsoDate | undefined>();
  const asOfIn = (zone: string) => {
    if (!asOfByZone.has(zone)) asOfByZone.set(zone, opts.customerAsOf?.(zone));
    return asOfByZone.get(zone);
  };
  const states: CustomerState[] = customers.map((c) => {
    customerMeta.set(c.id, {
      name: c.name,
      timeZone: c.time_zone,
      country: c.country,
      language: c.language as Language,
    });
    const asOf = asOfIn(c.time_zone);
    return {
      customerId: c.id,
      onHold: c.on_hold === 1,
      country: c.country,
      credit: creditBy.get(c.id) ?? {},
      ...(asOf && { asOf }),
    };
  });
  return { invoices, customers: states, customerMeta, policies };
}

interface OpenInvoiceRow {
  readonly id: string;
  readonly customerId: string;
  readonly number: string;
  readonly currency: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly total: number;
  readonly open: number;
  readonly onHold: boolean;
  readonly paymentReference: string | null;
}

/** Issued invoices with something still owed (invoices.open_amount, kept from the ledger). */
const OPEN_INVOICES = `
  SELECT id, customer_id, number, currency, issue_date, due_date, total, open_amount, on_hold, payment_reference
  FROM invoices
  WHERE org_id = ? AND open_amount > 0 AND state = 'issued'`;

/**
 * Calls `row` for each open invoice of the organisation (or of one customer). On SQLite the rows
 * are iterated on the raw driver as arrays: a million invoices are a million small objects built
 * once, not a million rows materialised first (a third of a run's time went there).
 */
async function eachOpenInvoice(
  db: Db,
  orgId: string,
  customerId: string | undefined,
  row: (r: OpenInvoiceRow) => void,
): Promise<void> {
  const sqlite = rawSqlite(db);
  const text = customerId ? `${OPEN_INVOICES} AND customer_id = ?` : OPEN_INVOICES;
  const params = customerId ? [orgId, customerId] : [orgId];
  if (sqlite) {
    for (const r of sqlite
      .prepare(text)
      .raw()
      .iterate(...params) as IterableIterator<unknown[]>) {
      row({
        id: r[0] as string,
        customerId: r[1] as string,
        number: r[2] as string,
        currency: r[3] as string,
        issueDate: r[4] as string,
        dueDate: r[5] as string,
        total: r[6] as number,
        open: r[7] as number,
        onHold: r[8] === 1,
        paymentReference: r[9] as string | null,
      });
    }
    return;
  }
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(numbered(text), params));
  for (const r of result.rows) {
    row({
      id: r.id as string,
      customerId: r.customer_id as string,
      number: r.number as string,
      currency: r.currency as string,
      issueDate: r.issue_date as string,
      dueDate: r.due_date as string,
      total: Number(r.total),
      open: Number(r.open_amount),
      onHold: Number(r.on_hold) === 1,
      paymentReference: (r.payment_reference as string | null) ?? null,
    });
  }
}

/** The levels already sent for the open invoices (never sent again); paid invoices' history stays put. */
const SENT_LEVELS = `
  SELECT s.invoice_id, s.level_position, s.run_date
  FROM dunning_action_items s
  JOIN invoices i ON i.id = s.invoice_id
  WHERE s.org_id = ? AND i.org_id = ? AND i.open_amount > 0 AND i.state = 'issued'`;

async function eachSentLevel(
  db: Db,
  orgId: string,
  customerId: string | undefined,
  row: (invoiceId: string, position: number, date: IsoDate) => void,
): Promise<void> {
  const sqlite = rawSqlite(db);
  const text = customerId ? `${SENT_LEVELS} AND i.customer_id = ?` : SENT_LEVELS;
  const params = customerId ? [orgId, orgId, customerId] : [orgId, orgId];
  if (sqlite) {
    for (const r of sqlite
      .prepare(text)
      .raw()
      .iterate(...params) as IterableIterator<unknown[]>)
      row(r[0] as string, r[1] as number, r[2] as string);
    return;
  }
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(numbered(text), params));
  for (const r of result.rows) row(r.invoice_id as string, Number(r.level_position), r.run_date as string);
}

/** `?` placeholders as PostgreSQL's `$1, $2, ...`. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** Beyond this many customers, one query over the organisation beats IN lists of 500. */
const WHOLE_ORG_FROM = 2000;

/**
 * Contact details for the customers a run writes to: in chunks for a few (IN lists stay small),
 * in one pass over the organisation's customers and contacts for many (a run that writes to most
 * of 100,000 customers would otherwise send 400 queries).
 */
export async function loadContactInfo(
  db: Db,
  orgId: string,
  customerIds: readonly string[],
): Promise<Map<string, CustomerContactInfo>> {
  const result = new Map<string, CustomerContactInfo>();
  const wanted = new Set(customerIds);
  const chunks =
    wanted.size > WHOLE_ORG_FROM
      ? [null]
      : Array.from({ length: Math.ceil(customerIds.length / 500) }, (_, k) =>
          customerIds.slice(k * 500, k * 500 + 500),
        );
  for (const ids of chunks) {
    let customerQ = db
      .selectFrom('customers')
      .select([
        'id',
        'name',
        'kind',
        'country',
        'language',
        'time_zone',
        'address_line1',
        'address_line2',
        'postal_code',
        'city',
      ])
      .where('org_id', '=', orgId);
    let contactQ = db
      .selectFrom('customer_contacts')
      .select(['customer_id', 'name', 'role', 'email', 'position'])
      .where('org_id', '=', orgId)
      .where('email', 'is not', null);
    if (ids) {
      customerQ = customerQ.where('id', 'in', ids);
      contactQ = contactQ.where('customer_id', 'in', ids);
    }
    const [rows, contacts] = await Promise.all([customerQ.execute(), contactQ.execute()]);
    const best = bestContacts(contacts);
    for (const r of rows) {
      if (!wanted.has(r.id)) continue;
      const contact = best.get(r.id);
      result.set(r.id, {
        customerId: r.id,
        name: r.name,
        kind: r.kind,
        country: r.country,
        language: r.language as Language,
        timeZone: r.time_zone,
        address: [r.address_line1, r.address_line2, [r.postal_code, r.city].filter(Boolean).join(' ')].filter(
          (l): l is string => Boolean(l),
        ),
        contactName: contact?.name ?? null,
        email: contact?.email ?? null,
      });
    }
  }
  return result;
}

interface ContactRow {
  readonly customer_id: string;
  readonly name: string;
  readonly role: 'billing' | 'ap_approver' | 'other';
  readonly email: string | null;
  readonly position: number;
}

const RANK = { billing: 0, ap_approver: 1, other: 2 } as const;

/** Per customer, the contact to write to: billing first, then the AP approver, then anyone; by position. */
function bestContacts(contacts: readonly ContactRow[]): Map<string, ContactRow> {
  const best = new Map<string, ContactRow>();
  for (const c of contacts) {
    if (!c.email) continue;
    const current = best.get(c.customer_id);
    if (
      !current ||
      RANK[c.role] < RANK[current.role] ||
      (c.role === current.role && c.position < current.position)
    )
      best.set(c.customer_id, c);
  }
  return best;
}

export async function loadSeller(db: Db, orgId: string): Promise<SellerInfo> {
  const org = await db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const accounts = await db
    .selectFrom('org_bank_accounts')
    .select(['iban', 'bic', 'bank_name', 'currency'])
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
  return {
    name: org.legal_name,
    country: org.country,
    email: org.email,
    phone: org.phone,
    bankAccounts: accounts.map((a) => ({
      iban: a.iban,
      bic: a.bic,
      bankName: a.bank_name,
      currency: a.currency,
    })),
  };
}
