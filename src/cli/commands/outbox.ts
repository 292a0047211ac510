import { hostname } from 'node:os';
import { type Command, Option } from 'commander';
import type { OutboxListItem } from '../../dunning/outbox.repository.ts';
import type { OutboxMessage } from '../../dunning/outbox.ts';
import { fail, ok } from '../../kernel/errors.ts';
import { decodeCursor, MAX_PAGE_SIZE } from '../../kernel/page.ts';
import { action, type Env, resolveOrg } from '../context.ts';
import { integerIn, withExamples } from '../help.ts';
import { table } from '../output.ts';

const STATUSES = ['held', 'pending', 'sending', 'sent', 'failed', 'cancelled'] as const;

interface ListOptions {
  readonly org?: string;
  readonly status?: (typeof STATUSES)[number];
  readonly customer?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** `held`/`failed` say why in their last error; people should not have to ask for it. */
function statusText(m: Pick<OutboxMessage, 'status' | 'delivered'>): string {
  return m.delivered ? 'sent' : `${m.status} (not delivered)`;
}

function listText(items: readonly OutboxListItem[], nextCursor: string | null, status?: string): string {
  if (items.length === 0) return `No ${status ? `${status} ` : ''}messages in the outbox.`;
  const rows = items.map((m) => [
    m.id,
    m.status,
    m.sendAfter.slice(0, 16).replace('T', ' '),
    m.recipient ?? '(no address)',
    m.subject.length > 50 ? `${m.subject.slice(0, 49)}…` : m.subject,
  ]);
  const lines = [table([['ID', 'STATUS', 'SEND AFTER (UTC)', 'TO', 'SUBJECT'], ...rows])];
  const reasons = new Set(
    items.filter((m) => !m.delivered && m.lastError).map((m) => `${m.status}: ${m.lastError}`),
  );
  if (reasons.size > 0) lines.push('', ...reasons);
  if (nextCursor) lines.push('', `More: add --cursor ${nextCursor}`);
  return lines.join('\n');
}

function showText(m: OutboxMessage): string {
  const lines = [
    `Message ${m.id}: ${statusText(m)}`,
    `  Message-ID:  ${m.messageId}`,
    `  To:          ${m.recipient ?? '(no address)'}`,
    `  Subject:     ${m.subject}`,
    `  Send after:  ${m.sendAfter}`,
    `  Attempts:    ${m.attempts}`,
  ];
  if (m.sentAt) lines.push(`  Sent at:     ${m.sentAt}`);
  if (m.lastError) lines.push(`  Last error:  ${m.lastError}`);
  if (m.status === 'sending' && m.leaseUntil)
    lines.push(`  Leased by:   ${m.leaseOwner} until ${m.leaseUntil}`);
  if (m.actionId) lines.push(`  Action:      ${m.actionId}`);
  if (m.customerId) lines.push(`  Customer:    ${m.customerId}`);
  lines.push('', m.bodyText);
  if (m.bodyHtml) lines.push('', '(an HTML version is stored too; see --json)');
  return lines.join('\n');
}

export function registerOutbox(program: Command, env: Env): void {
  const outbox = program
    .command('outbox')
    .description('outgoing email: what was sent, what waits, and what could not be delivered and why');

  withExamples(
    outbox
      .command('list')
      .description('list messages, oldest first (held = not delivered: no SMTP configured)')
      .option('--org <id>', 'organisation id (may be omitted when the database has exactly one)')
      .addOption(new Option('--status <status>', 'only messages in this status').choices(STATUSES))
      .option('--customer <id>', "only this customer's messages")
      .option('--limit <n>', `messages per page (1-${MAX_PAGE_SIZE})`, integerIn(1, MAX_PAGE_SIZE), 50)
      .option('--cursor <cursor>', 'the next page, as printed at the end of the previous one')
      .action(
        action<ListOptions>(env, async (ctx, _args, opts) => {
          const after = decodeCursor(opts.cursor);
          if (after === undefined) {
            return fail('validation_failed', 'the cursor is not one this command printed', {
              field: '--cursor',
            });
          }
          const { listOutbox } = await import('../../dunning/outbox.repository.ts');
          const { db } = await ctx.database();
          const org = await resolveOrg(db, opts.org);
          if (!org.ok) return org;
          const page = await listOutbox(
            db,
            org.value.id,
            { status: opts.status, customerId: opts.customer },
            { limit: opts.limit, after },
          );
          ctx.out.result(page, listText(page.data, page.nextCursor, opts.status));
          return ok(page);
        }),
      ),
    'npx duly outbox list --status held',
    'npx duly outbox list --json',
  );

  withExamples(
    outbox
      .command('show')
      .description('show one message: headers, status, last error and the text body')
      .argument('<id>', 'message id (msg_...)')
      .option('--org <id>', 'organisation id (may be omitted when the database has exactly one)')
      .action(
        action<{ org?: string }>(env, async (ctx, [id], opts) => {
          const { getOutboxMessage } = await import('../../dunning/outbox.repository.ts');
          const { db } = await ctx.database();
          const org = await resolveOrg(db, opts.org);
          if (!org.ok) return org;
          const m = await getOutboxMessage(db, org.value.id, id!);
          if (!m) {
            return fail('not_found', `no message ${id} in the outbox of ${org.value.legalName}`, {
              field: 'id',
              hint: 'list them with: npx duly outbox list',
            });
          }
          ctx.out.result(m, showText(m));
          return ok(m);
        }),
      ),
    'npx duly outbox show msg_01jd2x...',
  );

  withExamples(
    outbox
      .command('send')
      .description(
        'send what is due now through DULY_SMTP_URL, once (the server does this every few minutes)',
      )
      .action(
        action<Record<string, never>>(env, async (ctx) => {
          const { dispatchOutbox } = await import('../../dunning/dispatcher.ts');
          const { createTransport } = await import('../../dunning/smtp.ts');
          const { db } = await ctx.database();
          const transport = ctx.config.smtpUrl ? createTransport(ctx.config.smtpUrl) : null;
          try {
            const summary = await dispatchOutbox(db, transport, {
              owner: `${hostname()}:${process.pid}:cli`,
              now: () => new Date(),
            });
            const human = transport
              ? `Sent ${summary.sent}, failed ${summary.failed}, to retry later ${summary.retried}.`
              : `No SMTP configured (DULY_SMTP_URL): nothing sent; ${summary.held} more messages held in the outbox.`;
            ctx.out.result(summary, human);
            return ok(summary);
          } finally {
            transport?.close();
          }
        }),
      ),
    'DULY_SMTP_URL=smtp://user:pass@smtp.example.com:587 npx duly outbox send',
  );
}
