import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { StatementError, type StatementEvent, type StatementParser } from '../statement.ts';
import { camtTree } from './camt-paths.ts';
import { CamtReader } from './camt-reader.ts';
import { type Attributes, IGNORED, type PathNode } from './camt-tree.ts';

/**
 * ISO 20022 bank-to-customer statements (camt.053, versions .02 to .10+) and debit/credit
 * notifications (camt.054), streamed: saxes reads the bytes chunk by chunk, the path tree picks out
 * the few elements Duly needs, and only the current entry is held in memory. Events are yielded
 * after every chunk, so a 1 GB file is imported in bounded memory.
 */

const ISO_NS = 'urn:iso:std:iso:20022:tech:xsd:';
const CAMT_NS = /^urn:iso:std:iso:20022:tech:xsd:(camt\.05[34])\.001\.(\d\d)$/;

/** Reads the message type and version from the Document's (default or prefixed) namespace. */
function openDocument(r: CamtReader, attributes: Attributes): undefined {
  let ns: string | null = null;
  for (const [name, value] of Object.entries(attributes)) {
    if ((name === 'xmlns' || name.startsWith('xmlns:')) && value.startsWith(ISO_NS)) ns = value;
  }
  if (ns === null) {
    throw new StatementError(
      '/Document',
      'not an ISO 20022 document (no urn:iso:std:iso:20022:tech:xsd namespace)',
      'Export the statement from the bank as camt.053 (or camt.054) XML.',
    );
  }
  const m = CAMT_NS.exec(ns);
  if (m === null || Number(m[2]) < 2) {
    const kind = ns.slice(ISO_NS.length);
    throw new StatementError(
      '/Document',
      `this is a ${kind} document, not a camt.053 statement or camt.054 notification (.001.02 or later)`,
      kind.startsWith('camt.052')
        ? 'camt.052 is an intraday report; import the end-of-day camt.053 statement instead.'
        : 'Choose the bank statement file (camt.053) rather than a payment order or another message.',
    );
  }
  r.format = m[1] as 'camt.053' | 'camt.054';
  r.version = Number(m[2]);
  return undefined;
}

const TREE = camtTree({
  open: openDocument,
  close: (r) => {
    if (r.statements === 0) {
      const child = r.format === 'camt.053' ? 'BkToCstmrStmt/Stmt' : 'BkToCstmrDbtCdtNtfctn/Ntfctn';
      throw new StatementError('/Document', `the document has no ${child}: there is nothing to import`);
    }
  },
});

/** Bytes enough to hold any XML declaration. */
const DECLARATION_BYTES = 256;

/** Decodes bytes to text across chunk boundaries, in the encoding the XML declaration names. */
function decoderFor(first: Buffer): (chunk: Buffer | null) => string {
  const head = first.subarray(0, DECLARATION_BYTES).toString('latin1');
  const declared = /^(?:ï»¿)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared === undefined || /^utf-?8$/i.test(declared)) {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    return (chunk) => (chunk === null ? utf8.decode() : utf8.decode(chunk, { stream: true }));
  }
  if (!iconv.encodingExists(declared)) {
    throw new StatementError('line 1', `unknown character encoding "${declared}"`, 'Save the file as UTF-8.');
  }
  const decoder = iconv.getDecoder(declared);
  return (chunk) => (chunk === null ? (decoder.end() ?? '') : decoder.write(chunk));
}

/**
 * Parses a camt.053 or camt.054 file into statement events.
 *
 * @example
 *   for await (const event of parseCamt(fs.createReadStream('statement.xml'))) {
 *     if (event.kind === 'line') console.log(event.line.amount, event.line.endToEndId);
 *   }
 */
export const parseCamt: StatementParser = async function* parseCamt(input, options = {}) {
  const reader = new CamtReader(options);
  const sax = new SaxesParser({ xmlns: false, position: true });
  const nodes: PathNode<CamtReader>[] = [TREE];
  const attrs: Attributes[] = [];
  let capturing = false;
  let buffer = '';

  sax.on('opentag', (tag) => {
    const depth = ++reader.depth;
    const parent = nodes[depth - 1]!;
    capturing = false;
    // Below an element we ignore, everything is ignored: no name, no lookup.
    if (parent === IGNORED) {
      nodes[depth] = IGNORED;
      return;
    }
    const colon = tag.name.indexOf(':');
    const name = colon < 0 ? tag.name : tag.name.slice(colon + 1);
    if (depth === 1 && name !== 'Document') {
      throw new StatementError(`/${tag.name}`, `not an ISO 20022 camt document (root element <${tag.name}>)`);
    }
    const node = parent.children.get(name) ?? IGNORED;
    nodes[depth] = node;
    if (node === IGNORED) return;
    reader.names[depth] = name;
    reader.indexes[depth] = 0;
    if (node.open !== undefined) reader.indexes[depth] = node.open(reader, tag.attributes) ?? 0;
    if (node.text !== undefined) {
      capturing = true;
      buffer = '';
      attrs[depth] = tag.attributes;
    }
  });
  // Text is kept only inside an element whose text we read, and only up to its first child.
  const onText = (text: string) => {
    if (capturing) buffer += text;
  };
  sax.on('text', onText);
  sax.on('cdata', onText);
  sax.on('closetag', () => {
    const depth = reader.depth;
    const node = nodes[depth]!;
    if (node !== IGNORED) {
      if (node.text !== undefined) node.text(reader, capturing ? buffer : '', attrs[depth]!);
      if (node.close !== undefined) node.close(reader);
    }
    capturing = false;
    reader.depth = depth - 1;
  });

  const feed = (text: string | null) => {
    try {
      if (text === null) sax.close();
      else sax.write(text);
    } catch (error) {
      if (error instanceof StatementError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const m = /^(\d+):(\d+): (.*)$/s.exec(message);
      throw new StatementError(
        m ? `line ${m[1]}, column ${m[2]}` : `line ${sax.line}`,
        `malformed XML: ${m ? m[3] : message}`,
        'The file is damaged or not XML; download it again from the bank.',
      );
    }
  };
  let decode: ((chunk: Buffer | null) => string) | null = null;
  // The encoding is read from the XML declaration, so bytes wait until it is complete.
  let head: Buffer | null = null;
  const events = (): StatementEvent[] => reader.queue.splice(0, reader.queue.length);

  for await (const chunk of input) {
    if (typeof chunk === 'string') feed(chunk);
    else if (decode !== null) feed(bytesToText(decode, chunk, sax.line));
    else {
      head = head === null ? chunk : Buffer.concat([head, chunk]);
      if (head.length < DECLARATION_BYTES && head.indexOf('?>') < 0) continue;
      decode = decoderFor(head);
      feed(bytesToText(decode, head, sax.line));
      head = null;
    }
    if (reader.queue.length > 0) yield* events();
  }
  if (head !== null) decode = decoderFor(head);
  if (decode !== null) {
    if (head !== null) feed(bytesToText(decode, head, sax.line));
    feed(bytesToText(decode, null, sax.line));
  }
  feed(null);
  yield* events();
};

/** Decodes a chunk; invalid bytes are refused at their line (counted from where the chunk starts). */
function bytesToText(decode: (chunk: Buffer | null) => string, chunk: Buffer | null, line: number): string {
  try {
    return decode(chunk);
  } catch {
    const lenient = chunk === null ? '' : new TextDecoder().decode(chunk);
    const bad = Math.max(0, lenient.indexOf('\uFFFD'));
    let at = line;
    for (let i = lenient.indexOf('\n'); i >= 0 && i < bad; i = lenient.indexOf('\n', i + 1)) at++;
    throw new StatementError(
      `line ${at}`,
      'the file is not valid UTF-8 text',
      'Save or export the file as UTF-8.',
    );
  }
}
