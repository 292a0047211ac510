import { describe, expect, it } from 'vitest';
import { bal, doc, ntry, parse, stmt, tx } from './camt-test-docs.ts';

/** A balanced statement: opening 100.00 + the entries' net = closing. */
function balanced(entries: readonly string[], closing: string, version = '08') {
  return doc([stmt({ balances: bal('OPBD', '100.00') + bal('CLBD', closing), entries })], version);
}

describe('parseCamt: statements', () => {
  it('reads the header of a camt.053.001.08 statement: id, account, sequence, period, opening balance', async () => {
    const [s] = await parse(balanced([ntry({ amount: '10.00' })], '110.00'));
    expect(s!.header).toEqual({
      format: 'camt.053',
      where: '/Document/BkToCstmrStmt/Stmt[1]',
      statementId: 'S-1',
      account: { iban: 'SK3112000000198742637541', number: null, currency: 'EUR' },
      sequence: '7',
      createdAt: '2026-03-02T06:00:00+01:00',
      fromDate: '2026-03-02',
      toDate: '2026-03-02',
      openingBalance: 10000,
      currency: 'EUR',
    });
    expect(s!.end).toEqual({ statementId: 'S-1', closingBalance: 11000, lines: 1, net: 1000, warnings: [] });
  });

  it('reads the old status shape <Sts>BOOK</Sts> in .02 and the coded <Sts><Cd>PDNG</Cd></Sts> in .08', async () => {
    const v02 = await parse(balanced([ntry({ sts: '<Sts>BOOK</Sts>' })], '110.00', '02'));
    expect(v02[0]!.lines[0]!.status).toBe('booked');
    const v08 = await parse(balanced([ntry({ sts: '<Sts><Cd>PDNG</Cd></Sts>' })], '100.00'));
    expect(v08[0]!.lines[0]!.status).toBe('pending');
    expect(v08[0]!.end).toMatchObject({ lines: 0, net: 0 });
  });

  it('counts only booked entries towards the closing balance; INFO and PDNG lines are reported', async () => {
    const entries = [ntry({ amount: '5.00' }), ntry({ amount: '7.00', sts: '<Sts><Cd>INFO</Cd></Sts>' })];
    const [s] = await parse(balanced(entries, '105.00'));
    expect(s!.lines.map((l) => [l.amount, l.status])).toEqual([
      [500, 'booked'],
      [700, 'info'],
    ]);
    expect(s!.end).toMatchObject({ lines: 1, net: 500 });
  });

  it('reads several statements of one message, each with its own header, lines and end', async () => {
    const first = stmt({
      id: 'A',
      balances: bal('OPBD', '1.00') + bal('CLBD', '3.00'),
      entries: [ntry({ amount: '2.00' })],
    });
    const second = stmt({
      id: 'B',
      balances: bal('PRCD', '3.00') + bal('CLBD', '0.50'),
      entries: [ntry({ amount: '2.50', ind: 'DBIT' })],
    });
    const statements = await parse(doc([first, second]));
    expect(
      statements.map((s) => [s.header.statementId, s.header.openingBalance, s.end.closingBalance, s.end.net]),
    ).toEqual([
      ['A', 100, 300, 200],
      ['B', 300, 50, -250],
    ]);
    expect(statements[1]!.header.where).toBe('/Document/BkToCstmrStmt/Stmt[2]');
  });

  it('reads a DBIT balance as negative and ignores available and interim balances', async () => {
    const balances =
      bal('OPAV', '999.00') +
      bal('OPBD', '20.00', 'DBIT') +
      bal('ITBD', '1.00') +
      bal('CLBD', '10.00', 'DBIT');
    const [s] = await parse(doc([stmt({ balances, entries: [ntry({ amount: '10.00' })] })]));
    expect([s!.header.openingBalance, s!.end.closingBalance]).toEqual([-2000, -1000]);
  });

  it('gives an Acct/Id/Othr/Id that is a valid IBAN as the IBAN, and any other as the account number', async () => {
    const account = (id: string) => `<Acct><Id><Othr><Id>${id}</Id></Othr></Id><Ccy>EUR</Ccy></Acct>`;
    const balances = bal('OPBD', '0') + bal('CLBD', '0');
    const [iban] = await parse(doc([stmt({ account: account('SK3112000000198742637541'), balances })]));
    expect(iban!.header.account).toEqual({ iban: 'SK3112000000198742637541', number: null, currency: 'EUR' });
    const [other] = await parse(doc([stmt({ account: account('19-2000145399/0800'), balances })]));
    expect(other!.header.account).toEqual({ iban: null, number: '19-2000145399/0800', currency: 'EUR' });
  });

  it('reads a camt.054 notification: no balances, so opening and closing are null', async () => {
    const text = doc([stmt({ entries: [ntry({ amount: '5.00' })] }, 'Ntfctn')], '08', '054');
    const [s] = await parse(text);
    expect(s!.header).toMatchObject({
      format: 'camt.054',
      openingBalance: null,
      where: '/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]',
    });
    expect(s!.end).toMatchObject({ closingBalance: null, lines: 1, net: 500, warnings: [] });
  });

  it('reads elements with a namespace prefix (ns2:Document) like unprefixed ones', async () => {
    const text = balanced([ntry({ amount: '10.00' })], '110.00')
      .replace('xmlns=', 'xmlns:ns2=')
      .replace(/<(\/?)([A-Za-z])/g, '<$1ns2:$2')
      .replace('<ns2:?xml', '<?xml');
    const [s] = await parse(text);
    expect(s!.end).toMatchObject({ lines: 1, net: 1000 });
  });

  it('decodes UTF-8 split across chunk boundaries (one-byte chunks)', async () => {
    const name = 'Ødegård & Šťastný – Müller';
    const body = `<RltdPties><Dbtr><Pty><Nm>${name.replace('&', '&amp;')}</Nm></Pty></Dbtr></RltdPties>`;
    const [s] = await parse(balanced([ntry({ txs: [tx({ body })] })], '110.00'), {}, 1);
    expect(s!.lines[0]!.payerName).toBe(name);
  });

  it('decodes a document in the encoding its XML declaration names (windows-1250)', async () => {
    const text = balanced(
      [ntry({ txs: [tx({ body: '<RmtInf><Ustrd>Faktúra č. 7 – Žilina</Ustrd></RmtInf>' })] })],
      '110.00',
    )
      .replace('encoding="UTF-8"', 'encoding="windows-1250"')
      .replace('–', '-');
    const iconv = (await import('iconv-lite')).default;
    const [s] = await parse(iconv.encode(text, 'windows-1250'), {}, 7);
    expect(s!.lines[0]!.text).toBe('Faktúra č. 7 - Žilina');
  });
});
