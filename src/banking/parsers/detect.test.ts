import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StatementFormat } from '../statement.ts';
import { detectFormat } from './detect.ts';

const head = (text: string) => detectFormat(Buffer.from(text, 'utf8'));

describe('detectFormat', () => {
  it('tells camt.053 from camt.054 by namespace, or by message element when the namespace is missing', () => {
    const xml = '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- bank -->\n';
    expect(
      head(`${xml}<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>`),
    ).toBe('camt.053');
    expect(head(`${xml}<ns2:Document xmlns:ns2="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">`)).toBe(
      'camt.054',
    );
    expect(head('<Document><BkToCstmrDbtCdtNtfctn><GrpHdr>')).toBe('camt.054');
  });

  it('hands other ISO 20022 messages to the camt parser, which names them; other XML is not recognised', () => {
    expect(head('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02">')).toBe('camt.053');
    expect(head('<?xml version="1.0"?><?OFX OFXHEADER="200"?><OFX>')).toBeNull();
  });

  it('recognises MT940 by its SWIFT block or a :20: field near the start, after bank headers', () => {
    expect(head('{1:F01INGBNL2ABXXX0000000000}{2:I940INGBNL2AXXXN}{4:\r\n:20:P1')).toBe('mt940');
    expect(head('ABNANL2A\n940\nABNANL2A\n:20:ABN AMRO BANK NV\n')).toBe('mt940');
    expect(head('\u0001\n:20:ST170119CYC/0001\n')).toBe('mt940');
    expect(head(':60F:C140829EUR000000000147,64\n')).toBeNull();
  });

  it('recognises GPC by a first record 074 and OCR giro by NY000010', () => {
    expect(head(`0740000002600113745Hros, Mario${' '.repeat(9)}240918`)).toBe('gpc');
    expect(head(`\r\nNY000010000080800170031000102000${'0'.repeat(48)}`)).toBe('ocr-giro');
  });

  it('never guesses CSV, nor reads an unknown text as a statement', () => {
    expect(head('Date,Amount,Text\n2026-03-01,12.50,Invoice 17\n')).toBeNull();
    expect(head('1\n2\n3\n')).toBeNull();
    expect(detectFormat(Buffer.alloc(0))).toBeNull();
  });
});

const ROOT = path.resolve(import.meta.dirname, '../../../../shared/fixtures/bank');
const present = fs.existsSync(ROOT);
if (!present) console.warn(`[duly] format detection fixture tests SKIPPED: ${ROOT} is absent.`);

/** Per folder, the format its statement files are in (expected outputs aside). */
const FOLDERS: Readonly<Record<string, StatementFormat | null>> = {
  camt052: 'camt.053',
  camt053: 'camt.053',
  camt054: 'camt.054',
  mt940: 'mt940',
  'gpc-abo': 'gpc',
  'ocr-giro': 'ocr-giro',
  csv: null,
  coda: null,
  aeb43: null,
  ofx: null,
  qif: null,
};

/** MT940 samples that are tag snippets without :20: (or not MT940 at all): nothing to detect. */
const NOT_DETECTED = new Set([
  'account_balance_credit.sta',
  'account_balance_debit.sta',
  'account_identification_iban.sta',
  'account_identification_legacy.sta',
  'amount_formats.sta',
  'available_balance.sta',
  'closing_balance.sta',
  'currency_in_25.sta',
  'empty_86.sta',
  'empty_entry_date.sta',
  'empty_non_swift.sta',
  'invalid_statement.sta',
  'missing_crlf_at_end.sta',
  'sparkassen.sta',
  'statement_details.sta',
  'statement_line.sta',
  'statement_number.sta',
]);

describe.skipIf(!present)('detectFormat on every shared sample file', () => {
  for (const [folder, format] of Object.entries(FOLDERS)) {
    it(`gives ${format ?? 'null'} for the statement files of ${folder}/`, () => {
      const files = fs
        .readdirSync(path.join(ROOT, folder))
        .filter((f) => !/\.(json|pydata|yml|zip)$/.test(f));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const bytes = fs.readFileSync(path.join(ROOT, folder, file)).subarray(0, 8192);
        const want = folder === 'mt940' && NOT_DETECTED.has(file) ? null : format;
        expect(detectFormat(bytes), `${folder}/${file}`).toBe(want);
      }
    });
  }
});
