import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { nowIso } from '../kernel/clock.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { sendProblem } from './problem.ts';

/** JSON with object keys sorted, so the same body sent with keys in another order hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function requestHash(req: FastifyRequest): string {
  const path = req.url.split('?')[0];
  return createHash('sha256')
    .update(`${req.method} ${path}\n${canonical(req.body)}`)
    .digest('hex');
}

type Stored = { readonly replay: true; readonly status: number; readonly body: string };
type Fresh<T> = { readonly replay: false; readonly value: T };

async function lookup(db: Db, orgId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Runs a POST use case in one transaction, honouring `Idempotency-Key` (as Stripe does): the first
 * successful response is stored with the key, in the same transaction as the change it reports, so
 * a replay returns exactly that response and changes nothing. The same key with a different body (or
 * path) is a 409. Failed requests are not stored: fixing the input and retrying with the key works.
 */
export async function runPost<T>(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  useCase: (trx: Db) => Promise<Result<T>>,
): Promise<FastifyReply> {
  const orgId = req.org.id;
  const key = req.headers['idempotency-key'];
  if (key === undefined) {
    const r = await inTransaction(db, useCase);
    return r.ok ? reply.code(status).send(r.value) : sendProblem(reply, r.error);
  }
  if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
    return sendProblem(reply, {
      code: 'malformed_request',
      message: 'Idempotency-Key must be a single value of 1 to 255 characters',
      field: 'Idempotency-Key',
    });
  }
  const hash = requestHash(req);
  const replayOrConflict = (row: { request_hash: string; status_code: number; response_body: string }) =>
    row.request_hash === hash
      ? ok<Stored | Fresh<T>>({ replay: true, status: row.status_code, body: row.response_body })
      : fail<Stored | Fresh<T>>(
          'idempotency_key_reused',
          `the key "${key}" was used for a different request`,
          {
            field: 'Idempotency-Key',
            hint: 'use a new key for each distinct request',
          },
        );

  let r = await inTransaction(db, async (trx): Promise<Result<Stored | Fresh<T>>> => {
    const existing = await lookup(trx, orgId, key);
    if (existing) return replayOrConflict(existing);
    const result = await useCase(trx);
    if (!result.ok) return result;
    await trx
      .insertInto('idempotency_keys')
      .values({
        org_id: orgId,
        key,
        method: req.method,
        path: req.url.split('?')[0] ?? '',
        request_hash: hash,
        status_code: status,
        response_body: JSON.stringify(result.value),
        created_at: nowIso(),
      })
      .execute();
    return ok({ replay: false, value: result.value });
  });
  if (!r.ok && r.error.code === 'duplicate') {
    // A concurrent request with the same key committed first: answer as its replay.
    const existing = await lookup(db, orgId, key);
    if (existing) r = replayOrConflict(existing);
  }
  if (!r.ok) return sendProblem(reply, r.error);
  if (r.value.replay) {
    return reply
      .code(r.value.status)
      .header('idempotent-replayed', 'true')
      .type('application/json')
      .serializer((s: unknown) => s as string)
      .send(r.value.body);
  }
  return reply.code(status).send(r.value.value);
}
