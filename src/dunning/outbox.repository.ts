import { type Insertable, type Selectable, sql, type UpdateObject } from 'kysely';
import type { Db } from '../db/database.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Database, OutboxStatus, OutboxTable } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { newId } from '../kernel/ids.ts';
import { type Page, type PageRequest, toPage } from '../kernel/page.ts';
import { type EmailToSend, isEmailAddress, NO_RECIPIENT, type OutboxMessage } from './outbox.ts';

type OutboxRow = Selectable<OutboxTable>;

/** A message in a list: everything but the bodies (`getOutboxMessage` has them). */
export type OutboxListItem = Omit<OutboxMessage, 'bodyText' | 'bodyHtml'>;

export function outboxFromRow(r: OutboxRow): OutboxMessage {
  return Object.freeze({
    id: r.id,
    orgId: r.org_id,
    actionId: r.action_id,
    customerId: r.customer_id,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    bodyText: r.body_text,
    bodyHtml: r.body_html,
    messageId: r.message_id,
    status: r.status,
    delivered: r.status === 'sent',
    sendAfter: r.send_after,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    sentAt: r.sent_at,
    createdAt: r.created_at,
  });
}

export interface EnqueuedEmail {
  readonly id: string;
  readonly messageId: string;
  readonly status: OutboxStatus;
  /** False when a message with this Message-ID was already in the outbox: nothing was written. */
  readonly created: boolean;
}

/** An ISO instant in the one format stored, so text comparison orders instants correctly. */
function instant(text: string, what: string): string {
  const t = new Date(text);
  if (Number.isNaN(t.getTime())) throw new Error(`${what} is not an ISO instant: "${text}"`);
  return t.toISOString();
}

/**
 * Puts an email in the outbox. Call it inside the transaction that records the action, so the
 * action and its message exist together or not at all.
 *
 * Idempotent by Message-ID: enqueuing a Message-ID that is already in the outbox writes nothing and
 * returns the existing message with `created: false` (first write wins; a retried run cannot queue a
 * message twice). `INSERT ... ON CONFLICT DO NOTHING`, so a PostgreSQL transaction is not aborted.
 * The same Message-ID in another organisation is a bug (ids are global) and throws.
 *
 * A message with no recipient (or not an address) is recorded as `failed` with a `last_error` that
 * says what to do: it stays visible in the outbox and the action is not repeated, but nothing is sent.
 *
 * @example
 *   await enqueueEmail(trx, org.id, { actionId, customerId, recipient: 'ap@alfa.cz', subject, text,
 *     html: null, sendAfter: '2026-03-05T08:00:00.000Z', messageId: messageIdFor(actionId, 'email', domain) });
 */
export async function enqueueEmail(db: Db, orgId: string, msg: EmailToSend): Promise<EnqueuedEmail> {
  const row = outboxEmailRow(orgId, msg, newId('message'), nowIso());
  const inserted = await db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: row.id, messageId: msg.messageId, status: row.status, created: true };

  const existing = await db
    .selectFrom('outbox')
    .select(['id', 'org_id', 'status'])
    .where('message_id', '=', msg.messageId)
    .executeTakeFirstOrThrow();
  if (existing.org_id !== orgId) throw foreignMessageId(msg.messageId);
  return { id: existing.id, messageId: msg.messageId, status: existing.status, created: false };
}

function foreignMessageId(messageId: string): Error {
  return new Error(`Message-ID ${messageId} already belongs to another organisation's message`);
}

/**
 * The outbox row of an email as enqueueEmail writes it (for callers that write many rows at once):
 * `pending`, or `failed` with what to do when there is no deliverable recipient.
 */
export function outboxEmailRow(
  orgId: string,
  msg: EmailToSend,
  id: string,
  now: string,
): Insertable<OutboxTable> & {
  readonly id: string;
  readonly status: OutboxStatus;
} {
  const recipient = msg.recipient?.trim() || null;
  const deliverable = recipient !== null && isEmailAddress(recipient);
  return {
    id,
    org_id: orgId,
    action_id: msg.actionId,
    customer_id: msg.customerId,
    channel: 'email',
    recipient,
    subject: msg.subject,
    body_text: msg.text,
    body_html: msg.html,
    message_id: msg.messageId,
    sender_name: msg.senderName?.trim() || null,
    reply_to: msg.replyTo && isEmailAddress(msg.replyTo.trim()) ? msg.replyTo.trim() : null,
    status: deliverable ? 'pending' : 'failed',
    send_after: instant(msg.sendAfter, 'sendAfter'),
    attempts: 0,
    last_error: deliverable
      ? null
      : recipient === null
        ? NO_RECIPIENT
        : `not delivered: "${recipient}" is not an email address; correct the contact's email (this message will not be retried)`,
    created_at: now,
  };
}

/**
 * After writing outbox rows with ON CONFLICT (message_id) DO NOTHING, in bulk: when fewer rows went
 * in than were given, the Message-IDs that were already there must be this organisation's (the same
 * rule as enqueueEmail, which returns `created: false` for them); another organisation's throws.
 */
export async function checkExistingMessageIds(
  db: Db,
  orgId: string,
  messageIds: readonly string[],
): Promise<void> {
  for (let i = 0; i < messageIds.length; i += 1000) {
    const foreign = await db
      .selectFrom('outbox')
      .select('message_id')
      .where('message_id', 'in', messageIds.slice(i, i + 1000))
      .where('org_id', '<>', orgId)
      .executeTakeFirst();
    if (foreign) throw foreignMessageId(foreign.message_id);
  }
}

export async function getOutboxMessage(
  db: Db,
  orgId: string,
  id: string,
): Promise<OutboxMessage | undefined> {
  const row = await db
    .selectFrom('outbox')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && outboxFromRow(row);
}

export interface OutboxFilter {
  readonly status?: OutboxStatus;
  readonly customerId?: string;
  readonly actionId?: string;
}

/** The organisation's messages in creation order, newest last; a page at a time. */
export async function listOutbox(
  db: Db,
  orgId: string,
  filter: OutboxFilter,
  page: PageRequest,
): Promise<Page<OutboxListItem>> {
  let q = db.selectFrom('outbox').selectAll().where('org_id', '=', orgId);
  if (page.after) q = q.where('id', '>', page.after);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
  if (filter.actionId) q = q.where('action_id', '=', filter.actionId);
  const rows = await q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const p = toPage(rows, page.limit);
  return {
    data: p.data.map((r) => {
      const { bodyText: _t, bodyHtml: _h, ...item } = outboxFromRow(r);
      return Object.freeze(item);
    }),
    nextCursor: p.nextCursor,
  };
}

/** How many messages the organisation has in each status (for summaries). */
export async function countOutbox(
  db: Db,
  orgId: string,
): Promise<Readonly<Partial<Record<OutboxStatus, number>>>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .groupBy('status')
    .execute();
  return Object.freeze(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])));
}

// ---------------------------------------------------------------------------------------------
// The dispatcher's queries. The dispatcher serves every organisation, so these are the one place
// the outbox is read across organisations; each write after the claim names one row by id and
// holds only while the caller's lease does.
// ---------------------------------------------------------------------------------------------

/** Proof that a dispatcher holds a message: its owner and the exact lease it was given. */
export interface Lease {
  readonly id: string;
  readonly owner: string;
  readonly leaseUntil: string;
}

/**
 * Claims up to `limit` due messages for `owner` until `leaseUntil`: `pending` or `held` ones whose
 * `send_after` has come, and `sending` ones whose lease expired (their dispatcher died or hung).
 * Each claimed row becomes `sending` with `attempts + 1`, in one statement.
 *
 * Race-free on both engines: PostgreSQL locks the candidates with `FOR UPDATE SKIP LOCKED`, so two
 * dispatchers never claim the same row (a row updated meanwhile is re-checked against the WHERE);
 * SQLite runs the single UPDATE under its database write lock, so claims are serialised.
 */
export async function claimDue(
  db: Db,
  claim: {
    readonly owner: string;
    readonly now: string;
    readonly leaseUntil: string;
    readonly limit: number;
  },
): Promise<OutboxRow[]> {
  const { owner, now, leaseUntil, limit } = claim;
  if (isPostgres(db)) {
    const { rows } = await sql<OutboxRow>`
      WITH claimable AS MATERIALIZED (
        SELECT id FROM outbox
        WHERE (status IN ('pending', 'held') AND send_after <= ${now})
           OR (status = 'sending' AND lease_until < ${now})
        ORDER BY send_after, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE outbox
      SET status = 'sending', lease_owner = ${owner}, lease_until = ${leaseUntil}, attempts = outbox.attempts + 1
      FROM claimable
      WHERE outbox.id = claimable.id
      RETURNING outbox.*`.execute(db);
    return rows;
  }
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['pending', 'held']), eb('send_after', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]),
    )
    .orderBy('send_after')
    .orderBy('id')
    .limit(limit);
  const rows = await db
    .updateTable('outbox')
    .set({
      status: 'sending',
      lease_owner: owner,
      lease_until: leaseUntil,
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.sort((a, b) =>
    a.send_after === b.send_after ? (a.id < b.id ? -1 : 1) : a.send_after < b.send_after ? -1 : 1,
  );
}

/** Updates the leased row only while the lease is still the caller's; false if it was lost. */
async function withLease(db: Db, lease: Lease, set: UpdateObject<Database, 'outbox'>): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set(set)
    .where('id', '=', lease.id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', lease.owner)
    .where('lease_until', '=', lease.leaseUntil)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** The SMTP server accepted the message. Owner and lease are kept as a record of who sent it. */
export function markSent(db: Db, lease: Lease, sentAt: string): Promise<boolean> {
  return withLease(db, lease, { status: 'sent', sent_at: sentAt, last_error: null });
}

/** A temporary failure: back to `pending`, not before `sendAfter`. */
export function markRetry(db: Db, lease: Lease, sendAfter: string, error: string): Promise<boolean> {
  return withLease(db, lease, {
    status: 'pending',
    send_after: sendAfter,
    last_error: error,
    lease_owner: null,
    lease_until: null,
  });
}

export function markFailed(db: Db, lease: Lease, error: string): Promise<boolean> {
  return withLease(db, lease, { status: 'failed', last_error: error, lease_owner: null, lease_until: null });
}

/** Gives back a claimed message that was never tried: its attempt is not counted. */
export function release(db: Db, lease: Lease): Promise<boolean> {
  return withLease(db, lease, {
    status: 'pending',
    lease_owner: null,
    lease_until: null,
    attempts: sql<number>`attempts - 1`,
  });
}

/**
 * With no SMTP configured: due `pending` messages, and `sending` ones whose lease expired, become
 * `held` with `last_error` saying why. They are sent as soon as a dispatcher with a transport runs.
 */
export async function holdUndeliverable(db: Db, now: string, reason: string): Promise<number> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'held', last_error: reason, lease_owner: null, lease_until: null })
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('send_after', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
