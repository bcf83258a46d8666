/**
 * Single sign-on through OpenID Connect (issue 15): what the sign-in page may be told when a sign-in
 * through a provider does not end in a session. The server redirects to `/logg-inn?sso=<outcome>`;
 * the web says each in words (a label map keyed by `SsoOutcome`, so a missing one does not compile).
 */
export const SSO_REFUSALS = [
  /** No sign-in under way matches the return: missing, mismatched, reused or expired `state`. */
  'state',
  /** The provider answered with an error (the person cancelled, or the provider refused). */
  'provider',
  /** The ID token was issued by someone other than the configured issuer. */
  'issuer',
  /** The ID token was meant for another client (`aud`). */
  'audience',
  /** The ID token has expired (`exp`). */
  'expired',
  /** The ID token's `nonce` is not the one this sign-in sent. */
  'nonce',
  /** The ID token's signature does not verify with the provider's published keys. */
  'signature',
  /** The level of assurance (`acr`) is lower than required. */
  'acr',
  /** Ansattporten: the person signed in on behalf of another organization than ours. */
  'organization',
  /** The token exchange failed in another way. */
  'token',
  /** The provider could not be reached or is not configured. */
  'unavailable',
  /** The account this identity belongs to is deactivated. */
  'inactive',
] as const;

export type SsoRefusal = (typeof SSO_REFUSALS)[number];

/** Not a refusal: the person is known to the provider and now waits for an administrator to let them in. */
export type SsoOutcome = SsoRefusal | 'pending';

export function isSsoOutcome(value: unknown): value is SsoOutcome {
  return value === 'pending' || (SSO_REFUSALS as readonly unknown[]).includes(value);
}

/** A provider as the sign-in page shows it: a button «Logg inn med <label>» leading to `/api/auth/sso/<id>/start`. */
export interface SsoProviderView {
  id: string;
  label: string;
  kind: 'entra' | 'ansattporten' | 'oidc';
}
