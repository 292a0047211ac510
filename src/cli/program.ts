import { Command } from 'commander';
import { registerBank } from './commands/bank.ts';
import { registerDemo } from './commands/demo.ts';
import { registerDunning } from './commands/dunning.ts';
import { registerExport } from './commands/export.ts';
import { registerImport } from './commands/import.ts';
import { registerInvoice } from './commands/invoice.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerOrg } from './commands/org.ts';
import { registerOutbox } from './commands/outbox.ts';
import { registerServe } from './commands/serve.ts';
import { registerToken } from './commands/token.ts';
import type { Env } from './context.ts';
import { examplesOverview } from './help.ts';

/**
 * The `duly` command tree. Command bodies import their heavy modules (Kysely and the drivers,
 * Fastify, zod schemas, the demo generator) only when they run, so `duly --help` starts at once.
 * `env` is the environment main.ts read at start-up; commands take their configuration from it
 * (and from --database), never from process.env directly.
 */
export function buildProgram(env: Env): Command {
  const program = new Command('duly')
    .description(
      'Duly: accounts-receivable collections. Keeps customers, invoices, payments and an append-only ' +
        'ledger on SQLite (default ./data/duly.db) or PostgreSQL, and serves them as a REST API.',
    )
    .option('--database <url>', 'SQLite file path or postgres:// URL (overrides DATABASE_URL)')
    .option('--json', 'machine-readable output: one JSON document on stdout; errors as JSON on stderr')
    .showHelpAfterError('(add --help for usage and examples)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false });

  registerServe(program, env);
  registerMigrate(program, env);
  registerOrg(program, env);
  registerToken(program, env);
  registerDemo(program, env);
  registerImport(program, env);
  registerBank(program, env);
  registerExport(program, env);
  registerInvoice(program, env);
  registerDunning(program, env);
  registerOutbox(program, env);

  program.addHelpText('after', () => examplesOverview(program));
  return program;
}
