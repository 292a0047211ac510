import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { BankLineState, BankLinesTable } from '../db/schema.ts';
import { insertRows } from '../dunning/insert-rows.ts';
import { nowIso } from '../kernel/clock.ts';
import { fail, ok, type Result, Rollback } from '../kernel/errors.ts';
import { normalizeIban } from '../kernel/iban.ts';
import { newId } from '../kernel/ids.ts';
import {
  type ParseOptions,
  StatementError,
  type StatementFormat,
  type StatementHeader,
  type StatementLine,
  type StatementParser,
} from './statement.ts';

export interface ImportOptions extends ParseOptions {
  readonly format: StatementFormat;
  readonly parser: StatementParser;
  readonly fileName?: string;
  /** Bytes read so far, for a progress bar. */
  readonly onProgress?: (bytes: number) => void;
}

export interface ImportSummary {
  /** The new import; when alreadyImported, the earlier import of the same file, if known. */
  readonly importId: string | null;
  readonly format: StatementFormat;
  readonly bytes: number;
  readonly statements: number;
  /** Lines new to Duly (booked or not). */
  readonly lines: number;
  /** Credits among them, to be matched. */
  readonly credits: number;
  /** Lines Duly already had (the same entries imported before): skipped, nothing changed. */
  readonly duplicates: number;
  /** Every entry was known already (the same file, or its entries came in another file): nothing written. */
  readonly alreadyImported: boolean;
  readonly warnings: readonly string[];
}

/** Lines written per statement batch. */
const BATCH = 1000;

/**
 * Imports one bank statement file into the organisation, all or nothing: the parser checks the
 * file's own control totals as it streams it, every line goes in inside one transaction, and any
 * problem (a malformed file, totals that do not add up, an account that is not the organisation's)
 * rolls everything back and says where and what to do. Entries Duly already has (same file, or the
 * same entries in another file) are recognised by their line key and skipped.
 *
 * @example
 *   await importStatement(db, org.id, createReadStream('2026-03-07.xml'), { format: 'camt.053', parser: parseCamt })
 */
export async function importStatement(
  db: Db,
  orgId: string,
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  opts: ImportOptions,
): Promise<Result<ImportSummary>> {
  const accounts = await db
    .selectFrom('org_bank_accounts')
    .select(['iban', 'currency'])
    .where('org_id', '=', orgId)
    .execute();
  const hash = createHash('sha256');
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer | string> {
    for await (const chunk of input) {
      hash.update(chunk);
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      opts.onProgress?.(bytes);
      yield chunk;
    }
  }
  const importId = newId('bankImport');
  const createdAt = nowIso();
  try {
    return await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('bank_imports')
        .values({
          id: importId,
          org_id: orgId,
          file_name: opts.fileName ?? null,
          file_sha256: '',
          format: opts.format,
          bytes: 0,
          statements: 0,
          lines: 0,
          duplicates: 0,
          warnings: null,
          created_at: createdAt,
        })
        .execute();
      let statements = 0;
      let lines = 0;
      let credits = 0;
      let duplicates = 0;
      const warnings: string[] = [];
      let current: { id: string; header: StatementHeader; account: string | null } | null = null;
      let batch: Insertable<BankLinesTable>[] = [];
      // Identical lines in one statement (two equal payments on one day) are told apart by their order.
      let seen = new Map<string, number>();
      const flush = async () => {
        if (batch.length === 0) return;
        const inserted = await insertRows(trx, 'bank_lines', batch, { onConflictDoNothing: 'line_key' });
        duplicates += batch.length - inserted;
        lines += inserted;
        batch = [];
      };
      for await (const event of opts.parser(counted(), opts)) {
        if (event.kind === 'statement') {
          const h = event.statement;
          const account = ownAccount(h, accounts);
          if (!account.ok) throw new Rollback(account.error);
          current = { id: newId('bankStatement'), header: h, account: account.value };
          seen = new Map();
          statements++;
          await trx
            .insertInto('bank_statements')
            .values({
              id: current.id,
              org_id: orgId,
              import_id: importId,
              statement_ref: h.statementId,
              account_iban: h.account.iban,
              account_number: h.account.number,
              currency: h.currency ?? h.account.currency,
              sequence: h.sequence,
              from_date: h.fromDate,
              to_date: h.toDate,
              opening_balance: h.openingBalance,
              closing_balance: null,
              lines: 0,
              net: 0,
              warnings: null,
              created_at: createdAt,
            })
            .execute();
        } else if (event.kind === 'line') {
          if (!current) throw new Error('a parser gave a line outside a statement');
          const line = event.line;
          const base = lineKeyBase(orgId, current.account, line);
          const n = (seen.get(base) ?? 0) + 1;
          seen.set(base, n);
          const row = lineRow(orgId, importId, current.id, current.account, line, `${base}#${n}`, createdAt);
          if (row.match_state === 'unmatched') credits++;
          batch.push(row);
          if (batch.length >= BATCH) await flush();
        } else {
          if (!current) throw new Error('a parser ended a statement it never started');
          await flush();
          warnings.push(...event.end.warnings);
          await trx
            .updateTable('bank_statements')
            .set({
              closing_balance: event.end.closingBalance,
              lines: event.end.lines,
              net: event.end.net,
              warnings: event.end.warnings.length ? JSON.stringify(event.end.warnings) : null,
            })
            .where('org_id', '=', orgId)
            .where('id', '=', current.id)
            .execute();
          current = null;
        }
      }
      await flush();
      if (statements === 0) {
        throw new Rollback({
          code: 'import_failed',
          message: 'the file holds no statement',
          hint: 'check that this is the bank statement export and not another document',
        });
      }
      const sha = hash.digest('hex');
      // Nothing new (the same file again, or other files brought every entry already): roll back.
      if (lines === 0) {
        const before = await trx
          .selectFrom('bank_imports')
          .select('id')
          .where('org_id', '=', orgId)
          .where('file_sha256', '=', sha)
          .where('id', '!=', importId)
          .executeTakeFirst();
        throw new NothingNew({ statements, duplicates, importId: before?.id ?? null });
      }
      await trx
        .updateTable('bank_imports')
        .set({
          file_sha256: sha,
          bytes,
          statements,
          lines,
          duplicates,
          warnings: warnings.length ? JSON.stringify(warnings) : null,
        })
        .where('org_id', '=', orgId)
        .where('id', '=', importId)
        .execute();
      return ok({
        importId,
        format: opts.format,
        bytes,
        statements,
        lines,
        credits,
        duplicates,
        alreadyImported: false,
        warnings,
      });
    });
  } catch (e) {
    if (e instanceof StatementError) {
      return fail('import_failed', `${opts.fileName ?? 'the file'}, ${e.message}`, {
        field: e.where,
        ...(e.hint && { hint: e.hint }),
      });
    }
    if (e instanceof NothingNew) {
      return ok({
        importId: e.found.importId,
        format: opts.format,
        bytes,
        statements: e.found.statements,
        lines: 0,
        credits: 0,
        duplicates: e.found.duplicates,
        alreadyImported: true,
        warnings: [],
      });
    }
    if (e instanceof Rollback) return { ok: false, error: e.error };
    throw e;
  }
}

/** Every line was known already: the import rolls back and reports it (see importStatement). */
class NothingNew extends Error {
  constructor(
    readonly found: {
      readonly statements: number;
      readonly duplicates: number;
      readonly importId: string | null;
    },
  ) {
    super('nothing new in this file');
  }
}

/**
 * The statement's account must be one of the organisation's: by IBAN, or a local account number
 * (Czech `prefix-number`, Norwegian 11 digits) that ends the IBAN's digits.
 */
function ownAccount(
  h: StatementHeader,
  accounts: readonly { iban: string; currency: string }[],
): Result<string | null> {
  const iban = h.account.iban ? normalizeIban(h.account.iban) : null;
  const digits = (h.account.number ?? '').replace(/\D/g, '').replace(/^0+/, '');
  const found = accounts.find((a) => {
    const own = normalizeIban(a.iban);
    if (iban) return own === iban;
    return digits.length >= 8 && own.replace(/\D/g, '').replace(/^0+/, '').endsWith(digits);
  });
  if (found) return ok(normalizeIban(found.iban));
  const named = iban ?? h.account.number ?? 'with no account number';
  return fail(
    'import_failed',
    `${h.where}: the statement is for account ${named}, which is not one of this organisation's bank accounts`,
    {
      field: h.where,
      hint:
        accounts.length === 0
          ? 'add the bank account to the organisation first'
          : `this organisation has ${accounts.map((a) => a.iban).join(', ')}; import the file into the organisation that owns the account, or add the account`,
    },
  );
}

/** What identifies an entry whichever file brings it (see bank_lines.line_key). */
function lineKeyBase(orgId: string, account: string | null, l: StatementLine): string {
  const parts = l.bankReference
    ? [orgId, account, 'ref', l.bankReference, l.endToEndId, l.direction, l.amount, l.currency]
    : [
        orgId,
        account,
        l.bookingDate,
        l.valueDate,
        l.direction,
        l.amount,
        l.currency,
        l.endToEndId,
        l.reference,
        l.payerAccount,
        l.text,
      ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}

function lineRow(
  orgId: string,
  importId: string,
  statementId: string,
  account: string | null,
  l: StatementLine,
  key: string,
  createdAt: string,
): Insertable<BankLinesTable> {
  // Only booked credits are money in to match; returns and debits are handled by their own rules.
  const state: BankLineState =
    l.status === 'booked' && l.direction === 'credit' && !l.reversal ? 'unmatched' : 'not_applicable';
  return {
    id: newId('bankLine'),
    org_id: orgId,
    import_id: importId,
    statement_id: statementId,
    line_key: key,
    location: l.where,
    entry_ref: l.entryRef,
    account,
    amount: l.amount,
    currency: l.currency,
    direction: l.direction,
    reversal: l.reversal ? 1 : 0,
    status: l.status,
    booking_date: l.bookingDate,
    value_date: l.valueDate,
    bank_reference: l.bankReference,
    end_to_end_id: l.endToEndId,
    reference: l.reference,
    reference_kind: l.referenceKind,
    vs: l.symbols?.vs ?? null,
    ss: l.symbols?.ss ?? null,
    ks: l.symbols?.ks ?? null,
    text: l.text,
    payer_name: l.payerName,
    payer_account: l.payerAccount,
    return_reason: l.returnInfo?.reasonCode ?? null,
    return_end_to_end_id: l.returnInfo?.originalEndToEndId ?? null,
    bank_code: l.bankCode,
    match_state: state,
    payment_id: null,
    proposal: null,
    confidence: null,
    decided_at: null,
    decision_note: null,
    created_at: createdAt,
  };
}
