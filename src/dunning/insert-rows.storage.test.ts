import { expect, it } from 'vitest';
import { org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { newId } from '../kernel/ids.ts';
import { insertRows } from './insert-rows.ts';
import { checkExistingMessageIds, outboxEmailRow } from './outbox.repository.ts';

const item = (orgId: string, invoiceId: string, open: number) => ({
  org_id: orgId,
  invoice_id: invoiceId,
  level_position: 3,
  action_id: 'dac_1',
  open_amount: open,
  days_overdue: 7,
  run_date: '2026-03-09',
});

describeEachEngine('insertRows', (ctx) => {
  const db = () => ctx().handle.db;

  it('writes narrow rows in several statements, values as given (largest safe integer included)', async () => {
    const o = await org(db());
    const rows = Array.from({ length: 25 }, (_, k) => item(o.id, `inv_${k}`, k === 0 ? 2 ** 53 - 1 : k));
    expect(await insertRows(db(), 'dunning_action_items', rows, { rowsPerStatement: 10 })).toBe(25);
    const back = await db()
      .selectFrom('dunning_action_items')
      .select(['invoice_id', 'open_amount', 'level_position', 'run_date'])
      .where('org_id', '=', o.id)
      .orderBy('open_amount', 'desc')
      .execute();
    expect(back).toHaveLength(25);
    expect(back[0]).toEqual({
      invoice_id: 'inv_0',
      open_amount: 2 ** 53 - 1,
      level_position: 3,
      run_date: '2026-03-09',
    });
  });

  it('writes wide rows with nulls, quotes, line breaks and every Czech and Norwegian letter intact', async () => {
    const o = await org(db());
    const text = 'Dobrý den, "Žluťoučký kůň" úpěl\nďábelské ódy; blåbærsyltetøy; tab\there; \\ backslash';
    const row = outboxEmailRow(
      o.id,
      {
        actionId: 'dac_x',
        customerId: null,
        recipient: 'ap@example.cz',
        subject: text,
        text,
        html: null,
        sendAfter: '2026-03-09T08:00:00Z',
        messageId: `<${newId('message')}@duly.invalid>`,
      },
      newId('message'),
      '2026-03-09T07:00:00.000Z',
    );
    expect(await insertRows(db(), 'outbox', [row])).toBe(1);
    const back = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect([back.subject, back.body_text, back.body_html, back.customer_id, back.attempts]).toEqual([
      text,
      text,
      null,
      null,
      0,
    ]);
  });

  it('counts only the rows that went in when conflicts are skipped', async () => {
    const o = await org(db());
    const row = (messageId: string) =>
      outboxEmailRow(
        o.id,
        {
          actionId: null,
          customerId: null,
          recipient: null,
          subject: 's',
          text: 't',
          html: null,
          sendAfter: '2026-03-09T08:00:00Z',
          messageId,
        },
        newId('message'),
        '2026-03-09T07:00:00.000Z',
      );
    const first = `<${newId('message')}@duly.invalid>`;
    expect(await insertRows(db(), 'outbox', [row(first)], { onConflictDoNothing: 'message_id' })).toBe(1);
    const again = [row(first), row(`<${newId('message')}@duly.invalid>`)];
    expect(await insertRows(db(), 'outbox', again, { onConflictDoNothing: 'message_id' })).toBe(1);
    await expect(checkExistingMessageIds(db(), o.id, [first])).resolves.toBeUndefined();
    const other = await org(db());
    await expect(checkExistingMessageIds(db(), other.id, [first])).rejects.toThrow(/another organisation/);
  });

  it('writes nothing for no rows', async () => {
    expect(await insertRows(db(), 'tasks', [])).toBe(0);
  });
});
