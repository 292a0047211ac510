import { describe, expect, it } from 'vitest';
import { customer, invoice, org, payment } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { pdfText, plain, poppler, scanPage } from '../../test/pdf.ts';
import { formatDate, formatIban, formatMoney } from '../dunning/templates/format.ts';
import type { Language } from '../kernel/locale.ts';
import { loadInvoiceDocument } from './invoice-document.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';

interface Case {
  /** What the payment QR code on the page must read as: its standard's first characters. */
  readonly qr: RegExp | null;
  readonly language: Language;
  readonly country: string;
  readonly currency: string;
  readonly iban: string;
  readonly buyer: string;
  readonly street: string;
  readonly words: readonly string[];
}

const CASES: readonly Case[] = [
  {
    qr: /^SPD\*1\.0\*ACC:CZ6508000000192000145399\+GIBACZPX\*AM:10071\.50\*CC:CZK\*.*X-VS:2026000123/,
    language: 'cs',
    country: 'CZ',
    currency: 'CZK',
    iban: 'CZ6508000000192000145399',
    buyer: 'Dřevozpracující družstvo Žďár',
    street: 'Příčná 7',
    words: [
      'Faktura – daňový doklad',
      'Dodavatel',
      'Odběratel',
      'Základ daně',
      'DPH 21 %',
      'Datum splatnosti',
    ],
  },
  {
    qr: /^[0-9A-V]{20,}$/,
    language: 'sk',
    country: 'SK',
    currency: 'EUR',
    iban: 'SK3112000000198742637541',
    buyer: 'Ľubovnianska pekáreň, s.r.o.',
    street: 'Štúrova 3',
    words: ['Faktúra', 'Dodávateľ', 'Odberateľ', 'Základ dane', 'DPH 21 %'],
  },
  {
    qr: null,
    language: 'nb',
    country: 'NO',
    currency: 'NOK',
    iban: 'NO9386011117947',
    buyer: 'Ærøy Sjømat AS',
    street: 'Brygga 4',
    words: ['Faktura', 'Forfallsdato', 'Sum eks. mva.', 'MVA 21 %', 'Å betale'],
  },
  {
    qr: /^BCD\n002\n1\nSCT\nGIBACZPX\nStrojírny Kovář s\.r\.o\.\nDE89370400440532013000\nEUR10071\.50\n/,
    language: 'de',
    country: 'DE',
    currency: 'EUR',
    iban: 'DE89370400440532013000',
    buyer: 'Müller & Söhne GmbH',
    street: 'Hauptstraße 5',
    words: ['Rechnung', 'Rechnungsempfänger', 'Nettobetrag', 'USt. 21 %', 'Gesamtbetrag'],
  },
  {
    qr: /^BCD\n002\n1\nSCT\n/,
    language: 'nl',
    country: 'NL',
    currency: 'EUR',
    iban: 'NL91ABNA0417164300',
    buyer: 'Bakkerij de Vries B.V.',
    street: 'Kerkstraat 12',
    words: ['Factuur', 'Factuuradres', 'Subtotaal (excl. btw)', 'Btw 21%', 'Te betalen'],
  },
  {
    qr: null,
    language: 'en',
    country: 'GB',
    currency: 'GBP',
    iban: 'GB29NWBK60161331926819',
    buyer: 'Northgate Joinery Ltd',
    street: 'Unit 4, Canal Street',
    words: ['Invoice', 'Bill to', 'Subtotal (excl. VAT)', 'VAT 21%', 'Amount due'],
  },
];

describe.skipIf(!poppler)('invoice PDFs read back with pdftotext', () => {
  describeEachEngine('in the customer’s language', (ctx) => {
    const db = () => ctx().handle.db;
    for (const c of CASES) {
      it(`${c.language}: seller, buyer, lines, VAT, totals and a payment block with what was paid`, async () => {
        const o = await org(db(), {
          legalName: 'Strojírny Kovář s.r.o.',
          country: 'CZ',
          vatId: 'CZ12345678',
          email: 'fakturace@kovar.cz',
          address: { line1: 'Průmyslová 1', postalCode: '602 00', city: 'Brno' },
          bankAccounts: [{ iban: c.iban, currency: c.currency, bic: 'GIBACZPX', bankName: 'Banka Ø' }],
        });
        const cu = await customer(db(), o, {
          name: c.buyer,
          country: c.country,
          currency: c.currency,
          vatId: `${c.country}99999999`,
          address: { line1: c.street, postalCode: '123 45', city: 'Město' },
        });
        const inv = await invoice(db(), o.id, cu.id, {
          number: '2026-000123',
          issueDate: '2026-03-01',
          deliveryDate: '2026-02-28',
          dueDate: '2026-03-15',
          currency: c.currency,
          lines: [
            { description: 'Řezivo smrkové – 2 m³', quantity: 2, unitPrice: 450_000, vatRate: 21 },
            { description: 'Doprava ÆØÅ æøå', quantity: 1.5, unitPrice: 10_000, vatRate: 21 },
          ],
        });
        await payment(db(), o.id, cu.id, {
          amount: 100_000,
          currency: c.currency,
          receivedDate: '2026-03-05',
        });
        const d = await loadInvoiceDocument(db(), o.id, inv.id, '2026-03-20');
        expect(d.ok).toBe(true);
        if (!d.ok) return;
        const { text, info } = await pdfText(await renderInvoicePdf(d.value));
        const money = (n: number) => plain(formatMoney(n, c.currency, c.language));
        // Labels may be set in capitals (DODAVATEL); names and texts exactly as written.
        for (const w of c.words) expect(plain(text).toUpperCase()).toContain(plain(w).toUpperCase());
        for (const w of [c.buyer, c.street, 'Strojírny Kovář s.r.o.', 'Řezivo smrkové – 2 m³']) {
          expect(plain(text)).toContain(plain(w));
        }
        expect(text).toContain('Doprava ÆØÅ æøå');
        // 2 x 4,500.00 + 1.5 x 100.00 = 9,150.00 net; 21 % VAT 1,921.50; total 11,071.50; 1,000.00 paid.
        expect(inv.total).toBe(1_107_150);
        for (const n of [915_000, 192_150, 1_107_150, 1_007_150]) expect(plain(text)).toContain(money(n));
        expect(text).toContain(formatIban(c.iban));
        expect(text).toContain('2026-000123');
        expect(text).toContain(formatDate('2026-03-15', c.language));
        expect(info).toMatch(/Title:\s+\S.* 2026-000123/);
        expect(text.split('\f').filter((p) => p.trim() !== '')).toHaveLength(1);
        // The QR code on the printed page scans to the amount still due, the account and the reference.
        const scanned = await scanPage(await renderInvoicePdf(d.value));
        if (c.qr) expect(scanned).toMatch(c.qr);
        else expect(scanned).toBeNull();
      });
    }

    it('refuses a draft and an unknown invoice', async () => {
      const o = await org(db());
      const cu = await customer(db(), o);
      const draft = await invoice(db(), o.id, cu.id, { draft: true });
      expect(await loadInvoiceDocument(db(), o.id, draft.id, '2026-03-20')).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
      expect(await loadInvoiceDocument(db(), o.id, 'inv_nope', '2026-03-20')).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });
  });
});
