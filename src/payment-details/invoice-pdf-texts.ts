import type { Language } from '../kernel/locale.ts';

/**
 * The fixed words of an invoice, in each language Duly writes in, as invoices in that country word
 * them: a Czech invoice names the "Dodavatel" and the "Odběratel" and the date of the taxable supply
 * (DUZP), a German one the "Leistungsdatum", a Norwegian one says "Å betale".
 */
export interface InvoiceTexts {
  readonly title: string;
  readonly number: string;
  readonly issueDate: string;
  readonly deliveryDate: string;
  readonly dueDate: string;
  readonly terms: (days: number) => string;
  readonly seller: string;
  readonly buyer: string;
  readonly vatId: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly vatRate: string;
  readonly amount: string;
  readonly subtotal: string;
  readonly vat: (rate: string) => string;
  readonly total: string;
  readonly paid: string;
  readonly toPay: string;
}

const TEXTS: Readonly<Record<Language, InvoiceTexts>> = Object.freeze({
  en: {
    title: 'Invoice',
    number: 'Invoice no.',
    issueDate: 'Invoice date',
    deliveryDate: 'Supply date',
    dueDate: 'Due date',
    terms: (d) => (d === 0 ? 'Payment due on receipt' : `Payment terms: ${d} days`),
    seller: 'From',
    buyer: 'Bill to',
    vatId: 'VAT no.',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    vatRate: 'VAT',
    amount: 'Amount',
    subtotal: 'Subtotal (excl. VAT)',
    vat: (rate) => `VAT ${rate}`,
    total: 'Total',
    paid: 'Paid and credited',
    toPay: 'Amount due',
  },
  cs: {
    title: 'Faktura – daňový doklad',
    number: 'Číslo faktury',
    issueDate: 'Datum vystavení',
    deliveryDate: 'Datum zdan. plnění',
    dueDate: 'Datum splatnosti',
    terms: (d) => (d === 0 ? 'Splatné ihned' : `Splatnost ${d} dní`),
    seller: 'Dodavatel',
    buyer: 'Odběratel',
    vatId: 'DIČ',
    description: 'Popis',
    quantity: 'Množství',
    unitPrice: 'Cena za MJ',
    vatRate: 'DPH',
    amount: 'Celkem',
    subtotal: 'Základ daně',
    vat: (rate) => `DPH ${rate}`,
    total: 'Celkem',
    paid: 'Uhrazeno a dobropisováno',
    toPay: 'Zbývá uhradit',
  },
  sk: {
    title: 'Faktúra',
    number: 'Číslo faktúry',
    issueDate: 'Dátum vyhotovenia',
    deliveryDate: 'Dátum dodania',
    dueDate: 'Dátum splatnosti',
    terms: (d) => (d === 0 ? 'Splatné ihneď' : `Splatnosť ${d} dní`),
    seller: 'Dodávateľ',
    buyer: 'Odberateľ',
    vatId: 'IČ DPH',
    description: 'Popis',
    quantity: 'Množstvo',
    unitPrice: 'Jedn. cena',
    vatRate: 'DPH',
    amount: 'Spolu',
    subtotal: 'Základ dane',
    vat: (rate) => `DPH ${rate}`,
    total: 'Spolu',
    paid: 'Uhradené a dobropisované',
    toPay: 'Zostáva uhradiť',
  },
  de: {
    title: 'Rechnung',
    number: 'Rechnungsnummer',
    issueDate: 'Rechnungsdatum',
    deliveryDate: 'Leistungsdatum',
    dueDate: 'Fällig am',
    terms: (d) => (d === 0 ? 'Zahlbar sofort ohne Abzug' : `Zahlbar innerhalb von ${d} Tagen ohne Abzug`),
    seller: 'Rechnungssteller',
    buyer: 'Rechnungsempfänger',
    vatId: 'USt-IdNr.',
    description: 'Beschreibung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    vatRate: 'USt.',
    amount: 'Betrag',
    subtotal: 'Nettobetrag',
    vat: (rate) => `USt. ${rate}`,
    total: 'Gesamtbetrag',
    paid: 'Bezahlt und gutgeschrieben',
    toPay: 'Offener Betrag',
  },
  nl: {
    title: 'Factuur',
    number: 'Factuurnummer',
    issueDate: 'Factuurdatum',
    deliveryDate: 'Leveringsdatum',
    dueDate: 'Vervaldatum',
    terms: (d) => (d === 0 ? 'Direct te betalen' : `Betalingstermijn: ${d} dagen`),
    seller: 'Van',
    buyer: 'Factuuradres',
    vatId: 'Btw-nr.',
    description: 'Omschrijving',
    quantity: 'Aantal',
    unitPrice: 'Prijs per stuk',
    vatRate: 'Btw',
    amount: 'Bedrag',
    subtotal: 'Subtotaal (excl. btw)',
    vat: (rate) => `Btw ${rate}`,
    total: 'Totaal',
    paid: 'Betaald en gecrediteerd',
    toPay: 'Te betalen',
  },
  nb: {
    title: 'Faktura',
    number: 'Fakturanummer',
    issueDate: 'Fakturadato',
    deliveryDate: 'Leveringsdato',
    dueDate: 'Forfallsdato',
    terms: (d) => (d === 0 ? 'Betales ved mottak' : `Betalingsfrist ${d} dager`),
    seller: 'Fra',
    buyer: 'Til',
    vatId: 'Org.nr./MVA',
    description: 'Beskrivelse',
    quantity: 'Antall',
    unitPrice: 'Enhetspris',
    vatRate: 'MVA',
    amount: 'Beløp',
    subtotal: 'Sum eks. mva.',
    vat: (rate) => `MVA ${rate}`,
    total: 'Sum',
    paid: 'Betalt og kreditert',
    toPay: 'Å betale',
  },
});

export function invoiceTexts(language: Language): InvoiceTexts {
  return TEXTS[language];
}
