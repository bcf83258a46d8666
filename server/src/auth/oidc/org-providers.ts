import { asc, eq } from 'drizzle-orm';
import type { SsoOrganizationView, SsoProviderAdminView, SsoProviderView, SsoSettingsView } from '@samstrat/shared/sso';
import { wordList } from '@samstrat/shared/sso';
import type { Deps } from '../../context';
import type { Reader } from '../../db/client';
import { organizations } from '../../db/schema';
import { ssoProviders, ssoSettings } from '../../db/schema-sso';
import { openSecret } from '../secret-box';
import { ssoOrganizationId } from './accounts';
import type { AssuranceLevel, NewAccountPolicy, OidcKind, OidcProviderConfig } from './providers';

/**
 * The providers of SAMSTRAT_OIDC_PROVIDERS and those an organization's admin configured in the app,
 * as one kind of OidcProviderConfig: the sign-in routes do not care where one came from. The
 * environment's come first and win a clash of ids (the admin routes refuse one anyway).
 */

type ProviderRow = typeof ssoProviders.$inferSelect;

/** An organization's settings, or the defaults (no domains, passwords on) when it saved none. */
export async function organizationSsoSettings(db: Reader, organizationId: string): Promise<SsoSettingsView> {
  const row = (await db.select().from(ssoSettings).where(eq(ssoSettings.organizationId, organizationId)).limit(1))[0];
  return {
    emailDomains: wordList(row?.emailDomains ?? ''),
    passwordsOff: row?.passwordsOff ?? false,
    breakGlassUserId: row?.breakGlassUserId ?? null,
  };
}

/** A stored provider as the sign-in code takes it: the secret opened, the organization's domains attached. */
export function providerFromRow(
  deps: Pick<Deps, 'config'>,
  row: ProviderRow,
  emailDomains: string[],
): OidcProviderConfig {
  return {
    id: row.id,
    organizationId: row.organizationId,
    kind: row.kind as OidcKind,
    label: row.label,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: row.clientSecret ? openSecret(deps.config.SAMSTRAT_SECRET_KEY, row.clientSecret, row.id) : undefined,
    scopes: row.kind === 'ansattporten' ? 'openid profile' : 'openid profile email',
    newAccounts: row.newAccounts as NewAccountPolicy,
    emailDomains,
    acr: (row.acr ?? undefined) as AssuranceLevel | undefined,
    orgNumber: row.orgNumber ?? undefined,
    altinnResource: row.altinnResource ?? undefined,
    adminRoles: wordList(row.adminRoles),
    strategyRoles: wordList(row.strategyRoles),
    sessionMinutes: undefined,
  };
}

/** The provider with this id, from the environment or the database; undefined when there is none. */
export async function findProvider(
  deps: Pick<Deps, 'config' | 'db'>,
  id: string,
): Promise<OidcProviderConfig | undefined> {
  const fromEnv = deps.config.oidcProviders.find((p) => p.id === id);
  if (fromEnv) return fromEnv;
  const row = (await deps.db.select().from(ssoProviders).where(eq(ssoProviders.id, id)).limit(1))[0];
  if (!row) return undefined;
  const settings = await organizationSsoSettings(deps.db, row.organizationId);
  return providerFromRow(deps, row, settings.emailDomains);
}

/** The organization a provider signs people in to. */
export async function providerOrganizationId(db: Reader, provider: OidcProviderConfig): Promise<string | null> {
  return provider.organizationId ?? (await ssoOrganizationId(db));
}

/** Every provider of one organization: the environment's when it is the instance's first, then its own. */
export async function organizationProviders(
  deps: Pick<Deps, 'config' | 'db'>,
  organizationId: string,
): Promise<OidcProviderConfig[]> {
  const envOwner = deps.config.oidcProviders.length ? await ssoOrganizationId(deps.db) : null;
  const rows = await deps.db
    .select()
    .from(ssoProviders)
    .where(eq(ssoProviders.organizationId, organizationId))
    .orderBy(asc(ssoProviders.createdAt));
  const { emailDomains } = await organizationSsoSettings(deps.db, organizationId);
  return [
    ...(envOwner === organizationId ? deps.config.oidcProviders : []),
    ...rows.map((row) => providerFromRow(deps, row, emailDomains)),
  ];
}

export const providerView = (p: OidcProviderConfig): SsoProviderView => ({ id: p.id, label: p.label, kind: p.kind });

/** What the organization's admin sees of a provider: never its secret. */
export function providerAdminView(p: OidcProviderConfig, redirectUri: string): SsoProviderAdminView {
  return {
    id: p.id,
    kind: p.kind,
    label: p.label,
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecretSet: p.clientSecret !== undefined,
    newAccounts: p.newAccounts,
    acr: p.acr ?? null,
    orgNumber: p.orgNumber ?? null,
    altinnResource: p.altinnResource ?? null,
    adminRoles: p.adminRoles,
    strategyRoles: p.strategyRoles,
    fromEnvironment: p.organizationId === undefined,
    redirectUri,
  };
}

/** The sign-in page's view of an organization. */
export async function organizationView(
  deps: Pick<Deps, 'config' | 'db'>,
  organization: { id: string; name: string },
): Promise<SsoOrganizationView> {
  const [providers, settings] = await Promise.all([
    organizationProviders(deps, organization.id),
    organizationSsoSettings(deps.db, organization.id),
  ]);
  return { ...organization, providers: providers.map(providerView), passwordsOff: settings.passwordsOff };
}

/**
 * The organizations whose e-mail domains hold this address (the sign-in page asks with what the person
 * typed), by name: those saved by an organization's admin, and for the instance's first organization
 * also the domains of the environment's providers (SAMSTRAT_OIDC_<ID>_EMAIL_DOMAINS). Usually one or
 * none; a domain two organizations claim (a shared IT service, say) finds both, and the person chooses.
 */
export async function organizationsByEmail(
  deps: Pick<Deps, 'config' | 'db'>,
  email: string,
): Promise<{ id: string; name: string }[]> {
  const domain = email.trim().toLowerCase().split('@')[1];
  if (!domain) return [];
  const rows = await deps.db
    .select({ id: organizations.id, name: organizations.name, domains: ssoSettings.emailDomains })
    .from(ssoSettings)
    .innerJoin(organizations, eq(organizations.id, ssoSettings.organizationId));
  const owners = new Set(rows.filter((r) => wordList(r.domains).includes(domain)).map((r) => r.id));
  if (deps.config.oidcProviders.some((p) => p.emailDomains.includes(domain))) {
    const envOwner = await ssoOrganizationId(deps.db);
    if (envOwner) owners.add(envOwner);
  }
  if (owners.size === 0) return [];
  return (await allOrganizations(deps.db)).filter((o) => owners.has(o.id));
}

/** Every organization, by name, for the sign-in page's choice. */
export async function allOrganizations(db: Reader): Promise<{ id: string; name: string }[]> {
  return await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .orderBy(asc(organizations.name));
}
