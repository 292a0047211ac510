import type { OutboxStatus } from '../db/schema.ts';

/**
 * The outbox: every email Duly sends is first a row, written in the same transaction as the dunning
 * action that caused it, then sent by the dispatcher (dispatcher.ts). This file is the pure part:
 * the message's domain type, its deterministic Message-ID and the retry decisions.
 *
 * Life of a message:
 *
 *   pending --claim--> sending --250--> sent
 *      ^  held --claim--^  |  \--4xx, connection error--> pending (send_after later)
 *      |                   \--5xx, or 4xx after MAX_ATTEMPTS--> failed
 *      \-- no SMTP configured: pending becomes held ("not delivered: no SMTP configured")
 *
 * A message without a recipient is `failed` from the start (see enqueueEmail).
 */
export interface OutboxMessage {
  readonly id: string;
  readonly orgId: string;
  readonly actionId: string | null;
  readonly customerId: string | null;
  readonly channel: 'email';
  readonly recipient: string | null;
  readonly subject: string;
  readonly bodyText: string;
  readonly bodyHtml: string | null;
  /** RFC 5322 `<...@domain>`; the same on every attempt, so a receiver can drop a redelivery. */
  readonly messageId: string;
  readonly status: OutboxStatus;
  /** True only once the SMTP server accepted the message (status `sent`). */
  readonly delivered: boolean;
  /** ISO instant: not sent before (the sending window, or a retry's backoff). */
  readonly sendAfter: string;
  readonly leaseOwner: string | null;
  readonly leaseUntil: string | null;
  /** Delivery attempts started, including ones a crash interrupted. */
  readonly attempts: number;
  readonly lastError: string | null;
  readonly sentAt: string | null;
  readonly createdAt: string;
}

/** The message a caller asks to send (see enqueueEmail). */
export interface EmailToSend {
  readonly actionId: string | null;
  readonly customerId: string | null;
  /** Null when the customer has no email address: the message is recorded as `failed`. */
  readonly recipient: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  /** ISO instant. */
  readonly sendAfter: string;
  /** From messageIdFor. */
  readonly messageId: string;
  /** The organisation's name, shown on From; null: the SMTP account's own. */
  readonly senderName?: string | null;
  /** The organisation's email, for replies. */
  readonly replyTo?: string | null;
}

/**
 * The domain of an organisation's Message-IDs: its own email's domain, so replies and bounces thread
 * under a name it owns; `duly.invalid` when it has no usable email.
 *
 * @example messageIdDomain('pohledavky@kovar.cz') // 'kovar.cz'
 */
export function messageIdDomain(email: string | null | undefined): string {
  const domain = email?.trim().split('@')[1]?.toLowerCase();
  return domain && isEmailAddress(email!.trim()) && DOMAIN.test(domain) ? domain : DEFAULT_MESSAGE_ID_DOMAIN;
}

/** Domain for Message-IDs when the organisation has none configured (RFC 6761: never resolves). */
export const DEFAULT_MESSAGE_ID_DOMAIN = 'duly.invalid';

/** Temporary failures after which a message is given up (attempts counts crash-interrupted ones too). */
export const MAX_ATTEMPTS = 12;

export const NOT_DELIVERED_NO_SMTP = 'not delivered: no SMTP configured (set DULY_SMTP_URL to send)';

export const NO_RECIPIENT =
  'not delivered: the customer has no email address; add a billing contact with an email (this message will not be retried)';

const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * The Message-ID of an action's message on a channel: the same on every call, so a message resent
 * after a crash carries the Message-ID of the first attempt, and the outbox's UNIQUE message_id makes
 * a second enqueue of it a no-op. Throws on ids or domains that cannot form an RFC 5322 msg-id (a bug
 * in the caller, never user input).
 *
 * @example messageIdFor('dac_01jd2x7k3m9q4r5s6t7v8w9x0y', 'email', 'duly.invalid')
 *   // '<dac_01jd2x7k3m9q4r5s6t7v8w9x0y.email@duly.invalid>'
 */
export function messageIdFor(actionId: string, channel: string, domain: string): string {
  const left = `${actionId}.${channel}`;
  if (!ATEXT.test(left))
    throw new Error(`cannot build a Message-ID from action "${actionId}", channel "${channel}"`);
  if (!DOMAIN.test(domain)) throw new Error(`"${domain}" is not a domain for a Message-ID`);
  return `<${left}@${domain}>`;
}

/** Whether `text` looks like one deliverable address (`local@domain`); the SMTP server judges the rest. */
export function isEmailAddress(text: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(text);
}

/** What nodemailer tells us about a failed send: an SMTP reply code, or a connection-level code. */
export interface SendError {
  readonly message: string;
  readonly responseCode?: number;
  readonly code?: string;
}

export type SendVerdict =
  /** Try again later; `transport`: the connection or the server failed, not this message. */
  | { readonly kind: 'retry'; readonly delayMs: number; readonly transport: boolean; readonly error: string }
  | { readonly kind: 'fail'; readonly error: string };

/** The connection or the server failed (or our send timeout aborted it): not this message's fault. */
const TRANSPORT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EABORT',
  'ECONFIG',
]);

/**
 * What to do after a failed send, from the error and the number of attempts so far (this one
 * included). 5xx replies are permanent (RFC 5321), except 503 (bad sequence: a new session may do)
 * and authentication failures (a configuration problem: failing every message for a wrong
 * password would lose them). 4xx replies and broken connections are retried with backoff until
 * MAX_ATTEMPTS.
 *
 * @example sendVerdict({ message: 'mailbox full', responseCode: 452 }, 1)
 *   // { kind: 'retry', delayMs: 60_000, transport: false, error: '452 mailbox full' }
 */
export function sendVerdict(err: SendError, attempts: number, maxAttempts = MAX_ATTEMPTS): SendVerdict {
  const code = err.responseCode;
  const error = `${code ? `${code} ` : err.code ? `${err.code}: ` : ''}${err.message}`.slice(0, 1000);
  const transport = code === 421 || (err.code !== undefined && TRANSPORT_CODES.has(err.code));
  // EENVELOPE with no reply: nodemailer refused the addresses itself, as it would every time.
  const permanent =
    (code !== undefined && code >= 500 && code < 600 && code !== 503 && err.code !== 'EAUTH') ||
    (code === undefined && err.code === 'EENVELOPE');
  if (permanent) return { kind: 'fail', error };
  if (attempts >= maxAttempts) return { kind: 'fail', error: `gave up after ${attempts} attempts: ${error}` };
  return { kind: 'retry', delayMs: retryDelayMs(attempts), transport, error };
}

/** 1 min, 2, 4, ... capped at 2 h: MAX_ATTEMPTS tries spread over about 12 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 2 * 3_600_000);
}
