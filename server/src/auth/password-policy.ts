import type { Reader } from '../db/client';
import { organizationSsoSettings } from './oidc/org-providers';

/**
 * Whether an organization's choice to switch local passwords off (sso_settings.passwords_off, issue 15)
 * refuses this account a password: everyone in it but the named break-glass admin, who keeps one for
 * when the municipality's sign-in fails.
 */
export async function passwordRefused(db: Reader, account: { id: string; organizationId: string }): Promise<boolean> {
  const settings = await organizationSsoSettings(db, account.organizationId);
  return settings.passwordsOff && settings.breakGlassUserId !== account.id;
}
