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

// Shapes from Digdir, «RAR-typer i Ansattporten»: https://docs.digdir.no/docs/ansattporten/ansattporten_rar.html
const orgnoAnswer = (orgno: string) => ({
  type: 'ansattporten:orgno',
  orgno: { Authority: 'iso6523-actorid-upis', ID: `0192:${orgno}` },
});
const serviceAnswer = (...orgnos: string[]) => ({
  type: 'ansattporten:altinn:service',
  resource: 'urn:altinn:resource:2480:40',
  resource_name: 'Produkter og tjenester fra Brønnøysundregistrene',
  reportees: orgnos.map((o) => ({ Authority: 'iso6523-actorid-upis', ID: `0192:${o}`, Name: 'X', Rights: ['Read'] })),
});
const resourceAnswer = (...orgnos: string[]) => ({
  type: 'ansattporten:altinn:resource',
  resource: 'urn:altinn:resource:samstrat',
  authorized_parties: orgnos.map((o) => ({
    orgno: { authority: 'iso6523-actorid-upis', ID: `0192:${o}` },
    resource: 'samstrat',
    name: 'X',
    unit_type: 'KOMM',
  })),
});

describe('ansattportenAuthorizationDetails (what Ansattporten is asked for)', () => {
  it('asks for the type Digdir documents, never with our organization number in it', () => {
    expect(ansattportenAuthorizationDetails({ altinnResource: undefined })).toEqual([{ type: 'ansattporten:orgno' }]);
    expect(ansattportenAuthorizationDetails({ altinnResource: 'urn:altinn:resource:5613:1' })).toEqual([
      { type: 'ansattporten:altinn:service', resource: 'urn:altinn:resource:5613:1', representation_is_required: true },
    ]);
    expect(ansattportenAuthorizationDetails({ altinnResource: 'urn:altinn:resource:samstrat-tilgang' })).toEqual([
      {
        type: 'ansattporten:altinn:resource',
        resource: 'urn:altinn:resource:samstrat-tilgang',
        representation_is_required: true,
      },
    ]);
  });

  it('refuses an Altinn resource that is not a urn:altinn:resource', () => {
    expect(() => provider('ansattporten', { SAMSTRAT_OIDC_P_ALTINN_RESOURCE: '2480:40' })).toThrow(/ALTINN_RESOURCE/);
    expect(
      provider('ansattporten', { SAMSTRAT_OIDC_P_ALTINN_RESOURCE: 'urn:altinn:resource:2480:40' }).altinnResource,
    ).toBe('urn:altinn:resource:2480:40');
  });
});

describe('actsFor (Ansattporten authorization_details)', () => {
  it('accepts the organization number asked for, and only it, in each documented answer shape', () => {
    expect(actsFor([orgnoAnswer('123456789')], '123456789')).toBe(true);
    expect(actsFor([orgnoAnswer('987654321')], '123456789')).toBe(false);
    expect(actsFor([serviceAnswer('123456789')], '123456789')).toBe(true);
    expect(actsFor([serviceAnswer('123456789', '987654321')], '123456789')).toBe(false);
    expect(actsFor([resourceAnswer('123456789')], '123456789')).toBe(true);
    expect(actsFor([resourceAnswer('987654321')], '123456789')).toBe(false);
    expect(actsFor([resourceAnswer('123456789', '987654321')], '123456789')).toBe(false);
  });

  it('refuses details that are missing, empty or of an unknown shape', () => {
    for (const details of [
      undefined,
      null,
      [],
      {},
      [null],
      [{ type: 'x' }],
      // A personal eID asked for ansattporten:orgno: the element comes back with its type only.
      [{ type: 'ansattporten:orgno' }],
      [{ orgno: { ID: '123456789' } }],
      [{ reportees: [] }],
      [{ authorized_parties: [] }],
      [{ authorized_parties: [{ ID: '0192:123456789' }] }],
      [{ reportees: [{ orgno: { ID: '0192:123456789' } }] }],
    ])
      expect(actsFor(details, '123456789')).toBe(false);
  });
});
