/**
 * A real OpenID Connect provider on loopback (the `oidc-provider` package) for tests without
 * internet (issue 15), configured like Microsoft Entra ID or like Digdir's Ansattporten:
 * - `entra`: `email`, `name`, `xms_edov` (the tenant verified the e-mail domain), app `roles`,
 *   `groups` and the groups overage marker `_claim_names`, as the person given to `signInAs` has them;
 * - `ansattporten`: `acr` (idporten-loa-*), `pid` (the national identity number) and
 *   `authorization_details` naming the organization (`0192:<orgno>`) the person acts for: by default
 *   the one the client asked for, or another one given to `signInAs`.
 * The login interaction is automatic: whoever `signInAs` names signs in (the test plays the person).
 * `tamper` rewrites the ID token of the next token responses and signs it again, with the
 * provider's key or, with `forge`, with another key under the same key id — a man in the middle.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type KoaContext } from 'oidc-provider';

export type LoopbackKind = 'entra' | 'ansattporten';

export interface LoopbackPerson {
  sub: string;
  /** Claims the provider holds about the person (entra: email, name, xms_edov, roles, groups, _claim_names; ansattporten: pid, name). */
  claims?: Record<string, unknown>;
  /** The level of assurance of this login (ansattporten); default idporten-loa-substantial. */
  acr?: string;
  /** Ansattporten: the organization number the person chooses to act for; default the provider's `orgno`. */
  orgno?: string;
}

export interface LoopbackProvider {
  kind: LoopbackKind;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the provider from now on. */
  signInAs(person: LoopbackPerson): void;
  /** Rewrites the ID token of every token response until called with null. */
  tamper(
    rewrite: ((claims: Record<string, unknown>) => Record<string, unknown>) | null,
    options?: { forge?: boolean },
  ): void;
  /** The parameters of the last authorization request the provider took. */
  lastAuthorization(): Record<string, unknown> | null;
  /** A JWT with these claims signed by the provider's key (or, with `forge`, by another under its key id). */
  sign(claims: Record<string, unknown>, options?: { forge?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export const ACR = {
  low: 'idporten-loa-low',
  substantial: 'idporten-loa-substantial',
  high: 'idporten-loa-high',
} as const;

const CLAIMS: Record<LoopbackKind, Record<string, string[]>> = {
  entra: {
    openid: ['sub', 'xms_edov', 'roles', 'groups', '_claim_names', 'tid'],
    email: ['email'],
    profile: ['name', 'given_name', 'family_name'],
  },
  ansattporten: {
    openid: ['sub', 'pid', 'authorization_details'],
    profile: ['name'],
  },
};

/** Starts the provider on 127.0.0.1 (`port` 0: any free port); the client may use `redirectUris` only. */
export async function startLoopbackProvider(
  kind: LoopbackKind,
  options: {
    redirectUris: string[];
    postLogoutRedirectUris?: string[];
    /** Where the provider posts logout tokens when the person's session there ends (back-channel logout). */
    backchannelLogoutUri?: string;
    port?: number;
    clientId?: string;
    /** Lets another process choose who signs in: `POST /__test/person` with a LoopbackPerson as JSON (E2E only). */
    control?: boolean;
    /** Ansattporten: the organization people act for unless `signInAs` names another (Altinn's organization picker). */
    orgno?: string;
  },
): Promise<LoopbackProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `loopback-${kind}`;
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const forgery = (await generateKeyPair('RS256', { extractable: true })).privateKey;

  let person: LoopbackPerson = { sub: 'nobody' };
  const actingFor = new Map<string, { orgno: string; asked: AskedDetail }>();
  let rewrite: ((claims: Record<string, unknown>) => Record<string, unknown>) | null = null;
  let forge = false;
  let lastParams: Record<string, unknown> | null = null;

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = options.clientId ?? `samstrat-${kind}`;
  const clientSecret = `secret-${kind}-for-tests-only`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        ...(options.backchannelLogoutUri
          ? { backchannel_logout_uri: options.backchannelLogoutUri, backchannel_logout_session_required: true }
          : {}),
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['loopback-cookie-key'] },
    claims: CLAIMS[kind],
    conformIdTokenClaims: false,
    acrValues: Object.values(ACR),
    features: { devInteractions: { enabled: false }, backchannelLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { IdToken: 600, AccessToken: 600, Session: 3600, Interaction: 600, Grant: 3600 },
    // Its SSRF guard refuses loopback addresses, where our server is in the tests: drop the guard here.
    fetch: (url: string, init: RequestInit & { dispatcher?: unknown }) => {
      const { dispatcher: _guard, ...rest } = init;
      return globalThis.fetch(url, rest);
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => claimsOf(sub),
    }),
    // Consent is assumed: the organization's own provider has the app approved for everyone.
    loadExistingGrant: async (ctx: KoaContext) => {
      const clientId = ctx.oidc.client!.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.proxy = false;

  function claimsOf(sub: string): Record<string, unknown> {
    const known = sub === person.sub ? (person.claims ?? {}) : {};
    if (kind === 'entra') return { sub, ...known };
    const acting = actingFor.get(sub);
    return { sub, ...known, ...(acting ? { authorization_details: [answerDetail(acting.asked, acting.orgno)] } : {}) };
  }

  // After the token endpoint answered: the man in the middle, when a test asks for one.
  provider.use(async (ctx, next) => {
    await next();
    if (!rewrite || ctx.path !== '/token' || ctx.method !== 'POST' || ctx.status !== 200) return;
    const body = ctx.body as { id_token?: string };
    if (!body.id_token) return;
    const claims = rewrite(decodeJwt(body.id_token) as Record<string, unknown>);
    const key = forge ? forgery : privateKey;
    body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  });

  const callback = provider.callback();
  server.on('request', (req, res) => {
    // The authorization request as the client sent it (oidc-provider would treat authorization_details
    // as a Rich Authorization Request of its own; Ansattporten's are read here instead).
    if (req.url?.startsWith('/auth?')) lastParams = Object.fromEntries(new URL(req.url, issuer).searchParams);
    if (options.control && req.method === 'POST' && req.url === '/__test/person') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        person = JSON.parse(body) as LoopbackPerson;
        res.statusCode = 204;
        res.end();
      });
      return;
    }
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    void (async () => {
      try {
        await provider.interactionDetails(req, res);
        if (kind === 'ansattporten')
          actingFor.set(person.sub, {
            orgno: person.orgno ?? options.orgno ?? '',
            asked: askedDetail(lastParams ?? {}),
          });
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: person.sub, acr: person.acr ?? ACR.substantial } },
          { mergeWithLastSubmission: false },
        );
      } catch (err) {
        res.statusCode = 500;
        res.end(String(err));
      }
    })();
  });

  return {
    kind,
    issuer,
    clientId,
    clientSecret,
    signInAs: (next) => {
      person = next;
    },
    tamper: (next, opts) => {
      rewrite = next;
      forge = opts?.forge ?? false;
    },
    lastAuthorization: () => lastParams,
    sign: (claims, opts) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(opts?.forge ? forgery : privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The first element of the client's `authorization_details`, as asked (its type and resource). */
interface AskedDetail {
  type: string;
  resource?: string;
}

function askedDetail(params: Record<string, unknown>): AskedDetail {
  try {
    const details = JSON.parse(String(params.authorization_details ?? '[]')) as AskedDetail[];
    return details[0] ?? { type: '' };
  } catch {
    return { type: '' };
  }
}

/**
 * Ansattporten's answer for the organization the person chose, in the response shape of the type
 * asked for (docs.digdir.no/docs/ansattporten/ansattporten_rar.html): `ansattporten:orgno` gives
 * `orgno`, `ansattporten:altinn:service` gives `reportees`, `ansattporten:altinn:resource` gives
 * `authorized_parties`. Any other type is answered with the type alone (no representation).
 */
function answerDetail(asked: AskedDetail, orgno: string): Record<string, unknown> {
  const id = `0192:${orgno}`;
  switch (asked.type) {
    case 'ansattporten:orgno':
      return { type: asked.type, orgno: { Authority: 'iso6523-actorid-upis', ID: id } };
    case 'ansattporten:altinn:service':
      return {
        type: asked.type,
        resource: asked.resource,
        resource_name: 'Samstrat',
        reportees: [{ Authority: 'iso6523-actorid-upis', ID: id, Name: 'KOMMUNEN', Rights: ['Read'] }],
      };
    case 'ansattporten:altinn:resource':
      return {
        type: asked.type,
        resource: asked.resource,
        resource_name: 'Samstrat',
        authorized_parties: [
          {
            orgno: { authority: 'iso6523-actorid-upis', ID: id },
            resource: asked.resource?.replace(/^urn:altinn:resource:/, ''),
            name: 'KOMMUNEN',
            unit_type: 'KOMM',
          },
        ],
      };
    default:
      return { type: asked.type };
  }
}

/** A cookie jar per origin, enough for the redirects of one sign-in (paths and expiry ignored but deletion). */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.jars.get(url.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  take(url: URL, res: Response): void {
    const jar = this.jars.get(url.origin) ?? new Map<string, string>();
    this.jars.set(url.origin, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const gone =
        !value || attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  set(origin: string, name: string, value: string): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(origin, jar);
  }
}

/** One GET without following redirects, sending and keeping cookies. */
export async function step(jar: CookieJar, url: URL): Promise<{ res: Response; location: URL | null }> {
  const cookie = jar.header(url);
  const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  jar.take(url, res);
  const location = res.headers.get('location');
  await res.body?.cancel();
  return { res, location: location ? new URL(location, url) : null };
}

/**
 * Drives a sign-in as a browser would, from our start URL through the provider's redirects, and
 * stops at the return to our callback without taking it: the test decides what to send there.
 */
export async function walkToCallback(jar: CookieJar, startUrl: string, issuer: string): Promise<URL> {
  let { res, location } = await step(jar, new URL(startUrl));
  if (res.status !== 302 || !location) throw new Error(`The start answered ${res.status}`);
  const providerOrigin = new URL(issuer).origin;
  for (let hops = 0; location.origin === providerOrigin; hops++) {
    if (hops > 10) throw new Error('Too many redirects at the provider');
    const here: URL = location;
    ({ res, location } = await step(jar, here));
    if (!location) throw new Error(`The provider answered ${res.status} at ${here.pathname}`);
  }
  return location;
}

/** A port free on loopback just now (for a server whose URL the provider must know in advance). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
