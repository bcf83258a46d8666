import { z } from 'zod';

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
  /** Too many sign-ins begun from this address in a short time (SSO_START_LIMITS). */
  'throttled',
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

export const SSO_KINDS = ['entra', 'ansattporten', 'oidc'] as const;
export type SsoKind = (typeof SSO_KINDS)[number];

/** A provider's slug in its URLs (/api/auth/sso/<id>/callback): lower-case letters, digits and -. */
export const SSO_PROVIDER_ID = /^[a-z][a-z0-9-]{0,31}$/;
const ORGNO = /^\d{9}$/;
const ALTINN_RESOURCE = /^urn:altinn:resource:[a-z0-9][a-z0-9_:-]{0,99}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Space- or comma-separated words into a list (roles, groups, domains), trimmed and without repeats. */
export function wordList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,\s]+/)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * A provider as the organization's admin configures it (`PUT /api/admin/sso/providers/:id`). The
 * client secret is write-only: `clientSecret` absent keeps the stored one, a string replaces it,
 * null clears it (a public client). Ansattporten needs the organization number and a level.
 */
export const ssoProviderBody = z
  .object({
    kind: z.enum(SSO_KINDS),
    label: z.string().trim().min(1).max(80),
    issuer: z.url().max(500),
    clientId: z.string().trim().min(1).max(200),
    clientSecret: z.string().min(1).max(2000).nullable().optional(),
    newAccounts: z.enum(['create', 'approve']),
    acr: z.enum(['substantial', 'high']).nullable().optional(),
    orgNumber: z
      .string()
      .transform((v) => v.replace(/\s/g, ''))
      .pipe(z.string().regex(ORGNO))
      .nullable()
      .optional(),
    altinnResource: z.string().trim().regex(ALTINN_RESOURCE).nullable().optional(),
    /** Entra: app roles or group object ids whose holders become organization administrators. */
    adminRoles: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    /** Entra: app roles or group object ids whose holders may create strategies (checked at each sign-in). */
    strategyRoles: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  })
  .refine((p) => p.kind !== 'ansattporten' || (!!p.orgNumber && !!p.acr), {
    message: 'bad_request',
    path: ['orgNumber'],
  });
export type SsoProviderBody = z.input<typeof ssoProviderBody>;

/** A provider as its organization's admin sees it: never the secret, only whether one is set. */
export interface SsoProviderAdminView {
  id: string;
  kind: SsoKind;
  label: string;
  issuer: string;
  clientId: string;
  /** Shown as «satt» / «ikke satt». */
  clientSecretSet: boolean;
  newAccounts: 'create' | 'approve';
  acr: 'substantial' | 'high' | null;
  orgNumber: string | null;
  altinnResource: string | null;
  adminRoles: string[];
  strategyRoles: string[];
  /** Configured by the environment (SAMSTRAT_OIDC_*): read-only here. */
  fromEnvironment: boolean;
  /** Register this at the provider as the redirect URI. */
  redirectUri: string;
}

/** An organization's sign-in settings (`PUT /api/admin/sso/settings`). */
export const ssoSettingsBody = z.object({
  emailDomains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .transform((d) => d.replace(/^@/, ''))
        .pipe(z.string().regex(DOMAIN)),
    )
    .max(20),
  passwordsOff: z.boolean(),
  /** The one admin who may still log in with a password while passwords are off. */
  breakGlassUserId: z.string().min(1).max(100).nullable(),
});
export type SsoSettingsBody = z.input<typeof ssoSettingsBody>;

export interface SsoSettingsView {
  emailDomains: string[];
  passwordsOff: boolean;
  breakGlassUserId: string | null;
}

/** What the sign-in page learns of an organization: its name, its providers and whether passwords work. */
export interface SsoOrganizationView {
  id: string;
  name: string;
  providers: SsoProviderView[];
  passwordsOff: boolean;
}
