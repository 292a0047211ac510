import type { ErrorCode } from '../src/kernel/errors.ts';

/**
 * An in-memory model of the receivables ledger, written from the rules in the issue and the doc
 * comments, not from the SQL: what each invoice, payment and credit note should amount to after a
 * sequence of operations. ledger.property.test.ts runs random sequences against both and compares.
 */
export interface ModelInvoice {
  readonly id: string;
  readonly number: string;
  readonly customerId: string;
  readonly currency: string;
  readonly total: number;
  readonly issueDate: string;
  readonly dueDate: string;
  state: 'draft' | 'issued' | 'void';
  fees: number;
  /** Allocations and credit applications still standing (reversed payments no longer count). */
  paid: number;
  /** The part of credit notes applied to the invoice itself. */
  credited: number;
  writtenOff: number;
  /** Full amounts of the credit notes issued against it, including parts that became customer credit. */
  creditNotes: number;
  /** Ledger entries on the invoice other than its issue: any of them makes it impossible to void. */
  settlements: number;
}

export interface ModelAllocation {
  readonly invoiceId: string;
  readonly amount: number;
}

/** A credit source: a payment, or the part of a credit note that exceeded the invoice's open amount. */
export interface ModelSource {
  readonly id: string;
  readonly kind: 'payment' | 'credit_note';
  readonly customerId: string;
  readonly currency: string;
  readonly amount: number;
  readonly date: string;
  readonly allocations: ModelAllocation[];
  reversed: boolean;
}

export interface CreditPiece {
  readonly source: ModelSource;
  readonly invoiceId: string;
  readonly amount: number;
}

export interface AllocationRequest {
  readonly invoiceId: string;
  readonly amount: number;
}

export class LedgerModel {
  readonly invoices: ModelInvoice[] = [];
  readonly sources: ModelSource[] = [];

  invoice(id: string): ModelInvoice | undefined {
    return this.invoices.find((i) => i.id === id);
  }

  /** What is still owed on an invoice: total + fees - payments - credits - write-offs. */
  open(inv: ModelInvoice): number {
    if (inv.state !== 'issued') return 0;
    return inv.total + inv.fees - inv.paid - inv.credited - inv.writtenOff;
  }

  available(s: ModelSource): number {
    return s.reversed ? 0 : s.amount - s.allocations.reduce((sum, a) => sum + a.amount, 0);
  }

  /** The most a new credit note may credit: what was billed, less earlier credit notes and write-offs. */
  creditable(inv: ModelInvoice): number {
    return inv.total + inv.fees - inv.creditNotes - inv.writtenOff;
  }

  /** Issued invoices of a customer in a currency with something open, oldest due first. */
  openItems(customerId: string, currency: string): ModelInvoice[] {
    const key = (i: ModelInvoice) => `${i.dueDate}|${i.issueDate}|${i.number}|${i.id}`;
    return this.invoices
      .filter((i) => i.customerId === customerId && i.currency === currency && this.open(i) > 0)
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  oldestFirst(amount: number, customerId: string, currency: string): ModelAllocation[] {
    const result: ModelAllocation[] = [];
    let rest = amount;
    for (const inv of this.openItems(customerId, currency)) {
      if (rest === 0) break;
      const take = Math.min(rest, this.open(inv));
      result.push({ invoiceId: inv.id, amount: take });
      rest -= take;
    }
    return result;
  }

  /** Unapplied credit of a customer in a currency, oldest source first. */
  creditSources(customerId: string, currency: string): ModelSource[] {
    return this.sources.filter(
      (s) => s.customerId === customerId && s.currency === currency && this.available(s) > 0,
    );
  }

  /** The rules every explicit allocation obeys, checked in input order; null when all hold. */
  refuseAllocations(
    customerId: string,
    currency: string,
    allocations: readonly AllocationRequest[],
    available: number,
  ): ErrorCode | null {
    const wanted = new Map<string, number>();
    let total = 0;
    for (const a of allocations) {
      const inv = this.invoice(a.invoiceId);
      if (!inv) return 'not_found';
      if (inv.customerId !== customerId) return 'validation_failed';
      if (inv.state !== 'issued') return 'invoice_not_open';
      if (inv.currency !== currency) return 'currency_mismatch';
      const sum = (wanted.get(a.invoiceId) ?? 0) + a.amount;
      if (sum > this.open(inv)) return 'allocation_exceeds_open_balance';
      wanted.set(a.invoiceId, sum);
      total += a.amount;
    }
    return total > available ? 'allocation_exceeds_available' : null;
  }

  allocate(source: ModelSource, allocations: readonly ModelAllocation[]): void {
    for (const a of allocations) {
      const inv = this.invoice(a.invoiceId)!;
      inv.paid += a.amount;
      inv.settlements += 1;
      source.allocations.push(a);
    }
  }

  /**
   * How a customer's credit covers allocations: each draws on the oldest source first and may span
   * several sources. One ledger entry per piece. Pure: commitCredit records the pieces.
   */
  planCredit(customerId: string, currency: string, allocations: readonly ModelAllocation[]): CreditPiece[] {
    const pieces: CreditPiece[] = [];
    const left = new Map(this.creditSources(customerId, currency).map((s) => [s, this.available(s)]));
    for (const a of allocations) {
      let need = a.amount;
      for (const [s, avail] of left) {
        if (need === 0) break;
        const take = Math.min(need, avail);
        if (take === 0) continue;
        left.set(s, avail - take);
        need -= take;
        pieces.push({ source: s, invoiceId: a.invoiceId, amount: take });
      }
    }
    return pieces;
  }

  commitCredit(pieces: readonly CreditPiece[]): void {
    for (const p of pieces) this.allocate(p.source, [{ invoiceId: p.invoiceId, amount: p.amount }]);
  }

  /** A returned payment: its allocations stop counting, its credit disappears. */
  reverse(payment: ModelSource): void {
    for (const a of payment.allocations) {
      const inv = this.invoice(a.invoiceId)!;
      inv.paid -= a.amount;
      inv.settlements += 1;
    }
    payment.reversed = true;
  }
}
