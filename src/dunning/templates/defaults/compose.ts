import type { TemplateKey } from '../../model.ts';

/** A default text: Liquid source for the subject and the plain-text body. */
export interface DefaultTemplate {
  readonly subject: string;
  readonly body: string;
}

export type DefaultTexts = Readonly<Record<TemplateKey, DefaultTemplate>>;

/*
 * Helpers that keep the 42 default texts short and consistent. They only assemble Liquid source:
 * what an organisation sees and edits is the plain template, not these functions.
 */

/** Binds `invoice` to the first invoice, for the one-invoice wording. */
export const FIRST_INVOICE = '{% assign invoice = invoices.first %}';

/** One wording for a single invoice, another for several. */
export function oneOrMany(one: string, many: string): string {
  return `{% if invoiceCount == 1 %}${one}{% else %}${many}{% endif %}`;
}

/** Paragraphs separated by a blank line (the HTML part turns them into <p>). */
export function paragraphs(...parts: readonly string[]): string {
  return parts.join('\n\n');
}

/**
 * "How to reach us" as one sentence, whichever of email and phone the organisation has. `{e}` and
 * `{p}` stand for the email address and the phone number.
 */
export function contactSentence(texts: {
  readonly both: string;
  readonly email: string;
  readonly phone: string;
  readonly none: string;
}): string {
  const fill = (text: string) =>
    text.replaceAll('{e}', '{{ organization.email }}').replaceAll('{p}', '{{ organization.phone }}');
  return (
    `{% if organization.email and organization.phone %}${fill(texts.both)}` +
    `{% elsif organization.email %}${fill(texts.email)}` +
    `{% elsif organization.phone %}${fill(texts.phone)}` +
    `{% else %}${texts.none}{% endif %}`
  );
}

/** Deep-freezes a language's texts. */
export function texts(all: DefaultTexts): DefaultTexts {
  for (const t of Object.values(all)) Object.freeze(t);
  return Object.freeze(all);
}
