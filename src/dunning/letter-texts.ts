import type { Language } from '../kernel/locale.ts';

/**
 * The fixed words printed on a dunning letter (everything but the template's subject and body), in
 * each language Duly writes in, worded as an accounts-receivable clerk in that country prints them:
 * "Verwendungszweck" rather than "Zahlungsreferenz", "variabilní symbol" for a Czech numeric reference.
 */
export interface LetterTexts {
  readonly openInvoices: string;
  readonly invoiceNumber: string;
  readonly dueDate: string;
  readonly daysOverdue: string;
  readonly openAmount: string;
  readonly totalOpen: string;
  readonly paymentTitle: string;
  readonly amountDue: string;
  /** Label of the pay-by row when the letter sets a deadline ("Pay by 24 April 2026"). */
  readonly payBy: string;
  /** Label and value of the same row without a deadline ("Payment due: immediately"). */
  readonly payNowLabel: string;
  readonly immediately: string;
  readonly iban: string;
  readonly bic: string;
  readonly bank: string;
  /** The reference's name depends on its form: a Czech or Slovak numeric one is a variable symbol. */
  readonly reference: (reference: string) => string;
  readonly quoteReference: (reference: string) => string;
  readonly vatId: string;
  readonly phone: string;
  readonly email: string;
  readonly page: (page: number, pages: number) => string;
}

/** A Czech or Slovak variabilní/variabilný symbol: up to ten digits, no check digit (DOMAIN.md 3). */
function isVariableSymbol(reference: string): boolean {
  return /^\d{1,10}$/.test(reference);
}

const TEXTS: Readonly<Record<Language, LetterTexts>> = Object.freeze({
  en: {
    openInvoices: 'Outstanding invoices',
    invoiceNumber: 'Invoice no.',
    dueDate: 'Due date',
    daysOverdue: 'Days overdue',
    openAmount: 'Outstanding',
    totalOpen: 'Total outstanding',
    paymentTitle: 'Payment details',
    amountDue: 'Amount due',
    payBy: 'Pay by',
    payNowLabel: 'Payment due',
    immediately: 'immediately',
    iban: 'IBAN',
    bic: 'BIC',
    bank: 'Bank',
    reference: () => 'Payment reference',
    quoteReference: () => 'Please quote the payment reference with your payment so that we can allocate it.',
    vatId: 'VAT no.',
    phone: 'Phone',
    email: 'Email',
    page: (page, pages) => `Page ${page} of ${pages}`,
  },
  cs: {
    openInvoices: 'Neuhrazené faktury',
    invoiceNumber: 'Číslo faktury',
    dueDate: 'Datum splatnosti',
    daysOverdue: 'Dní po splatnosti',
    openAmount: 'Zbývá uhradit',
    totalOpen: 'Celkem k úhradě',
    paymentTitle: 'Platební údaje',
    amountDue: 'Částka k úhradě',
    payBy: 'Uhraďte nejpozději do',
    payNowLabel: 'Splatnost',
    immediately: 'ihned',
    iban: 'IBAN',
    bic: 'BIC/SWIFT',
    bank: 'Banka',
    reference: (ref) => (isVariableSymbol(ref) ? 'Variabilní symbol' : 'Platební reference'),
    quoteReference: (ref) =>
      isVariableSymbol(ref)
        ? 'Při platbě prosím vždy uveďte variabilní symbol, abychom ji mohli správně přiřadit.'
        : 'Při platbě prosím vždy uveďte platební referenci, abychom ji mohli správně přiřadit.',
    vatId: 'DIČ',
    phone: 'Tel.',
    email: 'E-mail',
    page: (page, pages) => `Strana ${page} z ${pages}`,
  },
  sk: {
    openInvoices: 'Neuhradené faktúry',
    invoiceNumber: 'Číslo faktúry',
    dueDate: 'Dátum splatnosti',
    daysOverdue: 'Dní po splatnosti',
    openAmount: 'Zostáva uhradiť',
    totalOpen: 'Spolu na úhradu',
    paymentTitle: 'Platobné údaje',
    amountDue: 'Suma na úhradu',
    payBy: 'Uhraďte najneskôr do',
    payNowLabel: 'Splatnosť',
    immediately: 'ihneď',
    iban: 'IBAN',
    bic: 'BIC/SWIFT',
    bank: 'Banka',
    reference: (ref) => (isVariableSymbol(ref) ? 'Variabilný symbol' : 'Referencia platby'),
    quoteReference: (ref) =>
      isVariableSymbol(ref)
        ? 'Pri platbe, prosím, vždy uveďte variabilný symbol, aby sme ju mohli správne priradiť.'
        : 'Pri platbe, prosím, vždy uveďte referenciu platby, aby sme ju mohli správne priradiť.',
    vatId: 'IČ DPH',
    phone: 'Tel.',
    email: 'E-mail',
    page: (page, pages) => `Strana ${page} z ${pages}`,
  },
  de: {
    openInvoices: 'Offene Rechnungen',
    invoiceNumber: 'Rechnungsnr.',
    dueDate: 'Fällig am',
    daysOverdue: 'Tage überfällig',
    openAmount: 'Offener Betrag',
    totalOpen: 'Offener Gesamtbetrag',
    paymentTitle: 'Zahlungsinformationen',
    amountDue: 'Zahlbetrag',
    payBy: 'Zahlbar bis',
    payNowLabel: 'Zahlbar',
    immediately: 'sofort',
    iban: 'IBAN',
    bic: 'BIC',
    bank: 'Bank',
    reference: () => 'Verwendungszweck',
    quoteReference: () =>
      'Bitte geben Sie bei Ihrer Überweisung unbedingt den Verwendungszweck an, damit wir Ihre Zahlung zuordnen können.',
    vatId: 'USt-IdNr.',
    phone: 'Telefon',
    email: 'E-Mail',
    page: (page, pages) => `Seite ${page} von ${pages}`,
  },
  nl: {
    openInvoices: 'Openstaande facturen',
    invoiceNumber: 'Factuurnummer',
    dueDate: 'Vervaldatum',
    daysOverdue: 'Dagen vervallen',
    openAmount: 'Openstaand',
    totalOpen: 'Totaal openstaand',
    paymentTitle: 'Betaalgegevens',
    amountDue: 'Te betalen bedrag',
    payBy: 'Uiterlijk betalen op',
    payNowLabel: 'Betaaltermijn',
    immediately: 'per omgaande',
    iban: 'IBAN',
    bic: 'BIC',
    bank: 'Bank',
    reference: () => 'Betalingskenmerk',
    quoteReference: () =>
      'Vermeld bij uw betaling altijd het betalingskenmerk, zodat wij deze snel kunnen verwerken.',
    vatId: 'Btw-nummer',
    phone: 'Telefoon',
    email: 'E-mail',
    page: (page, pages) => `Pagina ${page} van ${pages}`,
  },
  nb: {
    openInvoices: 'Utestående fakturaer',
    invoiceNumber: 'Fakturanr.',
    dueDate: 'Forfallsdato',
    daysOverdue: 'Dager over forfall',
    openAmount: 'Utestående',
    totalOpen: 'Sum utestående',
    paymentTitle: 'Betalingsinformasjon',
    amountDue: 'Å betale',
    payBy: 'Betalingsfrist',
    payNowLabel: 'Betalingsfrist',
    immediately: 'omgående',
    iban: 'IBAN',
    bic: 'BIC/SWIFT',
    bank: 'Bank',
    reference: () => 'Betalingsreferanse',
    quoteReference: () =>
      'Husk å oppgi betalingsreferansen når du betaler, slik at vi kan registrere innbetalingen.',
    vatId: 'Org.nr.',
    phone: 'Telefon',
    email: 'E-post',
    page: (page, pages) => `Side ${page} av ${pages}`,
  },
});

export function letterTexts(language: Language): LetterTexts {
  return TEXTS[language];
}
