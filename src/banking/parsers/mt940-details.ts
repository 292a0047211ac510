import { isValidIban, normalizeIban } from '../../kernel/iban.ts';
import type { ReferenceKind } from '../statement.ts';

/**
 * The `:86:` information to the account owner, in the three shapes banks use:
 * - German (DFÜ-Abkommen) structured: a 3-digit business transaction code (GVC) then `?nn`
 *   sub-fields (Triodos uses `>nn`): `?00` posting text, `?20`-`?29` and `?60`-`?63` purpose,
 *   `?30` bank code/BIC, `?31` account/IBAN, `?32`/`?33` name, `?38` IBAN. The purpose carries
 *   SEPA keywords (`EREF+`, `MREF+`, `CRED+`, `SVWZ+`, `ABWA+`...) that may be split anywhere
 *   across sub-fields and lines, so sub-fields are joined without a separator (as SWIFT lines are).
 * - Dutch structured (ING, Rabobank, ABN AMRO SEPA): `/EREF/.../CNTP/iban/bic/name/city/REMI/...`.
 * - Free text, whose lines are joined with a space, or with nothing where a full 65-character
 *   line was cut mid-word.
 */

export interface Mt940Details {
  /** Remittance text, whitespace collapsed; '' when there is none. */
  readonly text: string;
  readonly endToEndId: string | null;
  readonly payerName: string | null;
  readonly payerAccount: string | null;
  /** German business transaction code (GVC), e.g. '166'. */
  readonly gvc: string | null;
  readonly reference: string | null;
  readonly referenceKind: ReferenceKind | null;
  /** Return reason code of a Dutch `/RTRN/` entry. */
  readonly returnReason: string | null;
}

const SWIFT_LINE = 65;
const PURPOSE_WIDTH = 27;
const SEPA_KEYWORDS = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|COAM|OAMT)\+/g;
const DUTCH_KEYS =
  /\/(EREF|PREF|RTRN|ORDP|BENM|CNTP|REMI|MARF|CSID|TRCD|NAME|ADDR|ISDT|IBAN|BIC|ULTC|ULTD|ULTB|PURP|BUSP|SUM|CREF|EXCH|CHGS|OCMT)\//g;
const DUTCH_START = new RegExp(`^${DUTCH_KEYS.source}`);

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function orNull(text: string | undefined): string | null {
  const t = clean(text ?? '');
  return t === '' || t === 'NOTPROVIDED' || t === 'NONREF' ? null : t;
}

/** An IBAN without spaces when it is one, else the account as written. */
function account(text: string | undefined): string | null {
  const t = orNull(text);
  if (t === null) return null;
  return isValidIban(t) ? normalizeIban(t) : t;
}

/**
 * Reads the `:86:` field from its lines (the first without the `:86:` tag).
 *
 * @example
 *   mt940Details(['166?00GUTSCHRIFT?20EREF+E2E-1?21SVWZ+Invoice 17?32ACME GmbH']).endToEndId // 'E2E-1'
 */
export function mt940Details(lines: readonly string[]): Mt940Details {
  const joined = lines.join('');
  const german = /^\s*(\d{3})([?>])\d\d/.exec(joined);
  if (german) return germanDetails(joined.trimStart(), german[1]!, german[2]!);
  if (DUTCH_START.test(joined)) return dutchDetails(joined);
  return { ...NONE, text: freeText(lines) };
}

const NONE: Mt940Details = {
  text: '',
  endToEndId: null,
  payerName: null,
  payerAccount: null,
  gvc: null,
  reference: null,
  referenceKind: null,
  returnReason: null,
};

/** Free text: lines cut at the full SWIFT width are glued, others joined with a space. */
function freeText(lines: readonly string[]): string {
  let out = '';
  lines.forEach((line, i) => {
    const width = i === 0 ? line.length + 4 : line.length;
    out += line;
    if (!(width >= SWIFT_LINE && !line.endsWith(' '))) out += ' ';
  });
  return clean(out);
}

function germanDetails(text: string, gvc: string, separator: string): Mt940Details {
  const fields = new Map<string, string>();
  const purposeLines: string[] = [];
  const parts = text.slice(3).split(separator === '?' ? /\?(?=\d\d)/ : />(?=\d\d)/);
  for (const part of parts.slice(1)) {
    const code = part.slice(0, 2);
    const value = part.slice(2);
    const n = Number(code);
    if ((n >= 20 && n <= 29) || (n >= 60 && n <= 63)) purposeLines.push(value);
    else fields.set(code, (fields.get(code) ?? '') + value);
  }
  const sepa = sepaFields(purpose(purposeLines));
  const name = orNull(`${fields.get('32') ?? ''}${fields.get('33') ?? ''}`);
  return {
    ...NONE,
    text: clean(sepa.get('SVWZ') ?? sepa.get('') ?? ''),
    endToEndId: orNull(sepa.get('EREF')),
    payerName: name,
    payerAccount: account(fields.get('38')) ?? account(fields.get('31')),
    gvc,
  };
}

/**
 * The purpose sub-fields as one text. SEPA values (an end-to-end id, say) are cut anywhere across
 * sub-fields, so with SEPA keywords they are glued; older free purposes are glued only where a
 * sub-field is full (27 characters, cut mid-word) and joined with a space elsewhere.
 */
function purpose(lines: readonly string[]): string {
  const joined = lines.join('');
  if (joined.search(SEPA_KEYWORDS) >= 0) return joined;
  return lines.map((l, i) => (i < lines.length - 1 && l.length < PURPOSE_WIDTH ? `${l} ` : l)).join('');
}

/** Splits a SEPA purpose at its keywords; '' holds the text before the first one. */
function sepaFields(purpose: string): Map<string, string> {
  const out = new Map<string, string>();
  const found = [...purpose.matchAll(SEPA_KEYWORDS)];
  out.set('', purpose.slice(0, found[0]?.index ?? purpose.length));
  found.forEach((m, i) => {
    const end = found[i + 1]?.index ?? purpose.length;
    if (!out.has(m[1]!)) out.set(m[1]!, purpose.slice(m.index + m[0].length, end).trim());
  });
  return out;
}

function dutchDetails(text: string): Mt940Details {
  const keys = [...text.matchAll(DUTCH_KEYS)];
  const value = (key: string): string | undefined => {
    const i = keys.findIndex((k) => k[1] === key);
    if (i < 0) return undefined;
    const start = keys[i]!.index + keys[i]![0].length;
    return text.slice(start, keys[i + 1]?.index ?? text.length).replace(/\/+$/, '');
  };
  const counterparty = (value('CNTP') ?? '').split('/');
  const remittance = value('REMI') ?? '';
  const structured = /^STRD\/CUR\/(.+)$/.exec(remittance);
  const unstructured = remittance.replace(/^USTD\/\//, '').replace(/^\/+/, '');
  return {
    ...NONE,
    text: structured ? '' : clean(unstructured),
    endToEndId: orNull(value('EREF')),
    payerName: orNull(value('NAME')) ?? orNull(counterparty[2]),
    payerAccount: account(counterparty[0]) ?? account(value('IBAN')),
    reference: structured ? clean(structured[1]!) : null,
    referenceKind: structured ? 'NL' : null,
    returnReason: orNull(value('RTRN')),
  };
}
