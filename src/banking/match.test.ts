import { describe, expect, it } from 'vitest';
import { matchLines } from './match.ts';
import {
  AS_OF,
  BERGER,
  HOLDING,
  invoice,
  line,
  NOVAK,
  NOVAK_ACCOUNT,
  rf,
} from './match-builders.test-util.ts';
import type { MatchInvoice, MatchLine, MatchOptions } from './match-model.ts';

const match = (lines: MatchLine[], invoices: MatchInvoice[], options?: MatchOptions) =>
  matchLines({ lines, invoices, customers: [NOVAK, HOLDING, BERGER], asOf: AS_OF, options }).proposals;

const INV42 = invoice({ number: '2026-0042', paymentReference: 'RF18 5390 0754 7034' });
const INV43 = invoice({
  number: '2026-0043',
  paymentReference: rf('20260043'),
  open: 80_000,
  dueDate: '2026-03-05',
});

describe('evidence 1: a structured reference', () => {
  it('settles the referenced invoice automatically when the amount is its open amount', () => {
    const [p] = match([line({ reference: 'RF18539007547034', referenceKind: 'RF' })], [INV42, INV43]);
    expect(p).toMatchObject({
      outcome: 'invoices',
      customerId: 'cus_novak',
      allocations: [{ invoiceId: 'inv_2026-0042', amount: 125_000 }],
      overpayment: 0,
      shortfall: null,
      autoApply: true,
      evidence: 'reference',
    });
    expect(p!.reasons).toContain('structured reference RF18 5390 0754 7034 is invoice 2026-0042');
    expect(p!.reasons).toContain('amount 1 250.00 EUR equals the open amount of 2026-0042');
  });

  it('finds the reference printed in groups in the text, in lower case', () => {
    const [p] = match([line({ text: 'platba rf18 5390 0754 7034 dekujeme' })], [INV42]);
    expect(p).toMatchObject({ evidence: 'reference', autoApply: true });
  });

  it('reads the Czech variable symbol from its field and from a Slovak EndToEndId, leading zeros aside', () => {
    const vs = invoice({ number: '2026-0050', paymentReference: '20260050', currency: 'CZK', open: 990_000 });
    const [a, b] = match(
      [
        line({ currency: 'CZK', amount: 990_000, symbols: { vs: '0020260050', ss: null, ks: '0308' } }),
        line({ currency: 'CZK', amount: 990_000, endToEndId: '/VS20260050/SS/KS0308' }),
      ],
      [vs, { ...vs, invoiceId: 'inv_other', number: '2026-0051', paymentReference: '20260051' }],
    );
    expect(a).toMatchObject({
      evidence: 'reference',
      autoApply: true,
      allocations: [{ invoiceId: 'inv_2026-0050' }],
    });
    expect(b).toMatchObject({ evidence: 'reference', outcome: 'credit_only' });
  });

  it('finds a Belgian structured communication in the text', () => {
    const ogm = invoice({ number: '2026-0060', paymentReference: '010806817183' });
    const [p] = match([line({ text: 'Facture +++010/8068/17183+++' })], [ogm]);
    expect(p).toMatchObject({ evidence: 'reference', autoApply: true });
  });

  it('ignores a reference whose check digits are wrong and falls back to the next evidence', () => {
    const [p] = match([line({ text: 'RF19 5390 0754 7034' })], [INV42]);
    expect(p!.evidence).not.toBe('reference');
  });
});

describe('evidence 2: exact amount from a known payer account', () => {
  it('applies the one open invoice of exactly that amount', () => {
    const [p] = match(
      [line({ payerAccount: NOVAK_ACCOUNT, amount: 80_000, text: 'platba' })],
      [INV42, INV43],
    );
    expect(p).toMatchObject({
      evidence: 'account_amount',
      autoApply: true,
      allocations: [{ invoiceId: 'inv_2026-0043' }],
    });
    expect(p!.reasons).toContain(`payer account ${NOVAK_ACCOUNT} paid this customer before`);
  });

  it('sends two invoices of the same amount to review, offering the other as an alternative', () => {
    const twin = invoice({ number: '2026-0044', open: 80_000, dueDate: '2026-03-09' });
    const [p] = match([line({ payerAccount: NOVAK_ACCOUNT, amount: 80_000 })], [INV42, INV43, twin]);
    expect(p!.autoApply).toBe(false);
    const chosen = [p!, ...p!.alternatives].map((x) => x.allocations[0]?.invoiceId);
    expect(chosen).toEqual(expect.arrayContaining(['inv_2026-0043', 'inv_2026-0044']));
  });
});

describe('evidence 3: an invoice number in the text', () => {
  for (const text of [
    'Faktura č. 2026/0042',
    'INV-2026-0042',
    'inv 20260042',
    '#2026-0042',
    'fa 2026 0042 dik',
  ]) {
    it(`reads "${text}" as invoice 2026-0042`, () => {
      const [p] = match([line({ text })], [INV42, INV43]);
      expect(p).toMatchObject({
        evidence: 'invoice_number',
        autoApply: true,
        allocations: [{ invoiceId: 'inv_2026-0042' }],
      });
    });
  }

  const dense = [140, 141, 142, 143].map((n) =>
    invoice({ number: `2026-000${n}`, open: 100_000 + n * 1000 }),
  );
  for (const [kind, text] of [
    ['substituted', '2026-000152'],
    ['swapped', '2026-000124'],
    ['missing', '2026-00014'],
    ['extra', '2026-0001422'],
  ]) {
    it(`forgives one ${kind} character when exactly one invoice that close fits the amount, for review`, () => {
      const [p] = match([line({ text: `Rechnung ${text}`, amount: 242_000 })], dense);
      expect(p).toMatchObject({
        evidence: 'invoice_number',
        autoApply: false,
        allocations: [{ invoiceId: 'inv_2026-000142' }],
      });
      expect(p!.reasons.some((r) => r.includes('one character differs'))).toBe(true);
    });
  }

  it('does not forgive two typos', () => {
    const [p] = match([line({ text: 'Rechnung 2026-000214', amount: 242_000 })], dense);
    expect(p!.outcome).toBe('no_match');
  });

  it('does not forgive a typo in a number shorter than six characters', () => {
    const [p] = match(
      [line({ text: 'faktura 4521', amount: 50_000 })],
      [invoice({ number: '4512', open: 50_000 })],
    );
    expect(p!.outcome).toBe('no_match');
  });

  it('does not choose between two invoices one typo away that both fit the amount', () => {
    const twins = [
      invoice({ number: '2026-000041', open: 5_000 }),
      invoice({ number: '2026-000043', open: 5_000 }),
    ];
    const [p] = match([line({ text: 'faktura 2026-000042', amount: 5_000 })], twins);
    expect(p!.autoApply).toBe(false);
    expect(p!.alternatives).toHaveLength(1);
  });
});

describe('evidence 4: payer name and amount', () => {
  for (const payerName of ['NOVAK STAVBY SRO', 'Novak Stavby spol. s r.o.', 'НОВАК СТАВБЫ']) {
    it(`proposes the customer for '${payerName}' when the amount fits, for review`, () => {
      const [p] = match([line({ payerName, amount: 80_000 })], [INV42, INV43]);
      expect(p).toMatchObject({
        evidence: 'name_amount',
        autoApply: false,
        allocations: [{ invoiceId: 'inv_2026-0043' }],
      });
      expect(
        p!.reasons.find((r) =>
          r.startsWith(`payer name '${payerName}' is like customer 'Novák Stavby s.r.o.'`),
        ),
      ).toBeTruthy();
    });
  }

  it('does not match a bank paying interest, even for an amount some invoice has', () => {
    const [p] = match(
      [line({ payerName: 'Raiffeisenbank a.s.', text: 'Úroky za 02/2026', amount: 80_000 })],
      [INV43],
    );
    expect(p).toMatchObject({ outcome: 'no_match', customerId: null, overpayment: 80_000, autoApply: false });
  });
});

describe('never across currencies', () => {
  it('does not apply a EUR payment to a CZK invoice with its reference, and says why', () => {
    const czk = invoice({ number: '2026-0070', currency: 'CZK', paymentReference: rf('20260070') });
    const [p] = match([line({ reference: rf('20260070'), referenceKind: 'RF' })], [czk]);
    expect(p!.allocations).toEqual([]);
    expect(p!.autoApply).toBe(false);
    expect(p!.reasons.some((r) => r.includes('not matched across currencies'))).toBe(true);
  });
});
