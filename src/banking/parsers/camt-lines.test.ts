import { describe, expect, it } from 'vitest';
import { bal, doc, ntry, parse, refusal, stmt, tx } from './camt-test-docs.ts';

/** The lines of one statement whose balances are not under test (tolerated). */
async function lines(entries: readonly string[], version = '08') {
  const text = doc([stmt({ balances: bal('OPBD', '0') + bal('CLBD', '0'), entries })], version);
  const [s] = await parse(text, { tolerateImbalance: true });
  return s!.lines;
}

const debtor = (name: string, iban: string, nested = true) =>
  `<Dbtr>${nested ? `<Pty><Nm>${name}</Nm></Pty>` : `<Nm>${name}</Nm>`}</Dbtr><DbtrAcct><Id><IBAN>${iban}</IBAN></Id></DbtrAcct>`;
const creditor = `<Cdtr><Nm>Supplier GmbH</Nm></Cdtr><CdtrAcct><Id><IBAN>de79 3704 0044 0123 6199 00</IBAN></Id></CdtrAcct>`;
const ref = (type: string, value: string) =>
  `<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry>${type}</CdOrPrtry></Tp><Ref>${value}</Ref></CdtrRefInf></Strd></RmtInf>`;

describe('parseCamt: lines', () => {
  it('reads the payer from Dbtr/Pty/Nm (v08) and from Dbtr/Nm (v02), with the IBAN normalised', async () => {
    const party = (nested: boolean) =>
      `<RltdPties>${debtor('Novak s.r.o.', 'sk31 1200 0000 1987 4263 7541', nested)}</RltdPties>`;
    const [v08] = await lines([ntry({ txs: [tx({ body: party(true) })] })]);
    const [v02] = await lines([ntry({ sts: '<Sts>BOOK</Sts>', txs: [tx({ body: party(false) })] })], '02');
    for (const line of [v08!, v02!]) {
      expect([line.payerName, line.payerAccount]).toEqual(['Novak s.r.o.', 'SK3112000000198742637541']);
    }
  });

  it('gives the creditor as the counterparty of a debit', async () => {
    const body = `<RltdPties>${debtor('Duly Demo', 'SK3112000000198742637541')}${creditor}</RltdPties>`;
    const [line] = await lines([ntry({ ind: 'DBIT', txs: [tx({ body })] })]);
    expect([line!.direction, line!.payerName, line!.payerAccount]).toEqual([
      'debit',
      'Supplier GmbH',
      'DE79370400440123619900',
    ]);
  });

  it('gives one line per TxDtls of a batch entry, all with the entry reference, each with its own amount', async () => {
    const txs = [tx({ amount: '2187.00' }), tx({ amount: '1296.00' })];
    const result = await lines([ntry({ amount: '3483.00', ref: 'BATCH-1', txs, extra: '' })]);
    expect(result.map((l) => [l.amount, l.entryRef, l.where])).toEqual([
      [218700, 'BATCH-1', '/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls/TxDtls[1]'],
      [129600, 'BATCH-1', '/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls/TxDtls[2]'],
    ]);
  });

  it('nets TxDtls of both directions against the entry (v08 TxDtls/Amt with its own CdtDbtInd)', async () => {
    const txs = [
      tx({ amount: '30.00', amountAt: 'own', ind: 'CRDT' }),
      tx({ amount: '5.00', amountAt: 'own', ind: 'DBIT' }),
    ];
    const result = await lines([ntry({ amount: '25.00', txs })]);
    expect(result.map((l) => [l.amount, l.direction])).toEqual([
      [3000, 'credit'],
      [500, 'debit'],
    ]);
  });

  it('refuses an entry whose TxDtls amounts do not add up to it, naming the entry and both sums', async () => {
    const text = doc([
      stmt({
        entries: [
          ntry({ amount: '10.00' }),
          ntry({ amount: '25.00', txs: [tx({ amount: '20.00' }), tx({ amount: '4.00' })] }),
        ],
      }),
    ]);
    const error = await refusal(text, { tolerateImbalance: true });
    expect(error.message).toBe(
      '/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]: the 2 transactions (TxDtls) add up to 24.00 EUR but the entry is 25.00 EUR',
    );
  });

  it('keeps an entry whole when its TxDtls state no amount in its currency, with every reference in the text', async () => {
    const txs = [
      tx({ amount: '3.10', ccy: 'CHF', body: `${ref('<Cd>SCOR</Cd>', 'RF18539007547034')}` }),
      tx({ amountAt: 'none', body: `${ref('<Cd>SCOR</Cd>', 'RF71INV2')}` }),
    ];
    const result = await lines([ntry({ amount: '200000', ccy: 'EUR', txs })]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({
      amount: 20000000,
      where: '/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]',
      reference: 'RF18539007547034',
      text: 'RF71INV2',
    });
  });

  it('gives an entry without TxDtls one line with the entry data and Ntry[n] as its entry reference', async () => {
    const [line] = await lines([
      ntry({ amount: '12.34', ind: 'DBIT', extra: '<AddtlNtryInf>Account fee</AddtlNtryInf>' }),
    ]);
    expect(line).toMatchObject({
      amount: 1234,
      direction: 'debit',
      entryRef: 'Ntry[1]',
      bookingDate: '2026-03-02',
      valueDate: '2026-03-03',
      text: 'Account fee',
      bankCode: 'PMNT/RCDT/ESCT',
      endToEndId: null,
    });
  });

  it('reads a returned direct debit: reversal, return reason and the original end-to-end id', async () => {
    const body =
      '<Refs><EndToEndId>INV-2026-7</EndToEndId></Refs>' +
      '<RtrInf><Rsn><Cd>AC06</Cd></Rsn><AddtlInf>Account</AddtlInf><AddtlInf>blocked</AddtlInf></RtrInf>';
    const [line] = await lines([ntry({ ind: 'DBIT', reversal: true, txs: [tx({ body })] })]);
    expect(line).toMatchObject({ direction: 'debit', reversal: true, endToEndId: 'INV-2026-7' });
    expect(line!.returnInfo).toEqual({
      reasonCode: 'AC06',
      reason: 'Account blocked',
      originalEndToEndId: 'INV-2026-7',
    });
  });

  it('reads NOTPROVIDED as no end-to-end id', async () => {
    const [line] = await lines([
      ntry({ txs: [tx({ body: '<Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>' })] }),
    ]);
    expect(line!.endToEndId).toBeNull();
  });

  it('reads creditor references: SCOR RF, SCOR other, Prtry QRR, and Slovak symbols in the end-to-end id', async () => {
    const qrr = '210000000003139471430009017';
    const result = await lines([
      ntry({ txs: [tx({ body: ref('<Cd>SCOR</Cd>', 'RF18539007547034') })] }),
      ntry({ txs: [tx({ body: ref('<Cd>SCOR</Cd>', '4654654654654654') })] }),
      ntry({ txs: [tx({ body: ref('<Prtry>QRR</Prtry>', qrr) })] }),
      ntry({ txs: [tx({ body: '<Refs><EndToEndId>/VS2026007/SS/KS0308</EndToEndId></Refs>' })] }),
    ]);
    expect(result.map((l) => [l.reference, l.referenceKind])).toEqual([
      ['RF18539007547034', 'RF'],
      ['4654654654654654', 'other'],
      [qrr, 'QRR'],
      ['2026007', 'VS'],
    ]);
    expect(result[3]!.symbols).toEqual({ vs: '2026007', ss: null, ks: '0308' });
  });

  it('joins several Ustrd with single spaces, and falls back to AddtlTxInf when there is none', async () => {
    const texts = '<RmtInf><Ustrd>Invoice  2026-7</Ustrd><Ustrd>\n and 2026-8</Ustrd></RmtInf>';
    const result = await lines([
      ntry({ txs: [tx({ body: texts })] }),
      ntry({ txs: [tx({ body: '<AddtlTxInf>CUSNO 90782</AddtlTxInf>' })] }),
    ]);
    expect(result.map((l) => l.text)).toEqual(['Invoice 2026-7 and 2026-8', 'CUSNO 90782']);
  });
});
