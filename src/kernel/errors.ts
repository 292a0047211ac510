/**
 * Expected business outcomes are values, not exceptions. Each failure has a stable `code` (part of
 * the public API), a message a person can act on, and where possible the offending field and a hint.
 * The single mapping from code to HTTP status lives in src/api/problem.ts.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'duplicate'
  | 'currency_mismatch'
  | 'allocation_exceeds_open_balance'
  | 'allocation_exceeds_available'
  | 'invoice_not_open'
  | 'invoice_has_settlements'
  | 'already_reversed'
  | 'idempotency_key_reused'
  | 'unauthorized'
  | 'malformed_request'
  | 'import_failed'
  | 'internal_error';

export interface DulyError {
  readonly code: ErrorCode;
  readonly message: string;
  /** JSON-pointer-like path of the offending input: `lines/2/unitPrice`, or `line 14, column due_date`. */
  readonly field?: string;
  readonly hint?: string;
  /** Several problems at once (validation, imports). */
  readonly errors?: readonly DulyErrorDetail[];
}

export interface DulyErrorDetail {
  readonly field: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: DulyError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: ErrorCode,
  message: string,
  extra: Partial<Omit<DulyError, 'code' | 'message'>> = {},
): Result<T> {
  return { ok: false, error: { code, message, ...extra } };
}

/** Thrown inside a transaction to roll it back while carrying an expected failure out. */
export class Rollback extends Error {
  constructor(readonly error: DulyError) {
    super(error.message);
    this.name = 'Rollback';
  }
}

/** Unwraps a result inside a transaction: a failure rolls the whole transaction back. */
export function orRollback<T>(result: Result<T>): T {
  if (!result.ok) throw new Rollback(result.error);
  return result.value;
}
