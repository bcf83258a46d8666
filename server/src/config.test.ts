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

describe('OpenID Connect providers from the environment', () => {
  const entra = {
    SAMSTRAT_OIDC_PROVIDERS: 'entra',
    SAMSTRAT_OIDC_ENTRA_KIND: 'entra',
    SAMSTRAT_OIDC_ENTRA_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
    SAMSTRAT_OIDC_ENTRA_CLIENT_ID: 'app',
    SAMSTRAT_OIDC_ENTRA_CLIENT_SECRET: 'hemmelig',
    SAMSTRAT_OIDC_ENTRA_EMAIL_DOMAINS: 'Kommune.no, @bydel.kommune.no',
    SAMSTRAT_OIDC_ENTRA_ADMIN_ROLES: 'Samstrat.Admin',
  };

  it('reads each provider, with its defaults', () => {
    expect(loadConfig({}).oidcProviders).toEqual([]);
    expect(loadConfig(entra).oidcProviders).toEqual([
      {
        id: 'entra',
        kind: 'entra',
        label: 'Microsoft',
        issuer: 'https://login.microsoftonline.com/tenant/v2.0',
        clientId: 'app',
        clientSecret: 'hemmelig',
        scopes: 'openid profile email',
        newAccounts: 'approve',
        emailDomains: ['kommune.no', 'bydel.kommune.no'],
        acr: undefined,
        orgNumber: undefined,
        altinnResource: undefined,
        adminRoles: ['Samstrat.Admin'],
        strategyRoles: [],
        sessionMinutes: undefined,
      },
    ]);
  });

  it('refuses an http: issuer in production, and allows it for local tests', () => {
    const local = { ...entra, SAMSTRAT_OIDC_ENTRA_ISSUER: 'http://127.0.0.1:4000' };
    expect(loadConfig(local).oidcProviders[0]!.issuer).toBe('http://127.0.0.1:4000');
    expect(problems({ ...local, NODE_ENV: 'production' })).toMatch(
      /SAMSTRAT_OIDC_ENTRA_ISSUER must be an https: URL when NODE_ENV=production/,
    );
  });

  it('names every missing or wrong variable', () => {
    const message = problems({
      SAMSTRAT_OIDC_PROVIDERS: 'ansattporten',
      SAMSTRAT_OIDC_ANSATTPORTEN_KIND: 'ansattporten',
      SAMSTRAT_OIDC_ANSATTPORTEN_ACR: 'low',
      SAMSTRAT_OIDC_ANSATTPORTEN_NEW_ACCOUNTS: 'maybe',
    });
    expect(message).toMatch(/SAMSTRAT_OIDC_ANSATTPORTEN_ISSUER must be the provider's issuer URL/);
    expect(message).toMatch(/SAMSTRAT_OIDC_ANSATTPORTEN_CLIENT_ID is required/);
    expect(message).toMatch(/SAMSTRAT_OIDC_ANSATTPORTEN_ACR must be "substantial" or "high"/);
    expect(message).toMatch(/SAMSTRAT_OIDC_ANSATTPORTEN_NEW_ACCOUNTS must be "create" or "approve"/);
    expect(message).toMatch(/SAMSTRAT_OIDC_ANSATTPORTEN_ORGNO \(the organization number\) is required/);
  });
});
