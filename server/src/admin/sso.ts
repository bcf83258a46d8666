import { and, eq } from 'drizzle-orm';
import type { SsoProviderBody, SsoSettingsBody } from '@samstrat/shared/sso';
import { ssoProviderBody, ssoSettingsBody } from '@samstrat/shared/sso';
import type { z } from 'zod';
import type { Deps } from '../context';
import { users } from '../db/schema';
import { ssoProviders, ssoSettings } from '../db/schema-sso';
import { audit } from '../audit';
import { AppError, notFound } from '../errors';
import { sealSecret, SecretKeyMissing } from '../auth/secret-box';
import { oidcClients } from '../auth/oidc/sign-in';
import { organizationProviders } from '../auth/oidc/org-providers';

type Admin = { id: string; organizationId: string };
type ProviderInput = z.output<typeof ssoProviderBody>;
type SettingsInput = z.output<typeof ssoSettingsBody>;
export type { SsoProviderBody, SsoSettingsBody };

/**
 * Creates or changes one of the admin's organization's providers (`id` is its slug). The secret is
 * write-only: absent keeps the stored one, a string replaces it (sealed, secret-box.ts), null clears
 * it. Refused: an id the environment or another organization uses (409), an `http:` issuer in
 * production, a secret without SAMSTRAT_SECRET_KEY. Audited without the secret, saying only whether
 * it changed.
 */
export async function saveSsoProvider(deps: Deps, admin: Admin, id: string, input: ProviderInput): Promise<void> {
  if (deps.config.oidcProviders.some((p) => p.id === id)) throw new AppError('sso_provider_taken', 409);
  const issuer = new URL(input.issuer);
  if (issuer.protocol !== 'https:' && (deps.config.NODE_ENV === 'production' || issuer.protocol !== 'http:'))
    throw new AppError('sso_http_issuer', 400);
  let sealed: string | null | undefined;
  try {
    sealed =
      typeof input.clientSecret === 'string'
        ? sealSecret(deps.config.SAMSTRAT_SECRET_KEY, input.clientSecret, id)
        : input.clientSecret;
  } catch (err) {
    if (err instanceof SecretKeyMissing) throw new AppError('sso_secret_key_missing', 400);
    throw err;
  }
  const ansattporten = input.kind === 'ansattporten';
  const values = {
    kind: input.kind,
    label: input.label,
    issuer: input.issuer,
    clientId: input.clientId,
    newAccounts: input.newAccounts,
    acr: ansattporten ? (input.acr ?? 'substantial') : null,
    orgNumber: ansattporten ? (input.orgNumber ?? null) : null,
    altinnResource: ansattporten ? (input.altinnResource ?? null) : null,
    adminRoles: input.kind === 'entra' ? input.adminRoles.join(' ') : '',
    strategyRoles: input.kind === 'entra' ? input.strategyRoles.join(' ') : '',
    ...(sealed !== undefined ? { clientSecret: sealed } : {}),
  };
  await deps.db.transaction(async (tx) => {
    const existing = (await tx.select().from(ssoProviders).where(eq(ssoProviders.id, id)).limit(1))[0];
    if (existing && existing.organizationId !== admin.organizationId) throw new AppError('sso_provider_taken', 409);
    if (existing) await tx.update(ssoProviders).set(values).where(eq(ssoProviders.id, id));
    else
      await tx.insert(ssoProviders).values({ id, organizationId: admin.organizationId, clientSecret: null, ...values });
    await audit(tx, {
      actorId: admin.id,
      action: 'sso.provider_saved',
      detail: {
        provider: id,
        kind: input.kind,
        issuer: input.issuer,
        created: !existing,
        secret: sealed === undefined ? 'kept' : sealed === null ? 'cleared' : 'replaced',
      },
    });
  });
}

/** Removes one of the organization's providers; passwords cannot be off without another that works. */
export async function removeSsoProvider(deps: Deps, admin: Admin, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(ssoProviders)
      .where(and(eq(ssoProviders.id, id), eq(ssoProviders.organizationId, admin.organizationId)))
      .returning({ id: ssoProviders.id });
    if (!removed.length) throw notFound();
    await audit(tx, { actorId: admin.id, action: 'sso.provider_removed', detail: { provider: id } });
  });
  const settings = (
    await deps.db.select().from(ssoSettings).where(eq(ssoSettings.organizationId, admin.organizationId))
  )[0];
  if (settings?.passwordsOff && !(await workingProvider(deps, admin.organizationId))) {
    // The last working sign-in went: passwords come back on, or nobody but the break-glass admin could get in.
    await deps.db.transaction(async (tx) => {
      await tx
        .update(ssoSettings)
        .set({ passwordsOff: false })
        .where(eq(ssoSettings.organizationId, admin.organizationId));
      await audit(tx, {
        actorId: admin.id,
        action: 'sso.settings_changed',
        detail: { passwordsOff: false, because: 'provider_removed' },
      });
    });
  }
}

/** Whether one of the organization's providers answers its discovery document now. */
export async function workingProvider(deps: Deps, organizationId: string): Promise<boolean> {
  for (const provider of await organizationProviders(deps, organizationId)) {
    try {
      await oidcClients(deps.config).get(provider);
      return true;
    } catch {
      // Try the next one.
    }
  }
  return false;
}

/**
 * Saves the organization's sign-in settings. Passwords may go off only with a provider that answers
 * and a break-glass admin: an active administrator of this organization who has a password.
 */
export async function saveSsoSettings(deps: Deps, admin: Admin, input: SettingsInput): Promise<void> {
  if (input.breakGlassUserId) {
    const account = (
      await deps.db
        .select({ isAdmin: users.isAdmin, active: users.active, passwordHash: users.passwordHash })
        .from(users)
        .where(and(eq(users.id, input.breakGlassUserId), eq(users.organizationId, admin.organizationId)))
        .limit(1)
    )[0];
    if (!account?.isAdmin || !account.active || !account.passwordHash)
      throw new AppError('passwords_off_needs_break_glass', 400);
  }
  if (input.passwordsOff) {
    if (!input.breakGlassUserId) throw new AppError('passwords_off_needs_break_glass', 400);
    if (!(await workingProvider(deps, admin.organizationId))) throw new AppError('passwords_off_needs_provider', 400);
  }
  const values = {
    emailDomains: input.emailDomains.join(' '),
    passwordsOff: input.passwordsOff,
    breakGlassUserId: input.breakGlassUserId,
  };
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(ssoSettings)
      .values({ organizationId: admin.organizationId, ...values })
      .onConflictDoUpdate({ target: ssoSettings.organizationId, set: values });
    await audit(tx, { actorId: admin.id, action: 'sso.settings_changed', detail: { ...input } });
  });
}
