import type { CsvColumns, CsvMapping } from './csv-mapping.ts';

/**
 * A first guess at a bank's CSV mapping from its header line, for the user to confirm: the
 * delimiter, and which column is the date, amount, text... from the header names banks use in
 * English, Czech, Slovak, German, Dutch and Norwegian. Names are compared without case, accents or
 * punctuation, and a name may go on ("Betrag (EUR)" is an amount). A semicolon-separated file is
 * usually European, so it also suggests the decimal comma. Nothing found is left out.
 */

export type CsvMappingSuggestion = Partial<Omit<CsvMapping, 'columns'>> & {
  readonly columns: Partial<CsvColumns>;
};

/**
 * Header names per mapped column, normalised. Keys are tried in this order and a header is used
 * once, so the D/C column "Af Bij" is a direction before "af" could make it a debit column.
 */
const NAMES: Readonly<Record<Exclude<keyof CsvColumns, 'text'> | 'text', readonly string[]>> = {
  date: [
    'date',
    'booking date',
    'transaction date',
    'posting date',
    'datum',
    'datum zauctovani',
    'datum provedeni',
    'datum pohybu',
    'datum transakce',
    'datum transakcie',
    'datum zauctovania',
    'buchungstag',
    'buchungsdatum',
    'boekdatum',
    'boekingsdatum',
    'transactiedatum',
    'dato',
    'bokfort dato',
    'bokforingsdato',
    'transaksjonsdato',
  ],
  valueDate: [
    'value date',
    'valutadatum',
    'wertstellung',
    'valuta datum',
    'rentedato',
    'valutadato',
    'datum splatnosti',
  ],
  amount: ['amount', 'betrag', 'umsatz', 'castka', 'suma', 'objem', 'bedrag', 'belop', 'transaction amount'],
  direction: ['d c', 'c d', 'debit credit', 'credit debit', 'af bij', 'soll haben', 's h', 'cdtdbtind'],
  credit: [
    'credit',
    'credit amount',
    'haben',
    'gutschrift',
    'kredit',
    'prijem',
    'prijmy',
    'inn',
    'inn pa konto',
    'bij',
  ],
  debit: [
    'debit',
    'debit amount',
    'soll',
    'lastschrift',
    'debet',
    'vydaj',
    'vydaje',
    'ut',
    'ut fra konto',
    'af',
  ],
  currency: ['currency', 'waehrung', 'wahrung', 'mena', 'munt', 'valutakode'],
  text: [
    'description',
    'details',
    'memo',
    'purpose',
    'narrative',
    'remittance information',
    'label',
    'verwendungszweck',
    'buchungstext',
    'zprava',
    'zprava pro prijemce',
    'poznamka',
    'popis',
    'sprava pre prijemcu',
    'informace',
    'mededelingen',
    'omschrijving',
    'forklaring',
    'tekst',
    'beskrivelse',
    'melding',
    'text',
  ],
  payerName: [
    'name',
    'payer',
    'payer name',
    'counterparty',
    'counterparty name',
    'partner name',
    'beguenstigter zahlungspflichtiger',
    'auftraggeber',
    'auftraggeber empfaenger',
    'name zahlungsbeteiligter',
    'nazev protiuctu',
    'protistrana',
    'nazov protiuctu',
    'naam',
    'naam omschrijving',
    'tegenpartij',
    'navn',
    'betaler',
    'mottaker',
  ],
  payerAccount: [
    'iban',
    'counterparty account',
    'counterparty iban',
    'bank account',
    'account',
    'kontonummer',
    'iban zahlungsbeteiligter',
    'protiucet',
    'cislo protiuctu',
    'ucet protistrany',
    'tegenrekening',
    'tegenrekening iban',
    'fra konto',
    'til konto',
    'konto',
  ],
  reference: [
    'reference',
    'vs',
    'variabilni symbol',
    'variabilny symbol',
    'kid',
    'betalingskenmerk',
    'structured reference',
    'creditor reference',
    'payment reference',
    'ogm',
  ],
  endToEndId: ['end to end id', 'endtoendid', 'end to end reference', 'end to end referenz', 'e2e', 'eref'],
  bankReference: [
    'transaction id',
    'id pohybu',
    'id transakce',
    'id transakcie',
    'bank reference',
    'buchungsreferenz',
    'transactiereferentie',
    'arkivreferanse',
    'referansenummer',
  ],
  balance: [
    'balance',
    'saldo',
    'kontostand',
    'zustatek',
    'zostatok',
    'running balance',
    'saldo na uctu',
    'disponibel',
  ],
};

function normal(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The fields of one CSV line, respecting double quotes. */
function split(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') field += line[++i];
      else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/**
 * @example
 *   suggestCsvMapping('Datum;Buchungstext;Verwendungszweck;Betrag (EUR);Saldo')
 *   // { delimiter: ';', decimal: ',', columns: { date: 'Datum', text: ['Buchungstext', 'Verwendungszweck'],
 *   //   amount: 'Betrag (EUR)', balance: 'Saldo' } }
 */
export function suggestCsvMapping(headerLine: string): CsvMappingSuggestion {
  const line = headerLine.replace(/^\ufeff/, '').split(/\r?\n/)[0] ?? '';
  const counts = ([';', ',', '\t'] as const).map((d) => [d, split(line, d).length] as const);
  const delimiter = counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  const headers = split(line, delimiter);
  const used = new Set<number>();
  const columns: Record<string, string | string[]> = {};
  for (const [key, names] of Object.entries(NAMES)) {
    const found = headers
      .map((h, i) => [h, i] as const)
      .filter(
        ([h, i]) => !used.has(i) && names.some((n) => normal(h) === n || normal(h).startsWith(`${n} `)),
      );
    const picked = key === 'text' ? found : found.slice(0, 1);
    for (const [, i] of picked) used.add(i);
    if (picked.length > 0) columns[key] = key === 'text' ? picked.map(([h]) => h) : picked[0]![0];
  }
  if (Array.isArray(columns.text) && columns.text.length === 1) columns.text = columns.text[0]!;
  return {
    delimiter,
    ...(delimiter === ';' && { decimal: ',' as const }),
    columns: columns as Partial<CsvColumns>,
  };
}
