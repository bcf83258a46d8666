import { k } from './dialect';

const createdAt = () => k.timestamp('created_at').notNull().default(k.now());

export const organizations = k.table(
  'organizations',
  {
    id: k.text('id').primaryKey(),
    name: k.text('name').notNull(),
    /** Nine digits with a modulus 11 check digit (shared/organization); null for those made before it was asked. */
    organizationNumber: k.text('organization_number'),
    /** Many municipalities now say kommunedirektør; some still say rådmann. */
    executiveTitle: k.text('executive_title').notNull().default('Kommunedirektør'),
    /** The written form its strategies use by default: 'nb' (bokmål) or 'nn' (nynorsk). */
    writtenForm: k.text('written_form').notNull().default('nb'),
    createdAt: createdAt(),
  },
  (t) => [k.uniqueIndex('organizations_number_unique').on(t.organizationNumber)],
);

export const users = k.table(
  'users',
  {
    id: k.text('id').primaryKey(),
    organizationId: k
      .text('organization_id')
      .notNull()
      .references(() => organizations.id),
    email: k.text('email').notNull(),
    name: k.text('name').notNull(),
    passwordHash: k.text('password_hash'),
    isAdmin: k.boolean('is_admin').notNull().default(false),
    /** An organization admin allowed this account to create strategies ("Ny strategi") without being admin. */
    createsStrategies: k.boolean('creates_strategies').notNull().default(false),
    /** The installation operator: creates organizations (shared/access `organization.create`). */
    isOperator: k.boolean('is_operator').notNull().default(false),
    active: k.boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [k.uniqueIndex('users_email_unique').on(t.email)],
);

/** Sessions the Lucia way: the id is the SHA-256 of the token, so a leaked table grants nothing. */
export const sessions = k.table(
  'sessions',
  {
    id: k.text('id').primaryKey(),
    userId: k
      .text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: k.timestamp('expires_at').notNull(),
    /**
     * Set for a session begun through an OpenID Connect provider (its configured id): such a session
     * is never extended, so it ends no later than the provider's session or the ID token, and logout
     * may end the provider's session too.
     */
    providerId: k.text('provider_id'),
    /** The provider's session id (`sid` of the ID token), so its back-channel logout ends this session. */
    providerSid: k.text('provider_sid'),
    createdAt: createdAt(),
  },
  (t) => [k.index('sessions_user_idx').on(t.userId)],
);

export const strategies = k.table('strategies', {
  id: k.text('id').primaryKey(),
  organizationId: k
    .text('organization_id')
    .notNull()
    .references(() => organizations.id),
  title: k.text('title').notNull(),
  municipality: k.text('municipality').notNull(),
  periodStart: k.integer('period_start').notNull(),
  periodEnd: k.integer('period_end').notNull(),
  stage: k.text('stage').notNull().default('utkast'),
  /** The written form of the text: 'nb' (bokmål) or 'nn' (nynorsk). */
  writtenForm: k.text('written_form').notNull().default('nb'),
  /** Set while an organization admin has archived the strategy: read-only and out of the lists. */
  archivedAt: k.timestamp('archived_at'),
  createdAt: createdAt(),
});

/** The outline: order, numbering, titles and restriction. The text itself lives in the Y.Doc. */
export const sections = k.table(
  'sections',
  {
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    key: k.text('key').notNull(),
    position: k.integer('position').notNull(),
    number: k.text('number').notNull(),
    title: k.text('title').notNull(),
    parentKey: k.text('parent_key'),
    restricted: k.boolean('restricted').notNull().default(false),
  },
  (t) => [k.primaryKey({ columns: [t.strategyId, t.key] })],
);

export const sectionOwners = k.table(
  'section_owners',
  {
    strategyId: k.text('strategy_id').notNull(),
    sectionKey: k.text('section_key').notNull(),
    userId: k
      .text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [k.primaryKey({ columns: [t.strategyId, t.sectionKey, t.userId] })],
);

export const memberships = k.table(
  'memberships',
  {
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    userId: k
      .text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: k.text('role').notNull(),
    /**
     * Moves whenever what this member may do to the text changes (role, sections, membership, the
     * text frozen). A collaboration socket notes it when it opens, and every update it sends is
     * stored only while it still holds, in the storing transaction: a revocation that never reached
     * the process holding the socket still stops it writing.
     */
    rightsVersion: k.integer('rights_version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [k.primaryKey({ columns: [t.strategyId, t.userId] })],
);

/**
 * Append-only log of accepted Yjs updates, in one total order per strategy: `seq` is assigned in
 * the transaction that stores the update (from `yjsHeads`), before anyone else sees it. Other
 * processes apply updates in this order and fill any gap from here. Compaction folds a prefix of
 * the log into `yjsStates`.
 */
export const yjsUpdates = k.table(
  'yjs_updates',
  {
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    seq: k.integer('seq').notNull(),
    update: k.bytes('update').notNull(),
    createdAt: createdAt(),
  },
  (t) => [k.primaryKey({ columns: [t.strategyId, t.seq] })],
);

/** The last sequence number given to a strategy's updates; its row is the lock that orders appends. */
export const yjsHeads = k.table('yjs_heads', {
  strategyId: k
    .text('strategy_id')
    .primaryKey()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  seq: k.integer('seq').notNull(),
});

export const yjsStates = k.table('yjs_states', {
  strategyId: k
    .text('strategy_id')
    .primaryKey()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  state: k.bytes('state').notNull(),
  /** The last update of the log folded into `state`. */
  seq: k.integer('seq').notNull(),
  updatedAt: k.timestamp('updated_at').notNull(),
});

/**
 * The event stream of a strategy (comments, workflow, members…), numbered per strategy in the
 * transaction that stores each, so every process delivers them in one order and a reconnecting
 * client (Last-Event-ID) catches up from any process. Only the latest are kept.
 */
export const strategyEvents = k.table(
  'strategy_events',
  {
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    seq: k.integer('seq').notNull(),
    /** The StrategyEvent (shared/events) as sent. */
    event: k.json<Record<string, unknown>>('event').notNull(),
    createdAt: createdAt(),
  },
  (t) => [k.primaryKey({ columns: [t.strategyId, t.seq] })],
);

/** The last sequence number given to a strategy's events. */
export const strategyEventHeads = k.table('strategy_event_heads', {
  strategyId: k
    .text('strategy_id')
    .primaryKey()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  seq: k.integer('seq').notNull(),
});
