import { and, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { SsoOutcome } from '@samstrat/shared/sso';
import { ssoProviderBody, ssoSettingsBody, SSO_PROVIDER_ID } from '@samstrat/shared/sso';
import { emailSchema } from '@samstrat/shared/members';
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
import { decideSsoAccountRequest, listSsoAccountRequests, resolveSsoAccount } from '../auth/oidc/accounts';
import {
  allOrganizations,
  findProvider,
  organizationsByEmail,
  organizationProviders,
  organizationSsoSettings,
  organizationView,
  providerAdminView,
  providerOrganizationId,
  providerView,
} from '../auth/oidc/org-providers';
import { clientIp } from './auth';
import { removeSsoProvider, saveSsoProvider, saveSsoSettings } from '../admin/sso';
import type { SessionUser } from '../context';

/** The cookie binding a sign-in under way to the browser that began it: holds its `state`. */
export const SSO_STATE_COOKIE = 'samstrat_sso_state';
const COOKIE_PATH = '/api/auth/sso';

const providerParam = z.object({ provider: z.string().min(1).max(40) });
const logoutForm = z.object({ logout_token: z.string().min(1).max(16_000) });
const startQuery = z.object({ neste: z.string().max(2000).optional() });
const providersQuery = z.object({
  /** The organization chosen on the sign-in page. */
  organisasjon: z.string().min(1).max(100).optional(),
  /** The address typed on the sign-in page: its domain finds the organization. */
  epost: emailSchema.optional(),
});

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
  const find = (id: string) => findProvider(deps, id);

  return (
    new Hono<AppEnv>()
      // Without a query: the environment's providers (the instance's own sign-in). With `epost` or
      // `organisasjon`: that organization's, and whether it has passwords off; `organization` null
      // when the address's domain names none or several (the page then offers the choice of
      // `organizations`; `candidates` are the several that claim the domain, to choose between).
      .get('/providers', anyone(), validate('query', providersQuery), async (c) => {
        const { organisasjon, epost } = c.req.valid('query');
        const organizationList = await allOrganizations(deps.db);
        let found: { id: string; name: string } | null | undefined;
        let candidates: { id: string; name: string }[] = [];
        if (organisasjon) found = organizationList.find((o) => o.id === organisasjon) ?? null;
        else if (epost) {
          const owners = await organizationsByEmail(deps, epost);
          if (owners.length === 1) found = owners[0];
          else candidates = owners;
        }
        const organization = found ? await organizationView(deps, found) : null;
        return c.json({
          providers: organization ? organization.providers : deps.config.oidcProviders.map(providerView),
          organization,
          organizations: organizationList,
          candidates,
        });
      })
      .get('/:provider/start', anyone(), validate('param', providerParam), validate('query', startQuery), async (c) => {
        const provider = await find(c.req.valid('param').provider);
        if (!provider) return c.redirect(loginPage('unavailable'), 302);
        // Each start stores a sign-in under way: a script must not fill the table (SSO_START_LIMITS).
        const ip = clientIp(c);
        const keys = [`sso-start:${provider.id}:${ip}`, `sso-start:${ip}`] as const;
        const verdict = await deps.ssoStartLimiter.check(...keys);
        if (!verdict.allowed) {
          c.get('log').warn(
            { event: 'sso.start_throttled', provider: provider.id, ip },
            'sso: too many sign-ins begun',
          );
          await recordAudit(deps.db, { action: 'sso.start_throttled', detail: { provider: provider.id, ip } });
          c.header('Retry-After', String(verdict.retryAfterSeconds));
          return c.redirect(loginPage('throttled'), 302);
        }
        await deps.ssoStartLimiter.recordFailure(...keys);
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
        const provider = await find(c.req.valid('param').provider);
        const log = c.get('log');
        const cookieState = getCookie(c, SSO_STATE_COOKIE);
        deleteCookie(c, SSO_STATE_COOKIE, { path: COOKIE_PATH, secure: isSecure(c, deps), httpOnly: true });
        if (!provider) return c.redirect(loginPage('unavailable'), 302);
        const callbackUrl = new URL(redirectUriOf(c, deps, provider));
        callbackUrl.search = new URL(c.req.url).search;

        try {
          const person = await completeSignIn(deps.db, deps.config, provider, callbackUrl, cookieState);
          const organizationId = await providerOrganizationId(deps.db, provider);
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
          if (person.groupsOverage && person.createsStrategies === null && provider.strategyRoles.length)
            log.warn(
              { event: 'sso.groups_overage', provider: provider.id, userId: outcome.userId },
              'sso: groups overflowed the token; mapped rights left as they were (Graph is not asked)',
            );
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
          const provider = await find(c.req.valid('param').provider);
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
    .get('/', onOrganization(), async (c) => {
      const providers = await organizationProviders(deps, admin(c).organizationId);
      return c.json({ requests: await listSsoAccountRequests(deps.db, admin(c).organizationId, providers) });
    })
    .post('/:id/approve', onOrganization(), validate('param', requestParam), async (c) => {
      if (!(await decideSsoAccountRequest(deps.db, admin(c), c.req.valid('param').id, 'approve'))) throw notFound();
      return c.json({ ok: true as const });
    })
    .post('/:id/reject', onOrganization(), validate('param', requestParam), async (c) => {
      if (!(await decideSsoAccountRequest(deps.db, admin(c), c.req.valid('param').id, 'reject'))) throw notFound();
      return c.json({ ok: true as const });
    });
}

const configuredParam = z.object({ id: z.string().regex(SSO_PROVIDER_ID) });

/**
 * `/api/admin/sso`: the organization's own sign-in (issue 15), for its admins (`sso.configure`):
 * its providers — the environment's read-only, its own created, changed and removed here with the
 * client secret write-only (answered only as `clientSecretSet`) — and its settings: e-mail domains
 * and local passwords off with a break-glass admin. Every change is audited (admin/sso.ts).
 */
export function ssoConfigRoutes(deps: Deps) {
  const admin = (c: { get(key: 'user'): SessionUser | null }) => c.get('user')!;
  // The redirect URI to register at the provider, as the callback will compute it (redirectUriOf).
  const views = async (c: { req: { url: string }; get(key: 'user'): SessionUser | null }) => {
    const base = deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
    return (await organizationProviders(deps, admin(c).organizationId)).map((p) =>
      providerAdminView(p, `${base}/api/auth/sso/${p.id}/callback`),
    );
  };
  return new Hono<AppEnv>()
    .get('/providers', onOrganization('sso.configure'), async (c) => c.json({ providers: await views(c) }))
    .put(
      '/providers/:id',
      onOrganization('sso.configure'),
      validate('param', configuredParam),
      validate('json', ssoProviderBody),
      async (c) => {
        await saveSsoProvider(deps, admin(c), c.req.valid('param').id, c.req.valid('json'));
        return c.json({ providers: await views(c) });
      },
    )
    .delete('/providers/:id', onOrganization('sso.configure'), validate('param', configuredParam), async (c) => {
      await removeSsoProvider(deps, admin(c), c.req.valid('param').id);
      return c.json({ providers: await views(c) });
    })
    .get('/settings', onOrganization('sso.configure'), async (c) =>
      c.json({ settings: await organizationSsoSettings(deps.db, admin(c).organizationId) }),
    )
    .put('/settings', onOrganization('sso.configure'), validate('json', ssoSettingsBody), async (c) => {
      await saveSsoSettings(deps, admin(c), c.req.valid('json'));
      return c.json({ settings: await organizationSsoSettings(deps.db, admin(c).organizationId) });
    });
}
