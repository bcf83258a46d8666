import { eq } from 'drizzle-orm';
import type { Reader } from '../db/client';
import { users } from '../db/schema';
import { organizationByEmail, organizationSsoSettings } from './oidc/org-providers';

/**
 * Whether an organization's choice to switch local passwords off (sso_settings.passwords_off, issue 15)
 * refuses this account a password: everyone in it but the named break-glass admin, who keeps one for
 * when the municipality's sign-in fails.
 */
export async function passwordRefused(db: Reader, account: { id: string; organizationId: string }): Promise<boolean> {
  const settings = await organizationSsoSettings(db, account.organizationId);
  return settings.passwordsOff && settings.breakGlassUserId !== account.id;
}

/**
 * The same for an address someone asks a password reset for: refused when its account is refused, or,
 * with no account, when its domain belongs to an organization with passwords off.
 */
export async function passwordRefusedForAddress(db: Reader, email: string): Promise<boolean> {
  const account = (
    await db
      .select({ id: users.id, organizationId: users.organizationId })
      .from(users)
      .where(eq(users.email, email))
      .limit(1)
  )[0];
  if (account) return await passwordRefused(db, account);
  const organization = await organizationByEmail(db, email);
  return organization ? (await organizationSsoSettings(db, organization.id)).passwordsOff : false;
}
