/**
 * What the shared MT940 samples (../shared/fixtures/bank/mt940) must give, written down once from
 * sources other than this parser: the Expect column and notes of SOURCES.md, the wolph/mt940 .yml
 * dumps (transaction counts and amounts) and the balance fields as they stand in the files.
 * Amounts are minor units. A statement is `[lines, opening, closing, lineSum?]`; lineSum (the
 * signed sum of the imported lines) defaults to closing - opening.
 *
 * Where Duly's verdict differs from SOURCES.md, `why` says why (see the report of issue 4b):
 * - tag snippets of the cmxl/wolph unit tests (a lone :60F:, :25:, :61:...) are not statements:
 *   without :20:/:25:/:60F: a line has no account and no currency, so they are refused;
 * - MT942 interim reports are refused like camt.052: their entries come again in the MT940;
 * - a statement without a closing balance cannot be checked, so it is tolerated on request only;
 * - zero-amount information lines (Citibank) carry no money and are left out, with a warning;
 * - a value date of 30 February (German 30/360 settlement) is read as the last day of February.
 */

export type Statement = readonly [
  lines: number,
  opening: number | null,
  closing: number | null,
  lineSum?: number,
];
type Verdict = 'ACCEPT' | 'WARN' | 'REJECT';

export type Mt940Outcome =
  /** `note`: a warning the import carries even without tolerateImbalance. */
  | { readonly expect: 'ACCEPT'; readonly statements: readonly Statement[]; readonly note?: RegExp }
  | {
      readonly expect: 'WARN';
      readonly refusal: RegExp;
      readonly warning: RegExp;
      readonly statements: readonly Statement[];
    }
  | { readonly expect: 'REJECT'; readonly refusal: RegExp }
  /** Accepted once money.ts books `currency`; until then refused, naming it. */
  | { readonly expect: 'CURRENCY'; readonly currency: string; readonly statements: readonly Statement[] };

export type Mt940Fixture = Mt940Outcome & {
  /** SOURCES.md's Expect column for the file. */
  readonly sources: Verdict;
  /** Why Duly's verdict differs from SOURCES.md. */
  readonly why?: string;
  /** Signed amounts of the file's first imported lines, in order (from the wolph dumps). */
  readonly first?: readonly number[];
  /** How many lines are reversals (RC/RD). */
  readonly reversals?: number;
};

const snippet = (refusal: RegExp, sources: Verdict = 'ACCEPT'): Mt940Fixture => ({
  expect: 'REJECT',
  refusal,
  sources,
  why: 'a tag snippet of a parser unit test, not a statement',
});
const beforeRef = /comes before :20:/;
const unbalanced = { refusal: /but the closing balance is/, warning: /difference/ } as const;
const same = (n: number, balance: number): Statement[] =>
  Array.from({ length: n }, () => [0, balance, balance]);
const feb30 = /value date 160230 does not exist; read as 2016-02-29/;

/** ASN Bank: one statement per day of January 2020, most of them empty. */
const asnb: Statement[] = [
  [1, 44429, 37929],
  ...same(3, 37929),
  [2, 37929, 57774],
  ...same(19, 57774),
  [1, 57774, 57609],
  ...same(3, 57609),
  [2, 57609, 40481],
  ...same(1, 40481),
  [2, 40481, 50123],
];

const ing: Mt940Fixture = {
  expect: 'ACCEPT',
  sources: 'ACCEPT',
  statements: [[8, 66223, 56435]],
  first: [156, -157, 157],
};
const rabo: Mt940Fixture = {
  expect: 'ACCEPT',
  sources: 'ACCEPT',
  statements: [
    [1, 443352, 483352],
    [0, 483352, 483352],
    [1, 483352, 479891],
    [0, 479891, 479891],
  ],
  first: [40000, -3461],
};

export const MT940_FIXTURES: Readonly<Record<string, Mt940Fixture>> = {
  '171011_01234945.sta': {
    expect: 'ACCEPT',
    sources: 'ACCEPT',
    statements: [[3, 62731130, 61787430]],
    first: [-240200, -346000],
  },
  'ASNB-mt940.txt': { expect: 'ACCEPT', sources: 'ACCEPT', statements: asnb, first: [-6500, 100000, -80155] },
  'MT940.txt': { expect: 'ACCEPT', sources: 'ACCEPT', statements: [[1, 0, 10000]], first: [10000] },
  'abnamro.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [
      [8, 323628, 87684, -32144],
      [2, 287684, 184975, -2449],
    ],
    first: [-900, -1159, -1163],
  },
  'account_balance_credit.sta': snippet(beforeRef),
  'account_balance_debit.sta': snippet(beforeRef),
  'account_identification.sta': snippet(/statement 0003478756 has no opening balance/),
  'account_identification_iban.sta': snippet(beforeRef),
  'account_identification_legacy.sta': snippet(beforeRef),
  'amount_formats.sta': snippet(beforeRef, 'WARN'),
  'available_balance.sta': snippet(beforeRef),
  'citi-mt940.txt': {
    expect: 'ACCEPT',
    sources: 'WARN',
    why: 'it reconciles; its two zero-amount BAI information entries are left out, with a warning',
    statements: [[3, 1737667, 1623392]],
    note: /line 13: an entry of 0/,
    first: [-21239, -36928, -56108],
  },
  'closing_balance.sta': snippet(beforeRef),
  'cmxl-mt940.sta': {
    expect: 'CURRENCY',
    currency: 'DEM',
    sources: 'ACCEPT',
    why: 'its first statement is in DEM, which money.ts does not book',
    statements: [
      [11, 8434974, 8443704],
      [2, 218795, 438795],
      [3, 4000000, 5004000],
    ],
    first: [-680000, -62030, 1850000],
  },
  'currency_in_25.sta': snippet(beforeRef),
  'details_60-63.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [[1, 1234512, 1234598, -23315]],
  },
  'empty_86.sta': snippet(beforeRef),
  'empty_entry_date.sta': snippet(beforeRef),
  'empty_line.sta': snippet(/statement TELEREPORTING has no opening balance/),
  'empty_non_swift.sta': { expect: 'ACCEPT', sources: 'ACCEPT', statements: [] },
  'february_30.sta': {
    expect: 'ACCEPT',
    sources: 'WARN',
    why: 'it reconciles; 30 Feb (German 30/360 settlement date) is read as 29 Feb, with a warning',
    statements: [[1, 120000, 119400]],
    note: feb30,
  },
  'generic.sta': {
    expect: 'ACCEPT',
    sources: 'ACCEPT',
    statements: [
      [1, 10000, 9000],
      [1, 9000, 8000],
    ],
  },
  'gv_codes.sta': {
    expect: 'WARN',
    sources: 'ACCEPT',
    why: 'it has no closing balance (:62F:), so its entries cannot be checked',
    refusal: /has no closing balance \(:62F:\)/,
    warning: /cannot be checked/,
    statements: [[2, 1234512, null, -25745]],
  },
  'ing.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [[7, 0, 347, -4559]],
    first: [-2503, -303, -111],
  },
  'invalid_statement.sta': {
    expect: 'REJECT',
    sources: 'REJECT',
    refusal: /line 1: '1' is not an MT940 field/,
  },
  'knab.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [
      [1, 0, 50000],
      [2, 305898, 79898, -676000],
    ],
    first: [50000, -726000, 50000],
  },
  'long_statement_number.sta': {
    expect: 'CURRENCY',
    currency: 'TRY',
    sources: 'ACCEPT',
    why: 'it is in TRY, which money.ts does not book',
    statements: [[0, 0, 0]],
  },
  'mBank-mt940.sta': { expect: 'ACCEPT', sources: 'ACCEPT', statements: [[3, 40, 43]], first: [1, 1, 1] },
  'mBank-mt942.sta': {
    expect: 'REJECT',
    sources: 'ACCEPT',
    why: 'an MT942 interim report; its entries come again in the MT940',
    refusal: /line 5: :34F: belongs to an MT942 interim transaction report/,
  },
  'malformed_details.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [[1, 1234512, 1234598, -23315]],
  },
  'missing_crlf_at_end.sta': snippet(beforeRef),
  'mt940_with_spaces_for_entry_date.txt': { expect: 'ACCEPT', sources: 'ACCEPT', statements: asnb },
  'multiline.sta': {
    expect: 'REJECT',
    sources: 'WARN',
    why: 'after the statement ends, a stray :61: entry follows that belongs to no statement',
    refusal: /line 38: an entry \(:61:\) after the closing balance/,
  },
  'nl_ing-test-ing.940': ing,
  'nl_rabo-test-rabo.swi': rabo,
  'overly_long_details.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [[1, 1234512, 1234598, -23315]],
  },
  'postfinance.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [
      [2, 0, 22920],
      [2, 22920, 15960, -6980],
    ],
    first: [7970, 14950, -7990],
  },
  'rabobank-iban.sta': {
    expect: 'ACCEPT',
    sources: 'ACCEPT',
    statements: [
      [2, 100000, 96500],
      [2, 96500, 93000],
    ],
  },
  'rabobank.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [
      [1, 47317, 39582, -121328],
      [0, 100089, 100089],
      [2, 129582, 125087, -28151],
      [2, 419612, 410182],
    ],
  },
  'raiffeisen-cmi.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [[7, 2517063710, 2528168760, -101221350]],
    first: [206663700, -1479000, -305180000],
  },
  'raphaelm.sta': {
    expect: 'CURRENCY',
    currency: 'DEM',
    sources: 'ACCEPT',
    why: 'it is in DEM, which money.ts does not book',
    statements: [
      [6, 0, 10500000],
      [2, 10500000, 14500000],
      [1, 14500000, 9500000],
    ],
  },
  'reference.sta': snippet(/statement D140902049 has no opening balance/),
  'self-provided-mt942.sta': {
    expect: 'REJECT',
    sources: 'ACCEPT',
    why: 'an MT942 interim report (and its :90D: sum 2,30 does not match its one 0,42 entry)',
    refusal: /line 4: :34F: belongs to an MT942/,
  },
  'sepa_mt9401.sta': {
    expect: 'ACCEPT',
    sources: 'ACCEPT',
    statements: [
      [7, -123471836, -123762823],
      [2, -97049990, -145574985],
      [5, -170929634, -223733485],
      [3, 319267504, 424267504],
      [5, -236882787, -309552214],
      [1, 15297015, 20396020],
      [4, -4043220, -3050383],
      [4, -3050383, -10085445],
      [8, -155249738, -135894552],
      [3, -135894552, -230347111],
      [6, -382947787, -293199484],
      [6, -293199484, -501969796],
      [6, -577758557, -601811338],
      [3, -601811338, -884442538],
      [1, 1399005, 2798010],
      [5, -361251902, -363258504],
      [5, -363258504, -381490147],
      [2, -381490147, -511359352],
      [1, 15297015, 20396020],
      [3, 14596458, 23895477],
      [4, 76665649, 112525040],
      [7, -197043187, -447204909],
      [3, -32491025, -39731025],
      [1, -45000, -60000],
      [1, -45000, -60000],
      [1, 0, 5005],
    ],
    first: [30000, 33533, 1500000],
    reversals: 2,
  },
  'sepa_snippet.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [
      [4, 76665649, 112525040],
      [7, -197043187, -447204909, -250191730],
    ],
  },
  'sepa_snippet_broken.sta': {
    expect: 'REJECT',
    sources: 'REJECT',
    refusal: /line 6: a second account \(:25:\) inside statement T089414086000001/,
  },
  'sns.sta': {
    expect: 'ACCEPT',
    sources: 'ACCEPT',
    statements: [
      [2, 123456, 120956],
      [0, 120956, 120956],
    ],
    first: [-2000, -500],
  },
  'sparkassen.sta': snippet(beforeRef, 'WARN'),
  'statement_details.sta': snippet(beforeRef),
  'statement_line.sta': snippet(beforeRef),
  'statement_number.sta': snippet(beforeRef),
  'test-ing-old.940': ing,
  'test-ing.940': ing,
  'test-rabo.swi': rabo,
  'test-sns.940': {
    expect: 'WARN',
    sources: 'WARN',
    refusal: /statement 0000000000\/363\/1 has no closing balance/,
    warning: /cannot be checked/,
    statements: [
      [4, 302696, 226452],
      [1, 226452, 225357],
      [2, 225357, null, -94229],
    ],
  },
  'test-wrong-file.940': {
    expect: 'REJECT',
    sources: 'REJECT',
    refusal: /line 1: ':9401:' is not an MT940 field/,
  },
  'transaction_details_wrapped.sta': {
    expect: 'ACCEPT',
    sources: 'ACCEPT',
    statements: [[1, 120000, 119400]],
    note: feb30,
  },
  'triodos.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [[2, 497509, 437079, -71570]],
  },
  'whitespace.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [[1, 1234512, 1234598, -23315]],
  },
  'with_binary_character.sta': {
    expect: 'ACCEPT',
    sources: 'ACCEPT',
    statements: [
      [3, 38011577, 19992902],
      [1, 13007319, 13119319],
    ],
    first: [2700, 1306830, -19328205],
  },
  'with_newline_in_tnr.sta': {
    expect: 'WARN',
    sources: 'WARN',
    ...unbalanced,
    statements: [[2, 46, 86017, 8900]],
  },
  'wrapped_timestamp.sta': {
    expect: 'ACCEPT',
    sources: 'WARN',
    why: 'it reconciles; 30 Feb (German 30/360 settlement date) is read as 29 Feb, with a warning',
    statements: [[1, 120000, 119400]],
    note: feb30,
  },
};
