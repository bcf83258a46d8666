import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';
import type { AppEnv, BaseDeps, SessionUser } from '../context';
import { AppError, unauthenticated } from '../errors';
import { SESSION_COOKIE, deleteSessionCookie, setSessionCookie, validateSessionToken } from './sessions';

/** Sets `user` and `sessionId` for every request: null when there is no valid session. */
export function sessionMiddleware(deps: BaseDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionId', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const now = Date.now();
      const valid = await validateSessionToken(deps.db, token, now);
      if (valid) {
        c.set('user', valid.user);
        c.set('sessionId', valid.session.id);
        if (valid.renewed) setSessionCookie(c, deps, token, valid.session.expiresAt, now);
      } else {
        // A dead cookie would otherwise be sent, and looked up, on every request until it expires.
        deleteSessionCookie(c, deps);
      }
    }
    await next();
  };
}

/** For the WebSocket upgrade, which has only the raw Cookie header. */
export async function userFromCookieHeader(
  deps: BaseDeps,
  cookieHeader: string | null | undefined,
): Promise<{ user: SessionUser; sessionId: string } | null> {
  if (!cookieHeader) return null;
  const token = parse(cookieHeader, SESSION_COOKIE)[SESSION_COOKIE];
  if (!token) return null;
  const valid = await validateSessionToken(deps.db, token);
  return valid ? { user: valid.user, sessionId: valid.session.id } : null;
}

/**
 * Whether a request's Origin header names our own site: PUBLIC_ORIGIN when it is set (behind a
 * proxy the Host header may be internal), else the origin the request itself was made to.
 * A missing Origin is allowed: browsers always send one on cross-site POSTs and WebSocket
 * handshakes, so its absence means a same-origin GET-like navigation or a non-browser client,
 * neither of which can ride on a victim's cookie.
 */
export function isAllowedOrigin(
  deps: BaseDeps,
  originHeader: string | null | undefined,
  hostHeader: string | null | undefined,
  protocol: string,
): boolean {
  if (originHeader === null || originHeader === undefined) return true;
  let origin: string;
  try {
    // Sandboxed frames and privacy-sensitive redirects send the literal "null", which never matches.
    origin = new URL(originHeader).origin;
  } catch {
    return false;
  }
  if (deps.config.PUBLIC_ORIGIN) return origin === deps.config.PUBLIC_ORIGIN;
  if (!hostHeader) return false;
  const scheme = httpScheme(protocol);
  try {
    return origin === new URL(`${scheme}//${hostHeader}`).origin;
  } catch {
    return false;
  }
}

/** Accepts `http`, `https:`, `ws`, `wss:` and so on; a WebSocket's page origin is http(s). */
function httpScheme(protocol: string): 'http:' | 'https:' {
  const p = protocol.replace(/:$/, '').toLowerCase();
  return p === 'https' || p === 'wss' ? 'https:' : 'http:';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF protection: a state-changing request from another site is refused before it can act.
 * SameSite=Lax already keeps our cookie off most cross-site POSTs; this check also covers
 * sibling subdomains (same site, different origin) and older browsers.
 */
export function originCheck(deps: BaseDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const url = new URL(c.req.url);
      if (!isAllowedOrigin(deps, origin, c.req.header('host') ?? url.host, url.protocol)) {
        c.get('log')?.warn({ origin, method: c.req.method, path: c.req.path }, 'refused request from a foreign origin');
        throw new AppError('foreign_origin', 403);
      }
    }
    await next();
  };
}

/** Refuses anonymous callers with 401. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) throw unauthenticated();
  await next();
};

/** The signed-in user, for handlers behind `requireUser`; throws 401 if there is none. */
export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  return user;
}
