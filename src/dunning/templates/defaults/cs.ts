import { contactSentence, FIRST_INVOICE, oneOrMany, paragraphs, texts } from './compose.ts';

/**
 * Czech, formal vykání with the courtesy capital (Vás, Vám). "Dobrý den," is neutral and needs no
 * vocative; after the comma the text continues in lower case (ČSN 01 6910). The lawsuit warning is
 * a předžalobní výzva under § 142a o. s. ř.
 */

const HELLO = 'Dobrý den,';

const PAYMENT = [
  'Platební údaje:',
  'Příjemce: {{ organization.name }}',
  '{% if payment.iban %}{% if payment.accountNumber %}Číslo účtu: {{ payment.accountNumber }}',
  '{% endif %}IBAN: {{ payment.ibanFormatted }}',
  '{% if payment.bic %}BIC (SWIFT): {{ payment.bic }}',
  '{% endif %}{% if payment.bankName %}Banka: {{ payment.bankName }}',
  '{% endif %}{% else %}Číslo účtu: uvedeno na faktuře',
  '{% endif %}{% if payment.variableSymbol %}Variabilní symbol: {{ payment.variableSymbol }}' +
    '{% else %}Reference platby: {{ payment.reference }}{% endif %}',
].join('\n');

const CONTACT = contactSentence({
  both: 'Napište nám na {e} nebo nám zavolejte na číslo {p}.',
  email: 'Napište nám na {e}.',
  phone: 'Zavolejte nám na číslo {p}.',
  none: 'Kontaktní údaje najdete na faktuře.',
});

const REGARDS = 'S pozdravem\n{{ organization.name }}';
const IGNORE = 'Pokud jste již zaplatili, děkujeme a tuto zprávu prosím považujte za bezpředmětnou.';

export const cs = texts({
  pre_due: {
    subject: oneOrMany(
      'Faktura {{ invoiceNumbersShort }} bude splatná {{ invoices.first.dueDateFormatted }}',
      'Blíží se splatnost faktur {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'dovolujeme si Vás upozornit, že {{ invoice.dueDateFormatted }} bude splatná faktura č. {{ invoice.number }}. ' +
          'Částka k úhradě činí {{ invoice.openFormatted }}.',
        'dovolujeme si Vás upozornit, že se blíží splatnost těchto faktur:\n\n{{ invoiceTable }}',
      ),
      'Pokud už máte platbu připravenou, děkujeme – nemusíte nic dalšího dělat.',
      PAYMENT,
      `Pokud Vám cokoli nesouhlasí nebo máte jakýkoli dotaz, dejte nám prosím vědět. ${CONTACT}`,
      REGARDS,
    ),
  },
  due_today: {
    subject: oneOrMany(
      'Dnes je splatná faktura {{ invoiceNumbersShort }}',
      'Splatnost faktur {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'jen krátce připomínáme, že dnes, {{ invoice.dueDateFormatted }}, je splatná faktura č. {{ invoice.number }}. ' +
          'Částka k úhradě činí {{ invoice.openFormatted }}.',
        'jen krátce připomínáme, že nastala splatnost těchto faktur:\n\n{{ invoiceTable }}',
      ),
      IGNORE,
      PAYMENT,
      `S případnými dotazy se na nás neváhejte obrátit. ${CONTACT}`,
      REGARDS,
    ),
  },
  overdue_first: {
    subject: oneOrMany(
      'Připomínka úhrady faktury {{ invoiceNumbersShort }}',
      'Připomínka úhrady faktur {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'při kontrole plateb jsme zjistili, že faktura č. {{ invoice.number }} se splatností ' +
          '{{ invoice.dueDateFormatted }} zatím není uhrazena. K úhradě zbývá {{ invoice.openFormatted }}.',
        'při kontrole plateb jsme zjistili, že tyto faktury zatím nejsou uhrazeny:\n\n{{ invoiceTable }}',
      ),
      'Věříme, že jde jen o přehlédnutí, a prosíme Vás o úhradu v nejbližších dnech.',
      PAYMENT,
      `Pokud je ${oneOrMany('s fakturou', 's některou z faktur')} nějaký problém nebo byste se chtěli domluvit ` +
        `na způsobu úhrady, dejte nám prosím vědět a společně to vyřešíme. ${CONTACT}`,
      IGNORE,
      REGARDS,
    ),
  },
  overdue_firm: {
    subject: oneOrMany(
      'Upomínka úhrady faktury {{ invoiceNumbersShort }}',
      'Upomínka úhrady faktur {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'nedávno jsme Vám připomínali úhradu faktury č. {{ invoice.number }} se splatností ' +
          '{{ invoice.dueDateFormatted }}. Podle našich záznamů zatím uhrazena není, k úhradě zbývá ' +
          '{{ invoice.openFormatted }}.',
        'nedávno jsme Vám připomínali úhradu níže uvedených faktur. Podle našich záznamů zatím uhrazeny nejsou:\n\n' +
          '{{ invoiceTable }}',
      ),
      'Prosíme Vás o úhradu nejpozději do sedmi dnů. Pokud platbě něco brání, například nejasnost na faktuře, ' +
        'chybějící číslo objednávky nebo problém s dodávkou, dejte nám prosím vědět, abychom to mohli společně ' +
        'vyřešit.',
      'V příštích dnech Vám také zavoláme, abychom si ověřili, že je vše v pořádku.',
      PAYMENT,
      CONTACT,
      'Pokud jste v posledních dnech již zaplatili, děkujeme a tuto zprávu prosím považujte za bezpředmětnou.',
      REGARDS,
    ),
  },
  formal_demand: {
    subject: oneOrMany(
      'Výzva k úhradě faktury {{ invoiceNumbersShort }}',
      'Výzva k úhradě faktur {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'přes naše předchozí upomínky zůstává faktura č. {{ invoice.number }} se splatností ' +
          '{{ invoice.dueDateFormatted }} neuhrazena. Dlužná částka činí {{ invoice.openFormatted }}.',
        'přes naše předchozí upomínky zůstávají tyto faktury neuhrazeny:\n\n{{ invoiceTable }}',
      ),
      'Vyzýváme Vás proto k úhradě dlužné částky {{ totalOpenFormatted }} ' +
        '{% if deadline %}nejpozději do {{ deadline | date }}{% else %}bez zbytečného odkladu{% endif %}.',
      PAYMENT,
      'Pokud s dlužnou částkou nesouhlasíte nebo ji nemůžete uhradit najednou, ozvěte se nám prosím' +
        '{% if deadline %} ještě před tímto datem{% endif %}. Rádi se s Vámi domluvíme například na splátkách. ' +
        CONTACT,
      'Pokud jste v posledních dnech již zaplatili, děkujeme a tento dopis prosím považujte za bezpředmětný.',
      REGARDS,
    ),
  },
  lawsuit_warning: {
    subject: oneOrMany(
      'Předžalobní výzva k úhradě faktury {{ invoiceNumbersShort }}',
      'Předžalobní výzva k úhradě faktur {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'faktura č. {{ invoice.number }} se splatností {{ invoice.dueDateFormatted }} zůstává i přes naše upomínky ' +
          'a výzvu k úhradě neuhrazena. Dlužná částka činí {{ invoice.openFormatted }}.',
        'níže uvedené faktury zůstávají i přes naše upomínky a výzvu k úhradě neuhrazeny:\n\n{{ invoiceTable }}',
      ),
      'Vyzýváme Vás k úhradě celé dlužné částky {{ totalOpenFormatted }} nejpozději do {{ deadline | date }}. ' +
        'Pokud platbu do tohoto dne neobdržíme, předáme pohledávku bez dalšího upozornění právnímu zástupci ' +
        'a budeme ji vymáhat soudní cestou. V takovém případě Vám vzniknou další náklady, zejména náklady ' +
        'soudního řízení a právního zastoupení, úroky z prodlení a náklady spojené s uplatněním pohledávky, ' +
        'jejichž úhradu budeme podle zákona požadovat.',
      'Tato výzva je předžalobní výzvou podle § 142a občanského soudního řádu.',
      'Soudnímu řízení bychom se rádi vyhnuli. Pokud Vám v úhradě něco brání, ozvěte se nám prosím do ' +
        `{{ deadline | date }} a pokusíme se společně najít řešení. ${CONTACT}`,
      PAYMENT,
      'Pokud jste mezitím již zaplatili, děkujeme a tento dopis prosím považujte za bezpředmětný.',
      REGARDS,
    ),
  },
  handoff: {
    subject: oneOrMany(
      'Předání pohledávky k vymáhání: faktura {{ invoiceNumbersShort }}',
      'Předání pohledávky k vymáhání: faktury {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'protože faktura č. {{ invoice.number }} se splatností {{ invoice.dueDateFormatted }} zůstala i přes naše ' +
          'upomínky a předžalobní výzvu neuhrazena, předali jsme pohledávku ve výši {{ invoice.openFormatted }} ' +
          'k vymáhání.',
        'protože níže uvedené faktury zůstaly i přes naše upomínky a předžalobní výzvu neuhrazeny, předali jsme ' +
          'pohledávku v celkové výši {{ totalOpenFormatted }} k vymáhání:\n\n{{ invoiceTable }}',
      ),
      'V nejbližší době Vás bude kontaktovat náš právní zástupce, případně inkasní agentura, a sdělí Vám další ' +
        'postup. K dlužné částce mohou nyní přibýt úroky z prodlení a náklady spojené s vymáháním v rozsahu, ' +
        'který stanoví zákon.',
      'Pokud dlužnou částku uhradíte nyní, dejte nám to prosím ihned vědět, abychom mohli vymáhání zastavit. ' +
        CONTACT,
      PAYMENT,
      REGARDS,
    ),
  },
});
