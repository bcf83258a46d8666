/**
 * Sign-in through OpenID Connect (issue 15) over real HTTP against real providers on loopback
 * (`oidc-provider`, see oidc-loopback.ts), configured like Entra ID and like Ansattporten. Each
 * refusal is checked where the person lands (`/logg-inn?sso=<reason>`), that no session was made,
 * and its audit entry.
 */
import { Writable } from 'node:stream';
import { and, desc, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFromToken, SESSION_COOKIE } from '../src/auth/sessions';
import { sessions, users } from '../src/db/schema';
import { auditLog } from '../src/db/schema-audit';
import { identities, ssoAccountRequests, ssoLoginStates } from '../src/db/schema-sso';
import { SSO_STATE_COOKIE } from '../src/routes/sso';
import { startTestServer, type TestServer } from './harness';
import {
  ACR,
  CookieJar,
  freePort,
  startLoopbackProvider,
  step,
  walkToCallback,
  type LoopbackProvider,
} from './oidc-loopback';

const STRATEGY_PATH = '/strategier/noe';

interface Landing {
  status: number;
  /** Where our callback sent the browser: a path of the app. */
  location: string;
  /** `samstrat_session=…` when a session was begun. */
  cookie: string | null;
}

/** Takes the provider's return at our callback, as the browser holding `jar` would. */
async function land(jar: CookieJar, callback: URL): Promise<Landing> {
  const { res, location } = await step(jar, callback);
  const token = jar.get(callback.origin, SESSION_COOKIE);
  return {
    status: res.status,
    location: location ? `${location.pathname}${location.search}` : '',
    cookie: token ? `${SESSION_COOKIE}=${token}` : null,
  };
}

/** A whole sign-in through `providerId`, from our start URL to where the app sends the browser. */
async function signIn(s: TestServer, providerId: string, provider: LoopbackProvider, jar = new CookieJar()) {
  const callback = await walkToCallback(
    jar,
    `${s.url}/api/auth/sso/${providerId}/start?neste=${encodeURIComponent(STRATEGY_PATH)}`,
    provider.issuer,
  );
  return { ...(await land(jar, callback)), jar, callback };
}

async function me(s: TestServer, cookie: string) {
  const res = await fetch(`${s.url}/api/me`, { headers: { cookie } });
  return {
    status: res.status,
    body: (await res.json()) as { user: { id: string; email: string; isAdmin: boolean; createsStrategies: boolean } },
  };
}

async function lastAudit(s: TestServer, action: string) {
  return (
    await s.deps.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1)
  )[0];
}

async function userByEmail(s: TestServer, email: string) {
  return (await s.deps.db.select().from(users).where(eq(users.email, email)).limit(1))[0];
}

/** A refusal: the sign-in page with the reason, no session, and the audit entry saying why. */
async function expectRefused(s: TestServer, landing: Landing, reason: string, provider: string) {
  expect(landing.status).toBe(302);
  expect(landing.location).toBe(`/logg-inn?sso=${reason}`);
  expect(landing.cookie).toBeNull();
  const entry = await lastAudit(s, 'sso.login_refused');
  expect(entry?.detail).toMatchObject({ provider, reason });
  return entry!;
}

const logLines: string[] = [];
const logSink = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

describe('sign-in through a provider like Entra ID', () => {
  let s: TestServer;
  let entra: LoopbackProvider;
  let open: LoopbackProvider;

  beforeAll(async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    entra = await startLoopbackProvider('entra', {
      redirectUris: [`${origin}/api/auth/sso/entra/callback`],
      postLogoutRedirectUris: [`${origin}/logg-inn?grunn=logged-out`],
      backchannelLogoutUri: `${origin}/api/auth/sso/entra/backchannel-logout`,
    });
    open = await startLoopbackProvider('entra', { redirectUris: [`${origin}/api/auth/sso/entra-open/callback`] });
    s = await startTestServer({
      PORT: String(port),
      SAMSTRAT_OIDC_PROVIDERS: 'entra,entra-open',
      SAMSTRAT_OIDC_ENTRA_KIND: 'entra',
      SAMSTRAT_OIDC_ENTRA_LABEL: 'Eksempel kommune (Microsoft)',
      SAMSTRAT_OIDC_ENTRA_ISSUER: entra.issuer,
      SAMSTRAT_OIDC_ENTRA_CLIENT_ID: entra.clientId,
      SAMSTRAT_OIDC_ENTRA_CLIENT_SECRET: entra.clientSecret,
      SAMSTRAT_OIDC_ENTRA_EMAIL_DOMAINS: 'eksempel.no',
      SAMSTRAT_OIDC_ENTRA_NEW_ACCOUNTS: 'approve',
      SAMSTRAT_OIDC_ENTRA_OPEN_KIND: 'entra',
      SAMSTRAT_OIDC_ENTRA_OPEN_ISSUER: open.issuer,
      SAMSTRAT_OIDC_ENTRA_OPEN_CLIENT_ID: open.clientId,
      SAMSTRAT_OIDC_ENTRA_OPEN_CLIENT_SECRET: open.clientSecret,
      SAMSTRAT_OIDC_ENTRA_OPEN_NEW_ACCOUNTS: 'create',
      SAMSTRAT_OIDC_ENTRA_OPEN_ADMIN_ROLES: 'Samstrat.Admin',
      SAMSTRAT_OIDC_ENTRA_OPEN_STRATEGY_ROLES: 'Samstrat.Strategi grp-strategi',
    });
  });
  afterAll(async () => {
    await s?.close();
    await entra?.close();
    await open?.close();
  });

  it('lists the providers for the sign-in page', async () => {
    const res = await fetch(`${s.url}/api/auth/sso/providers`);
    expect(await res.json()).toEqual({
      providers: [
        { id: 'entra', label: 'Eksempel kommune (Microsoft)', kind: 'entra' },
        { id: 'entra-open', label: 'Microsoft', kind: 'entra' },
      ],
      // Without an address or a choice: the instance's own providers, and the organizations to choose from.
      organization: null,
      organizations: [{ id: expect.any(String), name: 'Eksempel kommune' }],
      candidates: [],
    });
  });

  it('sends PKCE, state and nonce, and links a vouched-for address to the existing account', async () => {
    entra.signInAs({ sub: 'entra-leder', claims: { email: 'Leder@eksempel.no', name: 'Ingrid', xms_edov: true } });
    const landing = await signIn(s, 'entra', entra);
    const asked = entra.lastAuthorization()!;
    expect(asked.code_challenge_method).toBe('S256');
    expect(String(asked.code_challenge)).toMatch(/^[\w-]{43}$/);
    expect(String(asked.state)).toMatch(/^[\w-]{20,}$/);
    expect(String(asked.nonce)).toMatch(/^[\w-]{20,}$/);

    expect(landing).toMatchObject({ status: 302, location: STRATEGY_PATH });
    const who = await me(s, landing.cookie!);
    expect(who.body.user.email).toBe('leder@eksempel.no');
    const leder = (await userByEmail(s, 'leder@eksempel.no'))!;
    expect(await s.deps.db.select().from(identities).where(eq(identities.userId, leder.id))).toMatchObject([
      { issuer: entra.issuer, subject: 'entra-leder', providerId: 'entra' },
    ]);
    expect((await lastAudit(s, 'sso.account_linked'))?.subjectId).toBe(leder.id);
    expect((await lastAudit(s, 'sso.login_succeeded'))?.detail).toMatchObject({
      provider: 'entra',
      subject: 'entra-leder',
    });
    // The sign-in under way is gone once taken.
    expect(await s.deps.db.select().from(ssoLoginStates)).toEqual([]);
  });

  it('knows people by issuer and subject afterwards, whatever address the token carries', async () => {
    entra.signInAs({ sub: 'entra-leder', claims: { email: 'noen.annen@eksempel.no', xms_edov: true } });
    const landing = await signIn(s, 'entra', entra);
    expect((await me(s, landing.cookie!)).body.user.email).toBe('leder@eksempel.no');
  });

  it('ends the session no later than the ID token, never extends it, and logs out at the provider', async () => {
    entra.signInAs({ sub: 'entra-leder', claims: { xms_edov: true } });
    const before = Date.now();
    const landing = await signIn(s, 'entra', entra);
    const token = landing.cookie!.split('=')[1]!;
    const [session] = await s.deps.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sessionIdFromToken(token)));
    expect(session!.providerId).toBe('entra');
    // The loopback provider's ID tokens live 600 s.
    expect(session!.expiresAt.getTime()).toBeLessThanOrEqual(before + 601_000);
    expect(session!.expiresAt.getTime()).toBeGreaterThan(before + 500_000);

    const res = await fetch(`${s.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: landing.cookie!, origin: s.url },
    });
    const body = (await res.json()) as { ok: true; endSessionUrl: string | null };
    const end = new URL(body.endSessionUrl!);
    expect(`${end.origin}${end.pathname}`).toBe(`${entra.issuer}/session/end`);
    expect(end.searchParams.get('client_id')).toBe(entra.clientId);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${s.url}/logg-inn?grunn=logged-out`);
    expect((await fetch(`${s.url}/api/me`, { headers: { cookie: landing.cookie! } })).status).toBe(401);
    // The provider takes the logout request: it answers its confirmation page.
    expect((await fetch(end)).status).toBe(200);
  });

  it('does not link by an address the provider does not vouch for: the person waits for an admin', async () => {
    entra.signInAs({
      sub: 'entra-uverifisert',
      claims: { email: 'helse@eksempel.no', name: 'Ukjent', xms_edov: false },
    });
    const landing = await signIn(s, 'entra', entra);
    expect(landing).toMatchObject({ status: 302, location: '/logg-inn?sso=pending', cookie: null });
    const [request] = await s.deps.db
      .select()
      .from(ssoAccountRequests)
      .where(eq(ssoAccountRequests.subject, 'entra-uverifisert'));
    expect(request).toMatchObject({ name: 'Ukjent', email: null, providerId: 'entra' });
    expect((await lastAudit(s, 'sso.account_requested'))?.detail).toMatchObject({ requestId: request!.id });
    // Signing in again while waiting makes no second request.
    await signIn(s, 'entra', entra);
    expect(
      await s.deps.db.select().from(ssoAccountRequests).where(eq(ssoAccountRequests.subject, 'entra-uverifisert')),
    ).toHaveLength(1);

    // Only an administrator sees and decides the requests.
    const editor = await s.login('helse@eksempel.no');
    expect((await fetch(`${s.url}/api/admin/sso-requests`, { headers: { cookie: editor } })).status).toBe(403);
    const admin = await s.login('leder@eksempel.no');
    const list = (await (await fetch(`${s.url}/api/admin/sso-requests`, { headers: { cookie: admin } })).json()) as {
      requests: { id: string; name: string; providerLabel: string }[];
    };
    expect(list.requests).toContainEqual(
      expect.objectContaining({ name: 'Ukjent', providerLabel: 'Eksempel kommune (Microsoft)' }),
    );
    const approve = await fetch(`${s.url}/api/admin/sso-requests/${request!.id}/approve`, {
      method: 'POST',
      headers: { cookie: admin, origin: s.url },
    });
    expect(approve.status).toBe(200);
    expect((await lastAudit(s, 'sso.account_approved'))?.detail).toMatchObject({ requestId: request!.id });

    const again = await signIn(s, 'entra', entra);
    expect(again.location).toBe(STRATEGY_PATH);
    const user = (await me(s, again.cookie!)).body.user;
    // The unverified address was not taken over: Ola Berg keeps helse@eksempel.no.
    expect(user.email).toMatch(/@entra\.sso\.invalid$/);
    expect((await userByEmail(s, 'helse@eksempel.no'))!.id).not.toBe(user.id);
  });

  it('creates accounts where the organization lets the provider, with app roles as admin rights', async () => {
    open.signInAs({ sub: 'ny-admin', claims: { name: 'Nora Ny', roles: ['Samstrat.Admin'] } });
    const landing = await signIn(s, 'entra-open', open);
    expect(landing.location).toBe(STRATEGY_PATH);
    const user = (await me(s, landing.cookie!)).body.user;
    expect(user.isAdmin).toBe(true);
    expect((await lastAudit(s, 'sso.account_created'))?.detail).toMatchObject({ admin: true, groupsOverage: false });
  });

  it('does not trust missing groups when the token says they overflowed', async () => {
    open.signInAs({
      sub: 'mange-grupper',
      claims: { name: 'Gro Gruppe', _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'x' } } },
    });
    const landing = await signIn(s, 'entra-open', open);
    expect((await me(s, landing.cookie!)).body.user.isAdmin).toBe(false);
    expect((await lastAudit(s, 'sso.account_created'))?.detail).toMatchObject({ admin: false, groupsOverage: true });
  });

  it('grants and withdraws the right to create strategies by app role or group at each sign-in, and keeps it on overage', async () => {
    const as = async (claims: Record<string, unknown>) => {
      open.signInAs({ sub: 'strateg', claims: { name: 'Siri Strateg', ...claims } });
      const landing = await signIn(s, 'entra-open', open);
      return (await me(s, landing.cookie!)).body.user.createsStrategies as boolean;
    };
    const count = async (action: string) =>
      (await s.deps.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

    expect(await as({ roles: ['Samstrat.Strategi'] })).toBe(true);
    expect((await lastAudit(s, 'sso.account_created'))?.detail).toMatchObject({ createsStrategies: true });
    // The app role taken away at Entra: withdrawn at the next sign-in, and audited.
    expect(await as({ roles: [], groups: ['grp-annen'] })).toBe(false);
    expect((await lastAudit(s, 'sso.right_withdrawn'))?.detail).toMatchObject({
      provider: 'entra-open',
      right: 'creates_strategies',
    });
    // A mapped group grants it again.
    expect(await as({ groups: ['grp-strategi'] })).toBe(true);
    expect(await count('sso.right_granted')).toBe(1);
    // Too many groups for the token: their absence proves nothing, so the right stays, audited.
    const overage = { _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'x' } } };
    expect(await as(overage)).toBe(true);
    expect((await lastAudit(s, 'sso.groups_overage'))?.detail).toMatchObject({ provider: 'entra-open', kept: true });
    expect(await count('sso.right_withdrawn')).toBe(1);
  });

  describe('refuses a return that is not right, and audits why', () => {
    beforeAll(() => entra.signInAs({ sub: 'entra-leder', claims: { xms_edov: true } }));

    it('an ID token from another issuer', async () => {
      entra.tamper((claims) => ({ ...claims, iss: 'https://login.example.org/other/v2.0' }));
      try {
        await expectRefused(s, await signIn(s, 'entra', entra), 'issuer', 'entra');
      } finally {
        entra.tamper(null);
      }
    });

    it('an ID token for another client', async () => {
      entra.tamper((claims) => ({ ...claims, aud: 'another-client' }));
      try {
        await expectRefused(s, await signIn(s, 'entra', entra), 'audience', 'entra');
      } finally {
        entra.tamper(null);
      }
    });

    it('an expired ID token', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      entra.tamper((claims) => ({ ...claims, iat: past - 600, exp: past }));
      try {
        await expectRefused(s, await signIn(s, 'entra', entra), 'expired', 'entra');
      } finally {
        entra.tamper(null);
      }
    });

    it('a wrong nonce', async () => {
      entra.tamper((claims) => ({ ...claims, nonce: 'not-the-one-we-sent' }));
      try {
        await expectRefused(s, await signIn(s, 'entra', entra), 'nonce', 'entra');
      } finally {
        entra.tamper(null);
      }
    });

    it('a forged signature', async () => {
      entra.tamper((claims) => claims, { forge: true });
      try {
        const entry = await expectRefused(s, await signIn(s, 'entra', entra), 'signature', 'entra');
        expect(entry.subjectId).toBeNull();
      } finally {
        entra.tamper(null);
      }
    });

    it('a return whose state is not the one this browser began', async () => {
      const jar = new CookieJar();
      const callback = await walkToCallback(jar, `${s.url}/api/auth/sso/entra/start`, entra.issuer);
      jar.set(new URL(s.url).origin, SSO_STATE_COOKIE, 'a-state-from-another-browser');
      await expectRefused(s, await land(jar, callback), 'state', 'entra');
    });

    it('a return taken twice', async () => {
      const first = await signIn(s, 'entra', entra);
      expect(first.location).toBe(STRATEGY_PATH);
      // The same return again, with the state cookie the browser had.
      const jar = new CookieJar();
      jar.set(new URL(s.url).origin, SSO_STATE_COOKIE, first.callback.searchParams.get('state')!);
      await expectRefused(s, await land(jar, first.callback), 'state', 'entra');
    });

    it('a return the provider answered with an error', async () => {
      const jar = new CookieJar();
      const callback = await walkToCallback(jar, `${s.url}/api/auth/sso/entra/start`, entra.issuer);
      const denied = new URL(callback.pathname, callback);
      denied.searchParams.set('state', callback.searchParams.get('state')!);
      denied.searchParams.set('error', 'access_denied');
      await expectRefused(s, await land(jar, denied), 'provider', 'entra');
    });

    it('a deactivated account', async () => {
      const admin = await s.login('leder@eksempel.no');
      open.signInAs({ sub: 'slutter', claims: { name: 'Sluttet Person' } });
      const landing = await signIn(s, 'entra-open', open);
      const id = (await me(s, landing.cookie!)).body.user.id;
      const off = await fetch(`${s.url}/api/admin/users/${id}/deactivate`, {
        method: 'POST',
        headers: { cookie: admin, origin: s.url },
      });
      expect(off.status).toBe(200);
      const entry = await expectRefused(s, await signIn(s, 'entra-open', open), 'inactive', 'entra-open');
      expect(entry.subjectId).toBe(id);
    });
  });

  describe('back-channel logout', () => {
    const postLogout = (token: string) =>
      fetch(`${s.url}/api/auth/sso/entra/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: token }),
      });
    const logoutClaims = (extra: Record<string, unknown> = {}) => ({
      iss: entra.issuer,
      aud: entra.clientId,
      iat: Math.floor(Date.now() / 1000),
      jti: `jti-${Math.random()}`,
      sub: 'entra-leder',
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      ...extra,
    });

    it('ends our session when the person logs out at the provider', async () => {
      entra.signInAs({ sub: 'entra-leder', claims: { xms_edov: true } });
      const landing = await signIn(s, 'entra', entra);
      expect((await me(s, landing.cookie!)).status).toBe(200);

      // At the provider, in the same browser: its logout page, confirmed as the person would.
      const end = new URL(`${entra.issuer}/session/end?client_id=${entra.clientId}`);
      const page = await fetch(end, { headers: { cookie: landing.jar.header(end) } });
      landing.jar.take(end, page);
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(await page.text())?.[1];
      expect(xsrf).toBeTruthy();
      const confirm = new URL(`${entra.issuer}/session/end/confirm`);
      const done = await fetch(confirm, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: landing.jar.header(confirm), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
      });
      expect(done.status).toBe(303);

      expect((await me(s, landing.cookie!)).status).toBe(401);
      expect((await lastAudit(s, 'sso.backchannel_logout'))?.detail).toMatchObject({ provider: 'entra', sessions: 1 });
    });

    it('refuses a logout token that is forged, for another client or not one, and ends nothing', async () => {
      entra.signInAs({ sub: 'entra-leder', claims: { xms_edov: true } });
      const landing = await signIn(s, 'entra', entra);
      const refused = [
        await entra.sign(logoutClaims(), { forge: true }),
        await entra.sign(logoutClaims({ aud: 'another-client' })),
        await entra.sign(logoutClaims({ iss: 'https://login.example.org/other/v2.0' })),
        await entra.sign(logoutClaims({ events: {} })),
        await entra.sign(logoutClaims({ nonce: 'n' })),
        await entra.sign(logoutClaims({ iat: Math.floor(Date.now() / 1000) - 3600 })),
        'not.a.token',
      ];
      for (const token of refused) expect((await postLogout(token)).status).toBe(400);
      expect((await me(s, landing.cookie!)).status).toBe(200);

      // A right one naming the person (no sid) ends every session of theirs begun there.
      const res = await postLogout(await entra.sign(logoutClaims()));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect((await me(s, landing.cookie!)).status).toBe(401);
    });
  });
});

describe('sign-in through a provider like Ansattporten', () => {
  const ORGNO = '123456789';
  const PID = '05056612345';
  const ALTINN_SERVICE = 'urn:altinn:resource:5613:1';
  let s: TestServer;
  let ap: LoopbackProvider;

  beforeAll(async () => {
    const port = await freePort();
    ap = await startLoopbackProvider('ansattporten', {
      redirectUris: [`http://127.0.0.1:${port}/api/auth/sso/ansattporten/callback`],
      orgno: ORGNO,
    });
    s = await startTestServer(
      {
        PORT: String(port),
        SAMSTRAT_OIDC_PROVIDERS: 'ansattporten',
        SAMSTRAT_OIDC_ANSATTPORTEN_KIND: 'ansattporten',
        SAMSTRAT_OIDC_ANSATTPORTEN_ISSUER: ap.issuer,
        SAMSTRAT_OIDC_ANSATTPORTEN_CLIENT_ID: ap.clientId,
        SAMSTRAT_OIDC_ANSATTPORTEN_CLIENT_SECRET: ap.clientSecret,
        SAMSTRAT_OIDC_ANSATTPORTEN_ORGNO: ORGNO,
        SAMSTRAT_OIDC_ANSATTPORTEN_ALTINN_RESOURCE: ALTINN_SERVICE,
        SAMSTRAT_OIDC_ANSATTPORTEN_ACR: 'substantial',
        SAMSTRAT_OIDC_ANSATTPORTEN_NEW_ACCOUNTS: 'create',
      },
      { log: pino({ level: 'debug' }, logSink) },
    );
  });
  afterAll(async () => {
    await s?.close();
    await ap?.close();
  });

  it('asks for the level and the organization, and lets in someone acting for ours', async () => {
    ap.signInAs({ sub: 'ap-person', acr: ACR.high, claims: { pid: PID, name: 'Tor Tillit' } });
    const landing = await signIn(s, 'ansattporten', ap);
    const asked = ap.lastAuthorization()!;
    expect(asked.acr_values).toBe('idporten-loa-substantial');
    // As Digdir documents it (docs.digdir.no/docs/ansattporten/ansattporten_rar.html): the service, never our number.
    expect(JSON.parse(String(asked.authorization_details))).toEqual([
      { type: 'ansattporten:altinn:service', resource: ALTINN_SERVICE, representation_is_required: true },
    ]);
    expect(landing.location).toBe(STRATEGY_PATH);
    const user = (await me(s, landing.cookie!)).body.user;
    expect(user.email).toMatch(/@ansattporten\.sso\.invalid$/);
    expect((await lastAudit(s, 'sso.login_succeeded'))?.detail).toMatchObject({ acr: ACR.high });
  });

  it('refuses a level of assurance below the one required', async () => {
    ap.signInAs({ sub: 'ap-lav', acr: ACR.low, claims: { pid: PID } });
    await expectRefused(s, await signIn(s, 'ansattporten', ap), 'acr', 'ansattporten');
  });

  it('gives no account to someone acting for another organization, and says why', async () => {
    const before = (await s.deps.db.select({ id: users.id }).from(users)).length;
    ap.signInAs({ sub: 'ap-fremmed', acr: ACR.substantial, orgno: '987654321', claims: { pid: PID } });
    const entry = await expectRefused(s, await signIn(s, 'ansattporten', ap), 'organization', 'ansattporten');
    expect(entry.detail).toMatchObject({ subject: 'ap-fremmed' });
    expect((await s.deps.db.select({ id: users.id }).from(users)).length).toBe(before);
    expect(
      await s.deps.db
        .select()
        .from(identities)
        .where(and(eq(identities.subject, 'ap-fremmed'))),
    ).toEqual([]);
  });

  it('never stores or logs the national identity number', async () => {
    const { db } = s.deps;
    const everything = JSON.stringify([
      await db.select().from(users),
      await db.select().from(identities),
      await db.select().from(sessions),
      await db.select().from(auditLog),
      await db.select().from(ssoAccountRequests),
      await db.select().from(ssoLoginStates),
    ]);
    expect(everything).toContain('ap-person');
    expect(everything).not.toContain(PID);
    expect(logLines.join('')).toContain('sso.refused');
    expect(logLines.join('')).not.toContain(PID);
  });
});
