/**
 * PostgreSQL COPY text format (tab-separated, `\N` for NULL, backslash escapes), written into a
 * growable off-heap buffer. Rows are encoded the moment they are validated, so the JavaScript
 * objects behind them die young and the garbage collector never has to move them.
 */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

/** One row as a COPY text line, columns in the given order. */
export function copyLine(row: object, columns: readonly string[]): string {
  const r = row as Record<string, unknown>;
  let line = copyField(r[columns[0]!]);
  for (let i = 1; i < columns.length; i++) line += `\t${copyField(r[columns[i]!])}`;
  return `${line}\n`;
}

export class CopyBuffer {
  private buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  rows = 0;

  get bytes(): number {
    return this.used;
  }

  push(line: string): void {
    const need = this.used + line.length * 3;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(line, this.used);
    this.rows++;
  }

  /** The bytes written so far; the buffer starts again empty (on fresh memory). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.used = 0;
    this.rows = 0;
    return out;
  }
}
