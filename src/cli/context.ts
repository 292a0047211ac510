import type { Command } from 'commander';
import { type Config, readConfig, redact } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { dateInZone, type IsoDate } from '../kernel/dates.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import type { Organization } from '../orgs/organization.ts';
import { getOrganization, listOrganizations } from '../orgs/organizations.repository.ts';
import { createOutput, type Output } from './output.ts';

/** The environment as main.ts read it at start-up. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface GlobalOptions {
  readonly json?: boolean;
  readonly database?: string;
}

export interface CliContext {
  readonly config: Config;
  readonly out: Output;
  /**
   * Opens the database on first use and applies pending migrations (every command can run on a
   * fresh database); `migrate: false` leaves that to the caller. The runner closes it at the end.
   */
  database(opts?: { readonly migrate?: boolean }): Promise<DatabaseHandle>;
}

/**
 * A command body: takes the context, its positional arguments and its options, and returns a
 * result; a failure is printed (text or JSON) and exits 1. Exceptions are bugs or broken
 * infrastructure (database unreachable) and are reported the same way, with their message.
 */
export type Handler<O> = (ctx: CliContext, args: readonly string[], opts: O) => Promise<Result<unknown>>;

export function action<O>(env: Env, handler: Handler<O & GlobalOptions>) {
  return async (...params: unknown[]): Promise<void> => {
    const cmd = params.at(-1) as Command;
    const opts = cmd.optsWithGlobals() as O & GlobalOptions;
    const args = params.slice(0, -2).map(String);
    const out = createOutput(opts.json === true);
    const config = readConfig(opts.database ? { ...env, DATABASE_URL: opts.database } : env);
    if (!config.ok) {
      out.error(config.error);
      return;
    }
    let handle: DatabaseHandle | undefined;
    const ctx: CliContext = {
      config: config.value,
      out,
      async database(o = {}) {
        if (!handle) {
          // Loaded on first use: Kysely and the drivers cost most of the start-up time, and
          // `duly --help` or a usage error should not pay for them.
          const { openDatabase } = await import('../db/database.ts');
          handle = openDatabase(config.value.databaseUrl);
          if (o.migrate !== false) {
            const { migrateToLatest } = await import('../db/migrate.ts');
            await migrateToLatest(handle.db);
          }
        }
        return handle;
      },
    };
    try {
      const result = await handler(ctx, args, opts);
      if (!result.ok) out.error(result.error);
    } catch (e) {
      reportCrash(out, e, config.value.databaseUrl);
    } finally {
      await handle?.close();
    }
  };
}

/** Driver errors that mean "this database cannot be used", searched along the `cause` chain. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  '3D000',
  '28P01',
  '28000',
  'SQLITE_CANTOPEN',
]);

function unreachableCause(e: unknown): Error | undefined {
  for (let c = e; c instanceof Error; c = c.cause) {
    if (UNREACHABLE.has(String((c as { code?: unknown }).code))) return c;
  }
  return undefined;
}

function reportCrash(out: Output, e: unknown, databaseUrl: string): void {
  const unreachable = unreachableCause(e);
  const message = unreachable
    ? `cannot use the database ${redact(databaseUrl)}: ${unreachable.message}`
    : e instanceof Error
      ? e.message
      : String(e);
  const hint = unreachable ? 'check DATABASE_URL (or --database) and that the server is running' : undefined;
  if (out.json) {
    const code = unreachable ? 'database_unavailable' : 'internal_error';
    process.stderr.write(`${JSON.stringify({ code, message, ...(hint && { hint }), errors: [] })}\n`);
  } else {
    process.stderr.write(`error: ${message}\n${hint ? `hint: ${hint}\n` : ''}`);
    // A bug, not a bad input: the stack is what a bug report needs.
    if (!unreachable && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  }
  process.exitCode = 1;
}

/**
 * The organisation a command works on: `--org ID`, or the only one when the database holds
 * exactly one (the common case of a single business, or the demo).
 */
export async function resolveOrg(
  db: DatabaseHandle['db'],
  orgId: string | undefined,
): Promise<Result<Organization>> {
  if (orgId) {
    const org = await getOrganization(db, orgId);
    return org
      ? ok(org)
      : fail('not_found', `no organisation ${orgId} in this database`, {
          field: '--org',
          hint: 'list the organisations with: npx duly org list',
        });
  }
  const orgs = await listOrganizations(db);
  if (orgs.length === 1) return ok(orgs[0]!);
  if (orgs.length === 0) {
    return fail('not_found', 'the database has no organisation yet', {
      field: '--org',
      hint: 'create one with: npx duly org create --name "Acme s.r.o." --country CZ (or load the demo: npx duly demo)',
    });
  }
  return fail('validation_failed', `the database has ${orgs.length} organisations; say which with --org ID`, {
    field: '--org',
    hint: `one of: ${orgs.map((o) => `${o.id} (${o.legalName})`).join(', ')}`,
  });
}

/** Today's date in a time zone: the calendar day the organisation is living in. */
export function today(timeZone: string): IsoDate {
  return dateInZone(new Date(nowIso()), timeZone);
}
