/**
 * Throughput of the camt parser alone: generates a balanced camt.053.001.08 file (default about
 * 200 MB, outside the repository) unless it exists, then parses it and reports MB/s and the peak
 * resident set size, sampled while parsing.
 *
 *   node bin/tsx.mjs bench/camt-generate.ts [file=/tmp/duly-camt-bench.xml] [entries=70000]
 */
import fs from 'node:fs';
import { parseCamt } from '../src/banking/parsers/camt.ts';
import { writeCamt053 } from '../src/banking/parsers/camt-generate.ts';

const file = process.argv[2] ?? '/tmp/duly-camt-bench.xml';
const entries = Number(process.argv[3] ?? 70_000);

if (!fs.existsSync(file)) {
  const out = fs.createWriteStream(file);
  const started = performance.now();
  const summary = await writeCamt053(out, { entries });
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `generated ${file}: ${(summary.bytes / 1e6).toFixed(0)} MB, ${summary.lines} lines in ${seconds.toFixed(1)} s`,
  );
}

const bytes = fs.statSync(file).size;
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const started = performance.now();
let lines = 0;
let net = 0;
let closing: number | null = null;
let opening: number | null = null;
for await (const event of parseCamt(fs.createReadStream(file))) {
  if (event.kind === 'line') {
    lines++;
    if ((lines & 0xfff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  } else if (event.kind === 'statement') opening = event.statement.openingBalance;
  else {
    net = event.end.net;
    closing = event.end.closingBalance;
  }
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(
  `parsed ${(bytes / 1e6).toFixed(0)} MB, ${lines} lines in ${seconds.toFixed(2)} s: ` +
    `${(bytes / 1e6 / seconds).toFixed(1)} MB/s, peak RSS ${(peak / 1e6).toFixed(0)} MB ` +
    `(opening ${opening} + net ${net} = closing ${closing})`,
);
