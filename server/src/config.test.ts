import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('starts with defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, NODE_ENV: 'development', SAMSTRAT_DEMO: false, LOG_LEVEL: 'info' });
    expect(config.PUBLIC_ORIGIN).toBeUndefined();
  });

  it('reduces PUBLIC_ORIGIN to its origin', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://samstrat.kommune.no/app/' }).PUBLIC_ORIGIN).toBe(
      'https://samstrat.kommune.no',
    );
  });

  it.each([['1'], ['true'], ['yes']])('reads SAMSTRAT_DEMO=%s as on', (value) => {
    expect(loadConfig({ SAMSTRAT_DEMO: value }).SAMSTRAT_DEMO).toBe(true);
  });

  it('refuses demo mode under NODE_ENV=production and says why', () => {
    expect(problems({ NODE_ENV: 'production', SAMSTRAT_DEMO: '1' })).toMatch(
      /SAMSTRAT_DEMO: .*known passwords.*NODE_ENV=production/,
    );
  });

  it('names the variable and the expected form of a bad value', () => {
    expect(problems({ PUBLIC_ORIGIN: 'samstrat.kommune.no' })).toMatch(
      /PUBLIC_ORIGIN: PUBLIC_ORIGIN must be a full URL/,
    );
    expect(problems({ PORT: 'åtti' })).toMatch(/^ {2}PORT: /m);
    expect(problems({ SAMSTRAT_DEMO: 'kanskje' })).toMatch(/^ {2}SAMSTRAT_DEMO: /m);
  });

  it('lists every problem at once, not only the first', () => {
    const message = problems({ PORT: '-1', LOG_LEVEL: 'chatty', SAMSTRAT_ADMIN_EMAIL: 'not-an-address' });
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/LOG_LEVEL:/);
    expect(message).toMatch(/SAMSTRAT_ADMIN_EMAIL: SAMSTRAT_ADMIN_EMAIL must be an e-mail address/);
  });

  it('asks for both admin variables when only one is set', () => {
    expect(problems({ SAMSTRAT_ADMIN_EMAIL: 'it@kommune.no' })).toMatch(
      /Set both SAMSTRAT_ADMIN_EMAIL and SAMSTRAT_ADMIN_PASSWORD/,
    );
  });

  it('refuses a short first-admin password', () => {
    expect(problems({ SAMSTRAT_ADMIN_EMAIL: 'it@kommune.no', SAMSTRAT_ADMIN_PASSWORD: 'kort' })).toMatch(
      /at least 12 characters/,
    );
  });

  it('takes a postgres:// DATABASE_URL and refuses any other kind at start rather than failing later', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://samstrat@db/samstrat' }).DATABASE_URL).toBe(
      'postgres://samstrat@db/samstrat',
    );
    expect(problems({ DATABASE_URL: 'mysql://db/samstrat' })).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres:/);
  });
});
