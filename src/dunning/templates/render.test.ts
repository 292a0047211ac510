import { describe, expect, it } from 'vitest';
import type { Language } from '../../kernel/locale.ts';
import type { MessageVars, TemplateKey } from '../model.ts';
import { defaultTemplate } from './defaults/index.ts';
import { type MessageTemplate, RENDER_LIMIT_MS, renderMessage, validateTemplate } from './render.ts';
import { sampleMessageVars } from './sample.ts';

const plain = (text: string) => text.replaceAll('\u00a0', ' ');

function vars(
  language: Language = 'en',
  overrides: Partial<MessageVars> = {},
  options: { key?: TemplateKey; invoiceCount?: 1 | 3 } = {},
): MessageVars {
  return { ...sampleMessageVars(language, options), ...overrides };
}

function render(body: string, v: MessageVars = vars(), subject = 'Reminder {{ invoiceNumbers }}') {
  return renderMessage({ key: 'overdue_first', subject, body }, v);
}

function failure(result: ReturnType<typeof renderMessage>) {
  if (result.ok) throw new Error(`expected a failure, rendered: ${result.value.text}`);
  return result.error;
}

describe('renderMessage', () => {
  it('renders the subject, the plain text and an HTML part', () => {
    const result = render('Hello {{ customer.contactName }},\n\nYou owe {{ totalOpenFormatted }}.\nThanks.');
    expect(result).toMatchObject({
      ok: true,
      value: {
        subject: 'Reminder HT-2026-0042',
        text: 'Hello Sarah Mitchell,\n\nYou owe £12,345.50.\nThanks.',
      },
    });
    const html = result.ok ? result.value.html : '';
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Reminder HT-2026-0042</title>');
    expect(html).toContain('<p>Hello Sarah Mitchell,</p>\n<p>You owe £12,345.50.<br>\nThanks.</p>');
  });

  it('formats with the money and date filters in the customer’s language', () => {
    const result = render(
      '{{ totalOpen | money: currency }} | {{ totalOpen | money }} | {{ 100 | money: "EUR" }} | ' +
        '{{ invoices.first.dueDate | date }} | {{ invoices.first.dueDate | date: "long" }}',
      vars('cs'),
    );
    expect(result.ok && plain(result.value.text)).toBe(
      '12 345,50 Kč | 12 345,50 Kč | 1,00 € | 8. 4. 2026 | 8. dubna 2026',
    );
  });

  it('keeps the customer’s language even if a template assigns a variable called language', () => {
    const result = render('{% assign language = "de" %}{{ totalOpen | money }}', vars('nl'));
    expect(result.ok && plain(result.value.text)).toBe('€ 12.345,50');
  });

  it('tidies what tags leave behind: trailing spaces and runs of blank lines', () => {
    const result = render('Hello,   \n{% if false %}\nx\n{% endif %}\n\n\n\nBye.\n\n');
    expect(result.ok && result.value.text).toBe('Hello,\n\nBye.');
  });

  it('lists several invoices as a text table and as an HTML table', () => {
    const result = render('Open:\n{{ invoiceTable }}\nThanks.', vars('en', {}, { invoiceCount: 3 }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.text).toBe(
      [
        'Open:',
        '',
        'Invoice        Due date        Amount due',
        'HT-2026-0042   8 April 2026    £12,345.50',
        'HT-2026-0031   27 March 2026      £480.50',
        'HT-2026-0027   13 March 2026    £2,500.00',
        'Total                          £15,326.00',
        '',
        'Thanks.',
      ].join('\n'),
    );
    expect(result.value.html).toContain('<p>Open:</p>\n<table style="border-collapse:collapse">');
    expect(result.value.html).toMatch(/<tfoot><tr><th[^>]*>Total<\/th><td><\/td><th[^>]*>£15,326.00<\/th>/);
    expect(result.value.html).toContain('</table>\n<p>Thanks.</p>');
  });

  it('escapes everything that came from data in the HTML part, and leaves the text part as written', () => {
    const v = vars('en', {
      customer: {
        ...vars().customer,
        name: '<script>alert("x")</script>',
        contactName: 'Tom & <b>Jerry</b>',
      },
      invoices: [{ ...vars().invoices[0]!, number: '<img src=x onerror=alert(1)>' }],
    });
    const result = render('Dear {{ customer.contactName }} of {{ customer.name }},\n\n{{ invoiceTable }}', v);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.text).toContain('Dear Tom & <b>Jerry</b> of <script>alert("x")</script>,');
    expect(result.value.html).toContain(
      'Dear Tom &amp; &lt;b&gt;Jerry&lt;/b&gt; of &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,',
    );
    expect(result.value.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(result.value.html).not.toMatch(/<script|<img|<b>/);
    expect(result.value.subject).toBe('Reminder <img src=x onerror=alert(1)>');
    expect(result.value.html).toContain('<title>Reminder &lt;img src=x onerror=alert(1)&gt;</title>');
  });

  it('keeps a subject on one line whatever the data holds (no header injection)', () => {
    const v = vars('en', { invoices: [{ ...vars().invoices[0]!, number: 'A1\r\nBcc: victim@example.com' }] });
    const result = render('Body', v, 'Invoice\n{{ invoiceNumbers }}\t ');
    expect(result.ok && result.value.subject).toBe('Invoice A1 Bcc: victim@example.com');
  });

  it('removes control characters (and with them the table marker) from the data', () => {
    const v = vars('en', {
      customer: { ...vars().customer, name: 'Acme\u0000invoiceTable\u0000 Ltd\u0007' },
    });
    const result = render('{{ customer.name }}', v);
    expect(result.ok && result.value.text).toBe('AcmeinvoiceTable Ltd');
  });

  it('refuses a message without invoices', () => {
    expect(failure(render('x', vars('en', { invoices: [] })))).toMatchObject({ field: 'invoices' });
  });
});

describe('the sandbox: a template sees the documented variables and nothing else', () => {
  it.each([
    ['{{ constructor }}', 'unknown variable "constructor"'],
    ['{{ invoices.constructor }}', 'unknown variable "invoices.constructor"'],
    ['{{ customer.constructor.name }}', 'unknown variable "customer.constructor"'],
    ['{{ customer.name.constructor }}', 'unknown variable "customer.name.constructor"'],
    ['{{ customer.__proto__ }}', 'unknown variable "customer.__proto__"'],
    ['{{ invoices.first.toString }}', 'unknown variable "invoices.first.toString"'],
    ['{{ process.env }}', 'unknown variable "process"'],
    ['{{ customr.name }}', 'unknown variable "customr"'],
    ['{% if nothing %}x{% endif %}', 'unknown variable "nothing"'],
    ["{% include 'x' %}", '{% include %} is not available'],
    ["{% render '/etc/passwd' %}", '{% render %} is not available'],
    ["{% layout 'base' %}", '{% layout %} is not available'],
    ['{{ customer.name | shout }}', 'unknown filter "shout"'],
    ['{{ invoices | sample }}', 'unknown filter "sample"'],
    ['{{ "now" | date_to_string }}', 'unknown filter "date_to_string"'],
    ['{{ "now" | date }}', 'date: not a date: now'],
    ['{{ deadline | date: "%Y" }}', 'date: style must be "short" or "long"'],
    ['{{ 12.5 | money }}', 'money: the amount must be a safe integer'],
    ['{{ totalOpen | money: "XXX" }}', 'money: unknown currency XXX'],
    ['{{ customer }}', 'a list or an object cannot be printed as such'],
    ['{% for i in (1..100000000) %}x{% endfor %}', 'too large a list or text'],
    ['{% if x %}', 'tag {% if x %} not closed'],
    ['{{ invoiceTable | upcase }}', 'invoiceTable must be output as it is'],
    ['{% for i in (1..5000) %}{{ invoiceTable }}{% endfor %}', 'the message is longer than'],
    ['{% comment %}nothing{% endcomment %}', 'the body is empty'],
  ])('%s fails: %s', (body, message) => {
    const error = failure(render(body));
    expect(error.code).toBe('validation_failed');
    expect(error.field).toBe('template');
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/^The template overdue_first \(en\) cannot be rendered: body/);
  });

  it('stops a runaway loop after the render time limit instead of hanging', () => {
    const started = performance.now();
    const loop =
      '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}';
    const error = failure(render(loop));
    // Whichever limit trips first depends on the machine's speed: the time limit or the memory budget.
    expect(error.message).toMatch(
      new RegExp(`took longer than ${RENDER_LIMIT_MS} ms|too large a list or text`),
    );
    expect(performance.now() - started).toBeLessThan(RENDER_LIMIT_MS * 3);
  });

  it('names the template, the language, the part and the line of the problem', () => {
    const template: MessageTemplate = {
      key: 'lawsuit_warning',
      subject: 'Ok',
      body: 'Dobrý den,\n\nfaktura {{ invoices.first.number }}\nčástka {{ totalOpen | castka }}',
    };
    const error = failure(renderMessage(template, vars('cs')));
    expect(error.message).toBe(
      'The template lawsuit_warning (cs) cannot be rendered: body line 4, column 8: unknown filter "castka"',
    );
    expect(error.errors).toEqual([{ field: 'body', line: 4, message: 'unknown filter "castka"' }]);
    expect(error.hint).toMatch(/money and date/);
  });

  it('points at the subject when the subject is wrong, and hints at the variables there are', () => {
    const error = failure(render('Fine', vars(), 'Invoice {{ invoice_number }}'));
    expect(error.message).toContain('subject line 1, column 12: unknown variable "invoice_number"');
    expect(error.hint).toContain('invoiceNumbers');
    expect(error.hint).toContain('payment.iban');
  });

  it('refuses the table in a subject', () => {
    expect(failure(render('x', vars(), '{{ invoiceTable }}')).message).toContain(
      'cannot be used in a subject',
    );
  });

  it('cannot write into the variables (they are frozen)', () => {
    expect(failure(render('{% increment totalOpen %}{{ totalOpen }}')).message).toMatch(
      /read.only|not extensible/,
    );
  });

  it('fails on a lawsuit warning without a deadline rather than sending one without a date', () => {
    const error = failure(
      renderMessage(defaultTemplate('lawsuit_warning', 'en'), vars('en', { deadline: null })),
    );
    expect(error.message).toContain('date: the value is empty');
  });
});

describe('validateTemplate', () => {
  it('returns previews about one and about three invoices', () => {
    const result = validateTemplate(defaultTemplate('overdue_first', 'de'), 'de');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.oneInvoice.subject).toBe('Zahlungserinnerung: Rechnung RE-2026-0042');
    expect(result.value.severalInvoices.subject).toBe(
      'Zahlungserinnerung: Rechnungen RE-2026-0042, RE-2026-0031 und RE-2026-0027',
    );
  });

  it('fails a template that works only when there are several invoices', () => {
    const error = validateTemplate({ subject: 'x', body: '{{ invoices[2].number }}' }, 'en');
    expect(!error.ok && error.error.message).toContain('unknown variable "invoices.2"');
  });

  it('checks a level’s template with the deadline that level has (none for a plain reminder)', () => {
    const body = 'Pay by {{ deadline | date }}';
    expect(validateTemplate({ key: 'lawsuit_warning', subject: 'x', body }).ok).toBe(true);
    const result = validateTemplate({ key: 'overdue_first', subject: 'x', body });
    expect(!result.ok && result.error.message).toContain('date: the value is empty');
  });

  it('fails a template that does not parse, with its line', () => {
    const result = validateTemplate({ subject: 'x', body: 'a\nb\n{% for i in invoices %}' }, 'nb');
    expect(!result.ok && result.error.message).toMatch(/body line 3, column 1: .*not closed/);
  });
});
