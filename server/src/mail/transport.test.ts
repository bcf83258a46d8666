import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { smtpOptions } from './transport';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
};

describe('the SMTP settings from the environment', () => {
  it('send nothing when no SMTP server is named', () => {
    expect(smtpOptions(loadConfig({}))).toBeNull();
  });

  it('read host, port, TLS and password from SMTP_URL', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://post%40kommune.no:p%C3%A5ss@smtp.kommune.no', MAIL_FROM: 'a@b.no' });
    expect(smtpOptions(config)).toEqual({
      host: 'smtp.kommune.no',
      port: 465,
      secure: true,
      auth: { user: 'post@kommune.no', pass: 'påss' },
    });
  });

  it('take an unauthenticated relay from SMTP_HOST alone, STARTTLS on 587 by default', () => {
    expect(smtpOptions(loadConfig({ SMTP_HOST: 'relay.kommune.local', MAIL_FROM: 'a@b.no' }))).toEqual({
      host: 'relay.kommune.local',
      port: 587,
      secure: false,
    });
  });

  it('use XOAUTH2 with a refresh token, its client and token URL (Exchange Online)', () => {
    const config = loadConfig({
      SMTP_HOST: 'smtp.office365.com',
      SMTP_PORT: '587',
      SMTP_USER: 'samstrat@kommune.no',
      SMTP_OAUTH2_CLIENT_ID: 'client',
      SMTP_OAUTH2_CLIENT_SECRET: 'secret',
      SMTP_OAUTH2_REFRESH_TOKEN: 'refresh',
      SMTP_OAUTH2_TOKEN_URL: 'https://login.microsoftonline.com/tenant/oauth2/v2.0/token',
      MAIL_FROM: 'Samstrat <samstrat@kommune.no>',
    });
    expect(smtpOptions(config)).toMatchObject({
      host: 'smtp.office365.com',
      port: 587,
      auth: {
        type: 'OAuth2',
        user: 'samstrat@kommune.no',
        clientId: 'client',
        clientSecret: 'secret',
        refreshToken: 'refresh',
        accessUrl: 'https://login.microsoftonline.com/tenant/oauth2/v2.0/token',
      },
    });
  });

  it('refuse incomplete settings with the variable to fix', () => {
    expect(problems({ SMTP_HOST: 'smtp.kommune.no' })).toMatch(/MAIL_FROM: Set MAIL_FROM/);
    expect(problems({ SMTP_URL: 'http://smtp.kommune.no', MAIL_FROM: 'a@b.no' })).toMatch(/SMTP_URL must be/);
    expect(problems({ SMTP_USER: 'x', SMTP_PASSWORD: 'y' })).toMatch(/SMTP_HOST: SMTP settings were given/);
    expect(problems({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.no', SMTP_OAUTH2_REFRESH_TOKEN: 'r', SMTP_USER: 'u' })).toMatch(
      /SMTP_OAUTH2_REFRESH_TOKEN: A refresh token needs/,
    );
    expect(problems({ SMTP_HOST: 'h', MAIL_FROM: 'a@b.no', SMTP_OAUTH2_ACCESS_TOKEN: 't' })).toMatch(
      /SMTP_USER: XOAUTH2 needs SMTP_USER/,
    );
    expect(problems({ NODE_ENV: 'production', SMTP_HOST: 'h', MAIL_FROM: 'a@b.no' })).toMatch(
      /PUBLIC_ORIGIN: Set PUBLIC_ORIGIN/,
    );
  });
});
