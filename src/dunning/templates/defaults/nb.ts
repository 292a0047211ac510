import { contactSentence, FIRST_INVOICE, oneOrMany, paragraphs, texts } from './compose.ts';

/**
 * Norwegian bokmål, "du" as Norwegian business mail does: påminnelse, purring, siste purring,
 * inkassovarsel (inkassoloven § 9: at least 14 days, so the level's deadline must give them),
 * oversendt til inkasso. No reminder fee (purregebyr) is mentioned: none is charged.
 */

const HELLO = '{% if customer.contactName %}Hei {{ customer.contactName }},{% else %}Hei,{% endif %}';

const PAYMENT = [
  'Betalingsinformasjon:',
  'Mottaker: {{ organization.name }}',
  '{% if payment.iban %}{% if payment.accountNumber %}Kontonummer: {{ payment.accountNumber }}',
  '{% endif %}IBAN: {{ payment.ibanFormatted }}',
  '{% if payment.bic %}BIC: {{ payment.bic }}',
  '{% endif %}{% if payment.bankName %}Bank: {{ payment.bankName }}',
  '{% endif %}{% else %}Kontonummer: se fakturaen',
  '{% endif %}Merk betalingen med: {{ payment.reference }}',
].join('\n');

const CONTACT = contactSentence({
  both: 'Du når oss på {e} eller på telefon {p}.',
  email: 'Du når oss på {e}.',
  phone: 'Du når oss på telefon {p}.',
  none: 'Kontaktinformasjonen vår står på fakturaen.',
});

const REGARDS = 'Med vennlig hilsen\n{{ organization.name }}';

export const nb = texts({
  pre_due: {
    subject: oneOrMany(
      'Faktura {{ invoiceNumbersShort }} forfaller {{ invoices.first.dueDateFormatted }}',
      'Fakturaer {{ invoiceNumbersShort }} forfaller snart',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Dette er en vennlig påminnelse om at faktura {{ invoice.number }} forfaller til betaling ' +
          '{{ invoice.dueDateFormatted }}. Utestående beløp er {{ invoice.openFormatted }}.',
        'Dette er en vennlig påminnelse om at disse fakturaene snart forfaller til betaling:\n\n{{ invoiceTable }}',
      ),
      'Har du allerede satt opp betalingen, takk for det – da trenger du ikke gjøre noe mer.',
      PAYMENT,
      `Hvis noe ikke stemmer, eller du har spørsmål, er det bare å si fra. ${CONTACT}`,
      REGARDS,
    ),
  },
  due_today: {
    subject: oneOrMany(
      'Faktura {{ invoiceNumbersShort }} forfaller i dag',
      'Fakturaer til betaling: {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Vi vil bare minne om at faktura {{ invoice.number }} forfaller til betaling i dag, ' +
          '{{ invoice.dueDateFormatted }}. Utestående beløp er {{ invoice.openFormatted }}.',
        'Vi vil bare minne om at disse fakturaene nå har forfalt til betaling:\n\n{{ invoiceTable }}',
      ),
      'Har du allerede betalt, takk for det – da kan du se bort fra denne meldingen.',
      PAYMENT,
      `Har du spørsmål, hjelper vi gjerne. ${CONTACT}`,
      REGARDS,
    ),
  },
  overdue_first: {
    subject: oneOrMany(
      'Påminnelse om ubetalt faktura {{ invoiceNumbersShort }}',
      'Påminnelse om ubetalte fakturaer {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Vi kan ikke se å ha mottatt betaling for faktura {{ invoice.number }}, som forfalt ' +
          '{{ invoice.dueDateFormatted }}. Utestående beløp er {{ invoice.openFormatted }}.',
        'Vi kan ikke se å ha mottatt betaling for disse fakturaene:\n\n{{ invoiceTable }}',
      ),
      'Det er lett å overse en faktura i en travel hverdag, så vi setter pris på om du betaler i løpet av de ' +
        'nærmeste dagene.',
      PAYMENT,
      `Er det noe galt med ${oneOrMany('fakturaen', 'en av fakturaene')}, eller ønsker du å avtale en ` +
        `betalingsordning? Ta gjerne kontakt, så finner vi en løsning sammen. ${CONTACT}`,
      'Har du allerede betalt, takk for det – da kan du se bort fra denne påminnelsen.',
      REGARDS,
    ),
  },
  overdue_firm: {
    subject: oneOrMany(
      'Purring: faktura {{ invoiceNumbersShort }}',
      'Purring: fakturaer {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Vi sendte deg nylig en påminnelse om faktura {{ invoice.number }}, som forfalt {{ invoice.dueDateFormatted }}. ' +
          'Ifølge vårt regnskap er den fortsatt ikke betalt; utestående beløp er {{ invoice.openFormatted }}.',
        'Vi sendte deg nylig en påminnelse om fakturaene nedenfor. Ifølge vårt regnskap er de fortsatt ikke ' +
          'betalt:\n\n{{ invoiceTable }}',
      ),
      'Vi ber deg betale innen sju dager. Hvis noe står i veien for betalingen, for eksempel uklarheter på ' +
        'fakturaen, et manglende bestillingsnummer eller problemer med leveransen, gi oss beskjed, så løser vi ' +
        'det sammen.',
      'I løpet av de nærmeste dagene ringer vi deg også for å høre om alt er i orden.',
      PAYMENT,
      CONTACT,
      'Har du betalt de siste dagene, takk for det – da kan du se bort fra denne purringen.',
      REGARDS,
    ),
  },
  formal_demand: {
    subject: oneOrMany(
      'Siste purring: faktura {{ invoiceNumbersShort }}',
      'Siste purring: fakturaer {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Til tross for våre tidligere påminnelser er faktura {{ invoice.number }}, som forfalt ' +
          '{{ invoice.dueDateFormatted }}, fortsatt ikke betalt. Utestående beløp er {{ invoice.openFormatted }}.',
        'Til tross for våre tidligere påminnelser er disse fakturaene fortsatt ikke betalt:\n\n{{ invoiceTable }}',
      ),
      'Vi ber deg derfor betale det utestående beløpet på {{ totalOpenFormatted }} ' +
        '{% if deadline %}senest {{ deadline | date }}{% else %}snarest{% endif %}.',
      PAYMENT,
      'Er du uenig i kravet, eller kan du ikke betale alt på én gang, ta kontakt med oss' +
        `{% if deadline %} før denne datoen{% endif %}. Vi kan for eksempel avtale en nedbetalingsplan. ${CONTACT}`,
      'Har du betalt de siste dagene, takk for det – da kan du se bort fra dette brevet.',
      REGARDS,
    ),
  },
  lawsuit_warning: {
    subject: oneOrMany(
      'Inkassovarsel: faktura {{ invoiceNumbersShort }}',
      'Inkassovarsel: fakturaer {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Vi har ikke mottatt betaling for faktura {{ invoice.number }}, som forfalt {{ invoice.dueDateFormatted }}, ' +
          'til tross for våre påminnelser. Utestående beløp er {{ invoice.openFormatted }}.',
        'Vi har ikke mottatt betaling for disse fakturaene, til tross for våre påminnelser:\n\n{{ invoiceTable }}',
      ),
      'Dersom beløpet på {{ totalOpenFormatted }} ikke er betalt innen {{ deadline | date }}, vil kravet bli sendt ' +
        'til inkasso uten ytterligere varsel. Det vil da påløpe inkassosalær og forsinkelsesrenter etter loven, ' +
        'som du må dekke. Inkassoselskapet eller advokaten kan deretter bringe saken inn for forliksrådet eller ' +
        'tingretten, noe som gir ytterligere kostnader.',
      'Dette er et inkassovarsel etter inkassoloven § 9.',
      'Vi vil helst unngå inkasso. Har du problemer med å betale, ta kontakt med oss før {{ deadline | date }}, ' +
        `så prøver vi å finne en løsning sammen. ${CONTACT}`,
      PAYMENT,
      'Har du betalt i mellomtiden, takk for det – da kan du se bort fra dette varselet.',
      REGARDS,
    ),
  },
  handoff: {
    subject: oneOrMany(
      'Kravet er sendt til inkasso: faktura {{ invoiceNumbersShort }}',
      'Kravet er sendt til inkasso: fakturaer {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Ettersom faktura {{ invoice.number }}, som forfalt {{ invoice.dueDateFormatted }}, fortsatt ikke er betalt ' +
          'til tross for våre påminnelser og inkassovarsel, har vi nå sendt kravet på {{ invoice.openFormatted }} ' +
          'til inkasso.',
        'Ettersom disse fakturaene fortsatt ikke er betalt til tross for våre påminnelser og inkassovarsel, har vi ' +
          'nå sendt kravet på til sammen {{ totalOpenFormatted }} til inkasso:\n\n{{ invoiceTable }}',
      ),
      'Inkassoselskapet eller advokaten vår tar kontakt med deg om det videre forløpet. I tillegg til det ' +
        'utestående beløpet kan det nå påløpe forsinkelsesrenter og inkassokostnader etter loven.',
      `Betaler du beløpet nå, gi oss beskjed med en gang, så vi kan stanse inkassosaken. ${CONTACT}`,
      PAYMENT,
      REGARDS,
    ),
  },
});
