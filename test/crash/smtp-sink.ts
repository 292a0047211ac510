import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message the server accepted (it answered 250 to the end of DATA). */
export interface ReceivedMail {
  readonly messageId: string;
  readonly to: readonly string[];
  readonly from: string;
  /** The From and Reply-To headers as written ("Kovář s.r.o." <duly@127.0.0.1>), or ''. */
  readonly fromHeader: string;
  readonly replyTo: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  /** The client's EHLO name: the crash test names each worker instance with it. */
  readonly helo: string;
  /** Date.now() when the server accepted it, just before the 250. */
  readonly acceptedAt: number;
}

/** An SMTP reply that refuses a recipient, e.g. `{ code: 451, message: 'try again later' }`. */
export interface Refusal {
  readonly code: number;
  readonly message: string;
}

export interface SmtpSink {
  /** `smtp://duly:secret@127.0.0.1:PORT` (the sink requires that login). */
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Decides per RCPT TO: refuse (4xx/5xx) or accept (null). `seen` counts this address's RCPTs. */
  refuse: (rcpt: string, seen: number) => Refusal | null;
  /** Forgets what was received and seen, and accepts everything again. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a random port, for tests: it requires AUTH
 * PLAIN/LOGIN as duly/secret, parses every message with mailparser and records it only once DATA
 * completed; a client that dies mid-message leaves nothing behind, as with any real server.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const seen = new Map<string, number>();
  const sink = {
    received,
    refuse: (() => null) as SmtpSink['refuse'],
    reset() {
      received.length = 0;
      seen.clear();
      sink.refuse = () => null;
    },
  };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'duly' && auth.password === 'secret') callback(null, { user: 'duly' });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const n = (seen.get(address.address) ?? 0) + 1;
      seen.set(address.address, n);
      const r = sink.refuse(address.address, n);
      if (r) callback(Object.assign(new Error(r.message), { responseCode: r.code }));
      else callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            messageId: mail.messageId ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            fromHeader: mail.from?.text ?? '',
            replyTo: mail.replyTo?.text ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : null,
            helo: session.hostNameAppearsAs,
            acceptedAt: Date.now(),
          });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  server.on('error', () => {
    // A client killed mid-session shows up here; that is what the crash test does on purpose.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(sink, {
    url: `smtp://duly:secret@127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
