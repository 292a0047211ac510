import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Channel, DunningAssignmentsTable } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { DEFAULT_LEVELS, DEFAULT_WINDOW, type Level, type Policy, type TemplateKey } from './model.ts';
import type { PolicyInput } from './policy-input.ts';

export type Assignment = Selectable<DunningAssignmentsTable>;

export interface StoredPolicy extends Policy {
  readonly description: string | null;
  readonly isDefault: boolean;
}

/**
 * Loads every policy of the organisation with its levels (two queries). The organisation's default
 * is the one assigned with scope `organization`.
 */
export async function loadPolicies(db: Db, orgId: string): Promise<Map<string, StoredPolicy>> {
  const [policies, levels, orgAssignment] = await Promise.all([
    db.selectFrom('dunning_policies').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    db.selectFrom('dunning_levels').selectAll().where('org_id', '=', orgId).orderBy('position').execute(),
    db
      .selectFrom('dunning_assignments')
      .select('policy_id')
      .where('org_id', '=', orgId)
      .where('scope', '=', 'organization')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  ]);
  const map = new Map<string, StoredPolicy>();
  for (const p of policies) {
    map.set(p.id, {
      id: p.id,
      name: p.name,
      description: p.description,
      isDefault: orgAssignment?.policy_id === p.id,
      shiftDueToBusinessDay: p.shift_due_to_business_day === 1,
      window: { start: p.window_start, end: p.window_end, days: p.window_days.split(',').map(Number) },
      levels: levels
        .filter((l) => l.policy_id === p.id)
        .map(
          (l): Level => ({
            position: l.position,
            name: l.name,
            trigger: l.trigger,
            days: l.days,
            kind: l.kind,
            channels: l.channels.split(',') as Channel[],
            review: l.review === 1,
            minAmounts: JSON.parse(l.min_amounts) as Record<string, number>,
            templateKey: l.template_key as TemplateKey,
            deadlineDays: l.deadline_days,
          }),
        ),
    });
  }
  return map;
}

async function writeLevels(db: Db, orgId: string, policyId: string, levels: readonly Level[]): Promise<void> {
  await db
    .deleteFrom('dunning_levels')
    .where('org_id', '=', orgId)
    .where('policy_id', '=', policyId)
    .execute();
  await db
    .insertInto('dunning_levels')
    .values(
      levels.map((l) => ({
        id: newId('dunningLevel'),
        org_id: orgId,
        policy_id: policyId,
        position: l.position,
        name: l.name,
        trigger: l.trigger,
        days: l.days,
        kind: l.kind,
        channels: l.channels.join(','),
        review: l.review ? 1 : 0,
        min_amounts: JSON.stringify(l.minAmounts),
        template_key: l.templateKey,
        deadline_days: l.deadlineDays,
      })),
    )
    .execute();
}

export async function createPolicy(db: Db, orgId: string, input: PolicyInput): Promise<StoredPolicy> {
  const id = newId('dunningPolicy');
  const now = nowIso();
  await db
    .insertInto('dunning_policies')
    .values({
      id,
      org_id: orgId,
      name: input.name,
      description: input.description ?? null,
      shift_due_to_business_day: input.shiftDueToBusinessDay ? 1 : 0,
      window_start: input.window.start,
      window_end: input.window.end,
      window_days: input.window.days.join(','),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await writeLevels(db, orgId, id, input.levels);
  return (await loadPolicies(db, orgId)).get(id)!;
}

/** Replaces a policy's settings and levels. Levels already sent stay sent (keyed by position). */
export async function updatePolicy(
  db: Db,
  orgId: string,
  id: string,
  input: PolicyInput,
): Promise<Result<StoredPolicy>> {
  const r = await db
    .updateTable('dunning_policies')
    .set({
      name: input.name,
      description: input.description ?? null,
      shift_due_to_business_day: input.shiftDueToBusinessDay ? 1 : 0,
      window_start: input.window.start,
      window_end: input.window.end,
      window_days: input.window.days.join(','),
      updated_at: nowIso(),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n)
    return fail('not_found', `no dunning policy ${id} in this organisation`, { field: 'id' });
  await writeLevels(db, orgId, id, input.levels);
  return ok((await loadPolicies(db, orgId)).get(id)!);
}

/** The shipped seven-level ladder, created and assigned to the organisation the first time it is needed. */
export async function ensureDefaultPolicy(db: Db, orgId: string): Promise<void> {
  const existing = await db
    .selectFrom('dunning_assignments')
    .select('id')
    .where('org_id', '=', orgId)
    .where('scope', '=', 'organization')
    .executeTakeFirst();
  if (existing) return;
  const policy = await createPolicy(db, orgId, {
    name: 'Standard ladder',
    description:
      'Friendly notes around the due date, firmer reminders, a formal demand, a warning, then a hand-off.',
    shiftDueToBusinessDay: false,
    window: { ...DEFAULT_WINDOW, days: [...DEFAULT_WINDOW.days] },
    levels: DEFAULT_LEVELS.map((l) => ({ ...l, channels: [...l.channels], minAmounts: {} })),
  });
  await assignPolicy(db, orgId, { policyId: policy.id, scope: 'organization' });
}

export interface AssignmentInput {
  readonly policyId: string;
  readonly scope: Assignment['scope'];
  readonly customerId?: string | null;
  readonly invoiceId?: string | null;
  readonly segmentKind?: string | null;
  readonly segmentCountry?: string | null;
  readonly segmentTag?: string | null;
}

/** Assigns a policy; the newest assignment for the same target replaces older ones. */
export async function assignPolicy(db: Db, orgId: string, a: AssignmentInput): Promise<Result<Assignment>> {
  const policy = await db
    .selectFrom('dunning_policies')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', a.policyId)
    .executeTakeFirst();
  if (!policy)
    return fail('not_found', `no dunning policy ${a.policyId} in this organisation`, { field: 'policyId' });
  const target = {
    customer_id: a.scope === 'customer' ? (a.customerId ?? null) : null,
    invoice_id: a.scope === 'invoice' ? (a.invoiceId ?? null) : null,
    segment_kind: a.scope === 'segment' ? (a.segmentKind ?? null) : null,
    segment_country: a.scope === 'segment' ? (a.segmentCountry ?? null) : null,
    segment_tag: a.scope === 'segment' ? (a.segmentTag ?? null) : null,
  };
  let del = db.deleteFrom('dunning_assignments').where('org_id', '=', orgId).where('scope', '=', a.scope);
  for (const [column, value] of Object.entries(target) as [keyof typeof target, string | null][]) {
    del = value === null ? del.where(column, 'is', null) : del.where(column, '=', value);
  }
  await del.execute();
  const row: Assignment = {
    id: newId('dunningAssignment'),
    org_id: orgId,
    policy_id: a.policyId,
    scope: a.scope,
    ...target,
    created_at: nowIso(),
  };
  await db.insertInto('dunning_assignments').values(row).execute();
  return ok(row);
}

export async function listAssignments(db: Db, orgId: string): Promise<Assignment[]> {
  return db.selectFrom('dunning_assignments').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
}
