import { describe, expect, it } from 'vitest';
import { isValidIban } from '../../kernel/iban.ts';
import { LANGUAGES, type Language } from '../../kernel/locale.ts';
import { type MessageVars, TEMPLATE_KEYS, type TemplateKey } from '../model.ts';
import { defaultTemplate } from './defaults/index.ts';
import { formatDate, formatIban, formatMoney } from './format.ts';
import { escapeHtml } from './invoice-table.ts';
import { type RenderedMessage, renderMessage, validateTemplate } from './render.ts';
import { sampleMessageVars } from './sample.ts';

/** The reviewer-readable snapshots below are typed with plain spaces where Intl puts no-break ones. */
const plain = (text: string) => text.replaceAll('\u00a0', ' ');

function rendered(key: TemplateKey, language: Language, v: MessageVars): RenderedMessage {
  const result = renderMessage(defaultTemplate(key, language), v);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const cases = LANGUAGES.flatMap((language) =>
  TEMPLATE_KEYS.flatMap((key) =>
    [1, 3].map((invoiceCount) => ({ language, key, invoiceCount: invoiceCount as 1 | 3 })),
  ),
);

describe('the default texts', () => {
  it('sample data uses valid IBANs', () => {
    for (const language of LANGUAGES)
      expect(isValidIban(sampleMessageVars(language).payment.iban!)).toBe(true);
  });

  it.each(cases)(
    '$key in $language about $invoiceCount invoice(s) renders everything the customer needs',
    ({ language, key, invoiceCount }) => {
      const v = sampleMessageVars(language, { key, invoiceCount });
      const { subject, text, html } = rendered(key, language, v);
      const total = formatMoney(v.totalOpen, v.currency, language);
      const iban = formatIban(v.payment.iban!);
      for (const invoice of v.invoices) {
        expect(subject).toContain(invoice.number);
        expect(text).toContain(invoice.number);
        expect(text).toContain(formatDate(invoice.dueDate, language));
        expect(text).toContain(formatMoney(invoice.open, invoice.currency, language));
      }
      expect(text).toContain(total);
      expect(text).toContain(iban);
      expect(text).toContain(v.payment.reference);
      expect(text).toContain(v.organization.name);
      expect(text).toContain(v.organization.email!);
      expect(text).toContain(v.organization.phone!);
      if (v.deadline) expect(text).toContain(formatDate(v.deadline, language));
      for (const part of [total, iban, v.payment.reference, ...v.invoices.map((i) => i.number)]) {
        expect(html).toContain(escapeHtml(part));
      }
      // No hole where a variable rendered empty, no stray space before punctuation, nothing unrendered.
      expect(text).not.toMatch(/undefined|null|NaN|\[object|\{\{|\{%|\s[.,;:](\s|$)/m);
      expect(subject.length).toBeLessThan(120);
    },
  );

  it.each(LANGUAGES)('the lawsuit warning in %s states the deadline and the consequence', (language) => {
    const v = sampleMessageVars(language, { key: 'lawsuit_warning' });
    const { text } = rendered('lawsuit_warning', language, v);
    expect(v.deadline).toBe('2026-04-29');
    expect(text).toContain(formatDate('2026-04-29', language));
    const consequence: Record<Language, RegExp> = {
      en: /solicitors .* courts/,
      cs: /právnímu zástupci a budeme ji vymáhat soudní cestou/,
      sk: /advokátovi a budeme ju vymáhať súdnou cestou/,
      de: /Rechtsanwalt oder ein Inkassounternehmen übergeben und gerichtlich geltend machen/,
      nl: /incassobureau of advocaat, die haar zo nodig via de rechter zal innen/,
      nb: /sendt til inkasso/,
    };
    expect(text).toMatch(consequence[language]);
  });

  it.each(LANGUAGES)('the firmer reminder in %s says we will call', (language) => {
    const { text } = rendered('overdue_firm', language, sampleMessageVars(language, { key: 'overdue_firm' }));
    const call: Record<Language, RegExp> = {
      en: /give you a call/,
      cs: /zavoláme/,
      sk: /zavoláme/,
      de: /anrufen/,
      nl: /bellen wij u/,
      nb: /ringer vi deg/,
    };
    expect(text).toMatch(call[language]);
  });

  it.each(LANGUAGES)('the first reminder in %s thanks those who already paid', (language) => {
    const { text } = rendered('overdue_first', language, sampleMessageVars(language));
    const alreadyPaid: Record<Language, RegExp> = {
      en: /If you have already paid, thank you/,
      cs: /Pokud jste již zaplatili, děkujeme/,
      sk: /Ak ste už zaplatili, ďakujeme/,
      de: /Sollten Sie die Zahlung bereits veranlasst haben, danken wir Ihnen/,
      nl: /Heeft u inmiddels betaald\? Dan danken wij u/,
      nb: /Har du allerede betalt, takk for det/,
    };
    expect(text).toMatch(alreadyPaid[language]);
  });

  it.each(LANGUAGES)(
    'in %s, missing contact name, email, phone and bank account leave no holes',
    (language) => {
      const sample = sampleMessageVars(language);
      const v: MessageVars = {
        ...sample,
        customer: { ...sample.customer, contactName: null },
        organization: { ...sample.organization, email: null, phone: null },
        payment: { iban: null, bic: null, bankName: null, reference: 'ABC-1' },
      };
      for (const key of TEMPLATE_KEYS) {
        const { text } = rendered(key, language, { ...v, deadline: '2026-05-01' });
        expect(text).not.toMatch(/undefined|null|\s[.,;:](\s|$)/m);
        // A label with nothing after it ("IBAN:") would be a line ending in a colon inside a block.
        for (const block of text.split('\n\n'))
          expect(block.split('\n').slice(1).join('\n')).not.toMatch(/:$/m);
        expect(text).toContain('ABC-1');
        expect(text.split('\n')[0]).toMatch(
          /^(Hello|Dear Sir or Madam|Dobrý den|Dobrý deň|Guten Tag|Sehr geehrte Damen und Herren|Geachte heer\/mevrouw|Hei),$/,
        );
      }
    },
  );

  it('shortens the subject when a customer has many invoices', () => {
    const sample = sampleMessageVars('en', { invoiceCount: 3 });
    const invoices = Array.from({ length: 12 }, (_, i) => ({
      ...sample.invoices[0]!,
      number: `INV-${100 + i}`,
    }));
    const v = { ...sample, invoices, totalOpen: invoices.reduce((s, i) => s + i.open, 0) };
    const { subject, text } = rendered('overdue_first', 'en', v);
    expect(subject).toBe('Payment reminder: invoices INV-100, INV-101, INV-102 and 9 more');
    for (const i of invoices) expect(text).toContain(i.number);
  });

  it.each(cases)('$key in $language passes the editor’s validation', ({ language, key }) => {
    expect(validateTemplate(defaultTemplate(key, language), language).ok).toBe(true);
  });
});

describe('full renders a reviewer can read', () => {
  it('English first reminder about one partly paid invoice', () => {
    const { subject, text } = rendered('overdue_first', 'en', sampleMessageVars('en'));
    expect(subject).toBe('Payment reminder: invoice HT-2026-0042');
    expect(plain(text)).toBe(
      [
        'Dear Sarah Mitchell,',
        '',
        'We hope you are well. According to our records, invoice HT-2026-0042, which was due on 8 April 2026, has not been paid yet. The amount outstanding is £12,345.50.',
        '',
        'We know invoices can sometimes slip through the net, so we would be grateful if you could arrange payment at your earliest convenience.',
        '',
        'You can pay by bank transfer using these details:',
        'Account name: Harbour Tools Ltd',
        'Sort code and account number: 60-16-13 31926819',
        'IBAN: GB29 NWBK 6016 1331 9268 19',
        'BIC: NWBKGB2L',
        'Bank: NatWest',
        'Payment reference: HT-2026-0042',
        '',
        'If there is a problem with the invoice, or you would like to talk about payment, please get in touch and we will sort it out together. You can reach us at accounts@harbourtools.co.uk or on +44 20 7946 0321.',
        '',
        'If you have already paid, thank you, and please disregard this reminder.',
        '',
        'Kind regards,',
        'Harbour Tools Ltd',
      ].join('\n'),
    );
  });

  it('Czech first reminder about one invoice', () => {
    const { subject, text } = rendered('overdue_first', 'cs', sampleMessageVars('cs'));
    expect(subject).toBe('Připomínka úhrady faktury 2026-0042');
    expect(text).toContain('12\u00a0345,50\u00a0Kč');
    expect(plain(text)).toBe(
      [
        'Dobrý den,',
        '',
        'při kontrole plateb jsme zjistili, že faktura č. 2026-0042 se splatností 8. 4. 2026 zatím není uhrazena. K úhradě zbývá 12 345,50 Kč.',
        '',
        'Věříme, že jde jen o přehlédnutí, a prosíme Vás o úhradu v nejbližších dnech.',
        '',
        'Platební údaje:',
        'Příjemce: Strojírny Kovář s.r.o.',
        'Číslo účtu: 19-2000145399/0800',
        'IBAN: CZ65 0800 0000 1920 0014 5399',
        'BIC (SWIFT): GIBACZPX',
        'Banka: Česká spořitelna',
        'Variabilní symbol: 20260042',
        '',
        'Pokud je s fakturou nějaký problém nebo byste se chtěli domluvit na způsobu úhrady, dejte nám prosím vědět a společně to vyřešíme. Napište nám na fakturace@strojirny-kovar.cz nebo nám zavolejte na číslo +420 602 123 456.',
        '',
        'Pokud jste již zaplatili, děkujeme a tuto zprávu prosím považujte za bezpředmětnou.',
        '',
        'S pozdravem',
        'Strojírny Kovář s.r.o.',
      ].join('\n'),
    );
  });

  it('Czech first reminder about three invoices, with the table and the total', () => {
    const { subject, text } = rendered('overdue_first', 'cs', sampleMessageVars('cs', { invoiceCount: 3 }));
    expect(plain(subject)).toBe('Připomínka úhrady faktur 2026-0042, 2026-0031 a 2026-0027');
    expect(plain(text)).toBe(
      [
        'Dobrý den,',
        '',
        'při kontrole plateb jsme zjistili, že tyto faktury zatím nejsou uhrazeny:',
        '',
        'Faktura     Datum splatnosti       K úhradě',
        '2026-0042   8. 4. 2026         12 345,50 Kč',
        '2026-0031   27. 3. 2026           480,50 Kč',
        '2026-0027   13. 3. 2026         2 500,00 Kč',
        'Celkem                         15 326,00 Kč',
        '',
        'Věříme, že jde jen o přehlédnutí, a prosíme Vás o úhradu v nejbližších dnech.',
        '',
        'Platební údaje:',
        'Příjemce: Strojírny Kovář s.r.o.',
        'Číslo účtu: 19-2000145399/0800',
        'IBAN: CZ65 0800 0000 1920 0014 5399',
        'BIC (SWIFT): GIBACZPX',
        'Banka: Česká spořitelna',
        'Variabilní symbol: 20260042',
        '',
        'Pokud je s některou z faktur nějaký problém nebo byste se chtěli domluvit na způsobu úhrady, dejte nám prosím vědět a společně to vyřešíme. Napište nám na fakturace@strojirny-kovar.cz nebo nám zavolejte na číslo +420 602 123 456.',
        '',
        'Pokud jste již zaplatili, děkujeme a tuto zprávu prosím považujte za bezpředmětnou.',
        '',
        'S pozdravem',
        'Strojírny Kovář s.r.o.',
      ].join('\n'),
    );
  });
});
