import { describe, expect, it } from 'vitest';
import { StatementError } from '../statement.ts';
import { bal, doc, ntry, parse, refusal, stmt } from './camt-test-docs.ts';

const S1 = '/Document/BkToCstmrStmt/Stmt[1]';

describe('parseCamt: control totals', () => {
  const unbalanced = doc([
    stmt({ balances: bal('OPBD', '100.00') + bal('CLBD', '150.00'), entries: [ntry({ amount: '49.99' })] }),
  ]);
  const imbalance =
    'opening balance 100.00 EUR + booked entries 49.99 EUR = 149.99 EUR, but the closing balance (CLBD) is ' +
    '150.00 EUR: a difference of 0.01 EUR';

  it('refuses a statement whose opening balance plus booked entries is not its closing balance', async () => {
    const error = await refusal(unbalanced);
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).where).toBe(`${S1}/Bal[2]`);
    expect(error.message).toBe(`${S1}/Bal[2]: ${imbalance}`);
  });

  it('imports it with tolerateImbalance, recording the difference as a warning', async () => {
    const [s] = await parse(unbalanced, { tolerateImbalance: true });
    expect(s!.end).toMatchObject({
      closingBalance: 15000,
      net: 4999,
      warnings: [`${S1}/Bal[2]: ${imbalance}`],
    });
  });

  it('checks TxsSummry: number of entries, sum of their amounts and net, whatever their status', async () => {
    const summary = (n: string, sum: string, net: string, ind: string) =>
      `<TxsSummry><TtlNtries><NbOfNtries>${n}</NbOfNtries><Sum>${sum}</Sum><TtlNetNtry><Amt>${net}</Amt>` +
      `<CdtDbtInd>${ind}</CdtDbtInd></TtlNetNtry></TtlNtries></TxsSummry>`;
    const entries = [
      ntry({ amount: '10.00' }),
      ntry({ amount: '4.00', ind: 'DBIT', sts: '<Sts><Cd>PDNG</Cd></Sts>' }),
    ];
    const text = (s: string) =>
      doc([stmt({ balances: bal('OPBD', '0') + bal('CLBD', '10.00'), summary: s, entries })]);
    await expect(parse(text(summary('2', '14.00', '6.00', 'CRDT')))).resolves.toHaveLength(1);
    const [s] = await parse(text(summary('3', '14.50', '6.00', 'DBIT')), { tolerateImbalance: true });
    expect(s!.end.warnings).toEqual([
      `${S1}/TxsSummry: TtlNtries/NbOfNtries says 3 entries, but the statement has 2`,
      `${S1}/TxsSummry: TtlNtries/Sum says 14.50 EUR, but the entries add up to 14.00 EUR`,
      `${S1}/TxsSummry: TtlNtries/TtlNetNtry says -6.00 EUR, but the entries add up to 6.00 EUR`,
    ]);
  });

  it('refuses a camt.053 statement without a closing balance unless tolerated', async () => {
    const text = doc([stmt({ balances: bal('OPBD', '1.00') + bal('CLAV', '1.00'), entries: [] })]);
    expect((await refusal(text)).message).toMatch(/no closing booked balance \(CLBD\)/);
    const [s] = await parse(text, { tolerateImbalance: true });
    expect(s!.end.closingBalance).toBeNull();
    expect(s!.end.warnings).toHaveLength(1);
  });

  it('refuses a balance without CdtDbtInd; tolerated, it is read as a credit balance', async () => {
    const text = doc([
      stmt({
        balances: bal('OPBD', '5.00', null) + bal('CLBD', '6.00', null),
        entries: [ntry({ amount: '1.00' })],
      }),
    ]);
    expect((await refusal(text)).message).toBe(
      `${S1}/Bal[1]: balance OPBD has no CdtDbtInd; read as CRDT (a credit balance)`,
    );
    const [s] = await parse(text, { tolerateImbalance: true });
    expect([s!.header.openingBalance, s!.end.closingBalance]).toEqual([500, 600]);
    expect(s!.end.warnings).toEqual([
      `${S1}/Bal[1]: balance OPBD has no CdtDbtInd; read as CRDT (a credit balance) (and 1 more like it)`,
    ]);
  });

  it('refuses a status written in the shape of another version (plain Sts in .10), unless tolerated', async () => {
    const entries = [ntry({ sts: '<Sts>BOOK</Sts>' }), ntry({ sts: '<Sts>BOOK</Sts>' })];
    const text = doc([stmt({ balances: bal('OPBD', '0') + bal('CLBD', '20.00'), entries })], '10');
    expect((await refusal(text)).message).toBe(
      `${S1}/Ntry[1]/Sts: camt.053.001.10 requires <Sts><Cd>BOOK</Cd></Sts>`,
    );
    const [s] = await parse(text, { tolerateImbalance: true });
    expect(s!.end).toMatchObject({ lines: 2, net: 2000 });
    expect(s!.end.warnings[0]).toMatch(/requires <Sts><Cd>BOOK<\/Cd><\/Sts> \(and 1 more like it\)$/);
  });

  it('refuses mixed currencies even when imbalance is tolerated, naming both', async () => {
    const text = doc([stmt({ balances: bal('OPBD', '18.15') + bal('CLBD', '27.00', 'CRDT', 'SEK') })]);
    const error = await refusal(text, { tolerateImbalance: true });
    expect(error.message).toBe(
      `${S1}/Bal[2]/Amt: mixed currencies: balance CLBD is in SEK but the account (Acct/Ccy) is in EUR`,
    );
  });

  it('accepts zeros beyond the currency decimals (18.150 EUR) and refuses other excess digits', async () => {
    const text = (amount: string) =>
      doc([stmt({ balances: bal('OPBD', '0') + bal('CLBD', '18.15'), entries: [ntry({ amount })] })]);
    const [s] = await parse(text('18.1500'));
    expect(s!.lines[0]!.amount).toBe(1815);
    expect((await refusal(text('18.151'))).message).toBe(
      `${S1}/Ntry[1]/Amt: amount 18.151 EUR has more than 2 decimals (or is too large)`,
    );
  });

  it('refuses an account in a currency Duly does not book', async () => {
    const text = doc([
      stmt({ account: '<Acct><Id><IBAN>RO49AAAA1B31007593840000</IBAN></Id><Ccy>RON</Ccy></Acct>' }),
    ]);
    expect((await refusal(text)).message).toBe(`${S1}/Acct/Ccy: currency RON is not supported`);
  });
});

describe('parseCamt: documents it refuses', () => {
  it('refuses a payment order (pain.001) and an intraday report (camt.052), saying what they are', async () => {
    const pain =
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>';
    expect((await refusal(pain)).message).toMatch(
      /^\/Document: this is a pain\.001\.001\.03 document, not a camt\.053/,
    );
    const report = doc([]).replace('camt.053.001.08', 'camt.052.001.08');
    expect(((await refusal(report)) as StatementError).hint).toMatch(/intraday report/);
  });

  it('refuses XML that is not an ISO 20022 document', async () => {
    expect((await refusal('<Document><BkToCstmrStmt/></Document>')).message).toMatch(
      /no urn:iso:std:iso:20022/,
    );
    expect((await refusal('<html><body/></html>')).message).toBe(
      '/html: not an ISO 20022 camt document (root element <html>)',
    );
  });

  it('refuses a message with a group header but no statement', async () => {
    expect((await refusal(doc([]))).message).toBe(
      '/Document: the document has no BkToCstmrStmt/Stmt: there is nothing to import',
    );
  });

  it('refuses malformed XML, naming line and column', async () => {
    const text = doc([stmt({ entries: [ntry()] })]).replace('</Ntry>', '</Ntr>');
    const error = (await refusal(text)) as StatementError;
    expect(error.where).toMatch(/^line 2, column \d+$/);
    expect(error.message).toMatch(/malformed XML: unexpected close tag/);
  });

  it('refuses a truncated file and bytes that are not UTF-8', async () => {
    const text = doc([stmt({ entries: [ntry()] })]);
    expect((await refusal(text.slice(0, 400))).message).toMatch(/malformed XML/);
    const bytes = Buffer.from(text.replace('<Id>S-1', '\n\n<Id>S-\u00e9'), 'latin1');
    expect((await refusal(bytes)).message).toBe('line 4: the file is not valid UTF-8 text');
  });

  it('refuses bad values at their element: a date, a CdtDbtInd, a status', async () => {
    const one = (entry: string) => doc([stmt({ entries: [entry] })]);
    const badDate = one(ntry()).replace('<Dt>2026-03-02</Dt></BookgDt>', '<Dt>2026-02-30</Dt></BookgDt>');
    expect((await refusal(badDate)).message).toMatch(
      /^\/Document\/BkToCstmrStmt\/Stmt\[1\]\/Ntry\[1\]\/BookgDt\/Dt: "2026-02-30" is not a date/,
    );
    const badSign = one(ntry()).replace('<CdtDbtInd>CRDT', '<CdtDbtInd>CR');
    expect((await refusal(badSign)).message).toBe(`${S1}/Ntry[1]/CdtDbtInd: CdtDbtInd is "CR"`);
    expect((await refusal(one(ntry({ sts: '<Sts><Cd>XXXX</Cd></Sts>' })))).message).toBe(
      `${S1}/Ntry[1]/Sts: unknown entry status "XXXX"`,
    );
  });
});
