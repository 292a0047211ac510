import { contactSentence, FIRST_INVOICE, oneOrMany, paragraphs, texts } from './compose.ts';

/** British English: courtesy reminder, reminders, formal request, final notice before legal action. */

const HELLO = '{% if customer.contactName %}Dear {{ customer.contactName }},{% else %}Hello,{% endif %}';
const DEAR =
  '{% if customer.contactName %}Dear {{ customer.contactName }},{% else %}Dear Sir or Madam,{% endif %}';

const PAYMENT = [
  'You can pay by bank transfer using these details:',
  'Account name: {{ organization.name }}',
  '{% if payment.iban %}{% if payment.accountNumber %}Sort code and account number: {{ payment.accountNumber }}',
  '{% endif %}IBAN: {{ payment.ibanFormatted }}',
  '{% if payment.bic %}BIC: {{ payment.bic }}',
  '{% endif %}{% if payment.bankName %}Bank: {{ payment.bankName }}',
  '{% endif %}{% else %}Bank account: as shown on the invoice',
  '{% endif %}Payment reference: {{ payment.reference }}',
].join('\n');

const CONTACT = contactSentence({
  both: 'You can reach us at {e} or on {p}.',
  email: 'You can reach us at {e}.',
  phone: 'You can reach us on {p}.',
  none: 'You will find our contact details on the invoice.',
});

const REGARDS = 'Kind regards,\n{{ organization.name }}';
const YOURS =
  '{% if customer.contactName %}Yours sincerely,{% else %}Yours faithfully,{% endif %}\n{{ organization.name }}';

export const en = texts({
  pre_due: {
    subject: oneOrMany(
      'Invoice {{ invoiceNumbersShort }} is due on {{ invoices.first.dueDateFormatted }}',
      'Invoices {{ invoiceNumbersShort }} are due for payment soon',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'Just a courtesy reminder that invoice {{ invoice.number }} is due for payment on ' +
          '{{ invoice.dueDateFormatted }}. The amount due is {{ invoice.openFormatted }}.',
        'Just a courtesy reminder that the following invoices are due for payment shortly:\n\n{{ invoiceTable }}',
      ),
      'If payment is already on its way, thank you: there is nothing more you need to do.',
      PAYMENT,
      `If anything doesn't look right, or you have a question, just let us know. ${CONTACT}`,
      REGARDS,
    ),
  },
  due_today: {
    subject: oneOrMany(
      'Invoice {{ invoiceNumbersShort }} is due today',
      'Payment due: invoices {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'A friendly reminder that invoice {{ invoice.number }} for {{ invoice.openFormatted }} is due for ' +
          'payment today, {{ invoice.dueDateFormatted }}.',
        'A friendly reminder that the following invoices are now due for payment:\n\n{{ invoiceTable }}',
      ),
      'If you have already paid, thank you, and please ignore this message.',
      PAYMENT,
      `If you have any questions, we are happy to help. ${CONTACT}`,
      REGARDS,
    ),
  },
  overdue_first: {
    subject: oneOrMany(
      'Payment reminder: invoice {{ invoiceNumbersShort }}',
      'Payment reminder: invoices {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'We hope you are well. According to our records, invoice {{ invoice.number }}, which was due on ' +
          '{{ invoice.dueDateFormatted }}, has not been paid yet. The amount outstanding is {{ invoice.openFormatted }}.',
        'We hope you are well. According to our records, the following invoices have not been paid yet:\n\n' +
          '{{ invoiceTable }}',
      ),
      'We know invoices can sometimes slip through the net, so we would be grateful if you could arrange ' +
        'payment at your earliest convenience.',
      PAYMENT,
      `If there is a problem with ${oneOrMany('the invoice', 'one of the invoices')}, or you would like to talk about payment, please get in touch and we will sort it out together. ${CONTACT}`,
      'If you have already paid, thank you, and please disregard this reminder.',
      REGARDS,
    ),
  },
  overdue_firm: {
    subject: oneOrMany(
      'Second reminder: invoice {{ invoiceNumbersShort }}',
      'Second reminder: invoices {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + HELLO,
      oneOrMany(
        'We wrote to you recently about invoice {{ invoice.number }}, which was due on {{ invoice.dueDateFormatted }}. ' +
          'According to our records it is still unpaid, with {{ invoice.openFormatted }} outstanding.',
        'We wrote to you recently about the invoices below. According to our records they are still unpaid:\n\n' +
          '{{ invoiceTable }}',
      ),
      'Please arrange payment within the next seven days. If something is holding up payment, such as a query ' +
        'about the invoice, a missing purchase order number or a problem with the delivery, please let us know ' +
        'so that we can resolve it together.',
      'A member of our team will also give you a call in the next few days to make sure everything is in order.',
      PAYMENT,
      CONTACT,
      'If you have paid in the last few days, thank you, and please disregard this reminder.',
      REGARDS,
    ),
  },
  formal_demand: {
    subject: oneOrMany(
      'Formal request for payment: invoice {{ invoiceNumbersShort }}',
      'Formal request for payment: invoices {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + DEAR,
      oneOrMany(
        'Despite our earlier reminders, invoice {{ invoice.number }}, which was due on {{ invoice.dueDateFormatted }}, ' +
          'remains unpaid. The amount outstanding is {{ invoice.openFormatted }}.',
        'Despite our earlier reminders, the following invoices remain unpaid:\n\n{{ invoiceTable }}',
      ),
      'We therefore ask you to pay the outstanding amount of {{ totalOpenFormatted }} ' +
        '{% if deadline %}by {{ deadline | date }}{% else %}without further delay{% endif %}.',
      PAYMENT,
      'If you dispute any part of this amount, or cannot pay it in full at once, please contact us' +
        '{% if deadline %} before that date{% endif %} so that we can discuss it; we can, for example, agree ' +
        `an instalment plan. ${CONTACT}`,
      'If you have paid in the last few days, thank you, and please disregard this letter.',
      YOURS,
    ),
  },
  lawsuit_warning: {
    subject: oneOrMany(
      'Final notice before legal action: invoice {{ invoiceNumbersShort }}',
      'Final notice before legal action: invoices {{ invoiceNumbersShort }}',
    ),
    body: paragraphs(
      FIRST_INVOICE + DEAR,
      oneOrMany(
        'Invoice {{ invoice.number }}, which was due on {{ invoice.dueDateFormatted }}, remains unpaid despite our ' +
          'reminders and our formal request for payment. The amount outstanding is {{ invoice.openFormatted }}.',
        'The following invoices remain unpaid despite our reminders and our formal request for payment:\n\n' +
          '{{ invoiceTable }}',
      ),
      'Unless we receive the full amount of {{ totalOpenFormatted }} by {{ deadline | date }}, we will pass the ' +
        'claim to our solicitors or a debt collection agency, without further notice, to recover it through the ' +
        'courts. You would then also be liable for the costs of recovery, court fees and statutory interest, as ' +
        'the law allows.',
      'We would much prefer to resolve this without going to court. If there is a reason you cannot pay, please ' +
        `contact us before {{ deadline | date }} and we will do our best to find a solution with you. ${CONTACT}`,
      PAYMENT,
      'If your payment has crossed with this letter, thank you, and please disregard it.',
      YOURS,
    ),
  },
  handoff: {
    subject: oneOrMany(
      'Invoice {{ invoiceNumbersShort }} has been passed for collection',
      'Invoices {{ invoiceNumbersShort }} have been passed for collection',
    ),
    body: paragraphs(
      FIRST_INVOICE + DEAR,
      oneOrMany(
        'As invoice {{ invoice.number }}, which was due on {{ invoice.dueDateFormatted }}, has remained unpaid ' +
          'despite our reminders and our final notice, we have now passed the claim of {{ invoice.openFormatted }} ' +
          'to our solicitors or collection agency for recovery.',
        'As the following invoices have remained unpaid despite our reminders and our final notice, we have now ' +
          'passed the claim of {{ totalOpenFormatted }} in total to our solicitors or collection agency for ' +
          'recovery:\n\n{{ invoiceTable }}',
      ),
      'They will contact you shortly about the next steps. Interest and the costs of recovery may now be added ' +
        'to the amount owed, as the law allows.',
      `If you pay the outstanding amount now, please let us know straight away so that we can stop the recovery. ${CONTACT}`,
      PAYMENT,
      YOURS,
    ),
  },
});
