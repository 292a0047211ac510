import { StatementError } from '../statement.ts';
import { lineDecoder, type RawLine } from './lines.ts';

/**
 * Groups the lines of an MT940 file into fields (`:61:` plus its continuation lines), dropping the
 * SWIFT envelope (`{1:...}{2:...}{4:`, `-}`, `{5:...}`) and the bank headers some exports put
 * between messages (`:940:`, `ABNANL2A` / `940`, ING's `0000 01INGBNL2AXXXX00001`). Any other
 * line outside a field is refused: it is not an MT940 file, or not a whole one.
 */

export interface Mt940Field {
  readonly tag: string;
  /** Line number of the tag line. */
  readonly line: number;
  /** The text after the tag, then each continuation line as written (a blank one as ''). */
  readonly lines: readonly string[];
}

const TAG = /^:([0-9]{2}[A-Z]?|NS):/;

/**
 * Tags Duly reads or knowingly ignores; MT942's are known so they can be refused by name. A line
 * inside a field that looks like another tag (`:26:37` of a wrapped time stamp) continues the field.
 */
const KNOWN_TAGS: ReadonlySet<string> = new Set([
  '20',
  '21',
  '25',
  '25P',
  '28',
  '28C',
  '60F',
  '60M',
  '61',
  '62F',
  '62M',
  '64',
  '65',
  '86',
  'NS',
  '13',
  '13D',
  '34F',
  '90C',
  '90D',
]);

const ENVELOPE = /^(\{\d:|-?\})/;
const HEADER = /^(:940:|940(\s+\d+)?|\d{4} \d{2}[A-Z0-9]+|[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?)$/;
/** Control characters some banks wrap a file in (SOH, ETX, SUB); tabs stay. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

type Kind = 'blank' | 'tag' | 'envelope' | 'dash' | 'text';

function kindOf(text: string): Kind {
  if (text.trim() === '') return 'blank';
  const tag = TAG.exec(text);
  if (tag && KNOWN_TAGS.has(tag[1]!)) return 'tag';
  if (ENVELOPE.test(text) || text.startsWith('-}')) return 'envelope';
  if (text.trimEnd() === '-') return 'dash';
  return 'text';
}

/**
 * Reads fields from the lines of an MT940 file, decoding each line (UTF-8, else windows-1250).
 * A field is complete when the next one starts, so each line completes at most one. A lone `-`
 * ends a message, unless the next line continues the field: ING's sample wraps a mandate id
 * `MND-EV01` right at its dash.
 *
 * @example
 *   const reader = new Mt940FieldReader();
 *   for (const raw of lines) { const f = reader.line(raw); if (f) console.log(f.tag, f.lines); }
 *   const last = reader.end();
 */
export class Mt940FieldReader {
  private readonly decode = lineDecoder('windows-1250');
  private current: { tag: string; line: number; lines: string[] } | null = null;
  private dash = false;

  /** Takes the next line; returns the field it completes, if any. */
  line(raw: RawLine): Mt940Field | null {
    const text = this.decode(raw.bytes).replace(CONTROL, '');
    const kind = kindOf(text);
    let done: Mt940Field | null = null;
    if (this.dash) {
      this.dash = false;
      if (kind === 'text' && this.current && !HEADER.test(text.trim())) this.current.lines.push('-');
      else done = this.close();
    }
    if (kind === 'tag') {
      done ??= this.close();
      const tag = TAG.exec(text)![1]!;
      this.current = { tag, line: raw.number, lines: [text.slice(tag.length + 2)] };
    } else if (kind === 'envelope') {
      done ??= this.close();
    } else if (kind === 'dash') {
      this.dash = true;
    } else if (kind === 'blank') {
      if (this.current?.tag === '86') this.current.lines.push('');
    } else if (this.current) {
      this.current.lines.push(text);
    } else if (!HEADER.test(text.trim())) {
      const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
      throw new StatementError(
        `line ${raw.number}`,
        `'${shown}' is not an MT940 field`,
        'An MT940 statement is made of fields like :20: (reference), :25: (account) and :60F: ' +
          '(opening balance); check that this is the MT940 export of the bank.',
      );
    }
    return done;
  }

  /** The last field, once the file has ended. */
  end(): Mt940Field | null {
    return this.close();
  }

  private close(): Mt940Field | null {
    const field = this.current;
    this.current = null;
    return field;
  }
}
