import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../kernel/dates.ts';
import { DEFAULT_LEVELS, DEFAULT_WINDOW, type Policy } from './model.ts';
import { type CustomerState, type PlanCalendar, type PlanInvoice, planDunning } from './plan.ts';
import { simulateDunning } from './simulate.ts';

/** Weekends only: enough for the planner's own rules; real holidays are tested in calendar.test.ts. */
const weekends: PlanCalendar = {
  nextBusinessDay(date) {
    let d = date;
    while ([0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())) d = addDays(d, 1);
    return d;
  },
};

const policy: Policy = {
  id: 'pol_default',
  name: 'Default',
  shiftDueToBusinessDay: false,
  window: DEFAULT_WINDOW,
  levels: DEFAULT_LEVELS.map((l) => ({ ...l, minAmounts: {} })),
};
const policies = new Map([[policy.id, policy]]);

function invoice(over: Partial<PlanInvoice> = {}): PlanInvoice {
  return {
    invoiceId: 'inv_1',
    customerId: 'cus_1',
    number: '2026-0001',
    currency: 'CZK',
    issueDate: '2026-02-15',
    dueDate: '2026-03-02',
    total: 121_000,
    open: 121_000,
    policyId: policy.id,
    onHold: false,
    sent: [],
    ...over,
  };
}

function customer(over: Partial<CustomerState> = {}): CustomerState {
  return { customerId: 'cus_1', onHold: false, country: 'CZ', credit: {}, ...over };
}

/** A small calendar-driven world: invoices change between days, levels sent are remembered. */
function world(initial: PlanInvoice[], cust: CustomerState[] = [customer()]) {
  let invoices = initial;
  let customers = cust;
  return {
    day(date: IsoDate) {
      const plan = planDunning(invoices, customers, policies, date, weekends);
      invoices = invoices.map((inv) => {
        const levels = plan.actions.flatMap((a) => a.items).filter((it) => it.invoiceId === inv.invoiceId);
        return levels.length
          ? { ...inv, sent: [...inv.sent, ...levels.map((l) => ({ position: l.level.position, date }))] }
          : inv;
      });
      return plan;
    },
    levelsOn(date: IsoDate) {
      return this.day(date).actions.flatMap((a) => a.items.map((it) => `${it.number}:${it.level.position}`));
    },
    change(f: (inv: PlanInvoice) => PlanInvoice) {
      invoices = invoices.map(f);
    },
    setCustomers(c: CustomerState[]) {
      customers = c;
    },
    reasonFor(date: IsoDate, id = 'inv_1') {
      return planDunning(invoices, customers, policies, date, weekends).skipped.find(
        (s) => s.invoiceId === id,
      );
    },
  };
}

describe('the dunning planner, day by day', () => {
  it('3 days before due: level 1; due day: level 2; day 7: level 3; paid: nothing more', () => {
    const w = world([invoice({ dueDate: '2026-03-10' })]);
    expect(w.levelsOn('2026-03-06')).toEqual([]);
    expect(w.reasonFor('2026-03-06')).toMatchObject({
      reason: 'not_yet_due',
      next: { position: 1, date: '2026-03-07' },
    });
    expect(w.levelsOn('2026-03-07')).toEqual(['2026-0001:1']);
    expect(w.levelsOn('2026-03-08')).toEqual([]);
    expect(w.reasonFor('2026-03-08')).toMatchObject({
      reason: 'already_sent',
      next: { position: 2, date: '2026-03-10' },
    });
    expect(w.levelsOn('2026-03-10')).toEqual(['2026-0001:2']);
    expect(w.levelsOn('2026-03-17')).toEqual(['2026-0001:3']);
    w.change(() => ({ ...invoice(), open: 0 }));
    // A paid invoice is no longer an open item: the shell does not hand it to the planner at all.
    expect(planDunning([], [customer()], policies, '2026-03-24', weekends).actions).toEqual([]);
  });

  it('disputed on day 10: nothing; dispute resolved on day 20: level 4 once, not a burst', () => {
    const w = world([invoice({ dueDate: '2026-03-02' })]);
    expect(w.levelsOn('2026-02-27')).toEqual(['2026-0001:1']);
    expect(w.levelsOn('2026-03-02')).toEqual(['2026-0001:2']);
    expect(w.levelsOn('2026-03-09')).toEqual(['2026-0001:3']);
    w.change((i) => ({ ...i, disputed: true }));
    for (let d = '2026-03-12'; d < '2026-03-22'; d = addDays(d, 1)) {
      expect(w.levelsOn(d)).toEqual([]);
    }
    expect(w.reasonFor('2026-03-16')?.reason).toBe('disputed');
    w.change((i) => ({ ...i, disputed: false }));
    expect(w.levelsOn('2026-03-22')).toEqual(['2026-0001:4']);
    expect(w.levelsOn('2026-03-23')).toEqual([]);
    expect(w.levelsOn('2026-04-01')).toEqual(['2026-0001:5']);
  });

  it('after three missed days sends the level due now, once, not the stale ones', () => {
    const w = world([invoice({ dueDate: '2026-03-02' })]);
    expect(w.levelsOn('2026-02-27')).toEqual(['2026-0001:1']);
    // Server down from 2026-03-01 to 2026-03-10: level 2 (due day) and 3 (day 7) were missed.
    expect(w.levelsOn('2026-03-11')).toEqual(['2026-0001:3']);
    expect(w.levelsOn('2026-03-12')).toEqual([]);
  });

  it('never sends a due-date note after the due date: a day late, the next level waits its turn', () => {
    const w = world([invoice({ dueDate: '2026-03-10' })]);
    expect(w.levelsOn('2026-03-11')).toEqual([]);
    expect(w.reasonFor('2026-03-11')).toMatchObject({
      reason: 'not_yet_due',
      next: { position: 3, date: '2026-03-17' },
    });
    expect(w.levelsOn('2026-03-17')).toEqual(['2026-0001:3']);
  });

  it('sends no "today is the day" note for a due date on a weekend', () => {
    const w = world([invoice({ dueDate: '2026-03-14' })]);
    expect(w.levelsOn('2026-03-11')).toEqual(['2026-0001:1']);
    expect(w.levelsOn('2026-03-14')).toEqual([]);
    expect(w.levelsOn('2026-03-21')).toEqual(['2026-0001:3']);
  });

  it('an invoice first seen 50 days overdue gets the lawsuit warning, not the friendly reminders', () => {
    const w = world([invoice({ dueDate: '2026-01-10' })]);
    expect(w.levelsOn('2026-03-01')).toEqual(['2026-0001:6']);
    expect(w.levelsOn('2026-03-11')).toEqual(['2026-0001:7']);
  });

  it('writes one message per customer and currency, at the highest level among its invoices', () => {
    const plan = planDunning(
      [
        invoice({ invoiceId: 'a', number: 'A', dueDate: '2026-03-02' }),
        invoice({ invoiceId: 'b', number: 'B', dueDate: '2026-02-15', open: 5000 }),
        invoice({
          invoiceId: 'c',
          number: 'C',
          dueDate: '2026-03-09',
          sent: [{ position: 2, date: '2026-03-09' }],
        }),
        invoice({ invoiceId: 'd', number: 'D', dueDate: '2026-02-20', currency: 'EUR', open: 900 }),
        invoice({ invoiceId: 'e', number: 'E', dueDate: '2026-03-02', customerId: 'cus_2' }),
      ],
      [customer(), customer({ customerId: 'cus_2' })],
      policies,
      '2026-03-09',
      weekends,
    );
    expect(
      plan.actions.map((a) => [
        a.customerId,
        a.currency,
        a.level.position,
        a.items.map((i) => `${i.number}:${i.level.position}`),
        a.totalOpen,
      ]),
    ).toEqual([
      ['cus_1', 'CZK', 4, ['B:4', 'A:3'], 126_000],
      ['cus_1', 'EUR', 4, ['D:4'], 900],
      ['cus_2', 'CZK', 3, ['E:3'], 121_000],
    ]);
    expect(plan.skipped).toEqual([expect.objectContaining({ invoiceId: 'c', reason: 'already_sent' })]);
  });

  it('says why every invoice not acted on was left alone', () => {
    const day = '2026-03-20';
    const overdue = { dueDate: '2026-03-10' };
    const plan = planDunning(
      [
        invoice({ invoiceId: 'held', onHold: true, ...overdue }),
        invoice({ invoiceId: 'disputed', disputed: true, ...overdue }),
        invoice({ invoiceId: 'factored', factored: true, ...overdue }),
        invoice({ invoiceId: 'plan', inPaymentPlan: true, ...overdue }),
        invoice({ invoiceId: 'promise', promiseUntil: '2026-03-25', ...overdue }),
        invoice({ invoiceId: 'broken-promise', promiseUntil: '2026-03-19', ...overdue }),
        invoice({ invoiceId: 'incoming', incomingUnmatched: true, ...overdue }),
        invoice({ invoiceId: 'later', dueDate: '2026-04-30' }),
        invoice({ invoiceId: 'other-policy', policyId: 'pol_gone', ...overdue }),
        invoice({ invoiceId: 'c2', customerId: 'cus_held', ...overdue }),
      ],
      [customer(), customer({ customerId: 'cus_held', onHold: true })],
      policies,
      day,
      weekends,
    );
    const reasons = Object.fromEntries(plan.skipped.map((s) => [s.invoiceId, s.reason]));
    expect(reasons).toEqual({
      held: 'on_hold',
      disputed: 'disputed',
      factored: 'factored',
      plan: 'payment_plan',
      promise: 'promise_to_pay',
      incoming: 'incoming_payment_unmatched',
      later: 'not_yet_due',
      'other-policy': 'no_policy',
      c2: 'customer_on_hold',
    });
    expect(plan.actions.flatMap((a) => a.items.map((i) => i.invoiceId))).toEqual(['broken-promise']);
  });

  it("lets unapplied credit cover the customer's oldest invoices first", () => {
    const plan = planDunning(
      [
        invoice({ invoiceId: 'old', number: 'O', dueDate: '2026-02-01', open: 30_000 }),
        invoice({ invoiceId: 'mid', number: 'M', dueDate: '2026-02-10', open: 50_000 }),
        invoice({ invoiceId: 'new', number: 'N', dueDate: '2026-02-20', open: 70_000 }),
      ],
      [customer({ credit: { CZK: 85_000, EUR: 1_000_000 } })],
      policies,
      '2026-03-09',
      weekends,
    );
    expect(plan.skipped.map((s) => [s.invoiceId, s.reason])).toEqual([
      ['old', 'unapplied_credit'],
      ['mid', 'unapplied_credit'],
    ]);
    expect(plan.actions[0]?.items.map((i) => i.invoiceId)).toEqual(['new']);
  });

  it('skips invoices below the level minimum for their currency', () => {
    const small: Policy = {
      ...policy,
      id: 'pol_small',
      levels: policy.levels.map((l) => ({ ...l, minAmounts: { CZK: 50_000 } })),
    };
    const plan = planDunning(
      [
        invoice({ invoiceId: 'tiny', open: 49_999, policyId: small.id }),
        invoice({ invoiceId: 'big', policyId: small.id }),
      ],
      [customer()],
      new Map([[small.id, small]]),
      '2026-03-09',
      weekends,
    );
    expect(plan.skipped.map((s) => [s.invoiceId, s.reason, s.detail])).toEqual([
      ['tiny', 'below_minimum', 'open 499.99 CZK is below the minimum 500.00 CZK of level 3'],
    ]);
  });

  it('counts overdue days from the next business day when the policy shifts weekend due dates', () => {
    const shifted: Policy = { ...policy, id: 'pol_shift', shiftDueToBusinessDay: true };
    const saturdayDue = invoice({ dueDate: '2026-03-07', policyId: shifted.id });
    const map = new Map([[shifted.id, shifted]]);
    // Due Saturday 7 March -> counted from Monday 9 March: level 3 on 16 March, not 14 March.
    expect(
      planDunning(
        [{ ...saturdayDue, sent: [{ position: 2, date: '2026-03-09' }] }],
        [customer()],
        map,
        '2026-03-14',
        weekends,
      ).actions,
    ).toEqual([]);
    const onMonday = planDunning(
      [{ ...saturdayDue, sent: [{ position: 2, date: '2026-03-09' }] }],
      [customer()],
      map,
      '2026-03-16',
      weekends,
    );
    expect(onMonday.actions[0]?.items[0]).toMatchObject({ daysOverdue: 7, level: { position: 3 } });
  });

  it('times a "days since the previous level" trigger from when the previous level was really sent', () => {
    const relative: Policy = {
      ...policy,
      id: 'pol_rel',
      levels: [
        { ...policy.levels[2]!, position: 1, trigger: 'due', days: 7 },
        { ...policy.levels[3]!, position: 2, trigger: 'previous', days: 10 },
      ],
    };
    const map = new Map([[relative.id, relative]]);
    const inv = invoice({ policyId: relative.id, sent: [{ position: 1, date: '2026-03-12' }] });
    expect(planDunning([inv], [customer()], map, '2026-03-21', weekends).actions).toEqual([]);
    expect(planDunning([inv], [customer()], map, '2026-03-22', weekends).actions[0]?.level.position).toBe(2);
  });

  it('simulates a policy over a date range without side effects', () => {
    const days = simulateDunning(
      [invoice({ dueDate: '2026-03-02' })],
      [customer()],
      policies,
      '2026-02-20',
      '2026-05-10',
      weekends,
    );
    expect(days.map((d) => [d.date, d.actions[0]?.level.position])).toEqual([
      ['2026-02-27', 1],
      ['2026-03-02', 2],
      ['2026-03-09', 3],
      ['2026-03-16', 4],
      ['2026-04-01', 5],
      ['2026-04-16', 6],
      ['2026-05-01', 7],
    ]);
  });
});
