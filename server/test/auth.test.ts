import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionIdFromToken } from '../src/auth/sessions';
import { sessions, users } from '../src/db/schema';
import { DEMO_ACCOUNTS } from '../src/demo';
import { sessionCookie, startTestServer, type TestServer } from './harness';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(overrides: Record<string, string> = {}, options: Parameters<typeof startTestServer>[1] = {}) {
  const s = await startTestServer(overrides, options);
  servers.push(s);
  return s;
}

function post(s: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const login = (s: TestServer, email: string, password: string, headers: Record<string, string> = {}) =>
  post(s, '/api/auth/login', { email, password }, headers);

const me = (s: TestServer, cookie?: string) => fetch(`${s.url}/api/me`, { headers: cookie ? { cookie } : {} });

describe('health', () => {
  it('answers ok without a session', async () => {
    const s = await server();
    const res = await fetch(`${s.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('login', () => {
  it('lets every demo account log in with an HttpOnly, SameSite=Lax session cookie', async () => {
    const s = await server();
    for (const account of DEMO_ACCOUNTS) {
      const res = await login(s, account.email, 'samstrat-demo');
      expect(res.status, account.email).toBe(200);
      const body = (await res.json()) as { user: Record<string, unknown> };
      expect(body.user).toMatchObject({ email: account.email, name: account.name });
      expect(Object.keys(body.user).sort()).toEqual([
        'abilities',
        'createsStrategies',
        'email',
        'id',
        'isAdmin',
        'isOperator',
        'name',
      ]);

      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('samstrat_session='))!;
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Lax/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).toMatch(/; Max-Age=2592000/);
      // Plain http in tests; a Secure cookie would never be sent back.
      expect(setCookie).not.toMatch(/; Secure/);
    }
  });

  it('stores only the hash of the session token, never the token itself', async () => {
    const s = await server();
    const cookie = await s.login('leder@eksempel.no');
    const token = cookie.split('=')[1]!;
    const rows = await s.deps.db.select().from(sessions);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sessionIdFromToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('matches the e-mail address without regard to case or surrounding spaces', async () => {
    const s = await server();
    const res = await login(s, '  Leder@Eksempel.NO ', 'samstrat-demo');
    expect(res.status).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail with the same 401 and message', async () => {
    const s = await server();
    const wrongPassword = await login(s, 'leder@eksempel.no', 'feil-passord');
    const unknownEmail = await login(s, 'finnes.ikke@eksempel.no', 'samstrat-demo');
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const a = await wrongPassword.json();
    const b = await unknownEmail.json();
    expect(a).toEqual(b);
    expect(a).toEqual({ error: { code: 'invalid_credentials', message: expect.stringContaining('passord') } });
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it('answers in the language the browser asks for', async () => {
    const s = await server();
    const res = await login(s, 'leder@eksempel.no', 'feil', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /Wrong e-mail address or password/,
    );
  });

  it('refuses a deactivated account with the same 401 and ends its open sessions', async () => {
    const s = await server();
    const cookie = await s.login('radgiver@eksempel.no');
    await s.deps.db.transaction((tx) =>
      tx.update(users).set({ active: false }).where(eq(users.email, 'radgiver@eksempel.no')),
    );

    const res = await login(s, 'radgiver@eksempel.no', 'samstrat-demo');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
    expect((await me(s, cookie)).status).toBe(401);
  });

  it.each([
    ['a missing password', { email: 'leder@eksempel.no' }],
    ['an e-mail that is not an address', { email: 'leder', password: 'samstrat-demo' }],
    ['an empty password', { email: 'leder@eksempel.no', password: '' }],
    ['a number for the e-mail', { email: 42, password: 'samstrat-demo' }],
  ])('answers 400 bad_request for %s', async (_name, body) => {
    const s = await server();
    const res = await post(s, '/api/auth/login', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const s = await server();
    const res = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('refuses further attempts with 429 and Retry-After after five wrong passwords, even the right one', async () => {
    const s = await server();
    for (let i = 0; i < 5; i++) expect((await login(s, 'helse@eksempel.no', `gjetning-${i}`)).status).toBe(401);

    const blocked = await login(s, 'helse@eksempel.no', 'samstrat-demo');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');

    // Another account from the same address is unaffected until the per-address limit.
    expect((await login(s, 'oppvekst@eksempel.no', 'samstrat-demo')).status).toBe(200);
  });

  it('forgets earlier failures for an account once its password is given correctly', async () => {
    const s = await server();
    for (let i = 0; i < 4; i++) await login(s, 'helse@eksempel.no', `gjetning-${i}`);
    expect((await login(s, 'helse@eksempel.no', 'samstrat-demo')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(s, 'helse@eksempel.no', `igjen-${i}`)).status).toBe(401);
    expect((await login(s, 'helse@eksempel.no', 'samstrat-demo')).status).toBe(200);
  });

  it('logs failed and successful logins without the password', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const s = await server({}, { log: pino({ level: 'info' }, sink) });
    await login(s, 'leder@eksempel.no', 'hemmelig-feil-passord');
    await login(s, 'leder@eksempel.no', 'samstrat-demo');

    const events = lines.map((l) => JSON.parse(l) as { event?: string; reason?: string; email?: string });
    expect(events).toContainEqual(
      expect.objectContaining({ event: 'login.failed', reason: 'wrong_password', email: 'leder@eksempel.no' }),
    );
    expect(events).toContainEqual(expect.objectContaining({ event: 'login.succeeded' }));
    expect(lines.join('')).not.toContain('hemmelig-feil-passord');
    expect(lines.join('')).not.toContain('samstrat-demo"');
  });
});

describe('session', () => {
  it('answers /api/me with the signed-in user', async () => {
    const s = await server();
    const res = await me(s, await s.login('leder@eksempel.no'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: {
        id: expect.any(String),
        email: 'leder@eksempel.no',
        name: expect.stringContaining('Ingrid'),
        isAdmin: true,
        createsStrategies: false,
        isOperator: true,
        abilities: {
          manageAccounts: true,
          createStrategies: true,
          proposeJointStrategies: true,
          configureOrganization: true,
          configureSso: true,
          createOrganizations: true,
        },
      },
    });
  });

  it('answers the login with the person exactly as /api/me does, so an admin is offered the accounts at once', async () => {
    const s = await server();
    for (const email of ['leder@eksempel.no', 'helse@eksempel.no']) {
      const res = await login(s, email, 'samstrat-demo');
      const { user } = (await res.json()) as { user: unknown };
      expect(user).toEqual(((await (await me(s, sessionCookie(res))).json()) as { user: unknown }).user);
    }
    const admin = await login(s, 'leder@eksempel.no', 'samstrat-demo');
    expect(await admin.json()).toMatchObject({ user: { isAdmin: true, abilities: { manageAccounts: true } } });
    const editor = await login(s, 'helse@eksempel.no', 'samstrat-demo');
    expect(await editor.json()).toMatchObject({ user: { isAdmin: false, abilities: { manageAccounts: false } } });
  });

  it('answers /api/me with 401 unauthenticated without a session', async () => {
    const s = await server();
    const res = await me(s);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('clears a cookie that names no session', async () => {
    const s = await server();
    const res = await me(s, 'samstrat_session=abcdefghijklmnopqrstuvwxyz234567');
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie().join()).toMatch(/samstrat_session=;.*Max-Age=0/);
  });

  it('ends the session on logout, so the old cookie no longer works', async () => {
    const s = await server();
    const cookie = await s.login('leder@eksempel.no');
    const res = await post(s, '/api/auth/logout', {}, { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, endSessionUrl: null });
    expect(res.headers.getSetCookie().join()).toMatch(/samstrat_session=;.*Max-Age=0/);
    expect((await me(s, cookie)).status).toBe(401);
    expect(await s.deps.db.select().from(sessions)).toEqual([]);
  });

  it('sends the cookie again with a renewed lifetime when the expiry slides', async () => {
    const s = await server();
    const cookie = await s.login('leder@eksempel.no');
    await s.deps.db.transaction((tx) =>
      tx.update(sessions).set({ expiresAt: new Date(Date.now() + 10 * 24 * 60 * 60 * 1000) }),
    );
    const res = await me(s, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join()).toMatch(/samstrat_session=[a-z2-7]{32};.*Max-Age=259(1999|2000)/);
    expect((await me(s, cookie)).headers.getSetCookie()).toEqual([]);
  });

  it('accepts a logout without a session', async () => {
    const s = await server();
    const res = await post(s, '/api/auth/logout', {});
    expect(res.status).toBe(200);
  });

  it('ends only the session that logs out, not the same user elsewhere', async () => {
    const s = await server();
    const laptop = await s.login('leder@eksempel.no');
    const phone = await s.login('leder@eksempel.no');
    await post(s, '/api/auth/logout', {}, { cookie: laptop });
    expect((await me(s, phone)).status).toBe(200);
  });

  it('replaces the session a browser already had when it logs in again', async () => {
    const s = await server();
    const first = await s.login('leder@eksempel.no');
    const second = sessionCookie(await login(s, 'leder@eksempel.no', 'samstrat-demo', { cookie: first }));
    expect(second).not.toBe(first);
    expect((await me(s, first)).status).toBe(401);
    expect((await me(s, second)).status).toBe(200);
  });
});

describe('origin check', () => {
  it('refuses a POST from a foreign Origin with 403 and changes nothing', async () => {
    const s = await server();
    const cookie = await s.login('leder@eksempel.no');
    const res = await post(s, '/api/auth/logout', {}, { cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('foreign_origin');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await me(s, cookie)).status).toBe(200);
  });

  it('refuses a login from a foreign Origin without creating a session', async () => {
    const s = await server();
    const res = await login(s, 'leder@eksempel.no', 'samstrat-demo', { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(await s.deps.db.select().from(sessions)).toEqual([]);
  });

  it('accepts a POST from its own origin', async () => {
    const s = await server();
    expect((await login(s, 'leder@eksempel.no', 'samstrat-demo', { origin: s.url })).status).toBe(200);
  });

  it('refuses the literal Origin "null" that sandboxed pages send', async () => {
    const s = await server();
    expect((await login(s, 'leder@eksempel.no', 'samstrat-demo', { origin: 'null' })).status).toBe(403);
  });

  it('compares with PUBLIC_ORIGIN when set, and then marks the cookie Secure', async () => {
    const s = await server({ PUBLIC_ORIGIN: 'https://samstrat.eksempel.no' });
    expect((await login(s, 'leder@eksempel.no', 'samstrat-demo', { origin: s.url })).status).toBe(403);
    const res = await login(s, 'leder@eksempel.no', 'samstrat-demo', { origin: 'https://samstrat.eksempel.no' });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join()).toMatch(/; Secure/);
  });
});
