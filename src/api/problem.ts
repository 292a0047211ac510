import type { FastifyReply } from 'fastify';
import type { DulyError, DulyErrorDetail, ErrorCode } from '../kernel/errors.ts';

/** The one mapping from error code to HTTP status. */
const STATUS: Readonly<Record<ErrorCode, number>> = Object.freeze({
  malformed_request: 400,
  unauthorized: 401,
  not_found: 404,
  duplicate: 409,
  idempotency_key_reused: 409,
  invoice_not_open: 409,
  invoice_has_settlements: 409,
  already_reversed: 409,
  validation_failed: 422,
  currency_mismatch: 422,
  allocation_exceeds_open_balance: 422,
  allocation_exceeds_available: 422,
  import_failed: 422,
  internal_error: 500,
});

const TITLES: Readonly<Record<ErrorCode, string>> = Object.freeze({
  malformed_request: 'The request could not be read',
  unauthorized: 'Missing or invalid API token',
  not_found: 'Not found',
  duplicate: 'Already exists',
  idempotency_key_reused: 'Idempotency key reused with a different request',
  invoice_not_open: 'The invoice is not open',
  invoice_has_settlements: 'The invoice has settlements',
  already_reversed: 'Already reversed',
  validation_failed: 'Invalid input',
  currency_mismatch: 'Currency mismatch',
  allocation_exceeds_open_balance: 'Allocation exceeds the open balance',
  allocation_exceeds_available: 'Allocation exceeds the money available',
  import_failed: 'Import failed',
  internal_error: 'Internal error',
});

export function statusFor(code: ErrorCode): number {
  return STATUS[code];
}

/** RFC 9457 problem details, with Duly's stable `code`, the offending `field` and a `hint`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ErrorCode;
  readonly field?: string;
  readonly hint?: string;
  readonly errors?: readonly DulyErrorDetail[];
}

export function toProblem(error: DulyError): Problem {
  return {
    type: `urn:duly:problem:${error.code}`,
    title: TITLES[error.code],
    status: STATUS[error.code],
    detail: error.message,
    code: error.code,
    ...(error.field !== undefined && { field: error.field }),
    ...(error.hint !== undefined && { hint: error.hint }),
    ...(error.errors !== undefined && { errors: error.errors }),
  };
}

export function sendProblem(reply: FastifyReply, error: DulyError): FastifyReply {
  const problem = toProblem(error);
  return reply.code(problem.status).type('application/problem+json').send(problem);
}
