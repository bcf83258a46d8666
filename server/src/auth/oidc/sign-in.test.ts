import { describe, expect, it } from 'vitest';
import { parseOidcProviders, type OidcProviderConfig } from './providers';
import { actsFor, ansattportenAuthorizationDetails, vouchedEmail } from './sign-in';

const provider = (kind: string, extra: Record<string, string> = {}): OidcProviderConfig =>
  parseOidcProviders(
    {
      SAMSTRAT_OIDC_PROVIDERS: 'p',
      SAMSTRAT_OIDC_P_KIND: kind,
      SAMSTRAT_OIDC_P_ISSUER: 'https://idp.example.org',
      SAMSTRAT_OIDC_P_CLIENT_ID: 'c',
      SAMSTRAT_OIDC_P_EMAIL_DOMAINS: 'kommune.no',
      ...(kind === 'ansattporten' ? { SAMSTRAT_OIDC_P_ORGNO: '123456789' } : {}),
      ...extra,
    },
    false,
  )[0]!;

describe('vouchedEmail', () => {
  it("takes Entra's address only with xms_edov and in the organization's own domain", () => {
    const entra = provider('entra');
    expect(vouchedEmail(entra, { xms_edov: true }, 'kari@kommune.no')).toBe(true);
    expect(vouchedEmail(entra, { xms_edov: 'true' }, 'kari@kommune.no')).toBe(true);
    expect(vouchedEmail(entra, {}, 'kari@kommune.no')).toBe(false);
    expect(vouchedEmail(entra, { xms_edov: false }, 'kari@kommune.no')).toBe(false);
    // email_verified is not Entra's signal.
    expect(vouchedEmail(entra, { email_verified: true }, 'kari@kommune.no')).toBe(false);
    expect(vouchedEmail(entra, { xms_edov: true }, 'kari@annen-kommune.no')).toBe(false);
    expect(vouchedEmail(entra, { xms_edov: true }, 'kari@sub.kommune.no')).toBe(false);
  });

  it("takes a generic provider's address with email_verified, in our domains only", () => {
    const oidc = provider('oidc');
    expect(vouchedEmail(oidc, { email_verified: true }, 'kari@kommune.no')).toBe(true);
    expect(vouchedEmail(oidc, { email_verified: 'true' }, 'kari@kommune.no')).toBe(false);
    expect(vouchedEmail(oidc, { email_verified: true }, 'kari@gmail.com')).toBe(false);
  });

  it('never links by e-mail without configured domains, nor for Ansattporten', () => {
    expect(
      vouchedEmail(provider('oidc', { SAMSTRAT_OIDC_P_EMAIL_DOMAINS: '' }), { email_verified: true }, 'a@kommune.no'),
    ).toBe(false);
    expect(vouchedEmail(provider('ansattporten'), { email_verified: true, xms_edov: true }, 'a@kommune.no')).toBe(
      false,
    );
  });
});

describe('actsFor (Ansattporten authorization_details)', () => {
  it('accepts the organization number asked for, and only it', () => {
    expect(actsFor(ansattportenAuthorizationDetails('123456789'), '123456789')).toBe(true);
    expect(actsFor(ansattportenAuthorizationDetails('987654321'), '123456789')).toBe(false);
    expect(
      actsFor(
        [{ type: 'ansattporten:altinn:service', reportees: [{ ID: '0192:123456789', Name: 'Kommunen' }] }],
        '123456789',
      ),
    ).toBe(true);
    expect(
      actsFor(
        [{ type: 'ansattporten:altinn:service', reportees: [{ ID: '0192:123456789' }, { ID: '0192:987654321' }] }],
        '123456789',
      ),
    ).toBe(false);
  });

  it('refuses details that are missing, empty or of an unknown shape', () => {
    for (const details of [
      undefined,
      null,
      [],
      {},
      [null],
      [{ type: 'x' }],
      [{ orgno: { ID: '123456789' } }],
      [{ reportees: [] }],
    ])
      expect(actsFor(details, '123456789')).toBe(false);
  });
});
