import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is a CommonJS bundle exporting { default: jsQR }: Node's ESM loader hands over that object,
// Vite's interop the function itself.
const decodeQr = ('default' in jsqr ? jsqr.default : jsqr) as typeof jsqr.default;

/** Reading PDFs back as a person would: poppler's pdftotext and pdfinfo (Debian poppler-utils). */

const run = promisify(execFile);

function hasBinary(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const poppler = hasBinary('pdftotext') && hasBinary('pdfinfo');
if (!poppler) {
  console.warn(
    '\n[duly] PDF text checks SKIPPED: pdftotext/pdfinfo (poppler-utils) not found. ' +
      'Install poppler-utils to run them; CI does.\n',
  );
}

/** pdftotext turns no-break spaces into spaces; compare like with like. */
export const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

/** The text (layout kept, pages split by \f) and the document info of a PDF. */
export async function pdfText(pdf: Uint8Array): Promise<{ text: string; info: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'duly-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const { stdout: text } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
    const { stdout: info } = await run('pdfinfo', ['-enc', 'UTF-8', file]);
    return { text, info };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every page at 200 dpi (pdftoppm), scanned for a QR code (jsQR): the first one's text, or null. */
export async function scanPage(pdf: Uint8Array): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'duly-scan-'));
  try {
    await writeFile(join(dir, 'doc.pdf'), pdf);
    await run('pdftoppm', ['-png', '-r', '200', join(dir, 'doc.pdf'), join(dir, 'page')]);
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.png')).sort()) {
      const image = PNG.sync.read(await readFile(join(dir, file)));
      const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
      const code = decodeQr(pixels, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code) return Buffer.from(code.binaryData).toString('utf8');
    }
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
