/**
 * The sign-in page finds a person's organization by the domain of the address they type (issue 15):
 * the domains of the environment's providers count for the instance's organization as its admin's
 * saved domains do, and a domain two organizations claim offers the choice between those two.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../src/db/schema';
import { ssoSettings } from '../src/db/schema-sso';
import { startTestServer, type TestServer } from './harness';
import { call } from './members-support';

describe('the sign-in page finds the organization by e-mail domain', () => {
  let s: TestServer;

  beforeAll(async () => {
    s = await startTestServer({
      SAMSTRAT_OIDC_PROVIDERS: 'entra',
      SAMSTRAT_OIDC_ENTRA_KIND: 'entra',
      SAMSTRAT_OIDC_ENTRA_LABEL: 'Eksempel kommune (Microsoft)',
      SAMSTRAT_OIDC_ENTRA_ISSUER: 'http://127.0.0.1:9/entra',
      SAMSTRAT_OIDC_ENTRA_CLIENT_ID: 'samstrat',
      SAMSTRAT_OIDC_ENTRA_EMAIL_DOMAINS: '@Eksempel.no, skole.eksempel.no',
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  const lookup = async (email: string) =>
    (await call(s, null, 'GET', `/auth/sso/providers?epost=${encodeURIComponent(email)}`)).body;

  it("counts the environment's provider domains for the instance's organization", async () => {
    const found = await lookup('kari@skole.eksempel.no');
    expect(found.organization).toMatchObject({
      name: 'Eksempel kommune',
      providers: [{ id: 'entra', label: 'Eksempel kommune (Microsoft)', kind: 'entra' }],
    });
    expect((await lookup('kari@eksempel.no')).organization?.name).toBe('Eksempel kommune');
    expect(await lookup('kari@annen.no')).toMatchObject({ organization: null, candidates: [] });
  });

  it('offers the choice between the organizations that claim the same domain', async () => {
    const neighbour = randomUUID();
    await s.deps.db.transaction(async (tx) => {
      await tx.insert(organizations).values({ id: neighbour, name: 'Nabo kommune' });
      await tx.insert(ssoSettings).values({ organizationId: neighbour, emailDomains: 'eksempel.no nabo.no' });
    });
    const shared = await lookup('kari@eksempel.no');
    expect(shared.organization).toBeNull();
    expect(shared.candidates.map((o: { name: string }) => o.name)).toEqual(['Eksempel kommune', 'Nabo kommune']);
    // A domain only one of them claims still finds that one.
    expect((await lookup('kari@nabo.no')).organization?.name).toBe('Nabo kommune');
  });
});
