import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectFailure, expectOk, IBAN, scan, spaydFields } from './qr-test-support.ts';
import { buildSpaydQr, escapeSpayd, type SpaydInput } from './spayd.ts';

function spayd(overrides: Partial<SpaydInput> = {}): SpaydInput {
  return { currency: 'CZK', amount: 48050, iban: IBAN.cz, ...overrides };
}

describe('buildSpaydQr', () => {
  it('writes the QR Platba specification’s sample string exactly', () => {
    const qr = buildSpaydQr({
      currency: 'CZK',
      amount: 48050,
      iban: 'CZ5855000000001265098001',
      message: 'PLATBA ZA ZBOZI',
    });
    expect(expectOk(qr).payload).toBe(
      'SPD*1.0*ACC:CZ5855000000001265098001*AM:480.50*CC:CZK*MSG:PLATBA ZA ZBOZI',
    );
  });

  it('carries the same keys and values as the specification’s full sample (Duly writes no RF key)', () => {
    const sample = spaydFields(
      'SPD*1.0*ACC:CZ5855000000001265098001*AM:480.50*CC:CZK*RF:7004139146*X-VS:1234567890*DT:20120524*MSG:PLATBA ZA ZBOZI',
    );
    delete sample.RF;
    const ours = buildSpaydQr({
      currency: 'CZK',
      amount: 48050,
      iban: 'CZ5855000000001265098001',
      vs: '1234567890',
      dueDate: '2012-05-24',
      message: 'PLATBA ZA ZBOZI',
    });
    expect(spaydFields(expectOk(ours).payload)).toEqual(sample);
  });

  it('scans back to every field: IBAN+BIC, amount with a dot, due date, symbols, name and message', async () => {
    const qr = expectOk(
      buildSpaydQr(
        spayd({
          amount: 1_234_505,
          bic: 'gibaczpx',
          recipientName: 'Duly Demo s.r.o.',
          dueDate: '2026-03-15',
          message: 'Faktura 2026-0042',
          vs: '2026004200',
          ss: '77',
          ks: '0308',
        }),
      ),
    );
    // The + between IBAN and BIC is the format's separator: written as it is, never escaped.
    expect(qr.payload).toContain('*ACC:CZ6508000000192000145399+GIBACZPX*');
    expect(spaydFields(await scan(qr))).toEqual({
      ACC: 'CZ6508000000192000145399+GIBACZPX',
      AM: '12345.05',
      CC: 'CZK',
      RN: 'Duly Demo s.r.o.',
      DT: '20260315',
      MSG: 'Faktura 2026-0042',
      'X-VS': '2026004200',
      'X-SS': '77',
      'X-KS': '0308',
    });
  });

  it('percent-encodes Czech, Slovak and Norwegian letters, which a reader decodes back', async () => {
    const message = 'Přeplatek ľ, blåbær ø';
    const payload = await scan(expectOk(buildSpaydQr(spayd({ message, recipientName: 'Jiří Dvořák' }))));
    expect(payload).toMatch(/^[\x20-\x7e]+$/);
    expect(payload).toContain('MSG:P%C5%99eplatek %C4%BE, bl%C3%A5b%C3%A6r %C3%B8');
    expect(spaydFields(payload).MSG).toBe(message);
    expect(spaydFields(payload).RN).toBe('Jiří Dvořák');
  });

  it('escapes a star in the message as %2A so it cannot split the fields', () => {
    const payload = expectOk(buildSpaydQr(spayd({ message: 'Sleva *10 %', vs: '42' }))).payload;
    expect(payload).toContain('MSG:Sleva %2A10 %25*');
    expect(spaydFields(payload)).toMatchObject({ MSG: 'Sleva *10 %', 'X-VS': '42' });
  });

  it('counts the message length in letters before escaping: 60 letters with accents pass', () => {
    expect(buildSpaydQr(spayd({ message: 'ř'.repeat(60) })).ok).toBe(true);
  });
});

describe('escapeSpayd', () => {
  it('leaves printable ASCII other than * % + as it is', () => {
    expect(escapeSpayd('INVOICE 42/2026: A-B.C')).toBe('INVOICE 42/2026: A-B.C');
    expect(escapeSpayd('a+b')).toBe('a%2Bb');
  });

  it('gives back any text through percent-decoding, with no separator left in it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeSpayd(text);
        expect(escaped).not.toContain('*');
        expect(escaped).toMatch(/^[\x20-\x7e]*$/);
        expect(decodeURIComponent(escaped)).toBe(text);
      }),
    );
  });
});

describe('buildSpaydQr refuses', () => {
  it.each([
    ['a message of 61 characters', { message: 'm'.repeat(61) }, 'message'],
    ['a recipient name of 36 characters', { recipientName: 'n'.repeat(36) }, 'recipientName'],
    ['a variable symbol with letters', { vs: '12AB' }, 'vs'],
    ['a variable symbol of 11 digits', { vs: '12345678901' }, 'vs'],
    ['a specific symbol with a space', { ss: '12 34' }, 'ss'],
    ['an invalid IBAN', { iban: 'CZ6508000000192000145398' }, 'iban'],
    ['an amount of 0', { amount: 0 }, 'amount'],
    ['an amount longer than AM’s 10 characters', { amount: 1_000_000_000 }, 'amount'],
    ['a due date that does not exist', { dueDate: '2026-02-30' }, 'dueDate'],
    ['an unknown currency', { currency: 'XYZ' }, 'currency'],
  ] as const)('%s', (_, overrides, field) => {
    const error = expectFailure(buildSpaydQr(spayd(overrides)));
    expect(error.field).toBe(field);
    expect(error.hint).toBeTruthy();
  });
});
