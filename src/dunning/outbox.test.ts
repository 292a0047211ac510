import { describe, expect, it } from 'vitest';
import {
  isEmailAddress,
  MAX_ATTEMPTS,
  messageIdDomain,
  messageIdFor,
  retryDelayMs,
  sendVerdict,
} from './outbox.ts';

describe('messageIdFor', () => {
  it('is the same Message-ID for the same action and channel, every time', () => {
    const id = 'dac_01jd2x7k3m9q4r5s6t7v8w9x0y';
    expect(messageIdFor(id, 'email', 'duly.invalid')).toBe(
      '<dac_01jd2x7k3m9q4r5s6t7v8w9x0y.email@duly.invalid>',
    );
    expect(messageIdFor(id, 'email', 'duly.invalid')).toBe(messageIdFor(id, 'email', 'duly.invalid'));
    expect(messageIdFor(id, 'email', 'mail.acme.cz')).not.toBe(messageIdFor(id, 'email', 'duly.invalid'));
  });

  it('refuses what cannot form an RFC 5322 msg-id', () => {
    expect(() => messageIdFor('dac_1 2', 'email', 'duly.invalid')).toThrow(/Message-ID/);
    expect(() => messageIdFor('dac_1', 'email', 'duly..invalid')).toThrow(/domain/);
    expect(() => messageIdFor('dac_<1>', 'email', 'duly.invalid')).toThrow();
  });
});

describe('sendVerdict: what a failed send leads to', () => {
  it('retries a 4xx reply with growing delays', () => {
    expect(sendVerdict({ message: 'mailbox busy', responseCode: 451 }, 1)).toEqual({
      kind: 'retry',
      delayMs: 60_000,
      transport: false,
      error: '451 mailbox busy',
    });
    expect(retryDelayMs(2)).toBe(120_000);
    expect(retryDelayMs(5)).toBe(16 * 60_000);
    expect(retryDelayMs(30)).toBe(2 * 3_600_000);
  });

  it('fails a 5xx reply at once, except 503 and a refused login', () => {
    expect(sendVerdict({ message: 'no such user', responseCode: 550 }, 1)).toEqual({
      kind: 'fail',
      error: '550 no such user',
    });
    expect(sendVerdict({ message: 'bad sequence', responseCode: 503 }, 1).kind).toBe('retry');
    expect(sendVerdict({ message: 'Invalid login', responseCode: 535, code: 'EAUTH' }, 1)).toMatchObject({
      kind: 'retry',
      transport: true,
    });
  });

  it('treats a broken connection as the transport failing, not the message', () => {
    expect(sendVerdict({ message: 'connect ECONNREFUSED', code: 'ESOCKET' }, 1)).toMatchObject({
      kind: 'retry',
      transport: true,
      error: 'ESOCKET: connect ECONNREFUSED',
    });
    expect(sendVerdict({ message: 'service closing', responseCode: 421 }, 1)).toMatchObject({
      transport: true,
    });
  });

  it('fails an address nodemailer refuses by itself, and stops the batch when a send times out', () => {
    expect(sendVerdict({ message: 'No recipients defined', code: 'EENVELOPE' }, 1).kind).toBe('fail');
    expect(sendVerdict({ message: 'Message sending aborted', code: 'EABORT' }, 1)).toMatchObject({
      kind: 'retry',
      transport: true,
    });
  });

  it('gives up after the last attempt', () => {
    expect(sendVerdict({ message: 'busy', responseCode: 451 }, MAX_ATTEMPTS - 1).kind).toBe('retry');
    expect(sendVerdict({ message: 'busy', responseCode: 451 }, MAX_ATTEMPTS)).toEqual({
      kind: 'fail',
      error: `gave up after ${MAX_ATTEMPTS} attempts: 451 busy`,
    });
  });
});

describe('isEmailAddress', () => {
  it('accepts one plain address and nothing else', () => {
    expect(isEmailAddress('ap@alfa.cz')).toBe(true);
    expect(isEmailAddress('účtárna@firma.cz')).toBe(true);
    for (const bad of ['', 'alfa.cz', 'a@b', 'a b@c.cz', 'a@c.cz, b@c.cz', 'Jana <a@c.cz>']) {
      expect(isEmailAddress(bad), bad).toBe(false);
    }
  });
});

describe('messageIdDomain', () => {
  it("uses the organisation's email domain, lower-cased, and duly.invalid when there is none", () => {
    expect(messageIdDomain('Pohledavky@Kovar.CZ')).toBe('kovar.cz');
    expect(messageIdDomain(' billing@mail.acme.co.uk ')).toBe('mail.acme.co.uk');
    expect(messageIdDomain(null)).toBe('duly.invalid');
    expect(messageIdDomain('not an address')).toBe('duly.invalid');
    expect(messageIdDomain('x@bad_domain!')).toBe('duly.invalid');
  });
});
