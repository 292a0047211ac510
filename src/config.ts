import { type DulyErrorDetail, fail, ok, type Result } from './kernel/errors.ts';

/**
 * Runtime configuration, read from the environment once, by the shell (src/cli/main.ts), and
 * passed down. Nothing else in Duly reads `process.env`.
 */
export interface Config {
  /** A SQLite file path or a `postgres://` URL. */
  readonly databaseUrl: string;
  /** 0 means "any free port" (tests). */
  readonly port: number;
  readonly host: string;
  /** Load the demo organisation into an empty database on `serve`. */
  readonly demo: boolean;
  /**
   * `DULY_SMTP_URL`: where email goes, `smtp://user:pass@host:587` or `smtps://...:465`, optionally
   * `?from=billing@acme.cz`. Unset: messages stay in the outbox as `held` (not delivered).
   */
  readonly smtpUrl?: string;
  /** `DULY_SCHEDULER_MINUTES`: how often `serve` runs dunning and sends the outbox; 0 turns it off. */
  readonly schedulerMinutes: number;
}

export const DEFAULT_CONFIG: Config = Object.freeze({
  databaseUrl: './data/duly.db',
  port: 3000,
  host: '127.0.0.1',
  demo: true,
  schedulerMinutes: 5,
});

type Env = Readonly<Record<string, string | undefined>>;

/** Unset and empty variables both mean "use the default": `PORT= npm start` is not an error. */
function given(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Validates the environment, reporting every bad variable at once.
 *
 * @example readConfig({ PORT: '8080', DULY_DEMO: '0' })
 *   // ok({ databaseUrl: './data/duly.db', port: 8080, host: '127.0.0.1', demo: false })
 * @example readConfig({ PORT: 'abc' }) // fail('validation_failed', ..., errors: [{ field: 'PORT', ... }])
 */
export function readConfig(env: Env): Result<Config> {
  const errors: DulyErrorDetail[] = [];

  const databaseUrl = given(env, 'DATABASE_URL') ?? DEFAULT_CONFIG.databaseUrl;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    errors.push({
      field: 'DATABASE_URL',
      message: `unsupported database URL "${redact(databaseUrl)}": use a SQLite file path (./data/duly.db) or postgres://user@host:5432/db`,
    });
  }

  let port = DEFAULT_CONFIG.port;
  const portText = given(env, 'PORT');
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
    if (!(port >= 0 && port <= 65535)) {
      errors.push({
        field: 'PORT',
        message: `must be a whole number from 0 to 65535 (0 = any free port), got "${portText}"`,
      });
    }
  }

  const host = given(env, 'HOST') ?? DEFAULT_CONFIG.host;
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) {
    errors.push({
      field: 'HOST',
      message: `must be a host name or IP address such as 127.0.0.1 or 0.0.0.0, got "${host}"`,
    });
  }

  let demo = DEFAULT_CONFIG.demo;
  const demoText = given(env, 'DULY_DEMO');
  if (demoText !== undefined) {
    if (demoText === '0' || demoText === 'false') demo = false;
    else if (demoText === '1' || demoText === 'true') demo = true;
    else errors.push({ field: 'DULY_DEMO', message: `must be 0 (no demo) or 1, got "${demoText}"` });
  }

  const smtpUrl = given(env, 'DULY_SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/?#]+/i.test(smtpUrl)) {
    errors.push({
      field: 'DULY_SMTP_URL',
      message: `use smtp://user:password@host:587 or smtps://user:password@host:465, got "${redact(smtpUrl)}"`,
    });
  }

  let schedulerMinutes = DEFAULT_CONFIG.schedulerMinutes;
  const schedulerText = given(env, 'DULY_SCHEDULER_MINUTES');
  if (schedulerText !== undefined) {
    if (/^\d{1,4}$/.test(schedulerText)) schedulerMinutes = Number(schedulerText);
    else {
      errors.push({
        field: 'DULY_SCHEDULER_MINUTES',
        message: `must be a whole number of minutes (0 turns the scheduler off), got "${schedulerText}"`,
      });
    }
  }

  if (errors.length > 0) {
    const names = errors.map((e) => e.field).join(', ');
    return fail('validation_failed', `invalid configuration in the environment: ${names}`, {
      field: errors[0]!.field,
      errors,
    });
  }
  return ok(
    Object.freeze({
      databaseUrl,
      port,
      host,
      demo,
      schedulerMinutes,
      ...(smtpUrl !== undefined && { smtpUrl }),
    }),
  );
}

/** A database URL fit for messages and logs: the password replaced by `***`. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
