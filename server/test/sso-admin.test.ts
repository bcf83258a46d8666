/**
 * An organization's own single sign-on, configured by its admin in the app (issue 15), over real
 * HTTP with a real OpenID provider on loopback: a provider created through the admin API signs a
 * person in; its secret is stored sealed and never answered; the sign-in page finds the organization
 * by e-mail domain; local passwords go off only with a working provider and a break-glass admin, and
 * then refuse everyone else; `/start` is rate-limited.
 */
import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/auth/sessions';
import { SSO_START_LIMITS } from '../src/auth/rate-limit';
import { auditLog } from '../src/db/schema-audit';
import { identities, ssoProviders } from '../src/db/schema-sso';
import { startTestServer, type TestServer } from './harness';
import { call, userIdOf } from './members-support';
import {
  CookieJar,
  freePort,
  startLoopbackProvider,
  step,
  walkToCallback,
  type LoopbackProvider,
} from './oidc-loopback';
import { DEMO_PASSWORD } from '../src/demo';

const ID = 'kommune-id';

async function lastAudit(s: TestServer, action: string) {
  return (
    await s.deps.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1)
  )[0];
}

describe("an organization's own sign-in, configured by its admin", () => {
  let s: TestServer;
  let idp: LoopbackProvider;
  let admin: string;
  let editor: string;

  beforeAll(async () => {
    const port = await freePort();
    idp = await startLoopbackProvider('entra', {
      redirectUris: [`http://127.0.0.1:${port}/api/auth/sso/${ID}/callback`],
    });
    s = await startTestServer({ PORT: String(port), SAMSTRAT_SECRET_KEY: randomBytes(32).toString('base64') });
    admin = await s.login('leder@eksempel.no');
    editor = await s.login('helse@eksempel.no');
  });
  afterAll(async () => {
    await s?.close();
    await idp?.close();
  });

  const provider = (extra: Record<string, unknown> = {}) => ({
    kind: 'entra',
    label: 'Eksempel kommune',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    newAccounts: 'create',
    ...extra,
  });

  it('refuses bad input with a clear message and changes nothing; only admins may configure', async () => {
    const noKind = await call(s, admin, 'PUT', `/admin/sso/providers/${ID}`, provider({ kind: 'saml' }));
    expect(noKind.status).toBe(400);
    expect(noKind.body.error.message).toMatch(/Kontroller feltene/);
    const ansattportenWithoutOrgno = await call(
      s,
      admin,
      'PUT',
      `/admin/sso/providers/${ID}`,
      provider({ kind: 'ansattporten' }),
    );
    expect(ansattportenWithoutOrgno.status).toBe(400);
    const ftp = await call(
      s,
      admin,
      'PUT',
      `/admin/sso/providers/${ID}`,
      provider({ issuer: 'ftp://idp.example.org' }),
    );
    expect(ftp.status).toBe(400);
    expect(ftp.body.error.code).toBe('sso_http_issuer');
    expect((await call(s, editor, 'PUT', `/admin/sso/providers/${ID}`, provider())).status).toBe(403);
    expect(await s.deps.db.select().from(ssoProviders)).toEqual([]);
  });

  it('stores the secret sealed, answers only whether it is set, and audits the change without it', async () => {
    const saved = await call(s, admin, 'PUT', `/admin/sso/providers/${ID}`, provider({ strategyRoles: ['grp-1'] }));
    expect(saved.status).toBe(200);
    // The groups that let people create strategies are the admin's to choose, as the admin groups are.
    expect(saved.body.providers[0].strategyRoles).toEqual(['grp-1']);
    expect(JSON.stringify(saved.body)).not.toContain(idp.clientSecret);
    expect(saved.body.providers).toEqual([
      expect.objectContaining({
        id: ID,
        clientSecretSet: true,
        fromEnvironment: false,
        redirectUri: `${s.url}/api/auth/sso/${ID}/callback`,
      }),
    ]);
    const [row] = await s.deps.db.select().from(ssoProviders);
    expect(row!.clientSecret).toMatch(/^v1\./);
    expect(row!.clientSecret).not.toContain(idp.clientSecret);
    const listed = await call(s, admin, 'GET', '/admin/sso/providers');
    expect(JSON.stringify(listed.body)).not.toContain(idp.clientSecret);
    const entry = await lastAudit(s, 'sso.provider_saved');
    expect(entry?.detail).toMatchObject({ provider: ID, created: true, secret: 'replaced' });
    expect(JSON.stringify(entry)).not.toContain(idp.clientSecret);

    // Absent keeps the secret; null clears it.
    const { clientSecret: _kept, ...withoutSecret } = provider({ label: 'Kommunens pålogging' });
    await call(s, admin, 'PUT', `/admin/sso/providers/${ID}`, withoutSecret);
    expect((await s.deps.db.select().from(ssoProviders))[0]!.clientSecret).toBe(row!.clientSecret);
    const cleared = await call(s, admin, 'PUT', `/admin/sso/providers/${ID}`, { ...withoutSecret, clientSecret: null });
    expect(cleared.body.providers[0].clientSecretSet).toBe(false);
    await call(s, admin, 'PUT', `/admin/sso/providers/${ID}`, provider({ label: 'Kommunens pålogging' }));
  });

  it('finds the organization by e-mail domain on the sign-in page, and signs a person in through it', async () => {
    const settings = { emailDomains: ['@Eksempel.no'], passwordsOff: false, breakGlassUserId: null };
    expect((await call(s, admin, 'PUT', '/admin/sso/settings', settings)).body.settings.emailDomains).toEqual([
      'eksempel.no',
    ]);
    const found = await call(s, null, 'GET', '/auth/sso/providers?epost=kari%40eksempel.no');
    expect(found.body.organization).toMatchObject({
      name: 'Eksempel kommune',
      passwordsOff: false,
      providers: [{ id: ID, label: 'Kommunens pålogging', kind: 'entra' }],
    });
    const unknown = await call(s, null, 'GET', '/auth/sso/providers?epost=kari%40annen.no');
    expect(unknown.body.organization).toBeNull();
    expect(unknown.body.organizations).toEqual([{ id: found.body.organization.id, name: 'Eksempel kommune' }]);

    idp.signInAs({ sub: 'kommune-leder', claims: { email: 'leder@eksempel.no', xms_edov: true, name: 'Ingrid' } });
    const jar = new CookieJar();
    const callback = await walkToCallback(jar, `${s.url}/api/auth/sso/${ID}/start?neste=%2F`, idp.issuer);
    const { location } = await step(jar, callback);
    expect(location?.pathname).toBe('/');
    const token = jar.get(s.url, SESSION_COOKIE);
    const me = await call(s, `${SESSION_COOKIE}=${token}`, 'GET', '/me');
    // Linked to the existing account: the provider vouched for an address in the organization's domain.
    expect(me.body.user.email).toBe('leder@eksempel.no');
    const leder = await userIdOf(s, 'leder@eksempel.no');
    expect(await s.deps.db.select().from(identities).where(eq(identities.userId, leder))).toMatchObject([
      { providerId: ID, issuer: idp.issuer, subject: 'kommune-leder' },
    ]);
  });

  it('switches passwords off only with a working provider and a break-glass admin, then refuses everyone else', async () => {
    const leder = await userIdOf(s, 'leder@eksempel.no');
    const helse = await userIdOf(s, 'helse@eksempel.no');
    const base = { emailDomains: ['eksempel.no'] };
    const noBreakGlass = await call(s, admin, 'PUT', '/admin/sso/settings', {
      ...base,
      passwordsOff: true,
      breakGlassUserId: null,
    });
    expect(noBreakGlass.status).toBe(400);
    expect(noBreakGlass.body.error.message).toMatch(/nødadministrator/);
    const notAdmin = await call(s, admin, 'PUT', '/admin/sso/settings', {
      ...base,
      passwordsOff: true,
      breakGlassUserId: helse,
    });
    expect(notAdmin.status).toBe(400);

    // The provider down: no working sign-in, so passwords stay on.
    await call(s, admin, 'PUT', `/admin/sso/providers/${ID}`, provider({ issuer: 'http://127.0.0.1:9/ingen' }));
    const broken = await call(s, admin, 'PUT', '/admin/sso/settings', {
      ...base,
      passwordsOff: true,
      breakGlassUserId: leder,
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('passwords_off_needs_provider');
    await call(s, admin, 'PUT', `/admin/sso/providers/${ID}`, provider({ label: 'Kommunens pålogging' }));

    const off = await call(s, admin, 'PUT', '/admin/sso/settings', {
      ...base,
      passwordsOff: true,
      breakGlassUserId: leder,
    });
    expect(off.status).toBe(200);
    expect((await lastAudit(s, 'sso.settings_changed'))?.detail).toMatchObject({
      passwordsOff: true,
      breakGlassUserId: leder,
    });

    const refused = await call(s, null, 'POST', '/auth/login', { email: 'helse@eksempel.no', password: DEMO_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/slått av innlogging med passord/);
    // A wrong password answers as always: the refusal tells a guesser nothing.
    expect(
      (await call(s, null, 'POST', '/auth/login', { email: 'helse@eksempel.no', password: 'feil passord' })).status,
    ).toBe(401);
    const glass = await call(s, null, 'POST', '/auth/login', { email: 'leder@eksempel.no', password: DEMO_PASSWORD });
    expect(glass.status).toBe(200);
    const found = await call(s, null, 'GET', '/auth/sso/providers?epost=helse%40eksempel.no');
    expect(found.body.organization.passwordsOff).toBe(true);

    await call(s, admin, 'PUT', '/admin/sso/settings', { ...base, passwordsOff: false, breakGlassUserId: leder });
    expect(
      (await call(s, null, 'POST', '/auth/login', { email: 'helse@eksempel.no', password: DEMO_PASSWORD })).status,
    ).toBe(200);
  });

  it('limits how many sign-ins one address may begin', async () => {
    let last: URL | null = null;
    for (let i = 0; i <= SSO_START_LIMITS.maxFailuresPerEmail; i++) {
      ({ location: last } = await step(new CookieJar(), new URL(`${s.url}/api/auth/sso/${ID}/start`)));
      if (last?.origin === s.url) break;
    }
    expect(`${last?.pathname}${last?.search}`).toBe('/logg-inn?sso=throttled');
    expect((await lastAudit(s, 'sso.start_throttled'))?.detail).toMatchObject({ provider: ID });
  });
});
