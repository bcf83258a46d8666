import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHashes } from '../src/security-headers';
import { startTestServer, type TestServer } from './harness';
import { call } from './members-support';

// A built page like SvelteKit's adapter-static writes: one inline bootstrap script.
const BOOT = `
  __sveltekit_x = { base: "" };
  Promise.all([import("/_app/immutable/entry/start.js")]).then(([kit]) => kit.start());
`;
const INDEX = `<!doctype html><html lang="nb"><head><title>Samstrat</title></head>
<body><div style="display: contents"><script>${BOOT}</script></div></body></html>`;

let s: TestServer;
let webDir: string;
let leader: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samstrat-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
  fs.mkdirSync(path.join(webDir, '_app'));
  fs.writeFileSync(path.join(webDir, '_app', 'app.js'), 'console.log(1)');
  s = await startTestServer({ WEB_DIR: webDir });
  leader = await s.login('leder@eksempel.no');
});
afterAll(async () => {
  await s.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

function policy(res: Response | { headers: Headers }): Map<string, string[]> {
  const csp = res.headers.get('content-security-policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('are on every response: the app page, a deep link, an asset, the API and an API error', async () => {
    const responses = [
      await fetch(`${s.url}/`),
      await fetch(`${s.url}/strategier/noe`),
      await fetch(`${s.url}/_app/app.js`),
      await fetch(`${s.url}/api/health`),
      await fetch(`${s.url}/api/finnes-ikke`),
    ];
    for (const res of responses) {
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), res.url).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), res.url).toBe('DENY');
      expect(policy(res).get('frame-ancestors'), res.url).toEqual(["'none'"]);
    }
  });

  it('keeps every header and policy directive the server has always set, on the page and the API', async () => {
    for (const res of [await fetch(`${s.url}/`), await fetch(`${s.url}/api/health`)]) {
      expect(res.headers.get('cross-origin-opener-policy'), res.url).toBe('same-origin');
      expect(res.headers.get('cross-origin-resource-policy'), res.url).toBe('same-origin');
      expect(res.headers.get('permissions-policy'), res.url).toBe(
        'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
      );
      // Over plain HTTP there is no Strict-Transport-Security to send.
      expect(res.headers.get('strict-transport-security'), res.url).toBeNull();
      expect(Object.fromEntries(policy(res)), res.url).toEqual({
        'default-src': ["'self'"],
        'script-src': ["'self'", `'sha256-${createHash('sha256').update(BOOT).digest('base64')}'`],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'", s.wsUrl],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      });
    }
  });

  it('sends Strict-Transport-Security and the public WebSocket origin when the public origin is https', async () => {
    const behindTls = await startTestServer({ WEB_DIR: webDir, PUBLIC_ORIGIN: 'https://samstrat.kommune.example' });
    try {
      const res = await fetch(`${behindTls.url}/api/health`);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(policy(res).get('connect-src')).toEqual(["'self'", 'wss://samstrat.kommune.example']);
    } finally {
      await behindTls.close();
    }
  });

  it('answers an unknown API path with the JSON error, not the web app, and with the headers', async () => {
    const res = await fetch(`${s.url}/api/finnes-ikke`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('allows exactly the inline bootstrap script of the built page, by its hash, and no other inline script', async () => {
    const res = await fetch(`${s.url}/`);
    const expected = `'sha256-${createHash('sha256').update(BOOT).digest('base64')}'`;
    const scripts = policy(res).get('script-src')!;
    expect(scripts).toEqual(["'self'", expected]);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
  });

  it('lets the page talk to its own origin and its own WebSocket only', async () => {
    const res = await fetch(`${s.url}/`);
    expect(policy(res).get('connect-src')).toEqual(["'self'", s.wsUrl]);
    expect(policy(res).get('object-src')).toEqual(["'none'"]);
    expect(policy(res).get('default-src')).toEqual(["'self'"]);
  });

  it('finds every inline script of a page and ignores scripts with a src', () => {
    const html = '<script src="/a.js"></script><script>a()</script><script type="module">b()</script>';
    expect(inlineScriptHashes(html)).toEqual([
      `'sha256-${createHash('sha256').update('a()').digest('base64')}'`,
      `'sha256-${createHash('sha256').update('b()').digest('base64')}'`,
    ]);
  });

  it('hashes the real built page when there is one', () => {
    const built = path.resolve(import.meta.dirname, '../../web/build/index.html');
    if (!fs.existsSync(built)) return;
    // SvelteKit's static build boots from exactly one inline script.
    expect(inlineScriptHashes(fs.readFileSync(built, 'utf8'))).toHaveLength(1);
  });
});

describe('request ids', () => {
  it("answer with the caller's request id when it is a plain token, so logs and client agree", async () => {
    const res = await fetch(`${s.url}/api/health`, { headers: { 'x-request-id': 'klient-42_abc=' } });
    expect(res.headers.get('x-request-id')).toBe('klient-42_abc=');
  });

  it('replace an id that is not a plain token with a fresh one instead of writing it into the logs', async () => {
    const res = await fetch(`${s.url}/api/health`, { headers: { 'x-request-id': '"} {"level":60 <script>' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await fetch(`${s.url}/api/health`);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('request limits and validation', () => {
  it('refuses a body over 1 MB with 413 payload_too_large in Norwegian, before reading it', async () => {
    const strategyId = await s.strategyId();
    const huge = { email: 'a@b.no', role: 'editor', padding: 'x'.repeat(1_100_000) };
    const res = await call(s, leader, 'POST', `/strategies/${strategyId}/members`, huge);
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: 'payload_too_large', message: expect.stringContaining('for stort') });
  });

  it('accepts a body under the limit', async () => {
    const strategyId = await s.strategyId();
    const res = await call(s, leader, 'POST', `/strategies/${strategyId}/members`, {
      email: 'liten@eksempel.no',
      role: 'viewer',
    });
    expect(res.status).toBe(201);
  });

  it('answers invalid input with 400 and a Norwegian message, or the language the browser asks for', async () => {
    const strategyId = await s.strategyId();
    const nb = await call(s, leader, 'PATCH', `/strategies/${strategyId}/sections/kultur`, { restricted: 'ja' });
    expect(nb.status).toBe(400);
    expect(nb.body.error.message).toBe('Forespørselen var ikke gyldig. Kontroller feltene og prøv igjen.');
    const nn = await call(
      s,
      leader,
      'PATCH',
      `/strategies/${strategyId}/sections/kultur`,
      { restricted: 'ja' },
      { 'accept-language': 'nn-NO' },
    );
    expect(nn.body.error.message).toBe('Førespurnaden var ikkje gyldig. Kontroller felta og prøv igjen.');
  });

  it('answers a body that is not JSON with 400, not 500', async () => {
    const strategyId = await s.strategyId();
    const res = await fetch(`${s.url}/api/strategies/${strategyId}/members`, {
      method: 'POST',
      headers: { cookie: leader, origin: s.url, 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
  });
});
