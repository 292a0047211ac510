import { contactSentence, FIRST_INVOICE, oneOrMany, paragraphs, texts } from './compose.ts';

/**
 * Slovak, formal vykanie with the courtesy capital (Vás, Vám); "prosím" set off by commas. The
 * lawsuit warning is a predžalobná výzva; the hand-off is an "odovzdanie" (not "postúpenie", which
 * would mean selling the claim).
 */

const HELLO = 'Dobrý deň,';

const PAYMENT = [
  'Platobné údaje:',
  'Príjemca: {{ organization.name }}',
  '{% if payment.iban %}IBAN: {{ payment.ibanFormatted }}',
  '{% if payment.bic %}BIC (SWIFT): {{ payment.bic }}',
  '{% endif %}{% if payment.bankName %}Banka: {{ payment.bankName }}',
  '{% endif %}{% else %}Číslo účtu: uvedené na faktúre',
  '{% endif %}{% if payment.variableSymbol %}Variabilný symbol: {{ payment.variableSymbol }}' +
    '{% else %}Referencia platby: {{ payment.reference }}{% endif %}',
].join('\n');

const CONTACT = contactSentence({
  both: 'Napíšte nám na {e} alebo nám zavolajte na číslo {p}.',
  email: 'Napíšte nám na {e}.',
  phone: 'Zavolajte nám na číslo {p}.',
  none: 'Kontaktné údaje nájdete na faktúre.',
});

const REGARDS = 'S pozdravom\n{{ organization.name }}';
const IGNORE = 'Ak ste už zaplatili, ďakujeme a túto správu, prosím, považujte za bezpredmetnú.';

export const sk = texts({
  pre_due: {
    subject: oneOrMany(
      'Faktúra {{ invoiceNumbersShort }} bude splatná {{ invoices.first.dueDateFormatted }}',
      'Blíži sa splatnosť faktúr {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'dovoľujeme si Vás upozorniť, že {{ invoice.dueDateFormatted }} bude splatná faktúra č. {{ invoice.number }}. ' +
          'Suma na úhradu je {{ invoice.openFormatted }}.',
        'dovoľujeme si Vás upozorniť, že sa blíži splatnosť týchto faktúr:\n\n{{ invoiceTable }}',
      ),
      'Ak už máte platbu pripravenú, ďakujeme – nemusíte robiť nič ďalšie.',
      PAYMENT,
      `Ak niečo nie je v poriadku alebo máte akúkoľvek otázku, dajte nám, prosím, vedieť. ${CONTACT}`,
      REGARDS,
    ),
  },
  due_today: {
    subject: oneOrMany(
      'Dnes je splatná faktúra {{ invoiceNumbersShort }}',
      'Splatnosť faktúr {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'len krátko pripomíname, že dnes, {{ invoice.dueDateFormatted }}, je splatná faktúra č. {{ invoice.number }}. ' +
          'Suma na úhradu je {{ invoice.openFormatted }}.',
        'len krátko pripomíname, že nastala splatnosť týchto faktúr:\n\n{{ invoiceTable }}',
      ),
      IGNORE,
      PAYMENT,
      `S prípadnými otázkami sa na nás neváhajte obrátiť. ${CONTACT}`,
      REGARDS,
    ),
  },
  overdue_first: {
    subject: oneOrMany(
      'Pripomienka úhrady faktúry {{ invoiceNumbersShort }}',
      'Pripomienka úhrady faktúr {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'pri kontrole platieb sme zistili, že faktúra č. {{ invoice.number }} so splatnosťou ' +
          '{{ invoice.dueDateFormatted }} zatiaľ nie je uhradená. Na úhradu zostáva {{ invoice.openFormatted }}.',
        'pri kontrole platieb sme zistili, že tieto faktúry zatiaľ nie sú uhradené:\n\n{{ invoiceTable }}',
      ),
      'Veríme, že ide len o prehliadnutie, a prosíme Vás o úhradu v najbližších dňoch.',
      PAYMENT,
      `Ak je ${oneOrMany('s faktúrou', 's niektorou z faktúr')} nejaký problém alebo by ste sa chceli dohodnúť ` +
        `na spôsobe úhrady, dajte nám, prosím, vedieť a spoločne to vyriešime. ${CONTACT}`,
      IGNORE,
      REGARDS,
    ),
  },
  overdue_firm: {
    subject: oneOrMany(
      'Upomienka úhrady faktúry {{ invoiceNumbersShort }}',
      'Upomienka úhrady faktúr {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'nedávno sme Vám pripomínali úhradu faktúry č. {{ invoice.number }} so splatnosťou ' +
          '{{ invoice.dueDateFormatted }}. Podľa našich záznamov zatiaľ nie je uhradená, na úhradu zostáva ' +
          '{{ invoice.openFormatted }}.',
        'nedávno sme Vám pripomínali úhradu nižšie uvedených faktúr. Podľa našich záznamov zatiaľ nie sú ' +
          'uhradené:\n\n{{ invoiceTable }}',
      ),
      'Prosíme Vás o úhradu najneskôr do siedmich dní. Ak platbe niečo bráni, napríklad nejasnosť na faktúre, ' +
        'chýbajúce číslo objednávky alebo problém s dodávkou, dajte nám, prosím, vedieť, aby sme to mohli ' +
        'spoločne vyriešiť.',
      'V najbližších dňoch Vám tiež zavoláme, aby sme si overili, či je všetko v poriadku.',
      PAYMENT,
      CONTACT,
      'Ak ste v posledných dňoch už zaplatili, ďakujeme a túto správu, prosím, považujte za bezpredmetnú.',
      REGARDS,
    ),
  },
  formal_demand: {
    subject: oneOrMany(
      'Výzva na úhradu faktúry {{ invoiceNumbersShort }}',
      'Výzva na úhradu faktúr {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'napriek našim predchádzajúcim upomienkam zostáva faktúra č. {{ invoice.number }} so splatnosťou ' +
          '{{ invoice.dueDateFormatted }} neuhradená. Dlžná suma je {{ invoice.openFormatted }}.',
        'napriek našim predchádzajúcim upomienkam zostávajú tieto faktúry neuhradené:\n\n{{ invoiceTable }}',
      ),
      'Vyzývame Vás preto na úhradu dlžnej sumy {{ totalOpenFormatted }} ' +
        '{% if deadline %}najneskôr do {{ deadline | date }}{% else %}bez zbytočného odkladu{% endif %}.',
      PAYMENT,
      'Ak s dlžnou sumou nesúhlasíte alebo ju nemôžete uhradiť naraz, ozvite sa nám, prosím' +
        '{% if deadline %}, ešte pred týmto dátumom{% endif %}. Radi sa s Vami dohodneme napríklad na splátkach. ' +
        CONTACT,
      'Ak ste v posledných dňoch už zaplatili, ďakujeme a tento list, prosím, považujte za bezpredmetný.',
      REGARDS,
    ),
  },
  lawsuit_warning: {
    subject: oneOrMany(
      'Predžalobná výzva na úhradu faktúry {{ invoiceNumbersShort }}',
      'Predžalobná výzva na úhradu faktúr {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'faktúra č. {{ invoice.number }} so splatnosťou {{ invoice.dueDateFormatted }} zostáva napriek našim ' +
          'upomienkam a výzve na úhradu neuhradená. Dlžná suma je {{ invoice.openFormatted }}.',
        'nižšie uvedené faktúry zostávajú napriek našim upomienkam a výzve na úhradu neuhradené:\n\n{{ invoiceTable }}',
      ),
      'Vyzývame Vás na úhradu celej dlžnej sumy {{ totalOpenFormatted }} najneskôr do {{ deadline | date }}. ' +
        'Ak platbu do tohto dňa nedostaneme, odovzdáme pohľadávku bez ďalšieho upozornenia advokátovi a budeme ' +
        'ju vymáhať súdnou cestou. V takom prípade Vám vzniknú ďalšie náklady, najmä trovy konania a právneho ' +
        'zastúpenia, úroky z omeškania a náklady spojené s uplatnením pohľadávky, ktorých úhradu budeme podľa ' +
        'zákona požadovať.',
      'Súdnemu konaniu by sme sa radi vyhli. Ak Vám v úhrade niečo bráni, ozvite sa nám, prosím, do ' +
        `{{ deadline | date }} a pokúsime sa spoločne nájsť riešenie. ${CONTACT}`,
      PAYMENT,
      'Ak ste medzitým už zaplatili, ďakujeme a tento list, prosím, považujte za bezpredmetný.',
      REGARDS,
    ),
  },
  handoff: {
    subject: oneOrMany(
      'Odovzdanie pohľadávky na vymáhanie: faktúra {{ invoiceNumbersShort }}',
      'Odovzdanie pohľadávky na vymáhanie: faktúry {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'keďže faktúra č. {{ invoice.number }} so splatnosťou {{ invoice.dueDateFormatted }} zostala napriek našim ' +
          'upomienkam a predžalobnej výzve neuhradená, odovzdali sme pohľadávku vo výške {{ invoice.openFormatted }} ' +
          'na vymáhanie.',
        'keďže nižšie uvedené faktúry zostali napriek našim upomienkam a predžalobnej výzve neuhradené, ' +
          'odovzdali sme pohľadávku v celkovej výške {{ totalOpenFormatted }} na vymáhanie:\n\n{{ invoiceTable }}',
      ),
      'V najbližšom čase Vás bude kontaktovať náš advokát, prípadne inkasná spoločnosť, a oznámi Vám ďalší ' +
        'postup. K dlžnej sume môžu teraz pribudnúť úroky z omeškania a náklady spojené s vymáhaním v rozsahu, ' +
        'ktorý ustanovuje zákon.',
      'Ak dlžnú sumu uhradíte teraz, dajte nám to, prosím, ihneď vedieť, aby sme mohli vymáhanie zastaviť. ' +
        CONTACT,
      PAYMENT,
      REGARDS,
    ),
  },
});
