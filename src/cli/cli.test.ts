import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, POSTGRES_URL } from '../../test/engines.ts';
import { cliScenario, duly } from './testing.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duly-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('the duly CLI', () => {
  it('--help lists every command, each with an example', async () => {
    const help = await duly(['--help'], {});
    expect(help.code).toBe(0);
    for (const command of [
      'serve',
      'migrate',
      'org create',
      'org list',
      'token create',
      'demo',
      'import customers',
      'import invoices',
      'export',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^ {2}${command}: .+\\n {4}\\$ npx duly ${command}( |$)`, 'm'));
    }
    expect(help.stdout).toContain('--json');
    expect(help.stdout).toContain('--database <url>');
  });

  it('runs org -> token -> import -> export on a SQLite file', async () => {
    await cliScenario(dir, join(dir, 'scenario.db'));
  }, 120_000);

  it.skipIf(!POSTGRES_URL)(
    `runs org -> token -> import -> export on PostgreSQL${POSTGRES_URL ? '' : ' [SKIPPED: set TEST_DATABASE_URL]'}`,
    async () => {
      const pg = await createPgDatabase(POSTGRES_URL!);
      try {
        await cliScenario(await mkdtemp(join(dir, 'pg-')), pg.url);
      } finally {
        await pg.drop();
      }
    },
    120_000,
  );

  it('reports usage and configuration errors as JSON under --json, exiting 1', async () => {
    const env = { DATABASE_URL: join(dir, 'errors.db') };
    const [usage, config, noOrg] = await Promise.all([
      duly(['export', 'invoices', '--from', '2026-02-30', '--json'], env),
      duly(['org', 'list', '--json'], { ...env, PORT: 'abc' }),
      duly(['token', 'create', '--json'], env),
    ]);
    expect(usage.code).toBe(1);
    expect(JSON.parse(usage.stderr)).toMatchObject({ code: 'usage_error', errors: [] });
    expect(config.code).toBe(1);
    expect(JSON.parse(config.stderr)).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'PORT', message: expect.stringContaining('"abc"') }],
    });
    expect(noOrg.code).toBe(1);
    expect(JSON.parse(noOrg.stderr)).toMatchObject({ code: 'not_found', field: '--org' });
  });
});
