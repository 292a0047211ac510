/**
 * The only place the shell reads the clock. The core never calls it: it receives `asOf` dates.
 */
export function nowIso(): string {
  return new Date().toISOString();
}
