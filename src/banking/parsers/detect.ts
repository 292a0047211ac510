import type { StatementFormat } from '../statement.ts';

/**
 * Tells a statement file's format from its first bytes, so a user need not name it. Only markers
 * that the formats require are used: the ISO 20022 namespace or message element of camt, the
 * `{1:F01` block or a `:20:` field of MT940, the 074 header of GPC and the NY000010 record of OCR
 * giro. CSV is never guessed: without the bank's column mapping it cannot be read anyway.
 */

/** Lines of the head looked at for MT940's `:20:` (bank headers such as ABN AMRO's come first). */
const MT940_LINES = 20;
const ISO = 'urn:iso:std:iso:20022:tech:xsd:';
/** mBank wraps its files in SOH/ETX: a line may start with a control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const LEADING_CONTROLS = /^[\x00-\x1f]+/;

/**
 * The format of a statement file from its first few KB, or null when it is none Duly reads.
 * Any other ISO 20022 message (camt.052, pain.001...) is reported as camt.053 so that the camt
 * parser can tell the user what the file is and which one to export instead.
 *
 * @example
 *   detectFormat(Buffer.from('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">'))
 *   // 'camt.054'
 */
export function detectFormat(head: Buffer): StatementFormat | null {
  let text = head.toString('latin1');
  if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
  text = text.replace(/^\s+/, '');
  if (text.startsWith('<')) return xmlFormat(text);
  const lines = text.split(/\r\n|\r|\n/, MT940_LINES);
  const first = lines[0] ?? '';
  if (first.startsWith('074')) return 'gpc';
  if (first.startsWith('NY000010')) return 'ocr-giro';
  if (first.startsWith('{1:F') || lines.some((l) => l.replace(LEADING_CONTROLS, '').startsWith(':20:')))
    return 'mt940';
  return null;
}

function xmlFormat(text: string): StatementFormat | null {
  const root = /<(?:[\w.-]+:)?Document[\s>]/.exec(text);
  const namespace = text.indexOf(ISO);
  if (root === null && namespace < 0) return null;
  if (text.includes(`${ISO}camt.054`) || /<(?:[\w.-]+:)?BkToCstmrDbtCdtNtfctn[\s>]/.test(text))
    return 'camt.054';
  return 'camt.053';
}
