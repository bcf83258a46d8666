import { and, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { SsoOutcome, SsoProviderView } from '@samstrat/shared/sso';
import type { AppEnv, Deps } from '../context';
import { anyone, onOrganization } from '../access/authorize';
import { validate } from '../validate';
import { audit, recordAudit } from '../audit';
import { badRequest, notFound } from '../errors';
import { endProviderSessions, InvalidLogoutToken, verifyLogoutToken } from '../auth/oidc/backchannel';
import { closeSessionSockets } from '../access/revocation';
import { createSession, generateSessionToken, invalidateSession, isSecure, setSessionCookie } from '../auth/sessions';
import { identities } from '../db/schema-sso';
import type { OidcProviderConfig } from '../auth/oidc/providers';
import { beginSignIn, completeSignIn, SsoRefused, LOGIN_STATE_LIFETIME_MS } from '../auth/oidc/sign-in';
import {
  decideSsoAccountRequest,
  listSsoAccountRequests,
  resolveSsoAccount,
  ssoOrganizationId,
} from '../auth/oidc/accounts';
import type { SessionUser } from '../context';

/** The cookie binding a sign-in under way to the browser that began it: holds its `state`. */
export const SSO_STATE_COOKIE = 'samstrat_sso_state';
const COOKIE_PATH = '/api/auth/sso';

const providerParam = z.object({ provider: z.string().min(1).max(40) });
const logoutForm = z.object({ logout_token: z.string().min(1).max(16_000) });
const startQuery = z.object({ neste: z.string().max(2000).optional() });

/** Only paths of this app (as the web's safeNext), so the sign-in cannot send people elsewhere. */
function safeReturn(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** The public origin of this site: PUBLIC_ORIGIN behind a proxy, else the request's own. */
function origin(c: Context<AppEnv>, deps: Deps): string {
  return deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
}

export function redirectUriOf(c: Context<AppEnv>, deps: Deps, provider: OidcProviderConfig): string {
  return `${origin(c, deps)}/api/auth/sso/${provider.id}/callback`;
}

const loginPage = (outcome: SsoOutcome) => `/logg-inn?sso=${outcome}`;

/**
 * `/api/auth/sso`: sign-in through the OpenID Connect providers of SAMSTRAT_OIDC_PROVIDERS (issue 15).
 * `GET /providers` lists them for the sign-in page; `GET /:provider/start` sends the browser to the
 * provider; `GET /:provider/callback` takes it back, checks everything (see completeSignIn), finds
 * or makes the account (resolveSsoAccount) and begins a session that ends with the provider's.
 * Every outcome is audited; a refusal lands on `/logg-inn?sso=<reason>`, which says why in words.
 */
export function ssoRoutes(deps: Deps) {
  const providers = deps.config.oidcProviders;
  const find = (id: string) => providers.find((p) => p.id === id);

  return (
    new Hono<AppEnv>()
      .get('/providers', anyone(), (c) =>
        c.json({ providers: providers.map((p): SsoProviderView => ({ id: p.id, label: p.label, kind: p.kind })) }),
      )
      .get('/:provider/start', anyone(), validate('param', providerParam), validate('query', startQuery), async (c) => {
        const provider = find(c.req.valid('param').provider);
        if (!provider) return c.redirect(loginPage('unavailable'), 302);
        const returnTo = safeReturn(c.req.valid('query').neste);
        let begun: Awaited<ReturnType<typeof beginSignIn>>;
        try {
          begun = await beginSignIn(deps.db, deps.config, provider, redirectUriOf(c, deps, provider), returnTo);
        } catch (err) {
          c.get('log').error({ err, provider: provider.id }, 'sso: the provider could not be reached');
          await recordAudit(deps.db, {
            action: 'sso.login_refused',
            detail: { provider: provider.id, reason: 'unavailable' },
          });
          return c.redirect(loginPage('unavailable'), 302);
        }
        setCookie(c, SSO_STATE_COOKIE, begun.state, {
          httpOnly: true,
          // Lax: the provider's return is a top-level GET from its site, which Lax cookies accompany.
          sameSite: 'Lax',
          path: COOKIE_PATH,
          secure: isSecure(c, deps),
          maxAge: LOGIN_STATE_LIFETIME_MS / 1000,
        });
        return c.redirect(begun.url.href, 302);
      })
      .get('/:provider/callback', anyone(), validate('param', providerParam), async (c) => {
        const provider = find(c.req.valid('param').provider);
        const log = c.get('log');
        const cookieState = getCookie(c, SSO_STATE_COOKIE);
        deleteCookie(c, SSO_STATE_COOKIE, { path: COOKIE_PATH, secure: isSecure(c, deps), httpOnly: true });
        if (!provider) return c.redirect(loginPage('unavailable'), 302);
        const callbackUrl = new URL(redirectUriOf(c, deps, provider));
        callbackUrl.search = new URL(c.req.url).search;

        try {
          const person = await completeSignIn(deps.db, deps.config, provider, callbackUrl, cookieState);
          const organizationId = await ssoOrganizationId(deps.db);
          if (!organizationId) throw new SsoRefused('unavailable', 'no organization to sign in to');
          const previous = c.get('sessionId');
          const token = generateSessionToken();
          const now = Date.now();
          const result = await deps.db.transaction(async (tx) => {
            const outcome = await resolveSsoAccount(tx, provider, organizationId, person);
            if (outcome.kind !== 'signed_in') return { outcome, session: null };
            if (previous) await invalidateSession(tx, previous);
            await audit(tx, {
              actorId: outcome.userId,
              subjectId: outcome.userId,
              action: 'sso.login_succeeded',
              detail: {
                provider: provider.id,
                issuer: person.issuer,
                subject: person.subject,
                acr: person.acr ?? null,
              },
            });
            const session = await createSession(tx, token, outcome.userId, now, {
              providerId: provider.id,
              expiresAt: new Date(person.sessionEndsAt),
              sid: person.sid,
            });
            return { outcome, session };
          });
          const { outcome, session } = result;
          if (outcome.kind === 'inactive') {
            throw new SsoRefused('inactive', 'the account is deactivated', person);
          }
          if (outcome.kind === 'pending') {
            log.info(
              { event: 'sso.pending', provider: provider.id, requestId: outcome.requestId },
              'sso: awaiting approval',
            );
            return c.redirect(loginPage('pending'), 302);
          }
          if (previous) closeSessionSockets(deps, { sessionId: previous });
          setSessionCookie(c, deps, token, session!.expiresAt, now);
          log.info({ event: 'sso.succeeded', provider: provider.id, userId: outcome.userId }, 'signed in through sso');
          return c.redirect(person.returnTo, 302);
        } catch (err) {
          if (!(err instanceof SsoRefused)) throw err;
          // Never the token's claims: only our reason, the failing check's name and the subject.
          log.warn({ event: 'sso.refused', provider: provider.id, reason: err.reason, why: err.why }, 'sso refused');
          const subjectId = err.subject ? await userOfIdentity(deps, err.subject) : null;
          await recordAudit(deps.db, {
            action: 'sso.login_refused',
            subjectId,
            detail: {
              provider: provider.id,
              reason: err.reason,
              ...(err.subject ? { issuer: err.subject.issuer, subject: err.subject.subject } : {}),
            },
          });
          return c.redirect(loginPage(err.reason), 302);
        }
      })
      // OpenID Connect Back-Channel Logout: the provider ends the person's session there (they logged
      // out, or were disabled), and ours begun through it end too, with their open documents.
      .post(
        '/:provider/backchannel-logout',
        anyone(),
        validate('param', providerParam),
        validate('form', logoutForm),
        async (c) => {
          const provider = find(c.req.valid('param').provider);
          if (!provider) throw notFound();
          c.header('Cache-Control', 'no-store');
          let token: Awaited<ReturnType<typeof verifyLogoutToken>>;
          try {
            token = await verifyLogoutToken(deps.config, provider, c.req.valid('form').logout_token);
          } catch (err) {
            if (!(err instanceof InvalidLogoutToken)) throw err;
            c.get('log').warn(
              { event: 'sso.backchannel_refused', provider: provider.id, why: err.message },
              'sso: bad logout token',
            );
            throw badRequest();
          }
          const ended = await endProviderSessions(deps.db, provider, token);
          for (const sessionId of ended) closeSessionSockets(deps, { sessionId });
          c.get('log').info(
            { event: 'sso.backchannel_logout', provider: provider.id, sessions: ended.length },
            'sso: logged out by the provider',
          );
          return c.json({ ok: true as const });
        },
      )
  );
}

async function userOfIdentity(deps: Deps, who: { issuer: string; subject: string }): Promise<string | null> {
  const row = (
    await deps.db
      .select({ userId: identities.userId })
      .from(identities)
      .where(and(eq(identities.issuer, who.issuer), eq(identities.subject, who.subject)))
      .limit(1)
  )[0];
  return row?.userId ?? null;
}

const requestParam = z.object({ id: z.string().min(1).max(100) });

/** `/api/admin/sso-requests`: people waiting for an administrator to let them in. Organization admins only. */
export function ssoAdminRoutes(deps: Deps) {
  const admin = (c: { get(key: 'user'): SessionUser | null }) => c.get('user')!;
  return new Hono<AppEnv>()
    .get('/', onOrganization(), async (c) =>
      c.json({ requests: await listSsoAccountRequests(deps.db, admin(c).organizationId, deps.config.oidcProviders) }),
    )
    .post('/:id/approve', onOrganization(), validate('param', requestParam), async (c) => {
      if (!(await decideSsoAccountRequest(deps.db, admin(c), c.req.valid('param').id, 'approve'))) throw notFound();
      return c.json({ ok: true as const });
    })
    .post('/:id/reject', onOrganization(), validate('param', requestParam), async (c) => {
      if (!(await decideSsoAccountRequest(deps.db, admin(c), c.req.valid('param').id, 'reject'))) throw notFound();
      return c.json({ ok: true as const });
    });
}
