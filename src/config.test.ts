import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(readConfig({})).toEqual({
      ok: true,
      value: {
        databaseUrl: './data/duly.db',
        port: 3000,
        host: '127.0.0.1',
        demo: true,
        schedulerMinutes: 5,
      },
    });
  });

  it('treats empty variables as unset', () => {
    const r = readConfig({ PORT: '', DATABASE_URL: ' ', DULY_DEMO: '' });
    expect(r.ok && r.value).toMatchObject({ port: 3000, databaseUrl: './data/duly.db', demo: true });
  });

  it('reads every variable', () => {
    const r = readConfig({
      DATABASE_URL: 'postgres://duly:secret@db:5432/duly',
      PORT: '8080',
      HOST: '0.0.0.0',
      DULY_DEMO: '0',
      DULY_SCHEDULER_MINUTES: '15',
      DULY_SMTP_URL: 'smtp://mail:secret@smtp.example:587',
    });
    expect(r.ok && r.value).toEqual({
      databaseUrl: 'postgres://duly:secret@db:5432/duly',
      port: 8080,
      host: '0.0.0.0',
      demo: false,
      schedulerMinutes: 15,
      smtpUrl: 'smtp://mail:secret@smtp.example:587',
    });
  });

  it('rejects a scheduler interval that is not whole minutes', () => {
    const r = readConfig({ DULY_SCHEDULER_MINUTES: '2.5' });
    expect(r.ok ? null : r.error.field).toBe('DULY_SCHEDULER_MINUTES');
  });

  it('accepts port 0, meaning any free port', () => {
    const r = readConfig({ PORT: '0' });
    expect(r.ok && r.value.port).toBe(0);
  });

  it.each([['abc'], ['80.5'], ['-1'], ['65536'], ['3000x']])(
    'rejects PORT=%s, naming the variable',
    (port) => {
      const r = readConfig({ PORT: port });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('validation_failed');
      expect(r.error.errors).toEqual([{ field: 'PORT', message: expect.stringContaining(`"${port}"`) }]);
    },
  );

  it('reports every bad variable at once, without printing a database password', () => {
    const r = readConfig({ PORT: 'abc', DULY_DEMO: 'maybe', DATABASE_URL: 'mysql://root:hunter2@db/duly' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.errors?.map((e) => e.field)).toEqual(['DATABASE_URL', 'PORT', 'DULY_DEMO']);
    expect(r.error.message).toContain('DATABASE_URL, PORT, DULY_DEMO');
    expect(JSON.stringify(r.error)).not.toContain('hunter2');
  });

  it('takes any non-URL DATABASE_URL as a SQLite file path', () => {
    const r = readConfig({ DATABASE_URL: '/var/lib/duly/duly.db' });
    expect(r.ok && r.value.databaseUrl).toBe('/var/lib/duly/duly.db');
  });
});
