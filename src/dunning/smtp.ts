import nodemailer from 'nodemailer';

/** One email as the dispatcher hands it to a transport. */
export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  /** Sent as the Message-ID header, unchanged, on every attempt. */
  readonly messageId: string;
  /** Display name on From (the organisation); the address is always the transport's. */
  readonly fromName?: string | null;
  readonly replyTo?: string | null;
}

/**
 * Where the dispatcher sends email. `send` resolves once the server accepted the message (250 after
 * DATA) and rejects with nodemailer's error (`responseCode`, `code`) otherwise.
 */
export interface Transport {
  readonly from: string;
  /** A send is aborted after this long; the dispatcher never starts one with less lease left. */
  readonly sendTimeoutMs: number;
  send(mail: OutgoingEmail): Promise<void>;
  close(): void;
}

export interface TransportOptions {
  /** Default 60 s. */
  readonly sendTimeoutMs?: number;
  /** The name given in EHLO (default: nodemailer's, the host name). */
  readonly name?: string;
}

/**
 * A pooled SMTP transport from `DULY_SMTP_URL`: `smtp://user:pass@host:587` (STARTTLS when the
 * server offers it) or `smtps://user:pass@host:465`. The sender is the URL's `from` parameter, else
 * the user name when it is an address, else `duly@<host>`.
 *
 * @example createTransport('smtps://billing%40acme.cz:secret@smtp.acme.cz:465?from=Acme%20Billing%20%3Cbilling%40acme.cz%3E')
 */
export function createTransport(url: string, opts: TransportOptions = {}): Transport {
  const u = new URL(url);
  const user = decodeURIComponent(u.username);
  const from = u.searchParams.get('from') ?? (user.includes('@') ? user : `duly@${u.hostname}`);
  u.searchParams.delete('from');
  // "Acme Billing <billing@acme.cz>" or a bare address: the address, for a per-organisation name.
  const fromAddress = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
  const sendTimeoutMs = opts.sendTimeoutMs ?? 60_000;
  const timeout = Math.max(1, Math.floor(sendTimeoutMs / 2));
  const transporter = nodemailer.createTransport({
    url: u.toString(),
    pool: true,
    maxConnections: 1,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: sendTimeoutMs,
    ...(opts.name !== undefined && { name: opts.name }),
  });
  return {
    from,
    sendTimeoutMs,
    async send(mail) {
      await transporter.sendMail({
        from: mail.fromName ? { name: mail.fromName, address: fromAddress } : from,
        ...(mail.replyTo && { replyTo: mail.replyTo }),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html !== null && { html: mail.html }),
        messageId: mail.messageId,
        signal: AbortSignal.timeout(sendTimeoutMs),
      });
    },
    close() {
      transporter.close();
    },
  };
}
