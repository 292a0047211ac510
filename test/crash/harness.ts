import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Db } from '../../src/db/database.ts';
import type { ReceivedMail } from './smtp-sink.ts';
import type { CrashConfig } from './worker.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Bundles test/crash/worker.ts once (esbuild, packages external), so each restart costs a plain
 * `node worker.mjs` (about 0.3 s) instead of compiling TypeScript again with tsx (about 1.5-3 s on
 * this machine): four times the kills in the same minute. The bundle sits under node_modules so
 * the packages resolve.
 */
export async function bundleWorker(): Promise<{ file: string; remove: () => Promise<void> }> {
  const base = join(ROOT, 'node_modules', '.cache', 'duly-crash');
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, 'w-'));
  const file = join(dir, 'worker.mjs');
  await build({
    entryPoints: [join(ROOT, 'test/crash/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: file,
    logLevel: 'warning',
  });
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Deterministic delays from a seed (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Kill {
  readonly instance: string;
  readonly at: number;
  /** What the worker said it was doing: `invoices`, `run` (writing actions), `dispatch`, or `start`. */
  readonly phase: string;
}

interface Worker {
  readonly child: ChildProcess;
  /** The code is loaded (the worker waits for `go`). */
  readonly loaded: Promise<boolean>;
  readonly ready: Promise<boolean>;
  readonly exit: Promise<number | null>;
  go(): void;
  phase(): string;
  stderr(): string;
}

function startWorker(file: string, cfg: CrashConfig): Worker {
  const child = spawn(process.execPath, [file], {
    env: { PATH: process.env.PATH, CRASH_CONFIG: JSON.stringify({ ...cfg, waitForGo: true }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let phase = 'start';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  child.stdin!.on('error', () => {
    // The worker died before reading `go`; its exit code tells the rest.
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout! });
  const seen = (wanted: string) =>
    new Promise<boolean>((resolve) => {
      lines.on('line', (line) => line === wanted && resolve(true));
      void exit.then(() => resolve(false));
    });
  const loaded = seen('loaded');
  const ready = seen('ready');
  lines.on('line', (line) => {
    if (line.startsWith('phase ')) phase = line.slice(6);
    else if (line === 'done') phase = 'done';
  });
  return {
    child,
    loaded,
    ready,
    exit,
    go: () => child.stdin!.end('go\n'),
    phase: () => phase,
    stderr: () => err,
  };
}

export interface TrialsOptions {
  readonly workerFile: string;
  readonly config: Omit<CrashConfig, 'instance'>;
  readonly trials: number;
  /** Each kill comes a random 0..maxDelayMs after the worker said `ready`. */
  readonly maxDelayMs: number;
  readonly random: () => number;
}

/**
 * Starts the worker `trials` times and SIGKILLs each at a random point, then runs it once more,
 * unkilled and writing nothing new, until the outbox is empty. The next worker is spawned while
 * the current one runs and waits, loaded, for `go`, so start-up time does not space the kills.
 * Throws if a worker fails on its own (an exception is a bug, not a crash we caused).
 */
export async function killRepeatedly(opts: TrialsOptions): Promise<{ kills: Kill[]; finishedEarly: number }> {
  const kills: Kill[] = [];
  let finishedEarly = 0;
  const spawnFor = (t: number) =>
    t < opts.trials
      ? startWorker(opts.workerFile, { ...opts.config, instance: `crash-${t}` })
      : startWorker(opts.workerFile, { ...opts.config, instance: 'final', drainOnly: true });
  let next = spawnFor(0);
  for (let t = 0; t < opts.trials; t++) {
    const w = next;
    if (!(await w.loaded)) throw new Error(`worker crash-${t} did not start: ${w.stderr()}`);
    w.go();
    if (!(await w.ready)) throw new Error(`worker crash-${t} did not get ready: ${w.stderr()}`);
    next = spawnFor(t + 1);
    await new Promise((r) => setTimeout(r, Math.floor(opts.random() * opts.maxDelayMs)));
    if (w.child.exitCode === null) {
      const phase = w.phase();
      w.child.kill('SIGKILL');
      kills.push({ instance: `crash-${t}`, at: Date.now(), phase });
    }
    const code = await w.exit;
    if (code !== null && code !== 0)
      throw new Error(`worker crash-${t} failed (exit ${code}): ${w.stderr()}`);
    if (code === 0) finishedEarly++;
  }
  const last = next;
  if (!(await last.loaded)) throw new Error(`the final worker did not start: ${last.stderr()}`);
  last.go();
  const code = await last.exit;
  if (code !== 0 || last.phase() !== 'done')
    throw new Error(`the final worker failed (exit ${code}): ${last.stderr()}`);
  return { kills, finishedEarly };
}

export interface CrashVerdict {
  /** Outbox rows that were to be sent (a message recorded as failed for lack of an address is not). */
  readonly messages: number;
  readonly received: number;
  /** Rows with no copy at the SMTP server, or not `sent` at the end. */
  readonly losses: readonly string[];
  /**
   * A Message-ID received more than once where the window does not explain it: two copies from
   * one worker, or a copy from a worker that was never killed. A dispatcher bug.
   */
  readonly duplicates: readonly string[];
  /** Received Message-IDs that no outbox row has. */
  readonly strays: readonly string[];
  /**
   * The documented window: the server accepted the message, then its worker was killed before
   * `sent` was committed; the next worker sent it again with the same Message-ID.
   */
  readonly windowRedeliveries: readonly string[];
  /** Copies beyond the first, over all window redeliveries (a message can be caught twice). */
  readonly extraCopies: number;
}

/** Compares the outbox with what the SMTP server accepted, copy by copy. */
export async function checkOutbox(
  db: Db,
  received: readonly ReceivedMail[],
  kills: readonly Kill[],
): Promise<CrashVerdict> {
  const rows = await db
    .selectFrom('outbox')
    .select(['message_id', 'status', 'attempts', 'recipient'])
    .execute();
  const toSend = rows.filter((r) => !(r.status === 'failed' && Number(r.attempts) === 0));
  const copies = new Map<string, ReceivedMail[]>();
  for (const m of received) copies.set(m.messageId, [...(copies.get(m.messageId) ?? []), m]);
  const killedAt = new Map(kills.map((k) => [k.instance, k.at]));

  const losses = toSend
    .filter((r) => r.status !== 'sent' || !copies.has(r.message_id))
    .map((r) => `${r.message_id} (${r.status})`);
  const known = new Set(rows.map((r) => r.message_id));
  const strays = [...copies.keys()].filter((id) => !known.has(id));
  const duplicates: string[] = [];
  const windowRedeliveries: string[] = [];
  for (const [id, list] of copies) {
    if (list.length < 2) continue;
    // Every copy but the last came from a worker that was then killed, and the next copy was
    // accepted only after that kill: no two live dispatchers ever sent it. (A copy may be accepted
    // a moment after its sender died: the server still reads what the client wrote before.)
    const explained =
      new Set(list.map((c) => c.helo)).size === list.length &&
      list.slice(0, -1).every((c, i) => {
        const k = killedAt.get(c.helo);
        return k !== undefined && list[i + 1]!.acceptedAt >= k;
      });
    (explained ? windowRedeliveries : duplicates).push(
      `${id} x${list.length} (${list.map((c) => c.helo).join(', ')})`,
    );
  }
  const extraCopies = [...copies.values()].reduce((n, list) => n + list.length - 1, 0);
  return {
    messages: toSend.length,
    received: received.length,
    losses,
    duplicates,
    strays,
    windowRedeliveries,
    extraCopies,
  };
}
