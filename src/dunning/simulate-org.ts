import type { Db } from '../db/database.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { createCalendar } from './calendar.ts';
import { loadDunningInputs } from './dunning-inputs.ts';
import { ensureDefaultPolicy } from './policies.repository.ts';
import { type SimulatedDay, simulateDunning } from './simulate.ts';

/** Loads today's open items and simulates the organisation's policies over a date range. Writes nothing but the default policy. */
export async function simulateForOrg(
  db: Db,
  orgId: string,
  opts: { readonly from: IsoDate; readonly to: IsoDate; readonly customerId?: string },
): Promise<SimulatedDay[]> {
  await ensureDefaultPolicy(db, orgId);
  const inputs = await loadDunningInputs(db, orgId, opts.customerId ? { customerId: opts.customerId } : {});
  return simulateDunning(
    inputs.invoices,
    inputs.customers,
    inputs.policies,
    opts.from,
    opts.to,
    createCalendar(),
  );
}
