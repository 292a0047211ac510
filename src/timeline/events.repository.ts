import type { Db } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { newId } from '../kernel/ids.ts';

/** What happened, for the timeline and for the people who follow it up. */
export type EventKind = 'short_payment';

export interface TimelineEvent {
  readonly id: string;
  readonly kind: EventKind;
  readonly customerId: string;
  readonly invoiceId: string | null;
  readonly date: IsoDate;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

/** Records an event inside the caller's transaction (with the change it describes). */
export async function recordEvent(
  db: Db,
  orgId: string,
  e: {
    readonly kind: EventKind;
    readonly customerId: string;
    readonly invoiceId?: string | null;
    readonly date: IsoDate;
    readonly data: Readonly<Record<string, unknown>>;
  },
): Promise<string> {
  const id = newId('event');
  await db
    .insertInto('events')
    .values({
      id,
      org_id: orgId,
      kind: e.kind,
      customer_id: e.customerId,
      invoice_id: e.invoiceId ?? null,
      date: e.date,
      data: JSON.stringify(e.data),
      created_at: nowIso(),
    })
    .execute();
  return id;
}

/** A customer's events, newest first. */
export async function customerEvents(db: Db, orgId: string, customerId: string): Promise<TimelineEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as EventKind,
    customerId: r.customer_id,
    invoiceId: r.invoice_id,
    date: r.date,
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
}
