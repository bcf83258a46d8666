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

/**
 * Providers an organization's admin configured in the app (issue 15), beside those of
 * SAMSTRAT_OIDC_PROVIDERS. The client secret is stored sealed (auth/secret-box.ts, keyed by
 * SAMSTRAT_SECRET_KEY and bound to the provider's id) and never sent back to a browser.
 */
export const ssoProviders = k.table(
  'sso_providers',
  {
    /** The slug in /api/auth/sso/<id>/…; unique over these and the environment's providers. */
    id: k.text('id').primaryKey(),
    organizationId: k
      .text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** entra | ansattporten | oidc */
    kind: k.text('kind').notNull(),
    label: k.text('label').notNull(),
    issuer: k.text('issuer').notNull(),
    clientId: k.text('client_id').notNull(),
    /** Sealed (secret-box.ts); null for a public client (PKCE only). */
    clientSecret: k.text('client_secret'),
    /** create | approve */
    newAccounts: k.text('new_accounts').notNull(),
    /** Ansattporten: substantial | high. */
    acr: k.text('acr'),
    orgNumber: k.text('org_number'),
    altinnResource: k.text('altinn_resource'),
    /** Entra: app roles or group ids, space-separated, whose holders become organization administrators. */
    adminRoles: k.text('admin_roles').notNull().default(''),
    /** Entra: app roles or group ids, space-separated, whose holders may create strategies (set at each sign-in). */
    strategyRoles: k.text('strategy_roles').notNull().default(''),
    createdAt: k.timestamp('created_at').notNull().default(k.now()),
  },
  (t) => [k.index('sso_providers_organization_idx').on(t.organizationId)],
);

/**
 * An organization's sign-in settings: its e-mail domains (the sign-in page finds the organization by
 * them, and a provider's vouched-for address links only within them), and whether local passwords are
 * off — then only the named break-glass admin may still use one.
 */
export const ssoSettings = k.table('sso_settings', {
  organizationId: k
    .text('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  /** Lower-case, space-separated. */
  emailDomains: k.text('email_domains').notNull().default(''),
  passwordsOff: k.boolean('passwords_off').notNull().default(false),
  breakGlassUserId: k.text('break_glass_user_id').references(() => users.id, { onDelete: 'set null' }),
});
