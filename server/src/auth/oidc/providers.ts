/**
 * OpenID Connect providers configured by environment (issue 15). One list, `SAMSTRAT_OIDC_PROVIDERS`,
 * names them (`entra,ansattporten`); each then has its own variables `SAMSTRAT_OIDC_<ID>_…` (the id
 * upper-cased). Secrets come only from the environment for now; the admin UI with write-only
 * encrypted secrets is a later slice.
 */

export const OIDC_KINDS = ['entra', 'ansattporten', 'oidc'] as const;
export type OidcKind = (typeof OIDC_KINDS)[number];

/** What to do with a person the provider signs in whom we cannot link to an account or invitation. */
export type NewAccountPolicy = 'create' | 'approve';

/** Ansattporten's (ID-porten's) levels of assurance, lowest first. */
export const ANSATTPORTEN_LEVELS = ['substantial', 'high'] as const;
export type AssuranceLevel = (typeof ANSATTPORTEN_LEVELS)[number];

/** The `acr` values Ansattporten returns for each level (docs.digdir.no, «Ansattporten»). */
export const ANSATTPORTEN_ACR: Readonly<Record<AssuranceLevel, string>> = {
  substantial: 'idporten-loa-substantial',
  high: 'idporten-loa-high',
};

export interface OidcProviderConfig {
  /** Lower-case slug used in URLs: /api/auth/sso/<id>/start. */
  id: string;
  /**
   * The organization an admin configured it for (org-providers.ts); undefined for the environment's
   * providers, which belong to the instance's first organization (ssoOrganizationId).
   */
  organizationId?: string;
  kind: OidcKind;
  /** The button says «Logg inn med <label>». */
  label: string;
  /** The issuer URL; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE only). */
  clientSecret: string | undefined;
  /** Space-separated scopes; `openid` is always included. */
  scopes: string;
  newAccounts: NewAccountPolicy;
  /**
   * The organization's own e-mail domains (lower-case). A first sign-in is linked to an account or
   * invitation by e-mail only for an address in one of these, and only when the provider vouches
   * for it (Entra: `xms_edov`; generic OIDC: `email_verified`). Empty: never linked by e-mail.
   */
  emailDomains: string[];
  /** Ansattporten: the lowest level of assurance accepted (`acr_values` sent and `acr` checked). */
  acr: AssuranceLevel | undefined;
  /** Ansattporten: the organization number (9 digits) people must act for. */
  orgNumber: string | undefined;
  /**
   * Ansattporten: the Altinn service or resource whose holders may sign in for the organization
   * (`urn:altinn:resource:<code>:<edition>` for an Altinn 2 service, `urn:altinn:resource:<id>` for an
   * Altinn 3 resource). Needed with a personal eID (substantial/high): Ansattporten's `ansattporten:orgno`
   * works only for work accounts (Entra ID) — see ansattportenAuthorizationDetails.
   */
  altinnResource: string | undefined;
  /** Entra: app roles or group object ids whose holders become organization administrators on first sign-in. */
  adminRoles: string[];
  /**
   * Entra: app roles or group object ids whose holders may create strategies (users.creates_strategies).
   * When set, every sign-in grants or withdraws the right by them; empty: the admin decides by hand.
   */
  strategyRoles: string[];
  /**
   * The provider's own session length in minutes: our session ends this long after the person
   * authenticated there. Unset: our session ends when the ID token expires.
   */
  sessionMinutes: number | undefined;
}

export class OidcConfigError extends Error {}

const ID = /^[a-z][a-z0-9-]{0,31}$/;
const ORGNO = /^\d{9}$/;
/** An Altinn 2 service (`urn:altinn:resource:<code>:<edition>`) or Altinn 3 resource (`urn:altinn:resource:<id>`). */
export const ALTINN_RESOURCE = /^urn:altinn:resource:[a-z0-9][a-z0-9_:-]{0,99}$/i;

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/[,\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Reads the providers from the environment. Throws OidcConfigError with one line per problem
 * (the variable's name and what is wrong). `production` refuses an `http:` issuer.
 */
export function parseOidcProviders(env: Record<string, string | undefined>, production: boolean): OidcProviderConfig[] {
  const ids = list(env.SAMSTRAT_OIDC_PROVIDERS).map((id) => id.toLowerCase());
  const problems: string[] = [];
  const providers: OidcProviderConfig[] = [];
  for (const id of ids) {
    if (!ID.test(id)) {
      problems.push(`SAMSTRAT_OIDC_PROVIDERS: "${id}" must be a lower-case name (letters, digits, -).`);
      continue;
    }
    const prefix = `SAMSTRAT_OIDC_${id.toUpperCase().replaceAll('-', '_')}_`;
    const get = (name: string) => env[prefix + name]?.trim() || undefined;
    const kind = (get('KIND') ?? 'oidc') as OidcKind;
    if (!OIDC_KINDS.includes(kind)) problems.push(`${prefix}KIND must be one of ${OIDC_KINDS.join(', ')}.`);
    const issuer = get('ISSUER');
    let issuerUrl: URL | undefined;
    try {
      issuerUrl = issuer ? new URL(issuer) : undefined;
    } catch {
      issuerUrl = undefined;
    }
    if (!issuerUrl) problems.push(`${prefix}ISSUER must be the provider's issuer URL.`);
    else if (issuerUrl.protocol !== 'https:' && (production || issuerUrl.protocol !== 'http:'))
      problems.push(`${prefix}ISSUER must be an https: URL${production ? ' when NODE_ENV=production' : ''}.`);
    const clientId = get('CLIENT_ID');
    if (!clientId) problems.push(`${prefix}CLIENT_ID is required.`);
    const newAccounts = (get('NEW_ACCOUNTS') ?? 'approve') as NewAccountPolicy;
    if (newAccounts !== 'create' && newAccounts !== 'approve')
      problems.push(`${prefix}NEW_ACCOUNTS must be "create" or "approve".`);
    const acrRaw = get('ACR') ?? (kind === 'ansattporten' ? 'substantial' : undefined);
    if (acrRaw && !(ANSATTPORTEN_LEVELS as readonly string[]).includes(acrRaw))
      problems.push(`${prefix}ACR must be "substantial" or "high".`);
    const orgNumber = get('ORGNO')?.replace(/\s/g, '');
    if (kind === 'ansattporten' && !orgNumber) problems.push(`${prefix}ORGNO (the organization number) is required.`);
    if (orgNumber && !ORGNO.test(orgNumber)) problems.push(`${prefix}ORGNO must be 9 digits.`);
    const altinnResource = get('ALTINN_RESOURCE');
    if (altinnResource && !ALTINN_RESOURCE.test(altinnResource))
      problems.push(
        `${prefix}ALTINN_RESOURCE must be urn:altinn:resource:<service code>:<edition> or urn:altinn:resource:<id>.`,
      );
    const minutes = get('SESSION_MINUTES');
    const sessionMinutes = minutes === undefined ? undefined : Number(minutes);
    if (sessionMinutes !== undefined && !(Number.isInteger(sessionMinutes) && sessionMinutes > 0))
      problems.push(`${prefix}SESSION_MINUTES must be a whole number of minutes.`);
    const defaultLabel = kind === 'entra' ? 'Microsoft' : kind === 'ansattporten' ? 'Ansattporten' : id;
    providers.push({
      id,
      kind,
      label: get('LABEL') ?? defaultLabel,
      issuer: issuer ?? '',
      clientId: clientId ?? '',
      clientSecret: get('CLIENT_SECRET'),
      scopes: [...new Set(['openid', ...list(get('SCOPES') ?? defaultScopes(kind))])].join(' '),
      newAccounts,
      emailDomains: list(get('EMAIL_DOMAINS')).map((d) => d.toLowerCase().replace(/^@/, '')),
      acr: acrRaw as AssuranceLevel | undefined,
      orgNumber,
      altinnResource,
      adminRoles: list(get('ADMIN_ROLES')),
      strategyRoles: list(get('STRATEGY_ROLES')),
      sessionMinutes,
    });
  }
  if (problems.length) throw new OidcConfigError(problems.join('\n'));
  return providers;
}

function defaultScopes(kind: OidcKind): string {
  return kind === 'ansattporten' ? 'openid profile' : 'openid profile email';
}

/** The levels a provider's minimum accepts: `substantial` accepts substantial and high. */
export function acceptedAcrValues(minimum: AssuranceLevel): string[] {
  return ANSATTPORTEN_LEVELS.slice(ANSATTPORTEN_LEVELS.indexOf(minimum)).map((level) => ANSATTPORTEN_ACR[level]);
}
