import { hc, type ClientResponse, type InferResponseType } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
// A type only: the server's routes describe the API, none of its code reaches the browser (the
// package exports `./app` for types alone, so a value import would not even resolve).
import type { AppType } from '@samstrat/server/app';
import type { NewStrategyBody, StrategySettingsBody } from '@samstrat/shared/new-strategy';
import { getLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';

/**
 * An API failure with the server's code and its user-facing message (already in the user's
 * language). `status` 0 means the server could not be reached at all.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What else the error carried beside code and message (a conflict's both values). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** fetch, with "the server could not be reached" as an ApiError like every other failure. */
async function reachServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch {
    throw new ApiError(0, 'network', m.error_network());
  }
}

/** Where the server answers the REST API, on the web app's own origin. */
export const API_BASE = '/api';

/**
 * The whole REST API under `/api`, typed by the server's chained routes (`AppType`): paths, inputs
 * and answers. Every call asks for answers in the current language and sends the session cookie.
 * Pass path parameters through `param()`; read answers with `answer()`.
 */
export const client = hc<AppType>(API_BASE, {
  headers: () => ({ accept: 'application/json', 'accept-language': getLocale() }),
  init: { credentials: 'same-origin' },
  fetch: reachServer,
});

/** A route's successful answer: the body of its 2xx responses (null for a 204), e.g. `Answered<typeof client.me.$get>`. */
export type Answered<Call> = InferResponseType<Call, SuccessStatusCode>;

type Success<R> =
  R extends ClientResponse<infer Body, infer Status, infer Format>
    ? Status extends SuccessStatusCode
      ? Format extends 'json'
        ? Body
        : null
      : never
    : never;

/**
 * The body of a successful answer to an hc call, typed by the route. Anything else throws an
 * ApiError with the server's catalogue code and message (`http_<status>` and a general message
 * when the answer has none), or status 0 when the server could not be reached.
 */
export async function answer<R extends ClientResponse<unknown, number, string>>(call: Promise<R>): Promise<Success<R>> {
  const response = await call;
  if (!response.ok) throw await failure(response);
  // Only a 204 has no body; every other answer of the API is JSON.
  return (response.status === 204 ? null : await response.json()) as Success<R>;
}

async function failure(response: ClientResponse<unknown, number, string>): Promise<ApiError> {
  const data: unknown = await response.json().catch(() => null);
  const error = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const message = typeof error?.message === 'string' && error.message ? error.message : m.error_unknown();
  return new ApiError(response.status, code, message, (error ?? {}) as Record<string, unknown>);
}

/**
 * Path parameters for an hc call, percent-encoded: hc puts them into the path as they are
 * (honojs/hono#3933), so an id holding `/` or `..` would name another route. ESLint requires it
 * for every `param:` in the web app.
 */
export function param<P extends Record<string, string>>(values: P): P {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, encodeURIComponent(value)])) as P;
}

/** The signed-in person and the strategy list. */
export const api = {
  login: (email: string, password: string) =>
    answer(client.auth.login.$post({ json: { email, password } })).then((r) => r.user),
  logout: () => answer(client.auth.logout.$post()),
  /**
   * The OpenID Connect providers the sign-in page offers: the instance's own without a query; with an
   * address (its domain) or a chosen organization, that organization's, and every organization to choose from.
   */
  ssoProviders: (query: { epost?: string; organisasjon?: string } = {}) =>
    answer(client.auth.sso.providers.$get({ query })),
  me: () => answer(client.me.$get()).then((r) => r.user),
  /** The caller's own organization (name, number, executive title, default written form). */
  organization: () => answer(client.me.organization.$get()).then((r) => r.organization),
  strategies: () => answer(client.strategies.$get()),
  strategy: (id: string) => answer(client.strategies[':id'].$get({ param: param({ id }) })),
  /** "Ny strategi": answers the new strategy's id; the caller becomes its leader. */
  createStrategy: (body: NewStrategyBody) => answer(client.strategies.$post({ json: body })).then((r) => r.id),
  /** The other municipalities of the installation a joint strategy may include (organization admins). */
  participantOptions: () => answer(client.strategies['participant-options'].$get()).then((r) => r.organizations),
  /** A strategy's title and period (its leaders, until adopted). */
  updateStrategy: (id: string, body: StrategySettingsBody) =>
    answer(client.strategies[':id'].$patch({ param: param({ id }), json: body })),
};

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** The message to show for any thrown value. */
export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : m.error_unknown();
}
