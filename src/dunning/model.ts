import type { Channel, LevelKind, LevelTrigger } from '../db/schema.ts';
import type { IsoDate } from '../kernel/dates.ts';
import type { Language } from '../kernel/locale.ts';

/**
 * A dunning policy is data: ordered levels, each with a trigger, a kind, channels, a template and a
 * review flag. Never "reminder1, reminder2" columns.
 */
export interface Level {
  readonly position: number;
  readonly name: string;
  readonly trigger: LevelTrigger;
  /** `due`: days relative to the due date (negative before it). `previous`: days after the previous level. */
  readonly days: number;
  readonly kind: LevelKind;
  readonly channels: readonly Channel[];
  /** True: the action waits in the approval queue instead of going out. */
  readonly review: boolean;
  /** Minimum total open amount per currency, minor units; a currency not listed has no minimum. */
  readonly minAmounts: Readonly<Record<string, number>>;
  readonly templateKey: TemplateKey;
  /** Lawsuit warning: days given to pay before the next step. */
  readonly deadlineDays: number | null;
}

export interface SendWindow {
  /** Local time `HH:MM`, inclusive. */
  readonly start: string;
  /** Local time `HH:MM`, exclusive. */
  readonly end: string;
  /** ISO weekdays, Monday = 1 ... Sunday = 7. */
  readonly days: readonly number[];
}

export interface Policy {
  readonly id: string;
  readonly name: string;
  readonly shiftDueToBusinessDay: boolean;
  readonly window: SendWindow;
  readonly levels: readonly Level[];
}

export const TEMPLATE_KEYS = [
  'pre_due',
  'due_today',
  'overdue_first',
  'overdue_firm',
  'formal_demand',
  'lawsuit_warning',
  'handoff',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** The ladder Duly ships with (issue 3): what a careful credit controller would set up. */
export const DEFAULT_LEVELS: readonly Omit<Level, 'minAmounts'>[] = Object.freeze([
  {
    position: 1,
    name: 'The day is approaching',
    trigger: 'due',
    days: -3,
    kind: 'reminder',
    channels: ['email'],
    review: false,
    templateKey: 'pre_due',
    deadlineDays: null,
  },
  {
    position: 2,
    name: 'Today is the day',
    trigger: 'due',
    days: 0,
    kind: 'reminder',
    channels: ['email'],
    review: false,
    templateKey: 'due_today',
    deadlineDays: null,
  },
  {
    position: 3,
    name: 'First reminder',
    trigger: 'due',
    days: 7,
    kind: 'reminder',
    channels: ['email'],
    review: false,
    templateKey: 'overdue_first',
    deadlineDays: null,
  },
  {
    position: 4,
    name: 'Second reminder and call',
    trigger: 'due',
    days: 14,
    kind: 'reminder',
    channels: ['email', 'call_task'],
    review: false,
    templateKey: 'overdue_firm',
    deadlineDays: null,
  },
  {
    position: 5,
    name: 'Formal demand',
    trigger: 'due',
    days: 30,
    kind: 'formal_demand',
    channels: ['email', 'letter'],
    review: false,
    templateKey: 'formal_demand',
    deadlineDays: 10,
  },
  {
    position: 6,
    name: 'Warning of legal action',
    trigger: 'due',
    days: 45,
    kind: 'lawsuit_warning',
    channels: ['letter', 'email'],
    review: false,
    templateKey: 'lawsuit_warning',
    deadlineDays: 14,
  },
  {
    position: 7,
    name: 'Hand-off to agency or lawyer',
    trigger: 'due',
    days: 60,
    kind: 'handoff',
    channels: ['task'],
    review: true,
    templateKey: 'handoff',
    deadlineDays: null,
  },
]);

export const DEFAULT_WINDOW: SendWindow = Object.freeze({
  start: '09:00',
  end: '17:00',
  days: [1, 2, 3, 4, 5],
});

/**
 * Everything a reminder, letter or call script may show. Templates see these variables and nothing
 * else (LiquidJS, sandboxed). Money is given both raw (minor units) and formatted in the customer's
 * locale; dates both ISO and formatted.
 */
export interface MessageVars {
  readonly language: Language;
  readonly today: IsoDate;
  readonly level: { readonly position: number; readonly name: string; readonly kind: LevelKind };
  readonly organization: {
    readonly name: string;
    readonly country: string;
    readonly email: string | null;
    readonly phone: string | null;
  };
  readonly customer: {
    readonly name: string;
    readonly kind: 'business' | 'consumer';
    readonly country: string;
    readonly contactName: string | null;
    readonly address: readonly string[];
  };
  readonly invoices: readonly {
    readonly number: string;
    readonly issueDate: IsoDate;
    readonly dueDate: IsoDate;
    readonly daysOverdue: number;
    readonly currency: string;
    readonly total: number;
    readonly open: number;
  }[];
  readonly currency: string;
  /** Sum of `open` over `invoices`, minor units. */
  readonly totalOpen: number;
  readonly payment: {
    readonly iban: string | null;
    readonly bic: string | null;
    readonly bankName: string | null;
    /** The reference the customer should quote (structured references arrive with issue 4). */
    readonly reference: string;
  };
  /** Lawsuit warning / formal demand: pay by this day. */
  readonly deadline: IsoDate | null;
}
