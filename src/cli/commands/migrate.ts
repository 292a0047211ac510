import type { Command } from 'commander';
import { redact } from '../../config.ts';
import { ok } from '../../kernel/errors.ts';
import { action, type Env } from '../context.ts';
import { withExamples } from '../help.ts';

export function registerMigrate(program: Command, env: Env): void {
  withExamples(
    program
      .command('migrate')
      .description('apply pending database migrations (serve and every other command also do this)')
      .action(
        action(env, async (ctx) => {
          const { migrateToLatest } = await import('../../db/migrate.ts');
          const handle = await ctx.database({ migrate: false });
          const result = await migrateToLatest(handle.db);
          const applied = (result.results ?? [])
            .filter((r) => r.status === 'Success')
            .map((r) => r.migrationName);
          const where = `${redact(ctx.config.databaseUrl)} (${handle.engine})`;
          ctx.out.result(
            { database: redact(ctx.config.databaseUrl), engine: handle.engine, applied },
            applied.length === 0
              ? `${where} is up to date; no migration to apply.`
              : `Applied ${applied.length} migration${applied.length > 1 ? 's' : ''} to ${where}:\n${applied
                  .map((n) => `  ${n}`)
                  .join('\n')}`,
          );
          return ok(applied);
        }),
      ),
    'npx duly migrate',
    'DATABASE_URL=postgres://duly@127.0.0.1:5432/duly npx duly migrate',
  );
}
