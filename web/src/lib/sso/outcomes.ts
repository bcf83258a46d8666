import { isSsoOutcome, type SsoOutcome, type SsoRefusal } from '@samstrat/shared/sso';
import { m } from '$lib/paraglide/messages.js';

/** What the sign-in page says for each outcome of a sign-in through a provider (`/logg-inn?sso=…`). */
const REFUSED: Record<SsoRefusal, () => string> = {
  state: m.sso_refused_state,
  provider: m.sso_refused_provider,
  issuer: m.sso_refused_issuer,
  audience: m.sso_refused_audience,
  expired: m.sso_refused_expired,
  nonce: m.sso_refused_nonce,
  signature: m.sso_refused_signature,
  acr: m.sso_refused_acr,
  organization: m.sso_refused_organization,
  token: m.sso_refused_token,
  unavailable: m.sso_refused_unavailable,
  inactive: m.sso_refused_inactive,
  throttled: m.sso_refused_throttled,
};

/** A refusal's reason in a few words, for the audit log. */
const REASONS: Record<SsoRefusal, () => string> = {
  state: m.sso_reason_state,
  provider: m.sso_reason_provider,
  issuer: m.sso_reason_issuer,
  audience: m.sso_reason_audience,
  expired: m.sso_reason_expired,
  nonce: m.sso_reason_nonce,
  signature: m.sso_reason_signature,
  acr: m.sso_reason_acr,
  organization: m.sso_reason_organization,
  token: m.sso_reason_token,
  unavailable: m.sso_reason_unavailable,
  inactive: m.sso_reason_inactive,
  throttled: m.sso_reason_throttled,
};

export interface SsoNotice {
  /** `pending` is news, not an error. */
  tone: 'info' | 'danger';
  title: string;
  text: string;
}

/** The notice for the `sso` query parameter, or null when it names no outcome. */
export function ssoNotice(value: string | null): SsoNotice | null {
  if (!isSsoOutcome(value)) return null;
  const outcome: SsoOutcome = value;
  if (outcome === 'pending') return { tone: 'info', title: m.sso_pending_title(), text: m.sso_pending() };
  return { tone: 'danger', title: m.sso_refused_title(), text: REFUSED[outcome]() };
}

/** A refusal's reason from an audit entry's detail, in words; an unknown code as it is. */
export function ssoReason(value: unknown): string {
  return isSsoOutcome(value) && value !== 'pending' ? REASONS[value]() : String(value ?? '');
}

/** Accounts made without an address the provider vouched for carry a placeholder that never receives mail. */
export function isPlaceholderEmail(email: string): boolean {
  return email.endsWith('.sso.invalid');
}
