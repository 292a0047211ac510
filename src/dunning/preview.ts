import type { Db } from '../db/database.ts';
import { daysBetween, type IsoDate } from '../kernel/dates.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import type { Language } from '../kernel/locale.ts';
import { invoiceBalances } from '../ledger/ledger.repository.ts';
import { policyResolver } from './assign.ts';
import { loadContactInfo, loadSeller } from './dunning-inputs.ts';
import { messageVars } from './message-vars.ts';
import { listAssignments, loadPolicies } from './policies.repository.ts';
import { loadTemplateOverrides, type Template, templateFor } from './template-store.ts';
import { renderMessage } from './templates/render.ts';

export interface PreviewRequest {
  readonly invoiceId: string;
  /** Level position in the invoice's policy; default: the first level. */
  readonly level?: number | undefined;
  readonly language?: Language | undefined;
  /** An unsaved template from the editor; default: the stored or shipped one. */
  readonly template?: Template | undefined;
  readonly asOf: IsoDate;
}

/**
 * Renders a level's message for one real invoice, as the customer would get it: the same variables,
 * template lookup and renderer as a run (one rule, one place).
 */
export async function previewMessage(
  db: Db,
  orgId: string,
  req: PreviewRequest,
): Promise<Result<{ subject: string; text: string; html: string; language: Language; level: number }>> {
  const inv = await db
    .selectFrom('invoices')
    .select(['id', 'customer_id', 'number', 'currency', 'issue_date', 'due_date', 'total'])
    .where('org_id', '=', orgId)
    .where('id', '=', req.invoiceId)
    .executeTakeFirst();
  if (!inv)
    return fail('not_found', `no invoice ${req.invoiceId} in this organisation`, { field: 'invoiceId' });
  const [seller, contacts, policies, assignments, overrides, balances, cust] = await Promise.all([
    loadSeller(db, orgId),
    loadContactInfo(db, orgId, [inv.customer_id]),
    loadPolicies(db, orgId),
    listAssignments(db, orgId),
    loadTemplateOverrides(db, orgId),
    invoiceBalances(db, orgId, [inv.id]),
    db
      .selectFrom('customers')
      .select(['kind', 'country'])
      .where('org_id', '=', orgId)
      .where('id', '=', inv.customer_id)
      .executeTakeFirstOrThrow(),
  ]);
  const tags = (
    await db
      .selectFrom('customer_tags')
      .select('tag')
      .where('org_id', '=', orgId)
      .where('customer_id', '=', inv.customer_id)
      .execute()
  ).map((t) => t.tag);
  const policyId = policyResolver(assignments).policyFor({
    invoiceId: inv.id,
    customerId: inv.customer_id,
    kind: cust.kind,
    country: cust.country,
    tags,
  });
  const policy = policyId ? policies.get(policyId) : undefined;
  const level = policy?.levels.find((l) => l.position === (req.level ?? policy.levels[0]?.position));
  if (!policy || !level) {
    return fail('not_found', `the invoice's dunning policy has no level ${req.level ?? 1}`, {
      field: 'level',
    });
  }
  const contact = contacts.get(inv.customer_id)!;
  const customer = req.language ? { ...contact, language: req.language } : contact;
  const vars = messageVars({
    seller,
    customer,
    level,
    currency: inv.currency,
    items: [
      {
        number: inv.number,
        issueDate: inv.issue_date,
        dueDate: inv.due_date,
        daysOverdue: Math.max(0, daysBetween(inv.due_date, req.asOf)),
        total: inv.total,
        open: balances.get(inv.id)?.open ?? 0,
      },
    ],
    today: req.asOf,
  });
  const template = req.template ?? templateFor(overrides, level.templateKey, customer.language);
  const rendered = renderMessage(template, vars);
  if (!rendered.ok) return rendered;
  return ok({ ...rendered.value, language: customer.language, level: level.position });
}
