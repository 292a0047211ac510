/**
 * Oldest-first allocation: the order customers and auditors expect, and the one statutory interest
 * favours (the oldest debt stops accruing first).
 */
export interface OpenItem {
  readonly invoiceId: string;
  readonly dueDate: string;
  readonly issueDate: string;
  readonly number: string;
  readonly open: number;
}

export interface Allocation {
  readonly invoiceId: string;
  readonly amount: number;
}

export function byAge(a: OpenItem, b: OpenItem): number {
  return (
    a.dueDate.localeCompare(b.dueDate) ||
    a.issueDate.localeCompare(b.issueDate) ||
    a.number.localeCompare(b.number) ||
    a.invoiceId.localeCompare(b.invoiceId)
  );
}

/**
 * Spreads `amount` over the open items, oldest due date first, never beyond an item's open amount.
 * Returns the allocations and the rest (which stays as customer credit).
 *
 * @example allocateOldestFirst(1500, [{ invoiceId: 'a', open: 1000, ... }, { invoiceId: 'b', open: 1000, ... }])
 *   // { allocations: [{ invoiceId: 'a', amount: 1000 }, { invoiceId: 'b', amount: 500 }], rest: 0 }
 */
export function allocateOldestFirst(
  amount: number,
  items: readonly OpenItem[],
): { readonly allocations: readonly Allocation[]; readonly rest: number } {
  const allocations: Allocation[] = [];
  let rest = amount;
  for (const item of [...items].sort(byAge)) {
    if (rest <= 0) break;
    if (item.open <= 0) continue;
    const take = Math.min(rest, item.open);
    allocations.push({ invoiceId: item.invoiceId, amount: take });
    rest -= take;
  }
  return { allocations, rest };
}
