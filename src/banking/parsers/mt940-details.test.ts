import { describe, expect, it } from 'vitest';
import { mt940Account } from './mt940-account.ts';
import { mt940Details } from './mt940-details.ts';

describe('mt940Details (German ?nn sub-fields)', () => {
  it('joins SEPA keywords split across ?2x sub-fields and lines: end-to-end id, purpose, name, account', () => {
    const d = mt940Details([
      '171?00SEPA LASTSCHRIFT?10281?20EREF+TRX-0A4A47C3-F846-4729?21-8A1B-5DF620F?22MREF+M1?23CRED+DE98ZZZ0',
      '9999999999?24SVWZ+Invoice 2026-0',
      '17 thank you?30HYVEDEMMXXX?31DE89370400440532013000?32Peter Pan und Wendy Darling Ko?33mpanie',
    ]);
    expect(d).toMatchObject({
      gvc: '171',
      endToEndId: 'TRX-0A4A47C3-F846-4729-8A1B-5DF620F',
      text: 'Invoice 2026-017 thank you',
      payerName: 'Peter Pan und Wendy Darling Kompanie',
      payerAccount: 'DE89370400440532013000',
    });
  });

  it('finds a keyword cut in two by a sub-field boundary (S?25VWZ+)', () => {
    const d = mt940Details(['835?20EREF+ 123 ?21MREF+ 12AB CRED+ A?22B12 S?23VWZ+ SPOTIFY order 9']);
    expect([d.endToEndId, d.text]).toEqual(['123', 'SPOTIFY order 9']);
  });

  it('reads the purpose without SEPA keywords, gluing full 27-character sub-fields only', () => {
    const d = mt940Details(['820?00UMBUCHUNG?20ERSTATTUNG AUSLANDSEINSATZE?21NTGELT FUER VISA?22Karte 1234']);
    expect(d.text).toBe('ERSTATTUNG AUSLANDSEINSATZENTGELT FUER VISA Karte 1234');
    expect(d.endToEndId).toBeNull();
  });

  it('takes ?38 (IBAN) before ?31 (account), and NOTPROVIDED as no end-to-end id', () => {
    const d = mt940Details(['166?20EREF+NOTPROVIDED?31123456?38DE89 3704 0044 0532 0130 00']);
    expect([d.endToEndId, d.payerAccount]).toEqual([null, 'DE89370400440532013000']);
  });

  it("reads Triodos' >nn sub-fields like ?nn", () => {
    const d = mt940Details([
      '000>100987654321',
      '>20ALGEMENE TUSSENREKENING KOS>21TEN VAN 01-10-2010>310390123456',
    ]);
    expect([d.text, d.payerAccount]).toEqual(['ALGEMENE TUSSENREKENING KOSTEN VAN 01-10-2010', '0390123456']);
  });
});

describe('mt940Details (Dutch /KEY/ structure)', () => {
  it('reads ING counterparty, end-to-end id and unstructured remittance across wrapped lines', () => {
    const d = mt940Details([
      '/EREF/EV12341REP1231456T1234//CNTP/NL32INGB0000012345/INGBNL2',
      'A/J.Janssen/AMSTERDAM///REMI/USTD//Factuurnr 123456/',
    ]);
    expect(d).toMatchObject({
      endToEndId: 'EV12341REP1231456T1234',
      payerName: 'J.Janssen',
      payerAccount: 'NL32INGB0000012345',
      text: 'Factuurnr 123456',
    });
  });

  it('reads a structured Dutch payment reference (STRD/CUR) and a return reason', () => {
    const d = mt940Details([
      '/RTRN/MS03//EREF/E2//CNTP/NL32INGB0000012345/INGBNL2A/X///REMI/STRD/CUR/9001123412341234/',
    ]);
    expect([d.reference, d.referenceKind, d.text, d.returnReason]).toEqual([
      '9001123412341234',
      'NL',
      '',
      'MS03',
    ]);
  });

  it("reads Rabobank's /ORDP//NAME/.../REMI/ form", () => {
    const d = mt940Details(['/ORDP//NAME/R. SMITH/ADDR/Green market 74/REMI/Test money/ISDT/2014-01-02']);
    expect([d.payerName, d.text]).toEqual(['R. SMITH', 'Test money']);
  });
});

describe('mt940Details (free text)', () => {
  it('joins lines with a space, but glues a full 65-character line cut mid-word', () => {
    const first = `${'x'.repeat(54)} Nederl`;
    expect(first.length + ':86:'.length).toBe(65);
    expect(mt940Details([first, 'and NL rest']).text).toBe(`${'x'.repeat(54)} Nederland NL rest`);
    expect(mt940Details([first.slice(0, -1), 'and NL rest']).text).toBe(
      `${'x'.repeat(54)} Neder and NL rest`,
    );
    expect(mt940Details(['GIRO   428428 KPN', '', 'BETREFT FACTUUR  ']).text).toBe(
      'GIRO 428428 KPN BETREFT FACTUUR',
    );
  });
});

describe('mt940Account', () => {
  it('reads the :25: forms banks use', () => {
    expect(mt940Account('NL34RABO0142623393 EUR')).toEqual({
      iban: 'NL34RABO0142623393',
      number: null,
      currency: 'EUR',
    });
    expect(mt940Account('NL91ABNA0417164300EUR')).toEqual({
      iban: 'NL91ABNA0417164300',
      number: null,
      currency: 'EUR',
    });
    expect(mt940Account('70011110/4005287001EUR')).toEqual({
      iban: null,
      number: '70011110/4005287001',
      currency: 'EUR',
    });
    expect(mt940Account('BPHKPLPK/320000546101')).toEqual({
      iban: null,
      number: '320000546101',
      currency: null,
    });
    expect(mt940Account('MU17BOMM0101101030300200000MUR').iban).toBe('MU17BOMM0101101030300200000MUR');
  });
});
