import { contactSentence, FIRST_INVOICE, oneOrMany, paragraphs, texts } from './compose.ts';

/**
 * German, "Sie": Zahlungserinnerung, zweite Zahlungserinnerung, Mahnung, letzte Mahnung, Übergabe.
 * After the salutation's comma the text continues in lower case. No paragraph numbers of the BGB:
 * the same texts go to Austria.
 */

const HELLO =
  '{% if customer.contactName %}Guten Tag {{ customer.contactName }},{% else %}Guten Tag,{% endif %}';
const FORMAL =
  '{% if customer.contactName %}Guten Tag {{ customer.contactName }},{% else %}Sehr geehrte Damen und Herren,{% endif %}';

const PAYMENT = [
  'Unsere Bankverbindung:',
  'Kontoinhaber: {{ organization.name }}',
  '{% if payment.iban %}IBAN: {{ payment.ibanFormatted }}',
  '{% if payment.bic %}BIC: {{ payment.bic }}',
  '{% endif %}{% if payment.bankName %}Bank: {{ payment.bankName }}',
  '{% endif %}{% else %}IBAN: siehe Rechnung',
  '{% endif %}Verwendungszweck: {{ payment.reference }}',
].join('\n');

const CONTACT = contactSentence({
  both: 'Sie erreichen uns per E-Mail an {e} oder telefonisch unter {p}.',
  email: 'Sie erreichen uns per E-Mail an {e}.',
  phone: 'Sie erreichen uns telefonisch unter {p}.',
  none: 'Unsere Kontaktdaten finden Sie auf der Rechnung.',
});

const REGARDS = 'Freundliche Grüße\n{{ organization.name }}';
const FORMAL_REGARDS = 'Mit freundlichen Grüßen\n{{ organization.name }}';
const PAID_RECENTLY =
  'Sollten Sie in den letzten Tagen bereits gezahlt haben, danken wir Ihnen und bitten Sie, dieses Schreiben ' +
  'als gegenstandslos zu betrachten.';

export const de = texts({
  pre_due: {
    subject: oneOrMany(
      'Rechnung {{ invoiceNumbersShort }} wird am {{ invoices.first.dueDateFormatted }} fällig',
      'Bald fällig: Rechnungen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'wir möchten Sie freundlich daran erinnern, dass unsere Rechnung {{ invoice.number }} am ' +
          '{{ invoice.dueDateFormatted }} fällig wird. Der offene Betrag beläuft sich auf {{ invoice.openFormatted }}.',
        'wir möchten Sie freundlich daran erinnern, dass die folgenden Rechnungen in Kürze fällig werden:\n\n' +
          '{{ invoiceTable }}',
      ),
      'Falls Sie die Zahlung bereits veranlasst haben, vielen Dank – dann müssen Sie nichts weiter tun.',
      PAYMENT,
      `Wenn etwas nicht stimmt oder Sie Fragen haben, geben Sie uns gern Bescheid. ${CONTACT}`,
      REGARDS,
    ),
  },
  due_today: {
    subject: oneOrMany(
      'Rechnung {{ invoiceNumbersShort }} ist heute fällig',
      'Fällige Rechnungen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'wir möchten Sie kurz daran erinnern, dass unsere Rechnung {{ invoice.number }} heute, am ' +
          '{{ invoice.dueDateFormatted }}, fällig ist. Der offene Betrag beläuft sich auf {{ invoice.openFormatted }}.',
        'wir möchten Sie kurz daran erinnern, dass die folgenden Rechnungen jetzt fällig sind:\n\n{{ invoiceTable }}',
      ),
      'Falls Sie bereits gezahlt haben, vielen Dank – dann betrachten Sie diese Nachricht bitte als gegenstandslos.',
      PAYMENT,
      `Bei Fragen helfen wir Ihnen gern weiter. ${CONTACT}`,
      REGARDS,
    ),
  },
  overdue_first: {
    subject: oneOrMany(
      'Zahlungserinnerung: Rechnung {{ invoiceNumbersShort }}',
      'Zahlungserinnerung: Rechnungen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'bei der Durchsicht unserer Buchhaltung haben wir festgestellt, dass unsere Rechnung {{ invoice.number }}, ' +
          'fällig am {{ invoice.dueDateFormatted }}, noch nicht beglichen ist. Offen ist noch ein Betrag von ' +
          '{{ invoice.openFormatted }}.',
        'bei der Durchsicht unserer Buchhaltung haben wir festgestellt, dass die folgenden Rechnungen noch nicht ' +
          'beglichen sind:\n\n{{ invoiceTable }}',
      ),
      'Im Tagesgeschäft geht so etwas leicht unter. Wir bitten Sie daher, den Betrag in den nächsten Tagen zu ' +
        'überweisen.',
      PAYMENT,
      `Falls es ${oneOrMany('mit der Rechnung', 'mit einer der Rechnungen')} ein Problem gibt oder Sie eine ` +
        `Zahlungsvereinbarung treffen möchten, sprechen Sie uns gern an – wir finden gemeinsam eine Lösung. ${CONTACT}`,
      'Sollten Sie die Zahlung bereits veranlasst haben, danken wir Ihnen und bitten Sie, dieses Schreiben als ' +
        'gegenstandslos zu betrachten.',
      REGARDS,
    ),
  },
  overdue_firm: {
    subject: oneOrMany(
      'Zweite Zahlungserinnerung: Rechnung {{ invoiceNumbersShort }}',
      'Zweite Zahlungserinnerung: Rechnungen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'vor Kurzem haben wir Sie an unsere Rechnung {{ invoice.number }}, fällig am {{ invoice.dueDateFormatted }}, ' +
          'erinnert. Nach unseren Unterlagen ist sie noch nicht beglichen; offen sind {{ invoice.openFormatted }}.',
        'vor Kurzem haben wir Sie an die folgenden Rechnungen erinnert. Nach unseren Unterlagen sind sie noch ' +
          'nicht beglichen:\n\n{{ invoiceTable }}',
      ),
      'Bitte überweisen Sie den offenen Betrag innerhalb der nächsten sieben Tage. Falls der Zahlung etwas im ' +
        'Wege steht, etwa eine Unklarheit in der Rechnung, eine fehlende Bestellnummer oder ein Problem mit der ' +
        'Lieferung, geben Sie uns bitte Bescheid, damit wir es gemeinsam klären können.',
      'In den nächsten Tagen werden wir Sie außerdem anrufen, um sicherzugehen, dass alles in Ordnung ist.',
      PAYMENT,
      CONTACT,
      PAID_RECENTLY,
      REGARDS,
    ),
  },
  formal_demand: {
    subject: oneOrMany(
      'Mahnung: Rechnung {{ invoiceNumbersShort }}',
      'Mahnung: Rechnungen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + FORMAL,
      oneOrMany(
        'trotz unserer Zahlungserinnerungen ist unsere Rechnung {{ invoice.number }}, fällig am ' +
          '{{ invoice.dueDateFormatted }}, weiterhin offen. Der offene Betrag beläuft sich auf {{ invoice.openFormatted }}.',
        'trotz unserer Zahlungserinnerungen sind die folgenden Rechnungen weiterhin offen:\n\n{{ invoiceTable }}',
      ),
      'Wir fordern Sie daher auf, den offenen Betrag von {{ totalOpenFormatted }} ' +
        '{% if deadline %}bis spätestens {{ deadline | date }}{% else %}unverzüglich{% endif %} auf unser Konto ' +
        'zu überweisen.',
      PAYMENT,
      'Sollten Sie mit der Forderung nicht einverstanden sein oder den Betrag nicht auf einmal begleichen können, ' +
        'sprechen Sie uns bitte{% if deadline %} noch vor diesem Termin{% endif %} an. Gern vereinbaren wir mit ' +
        `Ihnen zum Beispiel eine Ratenzahlung. ${CONTACT}`,
      PAID_RECENTLY,
      FORMAL_REGARDS,
    ),
  },
  lawsuit_warning: {
    subject: oneOrMany(
      'Letzte Mahnung vor rechtlichen Schritten: Rechnung {{ invoiceNumbersShort }}',
      'Letzte Mahnung vor rechtlichen Schritten: Rechnungen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + FORMAL,
      oneOrMany(
        'unsere Rechnung {{ invoice.number }}, fällig am {{ invoice.dueDateFormatted }}, ist trotz unserer ' +
          'Zahlungserinnerungen und unserer Mahnung weiterhin offen. Der offene Betrag beläuft sich auf ' +
          '{{ invoice.openFormatted }}.',
        'die folgenden Rechnungen sind trotz unserer Zahlungserinnerungen und unserer Mahnung weiterhin offen:\n\n' +
          '{{ invoiceTable }}',
      ),
      'Wir fordern Sie hiermit letztmalig auf, den Gesamtbetrag von {{ totalOpenFormatted }} bis spätestens ' +
        '{{ deadline | date }} auf unser Konto zu überweisen. Geht die Zahlung bis dahin nicht bei uns ein, werden ' +
        'wir die Forderung ohne weitere Ankündigung an einen Rechtsanwalt oder ein Inkassounternehmen übergeben und ' +
        'gerichtlich geltend machen. Die dadurch entstehenden Kosten sowie Verzugszinsen gehen dann nach den ' +
        'gesetzlichen Bestimmungen zu Ihren Lasten.',
      'Eine gerichtliche Auseinandersetzung würden wir gern vermeiden. Falls Ihnen die Zahlung derzeit ' +
        'Schwierigkeiten bereitet, sprechen Sie uns bitte bis zum {{ deadline | date }} an, damit wir gemeinsam ' +
        `eine Lösung finden. ${CONTACT}`,
      PAYMENT,
      'Sollte sich Ihre Zahlung mit diesem Schreiben überschnitten haben, betrachten Sie es bitte als gegenstandslos.',
      FORMAL_REGARDS,
    ),
  },
  handoff: {
    subject: oneOrMany(
      'Übergabe der Forderung: Rechnung {{ invoiceNumbersShort }}',
      'Übergabe der Forderung: Rechnungen {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + FORMAL,
      oneOrMany(
        'da unsere Rechnung {{ invoice.number }}, fällig am {{ invoice.dueDateFormatted }}, trotz unserer Mahnungen ' +
          'offen geblieben ist, haben wir die Forderung über {{ invoice.openFormatted }} an einen Rechtsanwalt bzw. ' +
          'ein Inkassounternehmen übergeben.',
        'da die folgenden Rechnungen trotz unserer Mahnungen offen geblieben sind, haben wir die Forderung über ' +
          'insgesamt {{ totalOpenFormatted }} an einen Rechtsanwalt bzw. ein Inkassounternehmen übergeben:\n\n' +
          '{{ invoiceTable }}',
      ),
      'Sie werden in Kürze von dort über das weitere Vorgehen informiert. Zu dem offenen Betrag können nun ' +
        'Verzugszinsen und Kosten der Rechtsverfolgung nach den gesetzlichen Bestimmungen hinzukommen.',
      'Wenn Sie den Betrag jetzt begleichen, geben Sie uns bitte umgehend Bescheid, damit wir das Verfahren ' +
        `stoppen können. ${CONTACT}`,
      PAYMENT,
      FORMAL_REGARDS,
    ),
  },
});
