import { k } from './dialect';
import { organizations, users } from './schema';

/**
 * A person as an OpenID Connect provider knows them: (issuer, subject), never an e-mail address
 * alone (issue 15). One account may have several. Nothing else from the ID token is kept; the
 * national identity number (`pid`) never reaches the database.
 */
export const identities = k.table(
  'identities',
  {
    id: k.text('id').primaryKey(),
    userId: k
      .text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The configured provider (SAMSTRAT_OIDC_PROVIDERS) it was first seen through. */
    providerId: k.text('provider_id').notNull(),
    issuer: k.text('issuer').notNull(),
    subject: k.text('subject').notNull(),
    lastLoginAt: k.timestamp('last_login_at'),
    createdAt: k.timestamp('created_at').notNull().default(k.now()),
  },
  (t) => [
    k.uniqueIndex('identities_issuer_subject_unique').on(t.issuer, t.subject),
    k.index('identities_user_idx').on(t.userId),
  ],
);

/**
 * A sign-in under way, between the redirect to the provider and its return: in the database, not
 * in one process's memory, so any server process can take the return. Keyed by the SHA-256 of
 * `state`; deleted when the return is taken, so a state is used at most once.
 */
export const ssoLoginStates = k.table('sso_login_states', {
  id: k.text('id').primaryKey(),
  providerId: k.text('provider_id').notNull(),
  codeVerifier: k.text('code_verifier').notNull(),
  nonce: k.text('nonce').notNull(),
  /** A path of this app to go to afterwards. */
  returnTo: k.text('return_to').notNull(),
  expiresAt: k.timestamp('expires_at').notNull(),
});

/**
 * People a provider signed in whom no account or invitation matched, waiting for an administrator
 * of the organization to let them in (when the provider's NEW_ACCOUNTS is `approve`).
 */
export const ssoAccountRequests = k.table(
  'sso_account_requests',
  {
    id: k.text('id').primaryKey(),
    organizationId: k
      .text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    providerId: k.text('provider_id').notNull(),
    issuer: k.text('issuer').notNull(),
    subject: k.text('subject').notNull(),
    /** As the provider gave it; unverified unless the provider vouched for it. Null when it gave none. */
    email: k.text('email'),
    name: k.text('name').notNull(),
    /** Whether the provider's roles or groups made this person an administrator. */
    isAdmin: k.boolean('is_admin').notNull().default(false),
    createdAt: k.timestamp('created_at').notNull().default(k.now()),
  },
  (t) => [k.uniqueIndex('sso_account_requests_issuer_subject_unique').on(t.issuer, t.subject)],
);
