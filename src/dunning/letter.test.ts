import { describe, expect, it } from 'vitest';
import { pdfText, plain, poppler } from '../../test/pdf.ts';
import { renderLetterPdf } from './letter.ts';
import type { MessageVars } from './model.ts';
import { formatDate, formatIban, formatMoney } from './templates/format.ts';

type Invoice = MessageVars['invoices'][number];

function invoice(over: Partial<Invoice> = {}): Invoice {
  return {
    number: '2026-0001',
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
  const invoices = over.invoices ?? [invoice()];
  return {
    language: 'cs',
    today: '2026-04-10',
    level: { position: 5, name: 'Formal demand', kind: 'formal_demand' },
    organization: {
      name: 'Strojírny Hořice s.r.o.',
      country: 'CZ',
      email: 'pohledavky@strojirny-horice.cz',
      phone: '+420 493 123 456',
    },
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
    deadline: '2026-04-20',
    ...over,
    invoices,
  };
}

const sender = {
  name: 'Strojírny Hořice s.r.o.',
  addressLines: ['Husova 1120', '508 01 Hořice', 'Česká republika'],
  vatId: 'CZ12345678',
  place: 'Hořice',
};

interface Case {
  readonly name: string;
  readonly vars: MessageVars;
  readonly subject: string;
  readonly body: string;
  /** Words that must come out of the PDF exactly as written. */
  readonly exact: readonly string[];
}

const cases: readonly Case[] = [
  {
    name: 'Czech',
    vars: vars({
      invoices: [invoice({ number: 'FV-2026-0042' }), invoice({ number: 'FV-2026-0051', open: 99_990 })],
    }),
    subject: 'Výzva k úhradě – ěščřžýáíéůú ĚŠČŘŽÝÁÍÉŮÚ',
    body: 'Dobrý den,\n\nPříliš žluťoučký kůň úpěl ďábelské ódy: ěščřžýáíéůú ĚŠČŘŽÝÁÍÉŮÚ.\n\nS pozdravem\nJana Nováková',
    exact: [
      'Dobrý den',
      'ěščřžýáíéůú ĚŠČŘŽÝÁÍÉŮÚ',
      'Příliš žluťoučký kůň úpěl ďábelské ódy',
      'Žluťoučký kůň a.s.',
      'Jiří Šťastný',
      'Variabilní symbol',
      'Hořice, 10. dubna 2026',
    ],
  },
  {
    name: 'Slovak',
    vars: vars({
      language: 'sk',
      customer: {
        name: 'Ľubomír Ďurčo – Kôň',
        kind: 'consumer',
        country: 'SK',
        contactName: null,
        address: ['Ľaliová 5', '974 01 Banská Bystrica'],
      },
      invoices: [invoice({ number: 'SK-77', currency: 'EUR', open: 45_067, total: 45_067 })],
      payment: {
        iban: 'SK3112000000198742637541',
        bic: 'SUBASKBX',
        bankName: null,
        reference: 'RF18539007547034',
      },
    }),
    subject: 'Upomienka k faktúre SK-77',
    body: 'Dobrý deň,\n\nľĺŕäô ĽĹŔÄÔ – prosíme o úhradu.\n\nS pozdravom',
    exact: ['Dobrý deň', 'ľĺŕäô ĽĹŔÄÔ', 'Ľubomír Ďurčo – Kôň', 'Referencia platby', 'Suma na úhradu'],
  },
  {
    name: 'Norwegian',
    vars: vars({
      language: 'nb',
      customer: {
        name: 'Bjørnøya Fiskeoppdrett AS',
        kind: 'business',
        country: 'NO',
        contactName: 'Åse Ærø',
        address: ['Storgata 7', '9008 Tromsø'],
      },
      invoices: [invoice({ number: 'NO-1001', currency: 'NOK', open: 1_500_000, total: 1_500_000 })],
      payment: { iban: 'NO9386011117947', bic: 'DNBANOKK', bankName: 'DNB', reference: '2345676' },
      deadline: '2026-04-24',
    }),
    subject: 'Betalingspåminnelse – æøå ÆØÅ',
    body: 'Hei,\n\nvi har ikke mottatt betaling for fakturaen: æøå ÆØÅ.\n\nMed vennlig hilsen',
    exact: ['æøå ÆØÅ', 'Bjørnøya Fiskeoppdrett AS', 'Åse Ærø', 'Tromsø', 'Betalingsreferanse', 'Å betale'],
  },
  {
    name: 'German',
    vars: vars({
      language: 'de',
      customer: {
        name: 'Müller & Söhne GmbH',
        kind: 'business',
        country: 'DE',
        contactName: null,
        address: ['Große Straße 12', '10115 Berlin'],
      },
      invoices: [invoice({ number: 'RE-2026-17', currency: 'EUR', open: 1_234_567, total: 1_234_567 })],
      payment: {
        iban: 'DE89370400440532013000',
        bic: 'COBADEFFXXX',
        bankName: 'Commerzbank',
        reference: 'RE-2026-17',
      },
      deadline: null,
    }),
    subject: 'Mahnung zur Rechnung RE-2026-17',
    body: 'Sehr geehrte Damen und Herren,\n\nß ä ö ü ẞ Ä Ö Ü – bitte überweisen Sie den Betrag.\n\nMit freundlichen Grüßen',
    exact: [
      'ß ä ö ü ẞ Ä Ö Ü',
      'Müller & Söhne GmbH',
      'Große Straße 12',
      'Verwendungszweck',
      'Zahlbar',
      'sofort',
    ],
  },
];

describe.skipIf(!poppler)('a letter read back with pdftotext', () => {
  for (const c of cases) {
    it(`${c.name}: keeps every letter, invoice, amount, account, reference and the deadline`, async () => {
      const pdf = await renderLetterPdf({ vars: c.vars, subject: c.subject, body: c.body, sender });
      const { text, info } = await pdfText(pdf);
      for (const word of c.exact) expect(text).toContain(word);
      const v = c.vars;
      for (const inv of v.invoices) {
        expect(text).toContain(inv.number);
        expect(text).toContain(plain(formatMoney(inv.open, inv.currency, v.language)));
        expect(text).toContain(formatDate(inv.dueDate, v.language));
      }
      expect(text).toContain(plain(formatMoney(v.totalOpen, v.currency, v.language)));
      expect(text).toContain(formatIban(v.payment.iban!));
      expect(text).toContain(v.payment.reference);
      expect(text).toContain(v.payment.bic!);
      if (v.deadline) expect(text).toContain(formatDate(v.deadline, v.language));
      expect(text).toContain(formatDate(v.today, v.language, 'long'));
      // One page: no "page 1 of 1".
      expect(text.split('\f').filter((p) => p.trim() !== '')).toHaveLength(1);
      expect(info).toContain(`Title:           ${c.subject}`);
      expect(info).toContain(`Author:          ${sender.name}`);
      expect(info).toMatch(/CreationDate:\s+Fri Apr 10 00:00:00 2026 UTC/);
    });
  }

  it('Czech: two invoices sum to the printed total', async () => {
    const c = cases[0]!;
    const pdf = await renderLetterPdf({ vars: c.vars, subject: c.subject, body: c.body, sender });
    const { text } = await pdfText(pdf);
    expect(text).toMatch(/Celkem k úhradě\s+13 345,40 Kč/);
    expect(text).toMatch(/Částka k úhradě\s+13 345,40 Kč/);
    expect(text).toMatch(/Uhraďte nejpozději do\s+20\. 4\. 2026/);
  });

  it('40 invoices run to several pages, each numbered "page x of y", the payment block whole on one', async () => {
    const invoices = Array.from({ length: 40 }, (_, i) =>
      invoice({ number: `INV-${String(i + 1).padStart(4, '0')}`, currency: 'GBP', open: 10_000 + i }),
    );
    const v = vars({ language: 'en', invoices, currency: 'GBP' });
    const pdf = await renderLetterPdf({
      vars: v,
      subject: 'Overdue invoices',
      body: 'Dear Sir or Madam,',
      sender,
    });
    const { text } = await pdfText(pdf);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    for (const inv of invoices) expect(text).toContain(inv.number);
    expect(text).toContain(plain(formatMoney(v.totalOpen, 'GBP', 'en')));
    const withBlock = pages.filter((p) => p.includes('PAYMENT DETAILS'));
    expect(withBlock).toHaveLength(1);
    for (const part of ['Amount due', 'Pay by', formatIban(v.payment.iban!), v.payment.reference]) {
      expect(withBlock[0]).toContain(part);
    }
  });
});

describe('a letter as bytes', () => {
  const input = { vars: vars(), subject: 'Výzva k úhradě', body: 'Dobrý den,\n\nprosíme o úhradu.', sender };

  it('is a PDF', async () => {
    const pdf = await renderLetterPdf(input);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('is byte-identical when rendered twice from the same input', async () => {
    const [a, b] = await Promise.all([renderLetterPdf(input), renderLetterPdf(input)]);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  it('takes its dates from vars.today, not from the clock', async () => {
    const a = await renderLetterPdf(input);
    const b = await renderLetterPdf({ ...input, vars: vars({ today: '2026-04-11' }) });
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).not.toBe(0);
    expect(Buffer.from(a).toString('latin1')).toContain('(D:20260410000000Z)');
  });
});
