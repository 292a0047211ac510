import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

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
