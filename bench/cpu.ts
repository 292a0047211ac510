import { readFileSync } from 'node:fs';
import type { DatabaseHandle } from '../src/db/database.ts';

/**
 * CPU seconds spent on a phase: this process, plus (PostgreSQL on this machine) the server
 * backends serving its database. On a shared machine wall-clock time depends on what else runs;
 * CPU time is what the work itself costs, so the benchmark prints both.
 */
export interface CpuMark {
  readonly process: number;
  readonly backends: ReadonlyMap<number, number>;
}

const TICKS_PER_SECOND = 100;

function procCpu(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function backendPids(handle: DatabaseHandle): Promise<number[]> {
  if (handle.raw.engine !== 'postgres') return [];
  const r = await handle.raw.pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  return r.rows.map((x) => x.pid);
}

export async function cpuMark(handle: DatabaseHandle): Promise<CpuMark> {
  const u = process.cpuUsage();
  const backends = new Map<number, number>();
  for (const pid of await backendPids(handle)) {
    const s = procCpu(pid);
    if (s !== undefined) backends.set(pid, s);
  }
  return { process: (u.user + u.system) / 1e6, backends };
}

/** [process seconds, backend seconds] between two marks; backends gone by `to` are not counted. */
export function cpuSpent(from: CpuMark, to: CpuMark): [number, number] {
  let backends = 0;
  for (const [pid, s] of to.backends) backends += s - (from.backends.get(pid) ?? 0);
  return [to.process - from.process, backends];
}
