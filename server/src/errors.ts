import type { Context } from 'hono';
import type { ClientErrorStatusCode, ServerErrorStatusCode } from 'hono/utils/http-status';
import { errorMessage, type ErrorCode } from '@samstrat/shared/errors';
import type { AppEnv } from './context';

/**
 * The statuses an error answers with. Never a 2xx: the typed client (`hc<AppType>`) tells success from
 * failure by status, so an error body typed as a possible 200 would pass for a route's answer.
 */
export type ErrorStatus = ClientErrorStatusCode | ServerErrorStatusCode;

/** The one error type of the API: a catalogue code, an HTTP status and, for logs only, a detail. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: ErrorStatus,
    readonly detail?: unknown,
    /** More for the caller beside code and message (a conflict's both values); never secrets. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(code);
  }
}

export const badRequest = (detail?: unknown) => new AppError('bad_request', 400, detail);
export const unauthenticated = () => new AppError('unauthenticated', 401);
export const forbidden = () => new AppError('forbidden', 403);
export const notFound = () => new AppError('not_found', 404);

export function errorJson(c: Context<AppEnv>, code: ErrorCode, status: ErrorStatus, extra?: Record<string, unknown>) {
  return c.json({ error: { ...extra, code, message: errorMessage(code, c.get('locale') ?? 'nb') } }, status);
}

export function handleError(err: Error, c: Context<AppEnv>) {
  if (err instanceof AppError) {
    if (err.status >= 500) c.get('log')?.error({ err, detail: err.detail }, 'request failed');
    return errorJson(c, err.code, err.status, err.extra);
  }
  c.get('log')?.error({ err }, 'unexpected error');
  return errorJson(c, 'internal', 500);
}
