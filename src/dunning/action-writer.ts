import { setImmediate } from 'node:timers/promises';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import { isPostgres } from '../db/dialect.ts';
import type { DunningActionItemsTable, DunningActionsTable, OutboxTable, TasksTable } from '../db/schema.ts';
import { newId } from '../kernel/ids.ts';
import type { DeliveryRows } from './deliver.ts';
import { insertRows } from './insert-rows.ts';
import { checkExistingMessageIds, outboxEmailRow } from './outbox.repository.ts';

/** Everything one action writes: the action, its items (the never-twice keys), what it sends. */
export interface ActionRows {
  readonly action: Insertable<DunningActionsTable>;
  readonly items: readonly Insertable<DunningActionItemsTable>[];
  /** Null for an action waiting for review: it sends nothing until approved. */
  readonly delivery: DeliveryRows | null;
}

export interface ActionWriter {
  add(rows: ActionRows): Promise<void>;
  /** Writes what is buffered and waits for every write; call before the transaction ends. */
  finish(): Promise<void>;
}

/** Adds between turns of the event loop while a batch is being written. */
const YIELD_EVERY = 16;

/** Actions per batch: about 7 MB of rows (bodies and HTML) with the default texts. */
const ACTIONS_PER_BATCH = 1000;

/**
 * Writes a run's actions in batches, inside the run's transaction: a batch of actions, then their
 * items, outbox emails and tasks, each table in a few multi-row statements (insertRows). The action
 * and what it sends still commit together or not at all, because they share the transaction; a
 * duplicate (invoice, level) fails the batch and with it the whole run.
 *
 * While one batch is being written the caller renders the next: on PostgreSQL the server does the
 * writing on another core (on SQLite the writing happens at once, on this thread). At most one
 * batch is in flight; its failure surfaces at the next flush or at finish, and fails the run.
 */
export function actionWriter(db: Db, orgId: string, now: string): ActionWriter {
  let actions: Insertable<DunningActionsTable>[] = [];
  let items: Insertable<DunningActionItemsTable>[] = [];
  let outbox: Insertable<OutboxTable>[] = [];
  let tasks: Insertable<TasksTable>[] = [];
  let inflight: Promise<void> = Promise.resolve();
  // SQLite: the items (the never-twice keys, most of a run's rows) go in at the end in key order,
  // so the primary key's B-tree is filled front to back instead of at a random page per row.
  const deferItems = !isPostgres(db);
  const allItems: Insertable<DunningActionItemsTable>[] = [];
  let writing = false;
  let added = 0;

  async function write(batch: {
    actions: typeof actions;
    items: typeof items;
    outbox: typeof outbox;
    tasks: typeof tasks;
  }): Promise<void> {
    await insertRows(db, 'dunning_actions', batch.actions, { rowsPerStatement: 500 });
    if (deferItems) for (const item of batch.items) allItems.push(item);
    else await insertRows(db, 'dunning_action_items', batch.items, { rowsPerStatement: 5000 });
    const emails = await insertRows(db, 'outbox', batch.outbox, {
      rowsPerStatement: 250,
      onConflictDoNothing: 'message_id',
    });
    if (emails < batch.outbox.length) {
      await checkExistingMessageIds(
        db,
        orgId,
        batch.outbox.map((r) => r.message_id),
      );
    }
    await insertRows(db, 'tasks', batch.tasks, { rowsPerStatement: 500 });
  }

  async function flush(): Promise<void> {
    const batch = { actions, items, outbox, tasks };
    actions = [];
    items = [];
    outbox = [];
    tasks = [];
    await inflight;
    writing = true;
    inflight = write(batch).finally(() => {
      writing = false;
    });
    // Awaited at the next flush or at finish; until then a failure must not count as unhandled.
    inflight.catch(() => {});
  }

  return {
    async add(rows) {
      actions.push(rows.action);
      for (const item of rows.items) items.push(item);
      if (rows.delivery?.email)
        outbox.push(outboxEmailRow(orgId, rows.delivery.email, newId('message'), now));
      for (const task of rows.delivery?.tasks ?? []) tasks.push(task);
      if (actions.length >= ACTIONS_PER_BATCH) await flush();
      // The caller renders between adds without ever waiting for I/O, so the replies to the batch
      // in flight would sit unread and its next statement unsent: let the event loop turn now and
      // then (every few milliseconds of rendering).
      else if (writing && ++added % YIELD_EVERY === 0) await setImmediate();
    },
    async finish() {
      await flush();
      await inflight;
      if (deferItems) {
        allItems.sort((a, b) => (a.invoice_id < b.invoice_id ? -1 : a.invoice_id > b.invoice_id ? 1 : 0));
        await insertRows(db, 'dunning_action_items', allItems);
      }
    },
  };
}
