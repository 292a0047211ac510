import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerInput } from '../customers/customer.ts';
import { addDays } from '../kernel/dates.ts';
import { isValidIban } from '../kernel/iban.ts';
import { orgInput } from '../orgs/organization.ts';
import { paymentRunDate, weekday } from './calendar.ts';
import { planDemo } from './plan-demo.ts';
import { createRng } from './random.ts';

const asOf = '2026-11-24';
const plan = planDemo({ customers: 30, seed: 1, asOf });

describe('the seeded generator', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    const a = createRng(1);
    const b = createRng(1);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
    expect(createRng(1).next()).not.toBe(createRng(2).next());
    expect(createRng(1).fork('x').next()).toBe(createRng(1).fork('x').next());
    expect(createRng(1).fork('x').next()).not.toBe(createRng(1).fork('y').next());
  });
});

describe('payment runs', () => {
  it('go out on Thursdays, or on the 15th and the last working day of the month', () => {
    expect(paymentRunDate('2026-11-24', 'weekly')).toBe('2026-11-26');
    expect(weekday('2026-11-26')).toBe(4);
    expect(paymentRunDate('2026-11-26', 'weekly')).toBe('2026-11-26');
    expect(paymentRunDate('2026-11-10', 'semi_monthly')).toBe('2026-11-16'); // the 15th is a Sunday
    expect(paymentRunDate('2026-11-16', 'semi_monthly')).toBe('2026-11-30');
  });
});

describe('planDemo', () => {
  it('gives the same plan for the same seed and day, and another for another seed', () => {
    expect(planDemo({ customers: 30, seed: 1, asOf })).toEqual(plan);
    const other = planDemo({ customers: 30, seed: 2, asOf });
    expect(other.customers.map((c) => c.input.name)).not.toEqual(plan.customers.map((c) => c.input.name));
    expect(other.invoices.map((i) => i.total)).not.toEqual(plan.invoices.map((i) => i.total));
  });

  it('plans input the API would accept: the organisation, and customers in six countries and four currencies', () => {
    expect(orgInput.safeParse(plan.org).success).toBe(true);
    for (const c of plan.customers) {
      const parsed = customerInput.safeParse(c.input);
      expect(parsed.error?.issues ?? [], c.input.name).toEqual([]);
    }
    expect(new Set(plan.customers.map((c) => c.input.country))).toEqual(
      new Set(['CZ', 'SK', 'DE', 'NL', 'NO', 'GB']),
    );
    expect(new Set(plan.customers.map((c) => c.input.currency))).toEqual(
      new Set(['CZK', 'EUR', 'NOK', 'GBP']),
    );
    expect(new Set(plan.customers.map((c) => c.input.kind))).toEqual(new Set(['business', 'consumer']));
    const tags = new Set(plan.customers.flatMap((c) => c.input.tags));
    for (const tag of ['key-account', 'slow-payer', 'new']) expect(tags.has(tag), tag).toBe(true);
    expect(plan.customers.filter((c) => c.input.onHold).length).toBeGreaterThanOrEqual(2);
    expect(new Set(plan.customers.map((c) => c.input.paymentTermsDays))).toEqual(new Set([14, 30, 45]));
    expect(new Set(plan.customers.map((c) => c.input.name)).size).toBe(plan.customers.length);
    const business = plan.customers.filter((c) => c.input.kind === 'business');
    for (const c of business) {
      expect(c.input.contacts?.map((x) => x.role)).toEqual(
        expect.arrayContaining(['billing', 'ap_approver']),
      );
    }
    expect(plan.org.bankAccounts?.every((a) => isValidIban(a.iban))).toBe(true);
  });

  it('names companies with the legal form of their country', () => {
    const forms: Record<string, RegExp> = {
      CZ: /(s\.r\.o\.|a\.s\.)$/,
      SK: /(s\.r\.o\.|a\.s\.)$/,
      DE: /(GmbH|AG|GmbH & Co\. KG)$/,
      NL: /B\.V\.$/,
      NO: / AS$/,
      GB: / Ltd$/,
    };
    for (const c of plan.customers.filter((x) => x.input.kind === 'business')) {
      expect(c.input.name).toMatch(forms[c.input.country]!);
    }
  });

  it('numbers invoices in a yearly series in date order, and dates nothing after asOf', () => {
    const invoices = plan.events.flatMap((e) => (e.kind === 'invoice' ? [e.invoice] : []));
    expect(new Set(invoices.map((i) => i.number)).size).toBe(invoices.length);
    for (const i of invoices) expect(i.number).toMatch(new RegExp(`^${i.issueDate.slice(0, 4)}-\\d{6}$`));
    const sorted = [...invoices].sort((a, b) => a.number.localeCompare(b.number));
    expect(sorted.map((i) => i.issueDate)).toEqual(invoices.map((i) => i.issueDate).sort());
    expect(plan.events.every((e) => e.date <= asOf && e.date > '2025-11-01')).toBe(true);
    expect(plan.events.map((e) => e.date)).toEqual(plan.events.map((e) => e.date).sort());
  });

  it('settles every invoice within the ledger rules, for any seed, size and day', () => {
    // Replays the plan independently of settle(): payments never precede the invoice or exceed what
    // is open, a write-off takes exactly what is left, and the ends agree with the plan's figures.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 3000 }),
        (seed, customers, day) => {
          const when = addDays('2024-01-01', day);
          const p = planDemo({ customers, seed, asOf: when });
          const issued = new Map<string, string>();
          const open = new Map<string, number>();
          const credit = new Map<string, number>();
          const addCredit = (ref: string, v: number) => credit.set(ref, (credit.get(ref) ?? 0) + v);
          const take = (number: string, amount: number, date: string) => {
            expect(amount).toBeGreaterThan(0);
            expect(issued.get(number)! <= date).toBe(true);
            expect(amount).toBeLessThanOrEqual(open.get(number)!);
            open.set(number, open.get(number)! - amount);
          };
          for (const e of p.events) {
            expect(e.date <= when).toBe(true);
            switch (e.kind) {
              case 'invoice':
                issued.set(e.invoice.number, e.date);
                open.set(e.invoice.number, e.invoice.draft ? 0 : e.invoice.total);
                break;
              case 'creditNote': {
                const applied = Math.min(e.amount, open.get(e.invoiceNumber)!);
                open.set(e.invoiceNumber, open.get(e.invoiceNumber)! - applied);
                addCredit(e.customerRef, e.amount - applied);
                break;
              }
              case 'applyCredit':
                for (const a of e.allocations) take(a.invoiceNumber, a.amount, e.date);
                addCredit(e.customerRef, -e.allocations.reduce((s, a) => s + a.amount, 0));
                expect(credit.get(e.customerRef)).toBeGreaterThanOrEqual(0);
                break;
              case 'payment': {
                for (const a of e.allocations) take(a.invoiceNumber, a.amount, e.date);
                const allocated = e.allocations.reduce((s, a) => s + a.amount, 0);
                expect(allocated).toBeLessThanOrEqual(e.amount);
                addCredit(e.customerRef, e.amount - allocated);
                break;
              }
              case 'writeOff':
                expect(e.amount).toBe(open.get(e.invoiceNumber));
                take(e.invoiceNumber, e.amount, e.date);
                break;
            }
          }
          for (const i of p.invoices) expect(open.get(i.number), i.number).toBe(i.open);
          for (const c of p.credits) expect(credit.get(c.customerRef) ?? 0).toBe(c.amount);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('plans the whole mix: paid, overdue, partly paid, credited, written off, drafts and credit left over', () => {
    const inv = plan.invoices;
    expect(inv.some((i) => !i.draft && i.open === 0 && i.writtenOff === 0)).toBe(true);
    expect(inv.some((i) => i.open > 0 && i.dueDate < asOf)).toBe(true);
    expect(inv.some((i) => i.open > 0 && i.dueDate >= asOf)).toBe(true);
    expect(inv.some((i) => i.open > 0 && i.open < i.total - i.credited)).toBe(true);
    expect(inv.some((i) => i.credited > 0)).toBe(true);
    expect(inv.some((i) => i.writtenOff > 0)).toBe(true);
    expect(inv.some((i) => i.draft)).toBe(true);
    expect(plan.credits.some((c) => c.amount > 0)).toBe(true);
    // Overdue by days, weeks and months.
    const overdueDays = inv
      .filter((i) => i.open > 0 && i.dueDate < asOf)
      .map((i) => (Date.parse(asOf) - Date.parse(i.dueDate)) / 86_400_000);
    expect(overdueDays.some((d) => d <= 14)).toBe(true);
    expect(overdueDays.some((d) => d > 60)).toBe(true);
  });

  it('charges Czech VAT (21 % and 12 %) at home and 0 % on reverse-charge and export invoices', () => {
    const rates = new Map<string, Set<string>>();
    const country = new Map(plan.customers.map((c) => [c.ref, c]));
    for (const e of plan.events) {
      if (e.kind !== 'invoice') continue;
      const c = country.get(e.customerRef)!;
      const key = c.input.kind === 'consumer' ? 'consumer' : c.input.country;
      const set = rates.get(key) ?? new Set();
      for (const l of e.invoice.lines) set.add(l.vatRate);
      rates.set(key, set);
    }
    expect(rates.get('CZ')).toEqual(new Set(['21', '12']));
    for (const k of ['SK', 'DE', 'NL', 'NO', 'GB']) expect(rates.get(k)).toEqual(new Set(['0']));
  });
});
