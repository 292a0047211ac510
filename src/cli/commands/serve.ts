import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { redact } from '../../config.ts';
import { fail, ok } from '../../kernel/errors.ts';
import { listOrganizations } from '../../orgs/organizations.repository.ts';
import { createApiToken } from '../../orgs/tokens.ts';
import { action, type Env } from '../context.ts';
import { withExamples } from '../help.ts';
import { type DemoSummary, demoJson, describeDemo, loadDemoData } from './demo.ts';
import { curlExample, publicBaseUrl } from './token.ts';

/** Resolves on the first SIGINT or SIGTERM; a second one falls through to Node's default (exit). */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

export function registerServe(program: Command, env: Env): void {
  withExamples(
    program
      .command('serve')
      .description('start the REST API; an empty database gets the demo organisation and a token')
      .option('--log', 'log every request as a JSON line on stdout')
      .addHelpText(
        'after',
        '\nEnvironment: DATABASE_URL (default ./data/duly.db, or postgres://...), PORT (3000), HOST (127.0.0.1),' +
          '\nDULY_DEMO=0 to start with an empty database instead of the demo.',
      )
      .action(
        action<{ log?: boolean }>(env, async (ctx, _args, opts) => {
          const { config, out } = ctx;
          const handle = await ctx.database();
          const orgs = await listOrganizations(handle.db);
          let demo: DemoSummary | undefined;
          if (orgs.length === 0 && config.demo) {
            out.note('Empty database: loading the demo organisation (200 customers)...');
            demo = await loadDemoData(handle.db, { customers: 200, seed: 1 });
          }

          const { buildApp } = await import('../../api/app.ts');
          const app = await buildApp({ db: handle.db, logger: opts.log === true });
          try {
            await app.listen({ host: config.host, port: config.port });
          } catch (e) {
            const code = (e as { code?: unknown }).code;
            if (code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL' && code !== 'EACCES') throw e;
            await app.close();
            return fail('validation_failed', `cannot listen on ${config.host}:${config.port}: ${code}`, {
              field: code === 'EADDRNOTAVAIL' ? 'HOST' : 'PORT',
              hint:
                code === 'EADDRINUSE'
                  ? `another program uses port ${config.port}; start with another, e.g. PORT=3001 npm start`
                  : 'check HOST and PORT',
            });
          }
          // Created only once the server is up, so a token is never minted and then lost.
          const token = demo && (await createApiToken(handle.db, demo.org.id, 'demo')).token;
          const port = (app.server.address() as AddressInfo).port;
          const url = publicBaseUrl(config.host, port);
          const docs = `${url}/api/docs`;

          const lines = [
            `Duly is listening on ${url}  (database: ${redact(config.databaseUrl)}, ${handle.engine})`,
            `API docs: ${docs}`,
          ];
          if (demo && token) {
            lines.push(
              '',
              describeDemo(demo),
              'An API token for it (shown only once; store it now):',
              '',
              `  ${token}`,
              '',
              'Try it:',
              `  ${curlExample(config, token, port)}`,
            );
          } else if (orgs.length === 0) {
            lines.push(
              '',
              'The database is empty. Create an organisation, then a token for it:',
              '  npx duly org create --name "Acme s.r.o." --country CZ',
              '  npx duly token create --org ORG_ID',
            );
          } else {
            const orgHint = orgs.length === 1 ? orgs[0]!.id : 'ORG_ID   (ids: npx duly org list)';
            lines.push('', 'To call the API, create a token:', `  npx duly token create --org ${orgHint}`);
          }
          const { startScheduler } = await import('../../dunning/scheduler.ts');
          const { createTransport } = await import('../../dunning/smtp.ts');
          const scheduler =
            config.schedulerMinutes > 0
              ? startScheduler(handle.db, {
                  intervalMs: config.schedulerMinutes * 60_000,
                  transport: config.smtpUrl ? createTransport(config.smtpUrl) : null,
                  log: (line) => out.note(line),
                })
              : null;
          lines.push(
            '',
            scheduler
              ? `Reminders: dunning runs every ${config.schedulerMinutes} min; ${
                  config.smtpUrl
                    ? 'email goes out through DULY_SMTP_URL'
                    : 'no DULY_SMTP_URL, so email stays in the outbox (npx duly outbox list)'
                }.`
              : 'Reminders: the scheduler is off (DULY_SCHEDULER_MINUTES=0).',
          );
          lines.push('', 'Stop with Ctrl+C.');
          out.result(
            {
              url,
              docsUrl: docs,
              engine: handle.engine,
              ...(demo && { demo: demoJson(demo) }),
              ...(token && { token }),
            },
            lines.join('\n'),
          );

          const signal = await shutdownSignal();
          out.note(`${signal}: stopping...`);
          // Stops accepting connections and waits for requests in flight (and a scheduler tick in
          // progress); the runner then closes the database, so nothing is cut off mid-transaction.
          await scheduler?.stop();
          await app.close();
          return ok(undefined);
        }),
      ),
    'npx duly serve',
    'PORT=8080 DULY_DEMO=0 DATABASE_URL=postgres://duly@127.0.0.1:5432/duly npx duly serve',
  );
}
