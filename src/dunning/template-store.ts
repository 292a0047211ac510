import type { Db } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import type { Language } from '../kernel/locale.ts';
import type { TemplateKey } from './model.ts';
import { defaultTemplate } from './templates/defaults/index.ts';
import { validateTemplate } from './templates/render.ts';

export interface Template {
  readonly subject: string;
  readonly body: string;
}

/** The organisation's edited templates, keyed `templateKey:language`; the shipped texts fill the rest. */
export type TemplateOverrides = ReadonlyMap<string, Template>;

export async function loadTemplateOverrides(db: Db, orgId: string): Promise<TemplateOverrides> {
  const rows = await db
    .selectFrom('dunning_templates')
    .select(['template_key', 'language', 'subject', 'body'])
    .where('org_id', '=', orgId)
    .execute();
  return new Map(rows.map((r) => [`${r.template_key}:${r.language}`, { subject: r.subject, body: r.body }]));
}

export function templateFor(
  overrides: TemplateOverrides,
  key: TemplateKey,
  language: Language,
): Template & { readonly custom: boolean } {
  const own = overrides.get(`${key}:${language}`);
  return own ? { ...own, custom: true } : { ...defaultTemplate(key, language), custom: false };
}

/** Saves an edited template after checking that it renders; a broken template is refused, not stored. */
export async function saveTemplate(
  db: Db,
  orgId: string,
  key: TemplateKey,
  language: Language,
  template: Template,
): Promise<Result<Template>> {
  const checked = validateTemplate({ ...template, key }, language);
  if (!checked.ok)
    return fail('validation_failed', checked.error.message, {
      field: 'body',
      ...(checked.error.hint && { hint: checked.error.hint }),
    });
  await db
    .deleteFrom('dunning_templates')
    .where('org_id', '=', orgId)
    .where('template_key', '=', key)
    .where('language', '=', language)
    .execute();
  await db
    .insertInto('dunning_templates')
    .values({
      id: newId('dunningTemplate'),
      org_id: orgId,
      template_key: key,
      language,
      subject: template.subject,
      body: template.body,
      updated_at: nowIso(),
    })
    .execute();
  return ok(template);
}

/** Back to the shipped text. */
export async function resetTemplate(
  db: Db,
  orgId: string,
  key: TemplateKey,
  language: Language,
): Promise<void> {
  await db
    .deleteFrom('dunning_templates')
    .where('org_id', '=', orgId)
    .where('template_key', '=', key)
    .where('language', '=', language)
    .execute();
}
