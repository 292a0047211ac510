/**
 * Which policy applies to an invoice: the most specific assignment wins. Invoice > customer >
 * segment > organisation; among segments, the one matching more criteria (kind, country, tag) wins,
 * then the newest. Pure.
 */
export interface AssignmentRule {
  readonly id: string;
  readonly policy_id: string;
  readonly scope: 'organization' | 'segment' | 'customer' | 'invoice';
  readonly customer_id: string | null;
  readonly invoice_id: string | null;
  readonly segment_kind: string | null;
  readonly segment_country: string | null;
  readonly segment_tag: string | null;
}

export interface AssignmentTarget {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly kind: string;
  readonly country: string;
  readonly tags: readonly string[];
}

export interface PolicyResolver {
  policyFor(target: AssignmentTarget): string | null;
}

/** Indexes the rules once, so resolving a million invoices is a few map lookups each. */
export function policyResolver(rules: readonly AssignmentRule[]): PolicyResolver {
  const newestFirst = [...rules].sort((a, b) => b.id.localeCompare(a.id));
  const byInvoice = new Map<string, string>();
  const byCustomer = new Map<string, string>();
  const segments: { rule: AssignmentRule; specificity: number }[] = [];
  let organization: string | null = null;
  for (const r of newestFirst) {
    if (r.scope === 'invoice' && r.invoice_id && !byInvoice.has(r.invoice_id))
      byInvoice.set(r.invoice_id, r.policy_id);
    else if (r.scope === 'customer' && r.customer_id && !byCustomer.has(r.customer_id))
      byCustomer.set(r.customer_id, r.policy_id);
    else if (r.scope === 'segment') {
      const specificity = [r.segment_kind, r.segment_country, r.segment_tag].filter((x) => x !== null).length;
      segments.push({ rule: r, specificity });
    } else if (r.scope === 'organization' && organization === null) organization = r.policy_id;
  }
  // Stable sort keeps newest-first among equally specific segments.
  segments.sort((a, b) => b.specificity - a.specificity);
  return {
    policyFor(t) {
      const direct = byInvoice.get(t.invoiceId) ?? byCustomer.get(t.customerId);
      if (direct) return direct;
      for (const { rule: r } of segments) {
        if (r.segment_kind !== null && r.segment_kind !== t.kind) continue;
        if (r.segment_country !== null && r.segment_country !== t.country) continue;
        if (r.segment_tag !== null && !t.tags.includes(r.segment_tag)) continue;
        return r.policy_id;
      }
      return organization;
    },
  };
}
