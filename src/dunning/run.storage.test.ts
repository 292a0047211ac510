import { expect, it } from 'vitest';
import { customer, invoice, org, payment } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { poppler, scanPage } from '../../test/pdf.ts';
import type { Db } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { addDays } from '../kernel/dates.ts';
import { newId } from '../kernel/ids.ts';
import { approveAction, listActions, skipAction } from './actions.repository.ts';
import { produceLetters } from './letters.ts';
import { runDunning } from './run.ts';

/** Runs dunning for a day as the scheduler would at noon UTC. */
const runOn = (db: Db, orgId: string, day: string, extra: { dryRun?: boolean } = {}) =>
  runDunning(db, orgId, { asOf: day, now: `${day}T12:00:00.000Z`, trigger: 'cli', ...extra });

async function setup(db: Db, dueDate = '2026-03-10') {
  const o = await org(db, {
    email: 'pohledavky@acme.example',
    phone: '+420 555 123 456',
    bankAccounts: [{ iban: 'CZ6508000000192000145399', currency: 'CZK', bankName: 'Česká spořitelna' }],
  });
  const c = await customer(db, o, {
    name: 'Pila Vyškov s.r.o.',
    contacts: [{ name: 'Jana Nováková', role: 'billing', email: 'fakturace@pila.example' }],
  });
  const inv = await invoice(db, o.id, c.id, {
    number: '2026-000123',
    issueDate: addDays(dueDate, -30),
    dueDate,
  });
  return { o, c, inv };
}

async function outbox(db: Db, orgId: string) {
  return db
    .selectFrom('outbox')
    .select([
      'recipient',
      'subject',
      'status',
      'send_after',
      'body_text',
      'message_id',
      'sender_name',
      'reply_to',
    ])
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
}

describeEachEngine('dunning runs', (ctx) => {
  const db = () => ctx().handle.db;

  it('day by day: level 1 three days before due, level 2 on the due day, nothing twice', async () => {
    const { o, inv } = await setup(db());
    expect((await runOn(db(), o.id, '2026-03-06')).created).toBe(0);
    const first = await runOn(db(), o.id, '2026-03-07');
    expect(first.actions.map((a) => [a.level, a.invoices.map((i) => i.number)])).toEqual([
      [1, ['2026-000123']],
    ]);
    // 2026-03-07 is a Saturday: the message waits for Monday 09:00 in Prague (08:00Z in winter).
    expect(first.actions[0]?.sendAfter).toBe('2026-03-09T08:00:00.000Z');
    const again = await runOn(db(), o.id, '2026-03-07');
    expect([again.created, again.skipped.already_sent]).toEqual([0, 1]);
    expect((await runOn(db(), o.id, '2026-03-10')).actions.map((a) => a.level)).toEqual([2]);
    const mail = await outbox(db(), o.id);
    expect(mail.map((m) => [m.recipient, m.status])).toEqual([
      ['fakturace@pila.example', 'pending'],
      ['fakturace@pila.example', 'pending'],
    ]);
    expect(mail[0]?.subject).toContain('2026-000123');
    expect(mail[0]?.body_text).toContain('CZ65');
    // The invoice's variable symbol (a Czech organisation's scheme), not its number, is the reference.
    expect(mail[0]?.body_text).toMatch(/Variabilní symbol: 2026000123/);
    // In the organisation's name, replies to its address, Message-IDs under its domain.
    expect(mail[0]).toMatchObject({
      sender_name: 'Acme s.r.o.',
      reply_to: 'pohledavky@acme.example',
      message_id: `<${first.actions[0]!.actionId}.email@acme.example>`,
    });
    const items = await db()
      .selectFrom('dunning_action_items')
      .selectAll()
      .where('invoice_id', '=', inv.id)
      .execute();
    expect(items.map((i) => i.level_position).sort()).toEqual([1, 2]);
  });

  it('never records a second action for an invoice and level, even when runs race', async () => {
    const { o } = await setup(db(), '2026-03-02');
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => runOn(db(), o.id, '2026-03-09')),
    );
    const created = results.map((r) => (r.status === 'fulfilled' ? r.value.created : 0));
    expect(created.reduce((s, n) => s + n, 0)).toBe(1);
    const rows = await db()
      .selectFrom('dunning_action_items')
      .selectAll()
      .where('org_id', '=', o.id)
      .execute();
    expect(rows.map((r) => r.level_position)).toEqual([3]);
    expect(await outbox(db(), o.id)).toHaveLength(1);
  });

  it('a paid invoice gets nothing more; a held one says why', async () => {
    const { o, c, inv } = await setup(db(), '2026-03-02');
    await runOn(db(), o.id, '2026-03-02');
    await payment(db(), o.id, c.id, { amount: 121_000, receivedDate: '2026-03-05' });
    const after = await runOn(db(), o.id, '2026-03-09');
    expect(after.created).toBe(0);
    const second = await invoice(db(), o.id, c.id, { dueDate: '2026-03-02' });
    await db()
      .updateTable('invoices')
      .set({ on_hold: 1 } as never)
      .where('id', '=', second.id)
      .execute();
    const held = await runOn(db(), o.id, '2026-03-09', { dryRun: true });
    expect([held.created, held.skipped.on_hold]).toEqual([0, 1]);
    expect(inv.id).not.toBe(second.id);
  });

  it('puts review levels in the approval queue; approving sends, skipping records the reason', async () => {
    const { o, c } = await setup(db(), '2026-01-05');
    const run = await runOn(db(), o.id, '2026-03-09');
    expect(run.actions.map((a) => [a.level, a.status])).toEqual([[7, 'pending_review']]);
    expect(await outbox(db(), o.id)).toEqual([]);
    const queue = await listActions(db(), o.id, { status: 'pending_review' }, { limit: 10, after: null });
    expect(queue.data).toHaveLength(1);
    const approved = await approveAction(db(), o.id, queue.data[0]!.id, 'agency: Inkaso Praha');
    expect(approved.ok && approved.value.status).toBe('scheduled');
    const tasks = await db()
      .selectFrom('tasks')
      .select(['kind', 'title'])
      .where('org_id', '=', o.id)
      .execute();
    expect(tasks.map((t) => t.kind)).toEqual(['handoff']);

    const later = await invoice(db(), o.id, c.id, { issueDate: '2025-12-07', dueDate: '2026-01-06' });
    const run2 = await runOn(db(), o.id, '2026-03-10');
    expect(run2.actions.map((a) => a.invoices.map((i) => i.invoiceId))).toEqual([[later.id]]);
    const skipped = await skipAction(
      db(),
      o.id,
      run2.actions[0]!.actionId!,
      'customer is insolvent: filed a claim',
    );
    expect(skipped.ok && [skipped.value.status, skipped.value.decisionNote]).toEqual([
      'skipped',
      'customer is insolvent: filed a claim',
    ]);
    expect((await runOn(db(), o.id, '2026-03-11')).created).toBe(0);
  });

  it('renders the letter a formal demand owes, once', async () => {
    const { o } = await setup(db(), '2026-02-01');
    const run = await runOn(db(), o.id, '2026-03-04');
    expect(run.actions.map((a) => a.level)).toEqual([5]);
    expect(await produceLetters(db(), o.id)).toBe(1);
    expect(await produceLetters(db(), o.id)).toBe(0);
    const letters = await db()
      .selectFrom('letters')
      .select(['title', 'pdf'])
      .where('org_id', '=', o.id)
      .execute();
    expect(letters).toHaveLength(1);
    expect(Buffer.from(letters[0]!.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // Its payment block has the QR code of the amount demanded (CZK: QR Platba with the VS).
    if (poppler) {
      expect(await scanPage(new Uint8Array(letters[0]!.pdf))).toMatch(
        /^SPD\*1\.0\*ACC:CZ6508000000192000145399\*AM:1210\.00\*CC:CZK\*.*X-VS:2026000123/,
      );
    }
  });

  it('a template that fails to render blocks that message with a clear error, and nothing is recorded', async () => {
    const { o } = await setup(db(), '2026-03-02');
    await db()
      .insertInto('dunning_templates')
      .values({
        id: newId('dunningTemplate'),
        org_id: o.id,
        template_key: 'overdue_first',
        language: 'cs',
        subject: 'Faktura {{ invoices[0].number }}',
        body: 'Dobrý den, {{ customer.nonexistent }}',
        updated_at: nowIso(),
      })
      .execute();
    const run = await runOn(db(), o.id, '2026-03-09');
    expect(run.created).toBe(0);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/nonexistent/);
    expect(await outbox(db(), o.id)).toEqual([]);
    await db().deleteFrom('dunning_templates').where('org_id', '=', o.id).execute();
    expect((await runOn(db(), o.id, '2026-03-09')).created).toBe(1);
  });
});
