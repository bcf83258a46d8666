import { eq, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { SsoRefusal } from '@samstrat/shared/sso';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { ssoLoginStates } from '../../db/schema-sso';
import { constantTimeEqual, hashToken } from '../secrets';
import { OidcClients } from './client';
import { acceptedAcrValues, ANSATTPORTEN_ACR, type OidcProviderConfig } from './providers';

/** How long a person may take at the provider before the return is refused (milliseconds). */
export const LOGIN_STATE_LIFETIME_MS = 10 * 60 * 1000;

const clientsByConfig = new WeakMap<Config, OidcClients>();

/** The discovery cache of this configuration (one per server; tests start several). */
export function oidcClients(config: Config): OidcClients {
  let clients = clientsByConfig.get(config);
  if (!clients) {
    clients = new OidcClients(config.NODE_ENV === 'production');
    clientsByConfig.set(config, clients);
  }
  return clients;
}

/** A refusal with its reason for the sign-in page and the audit log; `subject` once the ID token was checked. */
export class SsoRefused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    /** For the log: what exactly failed (an error code, a claim name); never a claim's value. */
    readonly why: string,
    readonly subject?: { issuer: string; subject: string },
  ) {
    super(`${reason}: ${why}`);
  }
}

/**
 * The `authorization_details` (Rich Authorization Request) Ansattporten is asked for, so that the
 * person chooses the organization they act for. Shapes as Digdir documents them in «RAR-typer i
 * Ansattporten» (https://docs.digdir.no/docs/ansattporten/ansattporten_rar.html):
 * - with an Altinn service `urn:altinn:resource:<code>:<edition>`: `ansattporten:altinn:service` with
 *   `resource`; the answer names the organizations in `reportees[].ID` (`0192:<orgno>`);
 * - with an Altinn 3 resource `urn:altinn:resource:<id>`: `ansattporten:altinn:resource` with `resource`;
 *   the answer names them in `authorized_parties[].orgno.ID`;
 * - without either: `ansattporten:orgno`, which takes no attributes but `type` and answers `orgno.ID`
 *   — only for a work account (Entra ID, acr `entraid`); a personal eID gets an empty element back.
 * The request never carries our organization number: Ansattporten offers the person an organization
 * picker, and the return is checked against the number (actsFor). `representation_is_required`
 * makes the picker refuse someone acting only for themselves.
 */
export function ansattportenAuthorizationDetails(provider: Pick<OidcProviderConfig, 'altinnResource'>) {
  const resource = provider.altinnResource;
  if (!resource) return [{ type: 'ansattporten:orgno' }];
  const type = /^urn:altinn:resource:\d+:\d+$/.test(resource)
    ? 'ansattporten:altinn:service'
    : 'ansattporten:altinn:resource';
  return [{ type, resource, representation_is_required: true }];
}

/**
 * Begins a sign-in: stores `state`, `nonce` and the PKCE verifier in the database (any server
 * process may take the return) and answers the provider's authorization URL and the `state`, which
 * the caller also sets in a short-lived cookie so the return is bound to this browser.
 */
export async function beginSignIn(
  db: Db,
  config: Config,
  provider: OidcProviderConfig,
  redirectUri: string,
  returnTo: string,
  now = Date.now(),
): Promise<{ url: URL; state: string }> {
  const oidc = await oidcClients(config).get(provider);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const params: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    response_type: 'code',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  };
  if (provider.kind === 'ansattporten') {
    if (provider.acr) params.acr_values = ANSATTPORTEN_ACR[provider.acr];
    if (provider.orgNumber) params.authorization_details = JSON.stringify(ansattportenAuthorizationDetails(provider));
  }
  await db.transaction(async (tx) => {
    // Sign-ins never taken back (the person gave up at the provider) go once they can no longer be.
    await tx.delete(ssoLoginStates).where(lt(ssoLoginStates.expiresAt, new Date(now)));
    await tx.insert(ssoLoginStates).values({
      id: hashToken(state),
      providerId: provider.id,
      codeVerifier,
      nonce,
      returnTo,
      expiresAt: new Date(now + LOGIN_STATE_LIFETIME_MS),
    });
  });
  return { url: client.buildAuthorizationUrl(oidc, params), state };
}

/** What a checked sign-in tells us about the person: never more than we keep (no `pid`). */
export interface VerifiedPerson {
  issuer: string;
  subject: string;
  name: string | undefined;
  /** The e-mail address the provider gave, and whether it vouches for it (see vouchedEmail). */
  email: string | undefined;
  emailVouched: boolean;
  /** Entra: the configured admin roles/groups were present. */
  admin: boolean;
  /** Entra: the groups did not fit in the token (`_claim_names.groups`), so their absence says nothing. */
  groupsOverage: boolean;
  /**
   * Entra, with STRATEGY_ROLES set: whether the person may create strategies by their roles/groups;
   * null when the provider maps none, or when the groups overflowed and no app role matched (the token
   * cannot say, and Microsoft Graph is not asked: the right is then left as it is).
   */
  createsStrategies: boolean | null;
  acr: string | undefined;
  /** When our session must end at the latest (epoch ms). */
  sessionEndsAt: number;
  /** The provider's session id (`sid`), for its back-channel logout. */
  sid: string | null;
  returnTo: string;
}

/**
 * Takes the provider's return to the callback URL: the `state` from the query must equal the
 * browser's cookie and name a sign-in under way (which is deleted here, so it is used once); then
 * the code is exchanged with PKCE and the ID token checked — signature, issuer, audience, expiry,
 * nonce — and, for Ansattporten, `acr` and the organization number. Throws SsoRefused.
 */
export async function completeSignIn(
  db: Db,
  config: Config,
  provider: OidcProviderConfig,
  callbackUrl: URL,
  cookieState: string | undefined,
  now = Date.now(),
): Promise<VerifiedPerson> {
  const state = callbackUrl.searchParams.get('state');
  if (!state) throw new SsoRefused('state', 'no state in the return');
  if (!cookieState || !constantTimeEqual(cookieState, state))
    throw new SsoRefused('state', 'the state does not match this browser');
  const pending = await db.transaction(
    async (tx) =>
      (
        await tx
          .delete(ssoLoginStates)
          .where(eq(ssoLoginStates.id, hashToken(state)))
          .returning()
      )[0],
  );
  if (!pending) throw new SsoRefused('state', 'no sign-in under way with this state (reused or unknown)');
  if (pending.providerId !== provider.id) throw new SsoRefused('state', 'the state belongs to another provider');
  if (pending.expiresAt.getTime() <= now) throw new SsoRefused('state', 'the sign-in took too long');

  const providerError = callbackUrl.searchParams.get('error');
  if (providerError) throw new SsoRefused('provider', `the provider answered ${providerError.slice(0, 64)}`);

  let oidc: client.Configuration;
  try {
    oidc = await oidcClients(config).get(provider);
  } catch (err) {
    throw new SsoRefused('unavailable', err instanceof Error ? err.message : 'discovery failed');
  }

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(oidc, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw tokenRefusal(err);
  }
  const claims = tokens.claims();
  if (!claims) throw new SsoRefused('token', 'no ID token');
  const who = { issuer: claims.iss, subject: claims.sub };

  if (provider.kind === 'ansattporten') {
    const acr = typeof claims.acr === 'string' ? claims.acr : undefined;
    if (provider.acr && (!acr || !acceptedAcrValues(provider.acr).includes(acr)))
      throw new SsoRefused('acr', `acr ${acr ?? 'missing'} is below ${provider.acr}`, who);
    const details = tokens.authorization_details ?? claims.authorization_details;
    if (provider.orgNumber && !actsFor(details, provider.orgNumber))
      throw new SsoRefused('organization', 'authorization_details name another organization', who);
  }

  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
  const roles = [...strings(claims.roles), ...strings(claims.groups)];
  const claimNames = claims._claim_names;
  const groupsOverage = typeof claimNames === 'object' && claimNames !== null && 'groups' in claimNames;
  const authenticatedAt = (typeof claims.auth_time === 'number' ? claims.auth_time : claims.iat) * 1000;
  const sessionEndsAt = provider.sessionMinutes
    ? Math.min(authenticatedAt + provider.sessionMinutes * 60_000, now + provider.sessionMinutes * 60_000)
    : claims.exp * 1000;
  return {
    ...who,
    name: displayName(claims),
    email,
    emailVouched: email !== undefined && vouchedEmail(provider, claims, email),
    admin: roles.some((role) => provider.adminRoles.includes(role)),
    groupsOverage,
    createsStrategies: mappedRight(provider.strategyRoles, roles, groupsOverage),
    acr: typeof claims.acr === 'string' ? claims.acr : undefined,
    sessionEndsAt,
    sid: typeof claims.sid === 'string' ? claims.sid.slice(0, 200) : null,
    returnTo: pending.returnTo,
  };
}

/**
 * Whether the provider vouches that the address belongs to this person, and it is one of the
 * organization's own domains. Entra's `email` claim is not verified by itself: only with
 * `xms_edov` (the e-mail domain is verified by the tenant) true. A generic provider vouches with
 * `email_verified` true. Ansattporten gives no e-mail address.
 */
export function vouchedEmail(provider: OidcProviderConfig, claims: Record<string, unknown>, email: string): boolean {
  const domain = email.split('@')[1];
  if (!domain || !provider.emailDomains.includes(domain)) return false;
  if (provider.kind === 'entra') return claims.xms_edov === true || claims.xms_edov === 'true' || claims.xms_edov === 1;
  if (provider.kind === 'oidc') return claims.email_verified === true;
  return false;
}

/**
 * Whether Ansattporten's returned authorization_details say the person acts for `0192:<orgNumber>`
 * and for no other organization. Each element must name organizations, in the response shape of its
 * type (https://docs.digdir.no/docs/ansattporten/ansattporten_rar.html): `orgno.ID`
 * (`ansattporten:orgno`), `reportees[].ID` (`ansattporten:altinn:service`) or
 * `authorized_parties[].orgno.ID` (`ansattporten:altinn:resource`). An element with none of them (a
 * personal eID asked for `ansattporten:orgno`, or someone acting for themselves) is refused.
 */
export function actsFor(details: unknown, orgNumber: string): boolean {
  if (!Array.isArray(details) || details.length === 0) return false;
  const wanted = `0192:${orgNumber}`;
  return details.every((detail: unknown) => {
    const ids = namedOrganizations(detail);
    return ids.length > 0 && ids.every((id) => id === wanted);
  });
}

/** The organization ids (`0192:<orgno>`) one authorization_details element names; [] when none. */
function namedOrganizations(detail: unknown): unknown[] {
  if (typeof detail !== 'object' || detail === null) return [];
  const d = detail as { orgno?: { ID?: unknown } | null; reportees?: unknown; authorized_parties?: unknown };
  if (d.orgno) return [d.orgno.ID];
  const list = Array.isArray(d.reportees)
    ? d.reportees
    : Array.isArray(d.authorized_parties)
      ? d.authorized_parties
      : [];
  return list.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const e = entry as { ID?: unknown; orgno?: { ID?: unknown } | null };
    return Array.isArray(d.reportees) ? e.ID : e.orgno?.ID;
  });
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function displayName(claims: Record<string, unknown>): string | undefined {
  if (typeof claims.name === 'string' && claims.name.trim()) return claims.name.trim().slice(0, 200);
  const parts = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === 'string' && !!p.trim());
  return parts.length ? parts.join(' ').slice(0, 200) : undefined;
}

/**
 * The refusal an openid-client error stands for. Its `cause` holds the token's claims (for
 * Ansattporten the national identity number), so only the code and the claim's name are kept.
 */
export function tokenRefusal(err: unknown): SsoRefused {
  const code = (err as { code?: unknown })?.code;
  const cause = (err as { cause?: { message?: unknown; cause?: { claim?: unknown } } })?.cause;
  const claim = cause?.cause?.claim;
  const message = typeof cause?.message === 'string' ? cause.message : '';
  const why = `${String(code ?? 'error')}${typeof claim === 'string' ? ` (${claim})` : ''}`;
  if (err instanceof client.AuthorizationResponseError)
    return new SsoRefused('provider', `authorization error ${err.error}`);
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    if (claim === 'iss') return new SsoRefused('issuer', why);
    if (claim === 'aud' || claim === 'azp') return new SsoRefused('audience', why);
    if (claim === 'nonce') return new SsoRefused('nonce', why);
  }
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return new SsoRefused('expired', why);
  if (code === 'OAUTH_KEY_SELECTION_FAILED' || message.includes('signature verification failed'))
    return new SsoRefused('signature', why);
  if (code === 'OAUTH_INVALID_RESPONSE' && message.includes('"iss"')) return new SsoRefused('issuer', why);
  return new SsoRefused('token', why);
}

/**
 * Whether roles/groups of a token grant a right mapped to `mapped` (app roles or group ids): true when
 * one is present; false when none is and the token lists all groups; null when nothing is mapped or
 * the groups overflowed (Entra sends `_claim_names.groups` instead of more than 200 groups) and no
 * listed role matched — absence then proves nothing.
 */
export function mappedRight(
  mapped: readonly string[],
  present: readonly string[],
  groupsOverage: boolean,
): boolean | null {
  if (mapped.length === 0) return null;
  if (present.some((role) => mapped.includes(role))) return true;
  return groupsOverage ? null : false;
}
