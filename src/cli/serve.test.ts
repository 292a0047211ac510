import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { BIN, cleanEnv } from './testing.ts';

it('serve starts on a free port, answers /api/v1/health, and stops cleanly on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'duly-serve-'));
  const child = spawn(process.execPath, [BIN, 'serve', '--json'], {
    env: cleanEnv({ DATABASE_URL: join(dir, 'duly.db'), PORT: '0', HOST: '127.0.0.1', DULY_DEMO: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    // --json: the first stdout line is {url, docsUrl, ...}; PORT=0 let the OS pick the port.
    const first = await Promise.race([
      createInterface({ input: child.stdout })[Symbol.asyncIterator]().next(),
      exited.then((code) => {
        throw new Error(`serve exited with ${code} before listening: ${stderr}`);
      }),
    ]);
    const started = JSON.parse(String(first.value)) as { url: string; docsUrl: string; token?: string };
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.docsUrl).toBe(`${started.url}/api/docs`);
    expect(started.token).toBeUndefined(); // DULY_DEMO=0: empty database, no demo, no token

    const health = await fetch(`${started.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const unauthorised = await fetch(`${started.url}/api/v1/customers`);
    expect(unauthorised.status).toBe(401);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  } finally {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);
