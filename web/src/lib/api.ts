import { getLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import type { Strategy, StrategySummary, User } from '$lib/types';

/**
 * An API failure with the server's code and its user-facing message (already in the user's
 * language). `status` 0 means the server could not be reached at all.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown };
}

/** A call to `/api<path>`; feature modules (comments, …) build their clients on it. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': getLocale() };
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', m.error_network());
  }

  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as ErrorBody | null)?.error;
    const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
    const message = typeof error?.message === 'string' && error.message ? error.message : m.error_unknown();
    throw new ApiError(response.status, code, message);
  }
  return data as T;
}

export const api = {
  login: (email: string, password: string) =>
    request<{ user: User }>('POST', '/auth/login', { email, password }).then((r) => r.user),
  logout: () => request<{ ok: true }>('POST', '/auth/logout'),
  me: () => request<{ user: User }>('GET', '/me').then((r) => r.user),
  strategies: () => request<StrategySummary[]>('GET', '/strategies'),
  strategy: (id: string) => request<Strategy>('GET', `/strategies/${encodeURIComponent(id)}`),
};

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** The message to show for any thrown value. */
export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : m.error_unknown();
}
