import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { formatMinor } from '../../kernel/money.ts';

/**
 * Writes a synthetic, schema-shaped camt.053.001.08 statement of any size, for throughput
 * measurements and round-trip tests. Realistic in what costs parse time: indented markup, one
 * TxDtls per entry with references, amounts, parties with postal addresses, agents, structured and
 * unstructured remittance; every 20th entry is a batch of 2-5 transactions and every 50th a returned
 * debit with RtrInf. Deterministic: the same seed gives the same bytes (no clock, no Math.random).
 * The balances reconcile, and TxsSummry states the true count, sum and net, so a strict parser
 * accepts it.
 */

export interface GenerateOptions {
  readonly entries: number;
  readonly seed?: number;
  /** Statement date, also used for booking and value dates. */
  readonly date?: string;
}

export interface GenerateSummary {
  readonly entries: number;
  readonly lines: number;
  readonly bytes: number;
  readonly opening: number;
  readonly closing: number;
}

const ACCOUNT = 'SK3112000000198742637541';
const NAMES = [
  'Novak s.r.o.',
  'Müller & Söhne GmbH',
  'Horváth Kft.',
  'Dupont SARL',
  'Jansen B.V.',
  'Ødegård AS',
];
const TOWNS = ['Bratislava', 'München', 'Budapest', 'Lyon', 'Utrecht', 'Bergen'];

/** mulberry32: a tiny seeded PRNG, good enough to vary amounts and names reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid German IBAN for an 8-digit bank code and a 10-digit account number. */
function ibanFor(n: number): string {
  const bban = `37040044${String(n).padStart(10, '0')}`;
  const check = 98n - (BigInt(`${bban}131400`) % 97n);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

interface Tx {
  readonly amount: number;
  readonly party: number;
}

interface Entry {
  readonly credit: boolean;
  readonly txs: readonly Tx[];
}

/** Draws entry i's shape; called twice with equal seeds (totals first, then markup). */
function drawEntry(rnd: () => number, i: number): Entry {
  const count = i % 20 === 19 ? 2 + Math.floor(rnd() * 4) : 1;
  const txs: Tx[] = [];
  for (let k = 0; k < count; k++) {
    txs.push({ amount: 1 + Math.floor(rnd() * 500_000), party: Math.floor(rnd() * 5000) });
  }
  return { credit: i % 50 !== 49 && i % 10 !== 7, txs };
}

const money = (minor: number) => formatMinor(minor, 'EUR');

function txXml(e: Entry, tx: Tx, i: number, k: number, date: string): string {
  const name = NAMES[tx.party % NAMES.length]!;
  const town = TOWNS[tx.party % TOWNS.length]!;
  const ind = e.credit ? 'CRDT' : 'DBIT';
  const ref = `${i}${k}`.padStart(12, '0');
  const returned = i % 50 === 49;
  const party = (role: string, nm: string, iban: string) =>
    `          <${role}>\n            <Pty>\n              <Nm>${nm}</Nm>\n              <PstlAdr>\n` +
    `                <StrtNm>Hlavná</StrtNm>\n                <BldgNb>${tx.party}</BldgNb>\n` +
    `                <PstCd>81101</PstCd>\n                <TwnNm>${town}</TwnNm>\n                <Ctry>SK</Ctry>\n` +
    `              </PstlAdr>\n            </Pty>\n          </${role}>\n` +
    `          <${role}Acct>\n            <Id>\n              <IBAN>${iban}</IBAN>\n            </Id>\n          </${role}Acct>\n`;
  const counterparty = party(e.credit ? 'Dbtr' : 'Cdtr', name.replace('&', '&amp;'), ibanFor(tx.party));
  const own = party(e.credit ? 'Cdtr' : 'Dbtr', 'Duly Demo s.r.o.', ACCOUNT);
  return (
    `      <TxDtls>\n        <Refs>\n          <MsgId>MSG${ref}</MsgId>\n          <AcctSvcrRef>TX${ref}</AcctSvcrRef>\n` +
    `          <InstrId>INSTR${ref}</InstrId>\n          <EndToEndId>${returned ? 'NOTPROVIDED' : `/VS${ref.slice(2)}/SS/KS0308`}</EndToEndId>\n` +
    `          <TxId>TXID${ref}</TxId>\n        </Refs>\n` +
    `        <Amt Ccy="EUR">${money(tx.amount)}</Amt>\n        <CdtDbtInd>${ind}</CdtDbtInd>\n` +
    `        <AmtDtls>\n          <InstdAmt>\n            <Amt Ccy="EUR">${money(tx.amount)}</Amt>\n          </InstdAmt>\n` +
    `          <TxAmt>\n            <Amt Ccy="EUR">${money(tx.amount)}</Amt>\n          </TxAmt>\n        </AmtDtls>\n` +
    `        <RltdPties>\n${e.credit ? counterparty + own : own + counterparty}        </RltdPties>\n` +
    `        <RltdAgts>\n          <DbtrAgt>\n            <FinInstnId>\n              <BICFI>TATRSKBX</BICFI>\n` +
    `            </FinInstnId>\n          </DbtrAgt>\n        </RltdAgts>\n` +
    `        <RmtInf>\n          <Ustrd>Faktura ${ref} / invoice ${ref}</Ustrd>\n          <Strd>\n            <CdtrRefInf>\n` +
    `              <Tp>\n                <CdOrPrtry>\n                  <Cd>SCOR</Cd>\n                </CdOrPrtry>\n              </Tp>\n` +
    `              <Ref>RF18${ref}</Ref>\n            </CdtrRefInf>\n          </Strd>\n        </RmtInf>\n` +
    (returned
      ? `        <RtrInf>\n          <Rsn>\n            <Cd>AC04</Cd>\n          </Rsn>\n          <AddtlInf>Account closed</AddtlInf>\n        </RtrInf>\n`
      : '') +
    `        <RltdDts>\n          <AccptncDtTm>${date}T09:15:00+01:00</AccptncDtTm>\n        </RltdDts>\n      </TxDtls>\n`
  );
}

function entryXml(e: Entry, i: number, date: string): string {
  const total = e.txs.reduce((s, t) => s + t.amount, 0);
  const ind = e.credit ? 'CRDT' : 'DBIT';
  const batch =
    e.txs.length > 1
      ? `      <Btch>\n        <NbOfTxs>${e.txs.length}</NbOfTxs>\n        <TtlAmt Ccy="EUR">${money(total)}</TtlAmt>\n` +
        `        <CdtDbtInd>${ind}</CdtDbtInd>\n      </Btch>\n`
      : '';
  return (
    `  <Ntry>\n    <NtryRef>${i + 1}</NtryRef>\n    <Amt Ccy="EUR">${money(total)}</Amt>\n    <CdtDbtInd>${ind}</CdtDbtInd>\n` +
    `    <RvslInd>${i % 50 === 49}</RvslInd>\n    <Sts>\n      <Cd>BOOK</Cd>\n    </Sts>\n` +
    `    <BookgDt>\n      <Dt>${date}</Dt>\n    </BookgDt>\n    <ValDt>\n      <Dt>${date}</Dt>\n    </ValDt>\n` +
    `    <AcctSvcrRef>${date.replaceAll('-', '')}${String(i).padStart(10, '0')}</AcctSvcrRef>\n` +
    `    <BkTxCd>\n      <Domn>\n        <Cd>PMNT</Cd>\n        <Fmly>\n          <Cd>${e.credit ? 'RCDT' : 'ICDT'}</Cd>\n` +
    `          <SubFmlyCd>ESCT</SubFmlyCd>\n        </Fmly>\n      </Domn>\n    </BkTxCd>\n    <NtryDtls>\n${batch}` +
    e.txs.map((t, k) => txXml(e, t, i, k, date)).join('') +
    `    </NtryDtls>\n    <AddtlNtryInf>SEPA ${e.credit ? 'credit' : 'debit'} transfer</AddtlNtryInf>\n  </Ntry>\n`
  );
}

function balanceXml(code: string, minor: number, date: string): string {
  return (
    `  <Bal>\n    <Tp>\n      <CdOrPrtry>\n        <Cd>${code}</Cd>\n      </CdOrPrtry>\n    </Tp>\n` +
    `    <Amt Ccy="EUR">${money(Math.abs(minor))}</Amt>\n    <CdtDbtInd>${minor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>\n` +
    `    <Dt>\n      <Dt>${date}</Dt>\n    </Dt>\n  </Bal>\n`
  );
}

/**
 * Streams a balanced camt.053.001.08 document of `entries` entries to `out`, honouring
 * back-pressure, and resolves with what a parser should find.
 *
 * @example
 *   await writeCamt053(fs.createWriteStream('/tmp/big.xml'), { entries: 100_000 });
 */
export async function writeCamt053(out: Writable, options: GenerateOptions): Promise<GenerateSummary> {
  const seed = options.seed ?? 1;
  const date = options.date ?? '2026-03-02';
  let net = 0;
  let sum = 0;
  let lines = 0;
  const first = prng(seed);
  for (let i = 0; i < options.entries; i++) {
    const e = drawEntry(first, i);
    const total = e.txs.reduce((s, t) => s + t.amount, 0);
    net += e.credit ? total : -total;
    sum += total;
    lines += e.txs.length;
  }
  const opening = 1_000_000_00;
  const closing = opening + net;
  let bytes = 0;
  let buffer = '';
  const flush = async () => {
    bytes += Buffer.byteLength(buffer);
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  buffer +=
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">\n<BkToCstmrStmt>\n' +
    `<GrpHdr>\n  <MsgId>GEN-${seed}</MsgId>\n  <CreDtTm>${date}T06:00:00+01:00</CreDtTm>\n</GrpHdr>\n` +
    `<Stmt>\n  <Id>GEN-${seed}-1</Id>\n  <ElctrncSeqNb>1</ElctrncSeqNb>\n  <CreDtTm>${date}T06:00:00+01:00</CreDtTm>\n` +
    `  <FrToDt>\n    <FrDtTm>${date}T00:00:00+01:00</FrDtTm>\n    <ToDtTm>${date}T23:59:59+01:00</ToDtTm>\n  </FrToDt>\n` +
    `  <Acct>\n    <Id>\n      <IBAN>${ACCOUNT}</IBAN>\n    </Id>\n    <Ccy>EUR</Ccy>\n  </Acct>\n` +
    balanceXml('OPBD', opening, date) +
    balanceXml('CLBD', closing, date) +
    `  <TxsSummry>\n    <TtlNtries>\n      <NbOfNtries>${options.entries}</NbOfNtries>\n      <Sum>${money(sum)}</Sum>\n` +
    `      <TtlNetNtry>\n        <Amt>${money(Math.abs(net))}</Amt>\n        <CdtDbtInd>${net < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>\n` +
    `      </TtlNetNtry>\n    </TtlNtries>\n  </TxsSummry>\n`;
  const second = prng(seed);
  for (let i = 0; i < options.entries; i++) {
    buffer += entryXml(drawEntry(second, i), i, date);
    if (buffer.length > 256 * 1024) await flush();
  }
  buffer += '</Stmt>\n</BkToCstmrStmt>\n</Document>\n';
  await flush();
  return { entries: options.entries, lines, bytes, opening, closing };
}
