import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateInZone, type IsoDate } from '../kernel/dates.ts';
import type { Result } from '../kernel/errors.ts';
import { decodeCursor, MAX_PAGE_SIZE, type PageRequest } from '../kernel/page.ts';
import { isoDate } from '../ledger/invoice.ts';
import { sendProblem } from './problem.ts';

/** A Fastify instance whose route schemas are zod schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Shared pieces of route definitions. */
export const idParams = z.strictObject({ id: z.string().min(1) });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().optional().describe('nextCursor from the previous page'),
};

export const asOfQuery = isoDate
  .optional()
  .describe("Day to derive statuses for; default: today in the organisation's time zone");

/** Today in the organisation's time zone: where the shell turns the clock into the core's `asOf`. */
export function today(req: FastifyRequest): IsoDate {
  return dateInZone(new Date(), req.org.timeZone);
}

export function pageRequest(
  reply: FastifyReply,
  q: { limit: number; cursor?: string | undefined },
): PageRequest | undefined {
  const after = decodeCursor(q.cursor);
  if (after === undefined) {
    sendProblem(reply, {
      code: 'validation_failed',
      message: 'the cursor is not one this API handed out',
      field: 'cursor',
      hint: 'pass nextCursor from the previous page unchanged',
    });
    return undefined;
  }
  return { limit: q.limit, after };
}

export function sendResult<T>(reply: FastifyReply, r: Result<T>, status = 200): FastifyReply {
  return r.ok ? reply.code(status).send(r.value) : sendProblem(reply, r.error);
}

export function notFound(reply: FastifyReply, what: string, id: string): FastifyReply {
  return sendProblem(reply, {
    code: 'not_found',
    message: `no ${what} ${id} in this organisation`,
    field: 'id',
  });
}
