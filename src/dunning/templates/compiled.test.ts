import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../kernel/locale.ts';
import { type MessageVars, TEMPLATE_KEYS } from '../model.ts';
import { defaultTemplate } from './defaults/index.ts';
import { hasFastPath, renderMessage } from './render.ts';
import { sampleMessageVars } from './sample.ts';

/** Sample messages with the optional fields present and absent, for one to three invoices. */
function variants(language: Language): MessageVars[] {
  const out: MessageVars[] = [];
  for (const key of TEMPLATE_KEYS) {
    for (const invoiceCount of [1, 3] as const) {
      const base = sampleMessageVars(language, { key, invoiceCount });
      out.push(base);
      out.push({
        ...base,
        customer: { ...base.customer, contactName: null },
        organization: { ...base.organization, email: null },
        payment: { ...base.payment, bic: null, bankName: null },
        deadline: null,
      });
      out.push({
        ...base,
        organization: { ...base.organization, phone: null, email: null },
        payment: { ...base.payment, iban: null },
      });
    }
  }
  return out;
}

describe('the compiled fast path renders exactly what LiquidJS renders', () => {
  it('every shipped template is in the compiled subset (so a run never needs the interpreter)', () => {
    for (const language of LANGUAGES) {
      for (const key of TEMPLATE_KEYS) {
        const t = defaultTemplate(key, language);
        expect(hasFastPath(t.subject), `${key} ${language} subject`).toBe(true);
        expect(hasFastPath(t.body), `${key} ${language} body`).toBe(true);
      }
    }
  });

  it('gives the same subject, text and HTML for every shipped template, language and variant', () => {
    let compared = 0;
    for (const language of LANGUAGES) {
      for (const vars of variants(language)) {
        for (const key of TEMPLATE_KEYS) {
          const t = defaultTemplate(key, language);
          expect(renderMessage(t, vars)).toEqual(renderMessage(t, vars, { fastPath: false }));
          compared++;
        }
      }
    }
    expect(compared).toBe(6 * 7 * 6 * 7);
  });

  // Random templates over a small grammar: text, outputs with paths and filters, if/elsif/else,
  // unless, assign, comparisons with and/or, whitespace control, and things outside the subset.
  const path = fc.constantFrom(
    'customer.name',
    'customer.contactName',
    'organization.email',
    'invoiceCount',
    'invoices.first.number',
    'invoices.last.open',
    'invoices.size',
    'totalOpen',
    'deadline',
    'payment.iban',
    'customer.address',
    'customer.nope',
    'nope',
    'invoices.first.number.size',
    'x',
  );
  const literal = fc.constantFrom('1', '2', "'GBP'", '"Acme"', 'nil', 'true', 'false', '1.5', 'empty');
  const operand = fc.oneof(path, literal);
  const filter = fc.constantFrom(
    '',
    ' | money',
    " | money: 'EUR'",
    ' | date',
    " | date: 'long'",
    ' | upcase',
  );
  const comparison = fc.oneof(
    operand,
    fc
      .tuple(operand, fc.constantFrom('==', '!=', '>', '<', '>=', '<=', 'contains'), operand)
      .map(([a, op, b]) => `${a} ${op} ${b}`),
  );
  const condition = fc
    .array(fc.tuple(comparison, fc.constantFrom('and', 'or')), { minLength: 1, maxLength: 3 })
    .map((parts) =>
      parts
        .map(([c, op], i) => (i === parts.length - 1 ? c : `${c} ${op}`))
        .join(' ')
        .trim(),
    );
  const dash = fc.constantFrom('', '-');
  const text = fc.constantFrom('Hello ', '\n\n', ' x ', '  \n', 'Kč ', '', '{{', '%}');
  const template: fc.Arbitrary<string> = fc.letrec<{ t: string }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc.tuple(dash, path, filter, dash).map(([a, p, f, b]) => `{{${a} ${p}${f} ${b}}}`),
      fc
        .tuple(fc.constantFrom('x', 'invoice'), path, filter)
        .map(([n, p, f]) => `{% assign ${n} = ${p}${f} %}`),
      fc
        .tuple(dash, condition, tie('t'), fc.option(tie('t')), fc.option(fc.tuple(condition, tie('t'))))
        .map(
          ([d, c, a, otherwise, elsif]) =>
            `{%${d} if ${c} %}${a}${elsif ? `{% elsif ${elsif[0]} %}${elsif[1]}` : ''}` +
            `${otherwise === null ? '' : `{% else %}${otherwise}`}{% endif ${d}%}`,
        ),
      fc.tuple(condition, tie('t')).map(([c, a]) => `{% unless ${c} %}${a}{% endunless %}`),
      fc.constantFrom('{% for i in invoices %}{{ i.number }}{% endfor %}', '{% comment %}x{% endcomment %}'),
      fc.array(tie('t'), { maxLength: 4 }).map((ts) => ts.join('')),
    ),
  })).t;

  it('and on random templates: same output, or the same error, whether compiled or interpreted', () => {
    const vars = sampleMessageVars('cs', { invoiceCount: 3 });
    const noContact = { ...vars, customer: { ...vars.customer, contactName: null } };
    let compiledCount = 0;
    fc.assert(
      fc.property(template, fc.boolean(), (source, withContact) => {
        const v = withContact ? vars : noContact;
        const t = { subject: 'Subject', body: `${source}\nEnd` };
        if (hasFastPath(t.body)) compiledCount++;
        expect(renderMessage(t, v)).toEqual(renderMessage(t, v, { fastPath: false }));
      }),
      { numRuns: 3000 },
    );
    // The grammar must mostly produce templates the fast path takes, or this compares nothing.
    expect(compiledCount).toBeGreaterThan(1000);
  });
});
