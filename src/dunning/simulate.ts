import { addDays, type IsoDate } from '../kernel/dates.ts';
import type { Policy } from './model.ts';
import {
  type CustomerState,
  type PlanCalendar,
  type PlanInvoice,
  type PlannedAction,
  planDunning,
} from './plan.ts';

export interface SimulatedDay {
  readonly date: IsoDate;
  readonly actions: readonly PlannedAction[];
}

/**
 * What the engine would send each day from `from` to `to`, if nobody paid: plans every day and
 * remembers what it "sent". Pure; writes nothing. Backs `duly dunning simulate`.
 */
export function simulateDunning(
  invoices: readonly PlanInvoice[],
  customers: readonly CustomerState[],
  policies: ReadonlyMap<string, Policy>,
  from: IsoDate,
  to: IsoDate,
  calendar: PlanCalendar,
): SimulatedDay[] {
  const sent = new Map(invoices.map((i) => [i.invoiceId, [...i.sent]]));
  const days: SimulatedDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const current = invoices.map((i) => ({ ...i, sent: sent.get(i.invoiceId)! }));
    const { actions } = planDunning(current, customers, policies, day, calendar);
    for (const a of actions) {
      for (const it of a.items) sent.get(it.invoiceId)!.push({ position: it.level.position, date: day });
    }
    if (actions.length > 0) days.push({ date: day, actions });
  }
  return days;
}
