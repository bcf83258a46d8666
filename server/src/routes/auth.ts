import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv, Deps } from '../context';
import { AppError, errorJson } from '../errors';
import { checkCredentials } from '../auth/credentials';
import type { LoginLimiter } from '../auth/rate-limit';
import {
  createSession,
  deleteSessionCookie,
  generateSessionToken,
  invalidateSession,
  setSessionCookie,
} from '../auth/sessions';
import { anyone } from '../access/authorize';
import { validate } from '../validate';
import { audit, auditFailedLogin } from '../audit';
import { closeSessionSockets } from '../access/revocation';
import { presentUser } from '../auth/user-view';
import { eq } from 'drizzle-orm';
import { buildEndSessionUrl } from 'openid-client';
import { sessions } from '../db/schema';
import { oidcClients } from '../auth/oidc/sign-in';
import { findProvider } from '../auth/oidc/org-providers';
import { passwordRefused } from '../auth/password-policy';

const loginBody = z.object({
  // Stored lower-case, so Kari.Nordmann@… and kari.nordmann@… are one account.
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  // No real password is longer; the cap keeps junk input out of the hasher and the logs.
  password: z.string().min(1).max(1024),
});

export function authRoutes(deps: Deps, limiter: LoginLimiter = deps.loginLimiter) {
  return new Hono<AppEnv>()
    .post('/login', anyone(), validate('json', loginBody), async (c) => {
      const { email, password } = c.req.valid('json');
      const ip = clientIp(c);
      const log = c.get('log');

      const verdict = await limiter.check(email, ip);
      if (!verdict.allowed) {
        log.warn(
          { event: 'login.throttled', email, ip, reason: verdict.reason },
          'login refused: too many failed attempts',
        );
        await auditFailedLogin(deps.db, 'login.throttled', { email, ip, reason: verdict.reason });
        c.header('Retry-After', String(verdict.retryAfterSeconds));
        return errorJson(c, 'too_many_attempts', 429);
      }

      const check = await checkCredentials(deps.db, email, password);
      if (!check.ok) {
        await limiter.recordFailure(email, ip);
        log.warn({ event: 'login.failed', email, ip, reason: check.reason }, 'login failed');
        await auditFailedLogin(deps.db, 'login.failed', { email, ip, reason: check.reason });
        throw new AppError('invalid_credentials', 401);
      }
      const { user } = check;
      if (await passwordRefused(deps.db, user)) {
        // Only after the right password: a wrong one answers as always, so this tells a guesser nothing.
        log.warn({ event: 'login.failed', email, ip, reason: 'passwords_off' }, 'login refused: passwords are off');
        await auditFailedLogin(deps.db, 'login.failed', { email, ip, reason: 'passwords_off' });
        throw new AppError('passwords_off', 403);
      }

      await limiter.recordSuccess(email);
      // A fresh token on every login, and the old one dropped, so a planted cookie cannot be kept alive.
      const previous = c.get('sessionId');
      const token = generateSessionToken();
      const now = Date.now();
      const session = await deps.db.transaction(async (tx) => {
        if (previous) await invalidateSession(tx, previous);
        await audit(tx, { actorId: user.id, subjectId: user.id, action: 'login.succeeded', detail: { ip } });
        return createSession(tx, token, user.id, now);
      });
      if (previous) closeSessionSockets(deps, { sessionId: previous });
      setSessionCookie(c, deps, token, session.expiresAt, now);
      log.info({ event: 'login.succeeded', userId: user.id, ip }, 'logged in');
      return c.json({ user: presentUser(user) });
    })
    .post('/logout', anyone(), async (c) => {
      const sessionId = c.get('sessionId');
      // Where the session began at a provider that offers RP-initiated logout, the browser goes on there.
      let endSessionUrl: string | null = null;
      if (sessionId) {
        const userId = c.get('user')?.id;
        const providerId = await deps.db.transaction(async (tx) => {
          const row = (
            await tx.select({ providerId: sessions.providerId }).from(sessions).where(eq(sessions.id, sessionId))
          )[0];
          await invalidateSession(tx, sessionId);
          await audit(tx, {
            actorId: userId,
            subjectId: userId,
            action: 'logout',
            detail: row?.providerId ? { provider: row.providerId } : {},
          });
          return row?.providerId ?? null;
        });
        if (providerId) endSessionUrl = await providerLogoutUrl(c, deps, providerId);
        // The session's open documents close at once: 4401 tells their pages to go to the login.
        closeSessionSockets(deps, { sessionId });
        c.get('log').info({ event: 'logout', userId }, 'logged out');
      }
      deleteSessionCookie(c, deps);
      return c.json({ ok: true as const, endSessionUrl });
    });
}

/**
 * The provider's end_session_endpoint with our client id and the page to come back to (register
 * `<origin>/logg-inn?grunn=logged-out` as post-logout redirect URI), or null when the provider
 * offers none or cannot be reached (our session has ended either way).
 */
async function providerLogoutUrl(c: Context<AppEnv>, deps: Deps, providerId: string): Promise<string | null> {
  try {
    const provider = await findProvider(deps, providerId);
    if (!provider) return null;
    const oidc = await oidcClients(deps.config).get(provider);
    if (!oidc.serverMetadata().end_session_endpoint) return null;
    const origin = deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
    return buildEndSessionUrl(oidc, {
      client_id: provider.clientId,
      post_logout_redirect_uri: `${origin}/logg-inn?grunn=logged-out`,
    }).href;
  } catch (err) {
    c.get('log').warn({ err, provider: providerId }, 'sso: no logout at the provider');
    return null;
  }
}

/** The peer address; requests not served by node-server (app.request in unit tests) share one bucket. */
export function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
