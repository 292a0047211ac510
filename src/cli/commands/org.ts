import type { Command } from 'commander';
import type { z } from 'zod';
import { fail, ok } from '../../kernel/errors.ts';
import { countryDefaults } from '../../kernel/locale.ts';
import type { Organization } from '../../orgs/organization.ts';
import { createOrganization, listOrganizations } from '../../orgs/organizations.repository.ts';
import { action, type Env } from '../context.ts';
import { withExamples } from '../help.ts';
import { table } from '../output.ts';

interface CreateOptions {
  readonly name: string;
  readonly country: string;
  readonly currency?: string;
  readonly timeZone?: string;
  readonly iban?: string[];
}

/** Which CLI option each field of `orgInput` comes from, so errors name what the user typed. */
const OPTION_OF: Readonly<Record<string, string>> = {
  legalName: '--name',
  country: '--country',
  baseCurrency: '--currency',
  timeZone: '--time-zone',
  bankAccounts: '--iban',
};

function optionErrors(error: z.ZodError) {
  return error.issues.map((i) => ({
    field: OPTION_OF[String(i.path[0])] ?? i.path.join('/'),
    message: i.message,
  }));
}

function describeOrg(o: Organization): string {
  return `${o.id} "${o.legalName}" (${o.country}, ${o.baseCurrency}, ${o.timeZone})`;
}

export function registerOrg(program: Command, env: Env): void {
  const org = program
    .command('org')
    .description('create and list organisations (the businesses whose receivables Duly keeps)');

  withExamples(
    org
      .command('create')
      .description('create an organisation; currency and time zone default from the country')
      .requiredOption('--name <legal-name>', 'legal name, as printed on your invoices')
      .requiredOption('--country <code>', 'ISO 3166 country code: CZ, SK, DE, NL, NO, GB, ...')
      .option('--currency <code>', "base currency (default: the country's, e.g. CZK for CZ)")
      .option('--time-zone <zone>', "IANA time zone (default: the country's, e.g. Europe/Prague)")
      .option('--iban <iban...>', 'bank account(s) customers pay into, in the base currency')
      .action(
        action<CreateOptions>(env, async (ctx, _args, opts) => {
          const country = opts.country.toUpperCase();
          const currency = opts.currency?.toUpperCase();
          const { orgInput } = await import('../../orgs/organization.ts');
          const parsed = orgInput.safeParse({
            legalName: opts.name,
            country,
            baseCurrency: currency,
            timeZone: opts.timeZone,
            bankAccounts: (opts.iban ?? []).map((iban) => ({
              iban,
              currency: currency ?? countryDefaults(country)?.currency ?? 'EUR',
            })),
          });
          if (!parsed.success) {
            const errors = optionErrors(parsed.error);
            return fail('validation_failed', 'the organisation was not created', {
              field: errors[0]?.field,
              errors,
            });
          }
          const { db } = await ctx.database();
          const created = await createOrganization(db, parsed.data);
          ctx.out.result(
            created,
            `Created organisation ${describeOrg(created)}\n` +
              `Next, an API token for it:  npx duly token create --org ${created.id}`,
          );
          return ok(created);
        }),
      ),
    'npx duly org create --name "Acme s.r.o." --country CZ',
    'npx duly org create --name "Fjord AS" --country NO --iban NO9386011117947',
  );

  withExamples(
    org
      .command('list')
      .description('list the organisations in the database')
      .action(
        action(env, async (ctx) => {
          const { db } = await ctx.database();
          const orgs = await listOrganizations(db);
          const human =
            orgs.length === 0
              ? 'No organisations yet. Create one: npx duly org create --name "Acme s.r.o." --country CZ'
              : table([
                  ['ID', 'NAME', 'COUNTRY', 'CURRENCY', 'TIME ZONE'],
                  ...orgs.map((o) => [o.id, o.legalName, o.country, o.baseCurrency, o.timeZone]),
                ]);
          ctx.out.result(orgs, human);
          return ok(orgs);
        }),
      ),
    'npx duly org list',
  );
}
