/**
 * What the shared camt fixtures (../shared/fixtures/bank/camt053, camt054) must give, written down
 * once from sources other than this parser: the Expect column and notes of SOURCES.md, the OCA
 * golden .pydata and genkgo .json dumps, and the balances and entry counts as they stand in the
 * XML text. Amounts are minor units; `lineSum` is the signed sum of all lines (any status).
 */

export interface StatementExpectation {
  readonly lines: number;
  readonly opening: number | null;
  readonly closing: number | null;
  /** Defaults to closing - opening (every line booked). */
  readonly lineSum?: number;
  /** Signed amounts of the first lines, in order. */
  readonly amounts?: readonly number[];
}

export type FixtureExpectation =
  | { readonly expect: 'ACCEPT'; readonly statements: readonly StatementExpectation[] }
  | {
      readonly expect: 'WARN';
      /** Why it is refused by default, and the warning it carries when tolerated. */
      readonly refusal: RegExp;
      readonly warning: RegExp;
      readonly statements: readonly StatementExpectation[];
    }
  | { readonly expect: 'REJECT' | 'REJECT-V'; readonly refusal: RegExp };

/** LT central-bank exports: balances without CdtDbtInd (SOURCES: "must default CRDT"). */
const ltSign = {
  refusal: /Bal\[1\]: balance OPBD has no CdtDbtInd/,
  warning: /no CdtDbtInd; read as CRDT/,
} as const;
/** The LT settlement account that sits at 4801.55 EUR in the 2024-03 files. */
const lt4801 = { lines: 0, opening: 480155, closing: 480155 } as const;
/** genkgo v2/v3/v4/v8 synthetic statements: OPBD 18.15 EUR, CLBD 27.00 SEK DBIT. */
const mixed = { expect: 'REJECT-V', refusal: /mixed currencies: balance CLBD is in SEK/ } as const;
/**
 * genkgo camt.054 notifications: one DBIT entry of 200000 SEK (genkgo: -20000000). Their TxDtls
 * state amounts in CHF (3.10/3.20/3.20) or none, so the entry is kept whole as one line.
 */
const sek = {
  expect: 'ACCEPT',
  statements: [{ lines: 1, opening: null, closing: null, lineSum: -20000000 }],
} as const;

export const FIXTURES: Readonly<Record<string, FixtureExpectation>> = {
  // Chain 03-07 -> 03-08 -> 03-11: each OPBD is the previous CLBD (SOURCES).
  'camt053/2024-03-07.xml': {
    expect: 'WARN',
    ...ltSign,
    statements: [{ lines: 3, opening: 2108122258, closing: 2190396039, amounts: [82853198, -20] }, lt4801],
  },
  'camt053/2024-03-08.xml': {
    expect: 'WARN',
    ...ltSign,
    statements: [{ lines: 4, opening: 2190396039, closing: 2722939896, amounts: [-254500] }, lt4801],
  },
  'camt053/2024-03-11.xml': {
    expect: 'WARN',
    ...ltSign,
    statements: [{ lines: 8, opening: 2722939896, closing: 2919481920, amounts: [-1971000] }, lt4801],
  },
  // SOURCES: 10 entries, net +1212618.88; then 4801.55 -> 2801.55.
  'camt053/2024-03-22.xml': {
    expect: 'WARN',
    ...ltSign,
    statements: [
      { lines: 10, opening: 1922750873, closing: 2044012761, lineSum: 121261888 },
      { lines: 1, opening: 480155, closing: 280155, amounts: [-200000] },
    ],
  },
  // SOURCES: an account drawn to exactly 0 (801.55 DBIT -> CLBD "0").
  'camt053/2024-08-27.xml': {
    expect: 'WARN',
    ...ltSign,
    statements: [
      { lines: 1, opening: 80155, closing: 0, amounts: [-80155] },
      { lines: 5, opening: 1388975291, closing: 1397901964, amounts: [556821] },
    ],
  },
  'camt053/2024-08-28.xml': {
    expect: 'WARN',
    ...ltSign,
    statements: [
      { lines: 0, opening: 0, closing: 0 },
      { lines: 9, opening: 1397901964, closing: 1485317253, amounts: [-410200] },
    ],
  },
  // SOURCES: 268 entries, 59370.37 -> 87539.12; next month 264 entries -> 41965.11.
  'camt053/BE68793230773034-202411.xml': {
    expect: 'ACCEPT',
    statements: [{ lines: 268, opening: 5937037, closing: 8753912, amounts: [5000000] }],
  },
  'camt053/BE68793230773034-202412.xml': {
    expect: 'ACCEPT',
    statements: [{ lines: 264, opening: 8753912, closing: 4196511, amounts: [-750] }],
  },
  'camt053/account_statement.xml': {
    expect: 'ACCEPT',
    statements: [{ lines: 3, opening: 0, closing: 0, amounts: [-78990341] }],
  },
  // Tryton: reconciles 2000.00 -> 1900.00, total -100.00, but TxsSummry says Sum 6852.79.
  'camt053/camt.053.001.02.xml': {
    expect: 'WARN',
    refusal: /TtlNtries\/Sum says 6852\.79 EUR, but the entries add up to 100\.00 EUR/,
    warning: /TtlNtries\/Sum says 6852\.79 EUR/,
    statements: [{ lines: 1, opening: 200000, closing: 190000, amounts: [-10000] }],
  },
  'camt053/camt053.v2.all-balance-types.xml': {
    expect: 'REJECT-V',
    refusal:
      /1\.01 EUR \+ booked entries 8\.85 EUR = 9\.86 EUR, but the closing balance \(CLBD\) is 4\.04 EUR/,
  },
  'camt053/camt053.v2.five.decimals.xml': { expect: 'REJECT-V', refusal: /a difference of 0\.05 EUR/ },
  'camt053/camt053.v2.minimal.ultimate.xml': mixed,
  'camt053/camt053.v2.minimal.xml': mixed,
  'camt053/camt053.v2.multi.statement.xml': {
    expect: 'ACCEPT',
    statements: [
      { lines: 1, opening: 1815, closing: 2700, amounts: [885] },
      { lines: 1, opening: 2700, closing: 2000, amounts: [-700] },
    ],
  },
  // Only a CLAV balance, in JPY, beside a EUR entry.
  'camt053/camt053.v2.with-account-name.xml': {
    expect: 'REJECT-V',
    refusal: /mixed currencies: entry Ntry\[1\] is in EUR but balance CLAV is in JPY/,
  },
  'camt053/camt053.v2.with-party-ids.xml': mixed,
  'camt053/camt053.v2.wrong.xml': { expect: 'REJECT', refusal: /has no BkToCstmrStmt\/Stmt/ },
  'camt053/camt053.v3.xml': mixed,
  'camt053/camt053.v4.xml': mixed,
  'camt053/camt053.v8.xml': mixed,
  // OPBD only, in RON with 5 decimals: Duly does not book RON (and there is no CLBD).
  'camt053/camt53.only-Dt-with-DtTm.xml': { expect: 'REJECT-V', refusal: /currency RON is not supported/ },
  // OCA golden: -754.25, -564.05, -100.00, 1405.31; OPBD 15568.27, CLBD 15121.12 (does not reconcile).
  'camt053/test-camt053': {
    expect: 'WARN',
    refusal: /15555\.28 EUR, but the closing balance \(CLBD\) is 15121\.12 EUR: a difference of -434\.16 EUR/,
    warning: /a difference of -434\.16 EUR/,
    statements: [
      {
        lines: 4,
        opening: 1556827,
        closing: 1512112,
        lineSum: -1299,
        amounts: [-75425, -56405, -10000, 140531],
      },
    ],
  },
  'camt053/test-camt053-no-ntry': {
    expect: 'ACCEPT',
    statements: [{ lines: 0, opening: 152076, closing: 152076 }],
  },
  // OCA golden: 2187.00 + 1296.00 = 3483.00, 75960.15 -> 79443.15.
  'camt053/test-camt053-txdtls': {
    expect: 'ACCEPT',
    statements: [{ lines: 2, opening: 7596015, closing: 7944315, amounts: [218700, 129600] }],
  },
  // SOURCES: 1 CRDT entry 6329 with 31 TxDtls that sum to it; Sts "INFO" as plain text in .10.
  'camt054/2024-03-07.xml': {
    expect: 'WARN',
    refusal: /camt\.054\.001\.10 requires <Sts><Cd>INFO<\/Cd><\/Sts>/,
    warning: /requires <Sts><Cd>INFO/,
    statements: [{ lines: 31, opening: null, closing: null, lineSum: 632900, amounts: [30000, 500] }],
  },
  // SOURCES: 1 CRDT entry 151173.20 whose 66 TxDtls of both directions net to it.
  'camt054/2024-03-16.xml': {
    expect: 'WARN',
    refusal: /camt\.054\.001\.10 requires <Sts><Cd>INFO<\/Cd><\/Sts>/,
    warning: /requires <Sts><Cd>INFO/,
    statements: [{ lines: 66, opening: null, closing: null, lineSum: 15117320 }],
  },
  'camt054/camt054.v2.with-account-name.xml': sek,
  'camt054/camt054.v2.xml': sek,
  'camt054/camt054.v4.xml': sek,
  'camt054/camt054.v8-with-UETR.xml': sek,
  'camt054/camt054.v8-with-financial-institution.xml': sek,
  'camt054/camt054.v8.xml': sek,
  // OCA golden: 5.00 EUR, ref 000000000000000000000000003 (QRR).
  'camt054/test-camt054': {
    expect: 'ACCEPT',
    statements: [{ lines: 1, opening: null, closing: null, lineSum: 500, amounts: [500] }],
  },
};
