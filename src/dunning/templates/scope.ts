import { normalizeIban } from '../../kernel/iban.ts';
import type { MessageVars } from '../model.ts';
import {
  domesticAccount,
  formatDate,
  formatIban,
  formatList,
  formatMoney,
  formatShortList,
} from './format.ts';
import type { InvoiceTable } from './invoice-table.ts';

/**
 * What a template sees: MessageVars, copied into fresh objects of which templates can read only own
 * properties (so there is no `constructor`, `__proto__` or `toString` to reach), plus values
 * formatted in the customer's locale so template authors never format money or dates by hand.
 */

/**
 * Stands where `{{ invoiceTable }}` was output; replaced after rendering by the text table in the text
 * part and by an HTML table in the HTML part. NUL never survives in scope strings (see `clean`).
 */
export const INVOICE_TABLE_MARK = '\u0000invoiceTable\u0000';

/** The documented variables, for the template editor and for error hints. */
export const TEMPLATE_VARIABLES: readonly (readonly [name: string, description: string])[] = Object.freeze([
  ['language', "the customer's language: en cs sk de nl nb"],
  ['today', 'the day of the run, ISO (2026-03-31); todayFormatted in the local convention'],
  ['level.position / level.name / level.kind', 'the dunning level this message is for'],
  ['organization.name / .country / .email / .phone', 'your organisation (email and phone may be empty)'],
  ['customer.name / .kind / .country / .contactName / .address', 'the customer; contactName may be empty'],
  [
    'invoices',
    'list; each has number, issueDate, dueDate, daysOverdue, currency, total, open (minor units) and ' +
      'openFormatted, totalFormatted, dueDateFormatted, issueDateFormatted',
  ],
  ['invoiceCount', 'how many invoices the message is about'],
  ['invoiceNumbers', 'the invoice numbers as a list in the language: "2026-0042, 2026-0043 and 2026-0051"'],
  ['invoiceNumbersShort', 'the same for a subject: from five invoices on, "A, B, C and 2 more"'],
  ['invoiceTable', 'a table of the invoices (number, due date, amount due) and the total; output it alone'],
  ['currency / totalOpen / totalOpenFormatted', 'the total amount due, minor units and formatted'],
  [
    'payment.iban / .ibanFormatted / .bic / .bankName / .reference',
    'where and how to pay (iban, bic, bankName may be empty)',
  ],
  ['payment.accountNumber', 'the domestic account number (CZ, NO, GB) when the customer is in that country'],
  ['payment.variableSymbol', 'the reference when it is a Czech/Slovak variable symbol (up to 10 digits)'],
  ['deadline / deadlineFormatted', 'pay-by day of a formal demand or lawsuit warning, or empty'],
  ['filters', 'money (`{{ totalOpen | money: currency }}`), date (`{{ deadline | date }}`, `date: "long"`)'],
]);

export interface TemplateScope {
  /** The frozen, prototype-free variables handed to LiquidJS. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly table: InvoiceTable;
}

// C0 controls (except tab and newline) and DEL: nothing legitimate, and NUL is our table mark.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function clean(text: string): string {
  return text.replace(CONTROL, '');
}

function cleanOrNull(text: string | null): string | null {
  return text === null ? null : clean(text);
}

/**
 * The prototype of every scope object: it has nothing of Object.prototype, so there is no
 * `toString` (printing an object fails instead of writing "[object Object]") and templates, which
 * read own properties only, reach no `constructor` or `__proto__`. Unlike Object.create(null)
 * objects, which V8 keeps in slow dictionary mode (a third of a render), these stay fast.
 */
class ScopeObject {}
Object.setPrototypeOf(ScopeObject.prototype, null);

function record<T extends object>(fields: T): Readonly<T> {
  return Object.assign(new ScopeObject(), fields) as T;
}

/** Builds the template variables for one message. Throws on malformed input (a bug in the caller). */
export function templateScope(vars: MessageVars): TemplateScope {
  const lang = vars.language;
  const invoices = vars.invoices.map((inv) =>
    record({
      number: clean(inv.number),
      issueDate: inv.issueDate,
      dueDate: inv.dueDate,
      daysOverdue: inv.daysOverdue,
      currency: inv.currency,
      total: inv.total,
      open: inv.open,
      openFormatted: formatMoney(inv.open, inv.currency, lang),
      totalFormatted: formatMoney(inv.total, inv.currency, lang),
      dueDateFormatted: formatDate(inv.dueDate, lang),
      issueDateFormatted: formatDate(inv.issueDate, lang),
    }),
  );
  const numbers = invoices.map((i) => i.number);
  const totalOpenFormatted = formatMoney(vars.totalOpen, vars.currency, lang);
  const iban = vars.payment.iban === null ? null : normalizeIban(clean(vars.payment.iban));
  const reference = clean(vars.payment.reference);
  // Frozen at the top, where a tag like {% increment %} would write.
  const variables = Object.freeze({
    __proto__: null,
    language: lang,
    today: vars.today,
    todayFormatted: formatDate(vars.today, lang),
    level: record({ position: vars.level.position, name: clean(vars.level.name), kind: vars.level.kind }),
    organization: record({
      name: clean(vars.organization.name),
      country: vars.organization.country,
      email: cleanOrNull(vars.organization.email),
      phone: cleanOrNull(vars.organization.phone),
    }),
    customer: record({
      name: clean(vars.customer.name),
      kind: vars.customer.kind,
      country: vars.customer.country,
      contactName: cleanOrNull(vars.customer.contactName),
      address: Object.freeze(vars.customer.address.map(clean)),
    }),
    invoices: Object.freeze(invoices),
    invoiceCount: invoices.length,
    invoiceNumbers: formatList(numbers, lang),
    invoiceNumbersShort: formatShortList(numbers, lang),
    invoiceTable: INVOICE_TABLE_MARK,
    currency: vars.currency,
    totalOpen: vars.totalOpen,
    totalOpenFormatted,
    payment: record({
      iban,
      ibanFormatted: iban === null ? null : formatIban(iban),
      accountNumber: iban?.startsWith(vars.customer.country) ? domesticAccount(iban) : null,
      bic: cleanOrNull(vars.payment.bic),
      bankName: cleanOrNull(vars.payment.bankName),
      reference,
      variableSymbol: /^\d{1,10}$/.test(reference) ? reference : null,
    }),
    deadline: vars.deadline,
    deadlineFormatted: vars.deadline === null ? null : formatDate(vars.deadline, lang),
  });
  const table: InvoiceTable = {
    language: lang,
    rows: invoices.map((i) => ({ number: i.number, dueDate: i.dueDateFormatted, open: i.openFormatted })),
    total: totalOpenFormatted,
  };
  return { variables, table };
}
