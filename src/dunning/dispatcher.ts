import type { Db } from '../db/database.ts';
import {
  claimDue,
  holdUndeliverable,
  type Lease,
  markFailed,
  markRetry,
  markSent,
  release,
} from './outbox.repository.ts';
import { NOT_DELIVERED_NO_SMTP, type SendError, sendVerdict } from './outbox.ts';
import type { Transport } from './smtp.ts';

export interface DispatchOptions {
  /** Names this dispatcher in leases; unique per process (e.g. `host:pid:random`). */
  readonly owner: string;
  /** The shell's clock: due times, leases and `sent_at` are read from it. */
  readonly now: () => Date;
  /** How long a claim is exclusive; default 5 min. Must exceed the transport's send timeout. */
  readonly leaseMs?: number;
  /** Messages claimed per statement; default 20. */
  readonly batchSize?: number;
  readonly maxAttempts?: number;
  /** Stop soon (shutdown): the message on the wire is finished, the rest of the batch given back. */
  readonly signal?: AbortSignal;
}

export interface DispatchSummary {
  readonly sent: number;
  readonly failed: number;
  /** Messages this call moved to `held` (no SMTP configured). */
  readonly held: number;
  /** Temporary failures, back to `pending` with a later `send_after`. */
  readonly retried: number;
  /**
   * Sends whose lease was gone when the result was to be written (the send outlived its lease and
   * another dispatcher reclaimed the message). Should stay 0; see the window below.
   */
  readonly leaseLost: number;
}

/**
 * Sends what is due in the outbox, until nothing is due (or the SMTP connection fails). The
 * imperative shell of the outbox: it reads the clock through `opts.now` and talks to SMTP.
 *
 * For each message: claim (a lease: `sending`, owner, until), send with the stored Message-ID,
 * then mark `sent`, but only while the lease is still ours. After a crash the lease expires and
 * another dispatcher claims the message again, so nothing is lost. A send is only started with at
 * least the transport's timeout of lease left, so a live lease is never outlived by its send and
 * two dispatchers never send the same message at once. (Leases compare instants from each
 * dispatcher's clock: machines sharing a database need synchronised clocks; skew eats the margin.)
 *
 * The window that remains: a crash (or a lost connection) after the SMTP server accepted DATA but
 * before `sent` is committed. The message stays `sending`, its lease expires, and it is sent again
 * with the SAME Message-ID, so the receiving system can recognise the copy (RFC 5322 3.6.4). SMTP
 * has no two-phase commit; no sender can close this window, only keep it short: here it is the
 * server's own work after the final dot, its 250 reply and one single-row UPDATE. (Marking `sent`
 * before the dot instead would turn these copies into losses.) The crash test
 * (src/dunning/dispatch.crash.test.ts) counts them: about one kill in five that lands while
 * messages are being sent to its local server hits the window; nothing else ever repeats.
 *
 * With `transport === null` (no DULY_SMTP_URL) nothing is sent: due messages become `held`,
 * "not delivered: no SMTP configured", and go out once a dispatcher with a transport runs.
 *
 * @example
 *   const transport = config.smtpUrl ? createTransport(config.smtpUrl) : null;
 *   await dispatchOutbox(db, transport, { owner: `${hostname()}:${process.pid}`, now: () => new Date() });
 */
export async function dispatchOutbox(
  db: Db,
  transport: Transport | null,
  opts: DispatchOptions,
): Promise<DispatchSummary> {
  const leaseMs = opts.leaseMs ?? 300_000;
  const batchSize = opts.batchSize ?? 20;
  const counts = { sent: 0, failed: 0, held: 0, retried: 0, leaseLost: 0 };
  if (transport === null) {
    counts.held = await holdUndeliverable(db, opts.now().toISOString(), NOT_DELIVERED_NO_SMTP);
    return counts;
  }
  if (leaseMs <= transport.sendTimeoutMs) {
    throw new Error(
      `leaseMs (${leaseMs}) must exceed the transport's send timeout (${transport.sendTimeoutMs})`,
    );
  }

  for (;;) {
    const claimedAt = opts.now();
    const leaseUntilMs = claimedAt.getTime() + leaseMs;
    const leaseUntil = new Date(leaseUntilMs).toISOString();
    const batch = await claimDue(db, {
      owner: opts.owner,
      now: claimedAt.toISOString(),
      leaseUntil,
      limit: batchSize,
    });
    let stop = false;
    for (const [i, row] of batch.entries()) {
      const lease: Lease = { id: row.id, owner: opts.owner, leaseUntil };
      // Not enough lease left for a whole send (slow server, long batch): give the rest back
      // rather than risk a second dispatcher reclaiming a message while it is on the wire.
      if (stop || opts.signal?.aborted || opts.now().getTime() + transport.sendTimeoutMs >= leaseUntilMs) {
        for (const rest of batch.slice(i)) await release(db, { ...lease, id: rest.id });
        break;
      }
      try {
        await transport.send({
          to: row.recipient ?? '',
          subject: row.subject,
          text: row.body_text,
          html: row.body_html,
          messageId: row.message_id,
          fromName: row.sender_name,
          replyTo: row.reply_to,
        });
      } catch (e) {
        const verdict = sendVerdict(e as SendError, Number(row.attempts), opts.maxAttempts);
        if (verdict.kind === 'fail') {
          if (await markFailed(db, lease, verdict.error)) counts.failed++;
          else counts.leaseLost++;
          continue;
        }
        const later = new Date(opts.now().getTime() + verdict.delayMs).toISOString();
        if (await markRetry(db, lease, later, verdict.error)) counts.retried++;
        else counts.leaseLost++;
        // The server or the connection is down: the rest of the batch would fail the same way.
        stop = verdict.transport;
        continue;
      }
      if (await markSent(db, lease, opts.now().toISOString())) counts.sent++;
      else counts.leaseLost++;
    }
    if (stop || opts.signal?.aborted || batch.length < batchSize) return counts;
  }
}
