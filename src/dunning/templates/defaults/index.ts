import type { Language } from '../../../kernel/locale.ts';
import type { TemplateKey } from '../../model.ts';
import type { DefaultTemplate, DefaultTexts } from './compose.ts';
import { cs } from './cs.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { nb } from './nb.ts';
import { nl } from './nl.ts';
import { sk } from './sk.ts';

export type { DefaultTemplate } from './compose.ts';

const DEFAULTS: Readonly<Record<Language, DefaultTexts>> = Object.freeze({ en, cs, sk, de, nl, nb });

/**
 * The text Duly ships for a level and a language, until the organisation writes its own. Carries
 * its key so that a rendering error can name it.
 *
 * @example
 *   renderMessage(defaultTemplate('overdue_first', 'cs'), vars)
 */
export function defaultTemplate(
  key: TemplateKey,
  language: Language,
): DefaultTemplate & { readonly key: TemplateKey } {
  const t = DEFAULTS[language][key];
  return Object.freeze({ subject: t.subject, body: t.body, key });
}
