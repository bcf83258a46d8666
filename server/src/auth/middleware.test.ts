import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { BaseDeps } from '../context';
import type { Db } from '../db/client';
import { isAllowedOrigin } from './middleware';

function deps(env: Record<string, string> = {}): BaseDeps {
  // isAllowedOrigin reads only the configuration.
  return { config: loadConfig(env), db: {} as Db, log: pino({ level: 'silent' }) };
}

describe('isAllowedOrigin', () => {
  it('allows the origin the request was made to, for pages and for WebSocket upgrades', () => {
    expect(isAllowedOrigin(deps(), 'http://localhost:3000', 'localhost:3000', 'http:')).toBe(true);
    expect(isAllowedOrigin(deps(), 'http://localhost:3000', 'localhost:3000', 'ws')).toBe(true);
    expect(isAllowedOrigin(deps(), 'https://samstrat.no', 'samstrat.no', 'wss:')).toBe(true);
  });

  it('refuses another host, another port or another scheme', () => {
    expect(isAllowedOrigin(deps(), 'https://evil.example', 'localhost:3000', 'http')).toBe(false);
    expect(isAllowedOrigin(deps(), 'http://localhost:3001', 'localhost:3000', 'http')).toBe(false);
    expect(isAllowedOrigin(deps(), 'https://localhost:3000', 'localhost:3000', 'http')).toBe(false);
  });

  it('allows a request without Origin, which no browser sends cross-site', () => {
    expect(isAllowedOrigin(deps(), undefined, 'localhost:3000', 'http')).toBe(true);
  });

  it('refuses an Origin that is not a URL, including the literal "null"', () => {
    expect(isAllowedOrigin(deps(), 'null', 'localhost:3000', 'http')).toBe(false);
    expect(isAllowedOrigin(deps(), 'localhost:3000', 'localhost:3000', 'http')).toBe(false);
  });

  it('refuses an Origin when the Host header is missing and PUBLIC_ORIGIN is unset', () => {
    expect(isAllowedOrigin(deps(), 'http://localhost:3000', undefined, 'http')).toBe(false);
  });

  it('compares with PUBLIC_ORIGIN instead of the Host header when it is set', () => {
    const behindProxy = deps({ PUBLIC_ORIGIN: 'https://samstrat.kommune.no' });
    expect(isAllowedOrigin(behindProxy, 'https://samstrat.kommune.no', '10.0.0.5:3000', 'http')).toBe(true);
    expect(isAllowedOrigin(behindProxy, 'http://10.0.0.5:3000', '10.0.0.5:3000', 'http')).toBe(false);
  });
});
