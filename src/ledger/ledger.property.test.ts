import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { customer, invoice, org, payment } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { checkEverything, checkInvoices } from '../../test/ledger-checks.ts';
import { LedgerModel } from '../../test/ledger-model.ts';
import { sequence } from '../../test/ledger-ops.ts';
import { perform, type World } from '../../test/ledger-perform.ts';
import { inTransaction } from '../db/transaction.ts';
import { postInvoiceEntry } from './invoices.repository.ts';
import { creditSources } from './ledger.repository.ts';
import { creditNoteInput } from './payment.ts';
import { applyCustomerCredit, createCreditNote, getPayment } from './payments.repository.ts';

/**
 * Random operation sequences on both engines, checked against an independent in-memory model
 * (test/ledger-model.ts) after every operation: outcomes and error codes, what was written, every
 * invoice's open amount, every payment's allocations and rest, customer credit, balances and
 * statements, and the SQL status filter against deriveInvoiceStatus. Each run gets its own org.
 * A failure prints fast-check's seed and path; pass them to fc.assert to replay it.
 */

/** Sequences per engine: 10-30 s each on a busy 2-core box. DULY_PROPERTY_RUNS=1000 searches deeper. */
const RUNS = { sqlite: 120, postgres: 30 };
const runsFor = (engine: keyof typeof RUNS) => Number(process.env.DULY_PROPERTY_RUNS) || RUNS[engine];

describeEachEngine('the ledger under random operation sequences', (ctx) => {
  const db = () => ctx().handle.db;
  let foreign: World['foreign'];

  beforeAll(async () => {
    const o = await org(db(), { legalName: 'Elsewhere GmbH', country: 'DE' });
    const c = await customer(db(), o, { country: 'DE', currency: 'CZK' });
    const inv = await invoice(db(), o.id, c.id, { currency: 'CZK' });
    foreign = { customerId: c.id, invoiceId: inv.id };
  });

  it('agrees with an in-memory model after every operation: amounts, allocations, credit, balances, statuses', async () => {
    await fc.assert(
      fc.asyncProperty(sequence, async (run) => {
        const o = await org(db());
        const customers = [
          await customer(db(), o, { currency: 'CZK' }),
          await customer(db(), o, { currency: 'EUR', country: 'SK' }),
          await customer(db(), o, { currency: 'CZK' }),
        ];
        const w: World = {
          db: db(),
          orgId: o.id,
          customers,
          foreign,
          model: new LedgerModel(),
          creditNotes: 0,
        };
        const halfway = Math.floor(run.ops.length / 2);
        for (const [k, operation] of run.ops.entries()) {
          await perform(w, operation);
          await checkInvoices(w);
          if (k === halfway) await checkEverything(w, run.asOf);
        }
        await checkEverything(w, run.asOf);
      }),
      // On a starved machine, stop after 90 s with the runs done so far rather than time out; a
      // failure found by then is still shrunk and reported.
      { numRuns: runsFor(ctx().handle.engine), interruptAfterTimeLimit: 90_000 },
    );
  }, 150_000);

  it('applies the oldest customer credit first, whether it came from a payment or a credit note', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const overpaid = await payment(db(), o.id, c.id, { amount: 50_000, allocate: 'none' });
    const inv = await invoice(db(), o.id, c.id);
    await payment(db(), o.id, c.id, {
      amount: 120_000,
      allocations: [{ invoiceId: inv.id, amount: 120_000 }],
    });
    const cn = await inTransaction(db(), (trx) =>
      createCreditNote(
        trx,
        o.id,
        creditNoteInput.parse({
          invoiceId: inv.id,
          number: 'CN-1',
          issueDate: '2026-03-12',
          amount: 30_000,
          reason: 'late',
        }),
      ),
    );
    expect(cn.ok && cn.value.unapplied).toBe(29_000);
    const next = await invoice(db(), o.id, c.id);
    const applied = await inTransaction(db(), (trx) =>
      applyCustomerCredit(trx, o.id, c.id, {
        currency: 'CZK',
        date: '2026-03-20',
        allocations: [{ invoiceId: next.id, amount: 10_000 }],
      }),
    );
    expect(applied.ok && applied.value.remainingCredit).toBe(69_000);
    expect((await getPayment(db(), o.id, overpaid.id))?.unallocated).toBe(40_000);
    const left = await creditSources(db(), o.id, c.id);
    expect(left.map((s) => [s.sourceType, s.available])).toEqual([
      ['payment', 40_000],
      ['credit_note', 29_000],
    ]);
  });

  it('refuses to credit written-off debt, which would hand the customer credit they never paid', async () => {
    const o = await org(db());
    const c = await customer(db(), o);
    const inv = await invoice(db(), o.id, c.id);
    const creditNote = (number: string, amount: number) =>
      inTransaction(db(), (trx) =>
        createCreditNote(
          trx,
          o.id,
          creditNoteInput.parse({
            invoiceId: inv.id,
            number,
            issueDate: '2026-07-01',
            amount,
            reason: 'goodwill',
          }),
        ),
      );
    await payment(db(), o.id, c.id, { amount: 100_000 });
    const w = await inTransaction(db(), (trx) =>
      postInvoiceEntry(
        trx,
        o.id,
        inv.id,
        { kind: 'write_off', date: '2026-06-30', memo: 'bad debt' },
        '2026-06-30',
      ),
    );
    expect(w.ok && w.value.amountWrittenOff).toBe(21_000);
    const tooMuch = await creditNote('CN-1', 100_001);
    expect(tooMuch.ok ? 'ok' : tooMuch.error.code).toBe('allocation_exceeds_open_balance');
    const paidPart = await creditNote('CN-2', 100_000);
    expect(paidPart.ok && [paidPart.value.appliedToInvoice, paidPart.value.unapplied]).toEqual([0, 100_000]);
    expect((await creditSources(db(), o.id, c.id)).reduce((s, x) => s + x.available, 0)).toBe(100_000);
  });
});
