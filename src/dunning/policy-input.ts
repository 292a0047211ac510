import { z } from 'zod';
import { isCurrency } from '../kernel/money.ts';
import { TEMPLATE_KEYS } from './model.ts';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use a 24-hour local time HH:MM, e.g. 09:00');

export const levelInput = z.strictObject({
  position: z.number().int().min(1).max(50),
  name: z.string().trim().min(1).max(200),
  trigger: z
    .enum(['due', 'previous'])
    .describe('due: days relative to the due date; previous: days after the previous level'),
  days: z.number().int().min(-365).max(3650),
  kind: z.enum(['reminder', 'formal_demand', 'lawsuit_warning', 'handoff']),
  channels: z
    .array(z.enum(['email', 'letter', 'call_task', 'task']))
    .min(1)
    .max(4),
  review: z.boolean().default(false).describe('true: actions wait for approval instead of going out'),
  minAmounts: z
    .record(
      z.string().refine(isCurrency, 'use a supported ISO 4217 code'),
      z.number().int().min(0, 'a minimum cannot be negative'),
    )
    .default({})
    .describe('Minimum open amount per currency, in minor units'),
  templateKey: z.enum(TEMPLATE_KEYS),
  deadlineDays: z.number().int().min(1).max(365).nullable().default(null),
});

export const policyInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).nullish(),
    shiftDueToBusinessDay: z.boolean().default(false),
    window: z
      .strictObject({
        start: time,
        end: time,
        days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
      })
      .default({ start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] }),
    levels: z.array(levelInput).min(1, 'a policy needs at least one level').max(50),
  })
  .superRefine((p, ctx) => {
    if (p.window.start >= p.window.end) {
      ctx.addIssue({
        code: 'custom',
        path: ['window', 'end'],
        message: 'the window must end after it starts',
      });
    }
    const positions = p.levels.map((l) => l.position);
    positions.forEach((pos, i) => {
      if (positions.indexOf(pos) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'position'],
          message: `position ${pos} is used twice`,
        });
      }
    });
    const sorted = [...p.levels].sort((a, b) => a.position - b.position);
    sorted.forEach((l, i) => {
      const prev = sorted[i - 1];
      if (prev && l.trigger === 'due' && prev.trigger === 'due' && l.days <= prev.days) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', p.levels.indexOf(l), 'days'],
          message: `level ${l.position} must fall after level ${prev.position} (${prev.days} days)`,
        });
      }
      if (l.trigger === 'previous' && l.days < 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', p.levels.indexOf(l), 'days'],
          message: 'a level after the previous one needs at least 1 day',
        });
      }
    });
  });
export type PolicyInput = z.output<typeof policyInput>;

export const assignmentInput = z
  .strictObject({
    policyId: z.string().min(1),
    scope: z.enum(['organization', 'segment', 'customer', 'invoice']),
    customerId: z.string().nullish(),
    invoiceId: z.string().nullish(),
    segmentKind: z.enum(['business', 'consumer']).nullish(),
    segmentCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullish(),
    segmentTag: z.string().min(1).max(50).nullish(),
  })
  .superRefine((a, ctx) => {
    if (a.scope === 'customer' && !a.customerId)
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'required for scope customer' });
    if (a.scope === 'invoice' && !a.invoiceId)
      ctx.addIssue({ code: 'custom', path: ['invoiceId'], message: 'required for scope invoice' });
    if (a.scope === 'segment' && !a.segmentKind && !a.segmentCountry && !a.segmentTag) {
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: 'a segment needs a kind, a country or a tag',
      });
    }
  });
