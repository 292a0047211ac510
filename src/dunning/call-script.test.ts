import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../kernel/locale.ts';
import { callScript as render } from './call-script.ts';
import type { MessageVars } from './model.ts';
import { formatMoney } from './templates/format.ts';

type Invoice = MessageVars['invoices'][number];

function invoice(over: Partial<Invoice> = {}): Invoice {
  return {
    number: 'FV-2026-0042',
    issueDate: '2026-02-01',
    dueDate: '2026-03-03',
    daysOverdue: 38,
    currency: 'CZK',
    total: 1_234_550,
    open: 1_234_550,
    ...over,
  };
}

function vars(over: Partial<MessageVars> = {}): MessageVars {
  const invoices = over.invoices ?? [
    invoice(),
    invoice({ number: 'FV-2026-0051', dueDate: '2026-03-10', daysOverdue: 31, open: 250_000 }),
  ];
  return {
    language: 'cs',
    today: '2026-04-10',
    level: { position: 4, name: 'Second reminder and call', kind: 'reminder' },
    organization: { name: 'Strojírny Hořice s.r.o.', country: 'CZ', email: null, phone: '+420 493 123 456' },
    customer: {
      name: 'Žluťoučký kůň a.s.',
      kind: 'business',
      country: 'CZ',
      contactName: 'Jiří Šťastný',
      address: ['Čechova 1234/56', '586 01 Jihlava'],
    },
    currency: invoices[0]!.currency,
    totalOpen: invoices.reduce((s, i) => s + i.open, 0),
    payment: {
      iban: 'CZ6508000000192000145399',
      bic: 'GIBACZPX',
      bankName: 'Česká spořitelna, a.s.',
      reference: '2026000123',
    },
    deadline: null,
    ...over,
    invoices,
  };
}

/** Intl and formatList put no-break spaces in amounts and before "a"; the assertions type plain ones. */
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const callScript = (v: MessageVars): string => plain(render(v));
const money = (minor: number, currency: string, language: Language): string =>
  plain(formatMoney(minor, currency, language));

/** The suggested phrases, i.e. what the caller says to the customer. */
function phrases(script: string): string {
  return script.slice(script.indexOf('SUGGESTED PHRASES'));
}

describe('callScript', () => {
  it('names the organisation, the amount, every invoice with due date and days overdue, and how to pay', () => {
    const script = callScript(vars());
    expect(script).toContain('on behalf of Strojírny Hořice s.r.o.');
    expect(script).toContain('Total outstanding: CZK 14,845.50');
    expect(script).toMatch(/FV-2026-0042 +3 March 2026 +38 +CZK 12,345\.50/);
    expect(script).toMatch(/FV-2026-0051 +10 March 2026 +31 +CZK 2,500\.00/);
    expect(script).toContain('IBAN CZ65 0800 0000 1920 0014 5399');
    expect(script).toContain('variable symbol (variabilní symbol): 2026000123');
    expect(script).toContain('Ask for:  Jiří Šťastný, or the person who releases supplier payments');
  });

  it('ends with the outcome checklist: promise (date, amount), dispute (reason), not reached, wrong contact', () => {
    const script = callScript(vars());
    expect(script).toContain(
      'date and time of the call, who you spoke to, every commitment and every excuse',
    );
    expect(script).toMatch(/\[ \] Promise to pay: date _+ {2}amount _+/);
    expect(script).toMatch(/\[ \] Dispute: invoices _+ {2}reason _+/);
    expect(script).toContain('[ ] Not reached');
    expect(script).toContain('[ ] Wrong contact');
  });

  it('carries the tone rules: who you are first, stay on the payment, polite, accuse no one', () => {
    const script = callScript(vars());
    expect(script).toContain('Say who you are and why you call before anything else.');
    expect(script).toContain('Stay on the payment');
    expect(script).toContain('politely');
    expect(script).toContain('Accuse no one');
    expect(script).toContain('No threats');
  });

  it('gives Czech phrases with the amount in Czech form and the variable symbol', () => {
    const said = phrases(callScript(vars()));
    expect(said).toContain('SUGGESTED PHRASES (Czech)');
    expect(said).toContain(
      'Dobrý den, u telefonu [your name] ze společnosti Strojírny Hořice s.r.o. Volám ohledně faktur č. FV-2026-0042 a FV-2026-0051.',
    );
    expect(said).toContain(`celkové výši ${money(1_484_550, 'CZK', 'cs')}`);
    expect(said).toContain('účet CZ65 0800 0000 1920 0014 5399, variabilní symbol 2026000123.');
    // The organisation's own full stop ends the sentence: no "s.r.o..".
    expect(said).not.toContain('..');
  });

  it('calls a reference that is not a variable symbol a payment reference', () => {
    const script = callScript(
      vars({ payment: { iban: null, bic: null, bankName: null, reference: 'RF18539007547034' } }),
    );
    expect(script).toContain('Quoting the payment reference: RF18539007547034');
    expect(script).toContain('no IBAN on file: check before calling');
    expect(phrases(script)).toContain(
      'účet uvedený na faktuře a do zprávy pro příjemce uveďte RF18539007547034.',
    );
  });

  for (const language of LANGUAGES) {
    it(`${language}: every phrase is filled in, with the amount in the customer's form`, () => {
      const v = vars({ language, deadline: '2026-04-24' });
      const script = callScript(v);
      expect(script).not.toMatch(/undefined|null|NaN|\[object/);
      const said = phrases(script);
      expect(said).toContain(money(v.totalOpen, v.currency, language));
      expect(said).toContain('CZ65 0800 0000 1920 0014 5399');
      expect(said).toContain('2026000123');
      expect(said).toContain('+420 493 123 456');
      expect(said.match(/^ {4}"/gm)?.length).toBe(11);
    });
  }

  it('keeps a consumer discreet: asks for them in person, names no invoice on a voicemail', () => {
    const script = callScript(
      vars({
        language: 'de',
        customer: { name: 'Grete Weiß', kind: 'consumer', country: 'DE', contactName: null, address: [] },
      }),
    );
    expect(script).toContain('Ask for:  Grete Weiß in person; discuss the debt with nobody else');
    const voicemail = script.slice(script.indexOf('Voicemail:'), script.indexOf('Closing:'));
    expect(voicemail).toContain('Bitte rufen Sie mich unter +420 493 123 456 zurück.');
    expect(voicemail).not.toContain('FV-2026');
    expect(script).not.toContain('Asking for the right person');
  });

  it('a warning of legal action states the deadline as a fact, not a threat', () => {
    const script = callScript(
      vars({
        language: 'nl',
        deadline: '2026-04-24',
        level: { position: 6, name: 'Warning of legal action', kind: 'lawsuit_warning' },
      }),
    );
    expect(script).toContain('Our letter asks for payment by 24 April 2026.');
    expect(script).toContain('state the deadline and the next step as facts, never as a threat');
    expect(script).toContain('Wij verzoeken u het bedrag uiterlijk 24-04-2026 te betalen.');
  });

  it('names more than three invoices by their count in the spoken phrases', () => {
    const invoices = Array.from({ length: 12 }, (_, i) => invoice({ number: `FV-${i + 1}` }));
    const script = callScript(vars({ invoices }));
    expect(phrases(script)).toContain('Volám ohledně Vašich neuhrazených faktur (celkem 12).');
    for (const i of invoices) expect(script).toContain(`  ${i.number} `);
  });

  it('is pure: the same vars give the same text and are left untouched', () => {
    const v = vars();
    const before = JSON.stringify(v);
    expect(render(v)).toBe(render(structuredClone(v)));
    expect(JSON.stringify(v)).toBe(before);
  });
});
