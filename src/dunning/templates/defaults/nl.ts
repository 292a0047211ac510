import { contactSentence, FIRST_INVOICE, oneOrMany, paragraphs, texts } from './compose.ts';

/**
 * Dutch, "u": betalingsherinnering, tweede herinnering, aanmaning, laatste aanmaning
 * (ingebrekestelling), uit handen gegeven. Also sent to Flemish customers, so no Dutch statute is
 * cited. A consumer's "veertiendagenbrief" must state the collection costs in euros, which the
 * variables do not carry: for consumers in the Netherlands this text is not that letter.
 */

const HELLO =
  '{% if customer.contactName %}Beste {{ customer.contactName }},{% else %}Geachte heer/mevrouw,{% endif %}';
const FORMAL =
  '{% if customer.contactName %}Geachte {{ customer.contactName }},{% else %}Geachte heer/mevrouw,{% endif %}';

const PAYMENT = [
  'U kunt het bedrag overmaken naar:',
  'Ten name van: {{ organization.name }}',
  '{% if payment.iban %}IBAN: {{ payment.ibanFormatted }}',
  '{% if payment.bic %}BIC: {{ payment.bic }}',
  '{% endif %}{% if payment.bankName %}Bank: {{ payment.bankName }}',
  '{% endif %}{% else %}Rekeningnummer: zie de factuur',
  '{% endif %}Onder vermelding van: {{ payment.reference }}',
].join('\n');

const CONTACT = contactSentence({
  both: 'U kunt ons bereiken via {e} of telefonisch op {p}.',
  email: 'U kunt ons bereiken via {e}.',
  phone: 'U kunt ons telefonisch bereiken op {p}.',
  none: 'Onze contactgegevens vindt u op de factuur.',
});

const REGARDS = 'Met vriendelijke groet,\n{{ organization.name }}';

export const nl = texts({
  pre_due: {
    subject: oneOrMany(
      'Factuur {{ invoiceNumbersShort }} vervalt op {{ invoices.first.dueDateFormatted }}',
      'Binnenkort te betalen: facturen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Graag herinneren wij u eraan dat factuur {{ invoice.number }} op {{ invoice.dueDateFormatted }} vervalt. ' +
          'Het openstaande bedrag is {{ invoice.openFormatted }}.',
        'Graag herinneren wij u eraan dat de volgende facturen binnenkort vervallen:\n\n{{ invoiceTable }}',
      ),
      'Staat de betaling al klaar? Dank u wel, dan hoeft u verder niets te doen.',
      PAYMENT,
      `Klopt er iets niet of heeft u een vraag? Laat het ons gerust weten. ${CONTACT}`,
      REGARDS,
    ),
  },
  due_today: {
    subject: oneOrMany(
      'Factuur {{ invoiceNumbersShort }} vervalt vandaag',
      'Te betalen: facturen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Een korte herinnering: factuur {{ invoice.number }} vervalt vandaag, {{ invoice.dueDateFormatted }}. ' +
          'Het openstaande bedrag is {{ invoice.openFormatted }}.',
        'Een korte herinnering: de volgende facturen zijn nu te betalen:\n\n{{ invoiceTable }}',
      ),
      'Heeft u al betaald? Dan danken wij u hartelijk en kunt u dit bericht als niet verzonden beschouwen.',
      PAYMENT,
      `Heeft u vragen? Wij helpen u graag. ${CONTACT}`,
      REGARDS,
    ),
  },
  overdue_first: {
    subject: oneOrMany(
      'Betalingsherinnering factuur {{ invoiceNumbersShort }}',
      'Betalingsherinnering facturen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Volgens onze administratie is factuur {{ invoice.number }}, met vervaldatum {{ invoice.dueDateFormatted }}, ' +
          'nog niet betaald. Het openstaande bedrag is {{ invoice.openFormatted }}.',
        'Volgens onze administratie zijn de volgende facturen nog niet betaald:\n\n{{ invoiceTable }}',
      ),
      'Mogelijk is de betaling aan uw aandacht ontsnapt. Wij verzoeken u vriendelijk het bedrag binnen enkele ' +
        'dagen over te maken.',
      PAYMENT,
      `Is er iets mis met ${oneOrMany('de factuur', 'een van de facturen')} of wilt u een betalingsregeling ` +
        `bespreken? Neem dan gerust contact met ons op, dan zoeken we samen naar een oplossing. ${CONTACT}`,
      'Heeft u inmiddels betaald? Dan danken wij u hartelijk en kunt u deze herinnering als niet verzonden ' +
        'beschouwen.',
      REGARDS,
    ),
  },
  overdue_firm: {
    subject: oneOrMany(
      'Tweede herinnering factuur {{ invoiceNumbersShort }}',
      'Tweede herinnering facturen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Onlangs stuurden wij u een herinnering voor factuur {{ invoice.number }}, met vervaldatum ' +
          '{{ invoice.dueDateFormatted }}. Volgens onze administratie is deze nog steeds niet betaald; het ' +
          'openstaande bedrag is {{ invoice.openFormatted }}.',
        'Onlangs stuurden wij u een herinnering voor de onderstaande facturen. Volgens onze administratie zijn ' +
          'deze nog steeds niet betaald:\n\n{{ invoiceTable }}',
      ),
      'Wij verzoeken u het bedrag binnen zeven dagen over te maken. Staat er iets de betaling in de weg, zoals ' +
        'een onduidelijkheid op de factuur, een ontbrekend inkoopordernummer of een probleem met de levering? ' +
        'Laat het ons dan weten, zodat we het samen kunnen oplossen.',
      'In de komende dagen bellen wij u ook even om na te gaan of alles in orde is.',
      PAYMENT,
      CONTACT,
      'Heeft u de afgelopen dagen al betaald? Dan danken wij u hartelijk en kunt u deze herinnering als niet ' +
        'verzonden beschouwen.',
      REGARDS,
    ),
  },
  formal_demand: {
    subject: oneOrMany(
      'Aanmaning factuur {{ invoiceNumbersShort }}',
      'Aanmaning facturen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + FORMAL,
      oneOrMany(
        'Ondanks onze eerdere herinneringen is factuur {{ invoice.number }}, met vervaldatum ' +
          '{{ invoice.dueDateFormatted }}, nog altijd niet betaald. Het openstaande bedrag is {{ invoice.openFormatted }}.',
        'Ondanks onze eerdere herinneringen zijn de volgende facturen nog altijd niet betaald:\n\n{{ invoiceTable }}',
      ),
      'Wij verzoeken u daarom het openstaande bedrag van {{ totalOpenFormatted }} ' +
        '{% if deadline %}uiterlijk {{ deadline | date }}{% else %}zo spoedig mogelijk{% endif %} aan ons over te maken.',
      PAYMENT,
      'Bent u het niet eens met het bedrag of kunt u niet in één keer betalen? Neem dan' +
        '{% if deadline %} vóór die datum{% endif %} contact met ons op; wij bespreken graag een betalingsregeling ' +
        `met u. ${CONTACT}`,
      'Heeft u de afgelopen dagen al betaald? Dan kunt u deze aanmaning als niet verzonden beschouwen.',
      REGARDS,
    ),
  },
  lawsuit_warning: {
    subject: oneOrMany(
      'Laatste aanmaning factuur {{ invoiceNumbersShort }}',
      'Laatste aanmaning facturen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + FORMAL,
      oneOrMany(
        'Ondanks onze herinneringen en aanmaning is factuur {{ invoice.number }}, met vervaldatum ' +
          '{{ invoice.dueDateFormatted }}, nog altijd niet betaald. Het openstaande bedrag is {{ invoice.openFormatted }}.',
        'Ondanks onze herinneringen en aanmaning zijn de volgende facturen nog altijd niet betaald:\n\n' +
          '{{ invoiceTable }}',
      ),
      'Wij verzoeken u dringend het volledige bedrag van {{ totalOpenFormatted }} uiterlijk {{ deadline | date }} ' +
        'aan ons over te maken. Hebben wij het bedrag dan niet ontvangen, dan dragen wij de vordering zonder ' +
        'verdere aankondiging over aan een incassobureau of advocaat, die haar zo nodig via de rechter zal innen. ' +
        'De buitengerechtelijke incassokosten, de wettelijke rente en eventuele proceskosten komen in dat geval, ' +
        'zoals de wet bepaalt, voor uw rekening.',
      'Deze brief geldt als ingebrekestelling.',
      'Wij willen een gerechtelijke procedure liever voorkomen. Heeft u moeite met betalen? Neem dan vóór ' +
        `{{ deadline | date }} contact met ons op, dan zoeken we samen naar een oplossing. ${CONTACT}`,
      PAYMENT,
      'Heeft uw betaling deze brief gekruist? Dan kunt u deze als niet verzonden beschouwen.',
      REGARDS,
    ),
  },
  handoff: {
    subject: oneOrMany(
      'Vordering uit handen gegeven: factuur {{ invoiceNumbersShort }}',
      'Vordering uit handen gegeven: facturen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + FORMAL,
      oneOrMany(
        'Omdat factuur {{ invoice.number }}, met vervaldatum {{ invoice.dueDateFormatted }}, ondanks onze ' +
          'herinneringen en laatste aanmaning onbetaald is gebleven, hebben wij de vordering van ' +
          '{{ invoice.openFormatted }} uit handen gegeven.',
        'Omdat de volgende facturen ondanks onze herinneringen en laatste aanmaning onbetaald zijn gebleven, ' +
          'hebben wij de vordering van in totaal {{ totalOpenFormatted }} uit handen gegeven:\n\n{{ invoiceTable }}',
      ),
      'Ons incassobureau of onze advocaat neemt binnenkort contact met u op over de verdere afhandeling. Naast ' +
        'het openstaande bedrag kunnen nu ook de wettelijke rente en incassokosten in rekening worden gebracht, ' +
        'zoals de wet bepaalt.',
      'Betaalt u het bedrag nu alsnog? Laat het ons dan direct weten, zodat wij de incasso kunnen stopzetten. ' +
        CONTACT,
      PAYMENT,
      REGARDS,
    ),
  },
});
