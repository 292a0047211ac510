import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { ok } from '../../kernel/errors.ts';
import { createApiToken } from '../../orgs/tokens.ts';
import { action, type Env, resolveOrg } from '../context.ts';
import { withExamples } from '../help.ts';

/** The base URL people reach the API at: a wildcard bind address is reached via loopback. */
export function publicBaseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

export function curlExample(
  config: Pick<Config, 'host' | 'port'>,
  token: string,
  port = config.port,
): string {
  return `curl -H "Authorization: Bearer ${token}" ${publicBaseUrl(config.host, port)}/api/v1/customers`;
}

export function registerToken(program: Command, env: Env): void {
  const token = program.command('token').description('API tokens (each one acts for one organisation)');

  withExamples(
    token
      .command('create')
      .description('create an API token for an organisation and print it (shown only once)')
      .option('--org <id>', 'organisation id (may be omitted when the database has exactly one)')
      .option('--name <name>', 'what the token is for, e.g. "erp-sync"', 'cli')
      .action(
        action<{ org?: string; name: string }>(env, async (ctx, _args, opts) => {
          const { db } = await ctx.database();
          const org = await resolveOrg(db, opts.org);
          if (!org.ok) return org;
          const created = await createApiToken(db, org.value.id, opts.name);
          ctx.out.result(
            { ...created, name: opts.name },
            [
              `Created API token ${created.id} "${opts.name}" for ${org.value.legalName} (${org.value.id}).`,
              'The token is shown only once; Duly keeps only its hash. Store it now:',
              '',
              `  ${created.token}`,
              '',
              'Call the API with it:',
              `  ${curlExample(ctx.config, created.token)}`,
            ].join('\n'),
          );
          return ok(created);
        }),
      ),
    'npx duly token create --org org_01jd2x... --name erp-sync',
  );
}
