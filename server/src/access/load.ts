import { and, asc, eq } from 'drizzle-orm';
import type {
  Actor,
  CommentTarget,
  SectionTarget,
  StrategyTarget,
  SuggestionTarget,
  ThreadTarget,
} from '@samstrat/shared/access';
import { isRole } from '@samstrat/shared/roles';
import { isStage } from '@samstrat/shared/workflow';
import type { SessionUser } from '../context';
import type { Db } from '../db/client';
import { memberships, sectionOwners, sections, strategies } from '../db/schema';
import type { comments, commentThreads } from '../db/schema-comments';
import { strategyWorkflows } from '../db/schema-workflow';
import { takesPart } from '../strategies/participants';

/**
 * The one place the server builds what shared/access judges: actors from memberships, targets from
 * the rows that carry their state. Routes, commands, the socket's rights and the event stream ask
 * `can()` with what these give, and add no condition of their own.
 */

/** The caller as shared/access sees them in their own organization (account administration). */
export function organizationActor(
  user: Pick<SessionUser, 'id' | 'isAdmin' | 'createsStrategies' | 'isOperator'>,
): Actor {
  return {
    userId: user.id,
    role: null,
    orgAdmin: user.isAdmin,
    createsStrategies: user.createsStrategies,
    operator: user.isOperator,
  };
}

/** The database or an open transaction. */
type Reader = Pick<Db, 'select'>;

/**
 * The strategy with its stage and frozen text, or null when it does not exist. An archived strategy
 * is read-only: its text counts as frozen (so the socket's rights and every text action follow), and
 * shared/access refuses every other change to it (`archived`).
 */
export async function loadStrategyTarget(db: Reader, strategyId: string): Promise<StrategyTarget | null> {
  const row = (
    await db
      .select({ stage: strategies.stage, frozen: strategyWorkflows.frozen, archivedAt: strategies.archivedAt })
      .from(strategies)
      .leftJoin(strategyWorkflows, eq(strategyWorkflows.strategyId, strategies.id))
      .where(eq(strategies.id, strategyId))
      .limit(1)
  )[0];
  if (!row) return null;
  // A stage this version does not know is taken as a draft, as the workflow does.
  const archived = row.archivedAt !== null;
  return {
    kind: 'strategy',
    stage: isStage(row.stage) ? row.stage : 'utkast',
    frozen: (row.frozen ?? false) || archived,
    archived,
  };
}

/** A member's role, or null when they are not a member (or hold a role this version does not know). */
export async function memberRole(db: Reader, strategyId: string, userId: string) {
  const row = (
    await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.strategyId, strategyId), eq(memberships.userId, userId)))
      .limit(1)
  )[0];
  // An unknown role grants nothing rather than guessing at its rights.
  return row && isRole(row.role) ? row.role : null;
}

export interface StrategyAccess {
  strategyId: string;
  actor: Actor;
  strategy: StrategyTarget;
}

/**
 * The caller as shared/access sees them in one strategy, with the strategy; null when the strategy
 * does not exist. An organization admin counts as such only for their own organization's strategies.
 */
export async function loadStrategyAccess(
  db: Reader,
  strategyId: string,
  user: SessionUser,
): Promise<StrategyAccess | null> {
  const row = (
    await db
      .select({ organizationId: strategies.organizationId })
      .from(strategies)
      .where(eq(strategies.id, strategyId))
      .limit(1)
  )[0];
  const strategy = row && (await loadStrategyTarget(db, strategyId));
  if (!row || !strategy) return null;
  const ownOrganization = user.organizationId === row.organizationId;
  const actor: Actor = {
    userId: user.id,
    role: await memberRole(db, strategyId, user.id),
    orgAdmin: user.isAdmin && ownOrganization,
    // An admin of a participating organization brings in their own people (shared/participants).
    partnerAdmin: user.isAdmin && !ownOrganization && (await takesPart(db, strategyId, user.organizationId)),
  };
  return { strategyId, actor, strategy };
}

/** Every section of the outline as shared/access sees it, in outline order, by key. */
export async function loadSectionTargets(
  db: Reader,
  strategyId: string,
  strategy: StrategyTarget,
): Promise<Map<string, SectionTarget>> {
  const owners = new Map<string, string[]>();
  for (const { key, userId } of await db
    .select({ key: sectionOwners.sectionKey, userId: sectionOwners.userId })
    .from(sectionOwners)
    .where(eq(sectionOwners.strategyId, strategyId))) {
    owners.set(key, [...(owners.get(key) ?? []), userId]);
  }
  const outline = await db
    .select({ key: sections.key, restricted: sections.restricted })
    .from(sections)
    .where(eq(sections.strategyId, strategyId))
    .orderBy(asc(sections.position));
  return new Map(
    outline.map(({ key, restricted }) => [
      key,
      { kind: 'section', strategy, restricted, ownerIds: owners.get(key) ?? [], removed: false },
    ]),
  );
}

/** A section of the outline, or null when the outline has no such key. */
export async function loadSectionTarget(
  db: Reader,
  strategyId: string,
  key: string,
  strategy: StrategyTarget,
): Promise<SectionTarget | null> {
  const section = (
    await db
      .select({ restricted: sections.restricted })
      .from(sections)
      .where(and(eq(sections.strategyId, strategyId), eq(sections.key, key)))
      .limit(1)
  )[0];
  if (!section) return null;
  const ownerIds = (
    await db
      .select({ id: sectionOwners.userId })
      .from(sectionOwners)
      .where(and(eq(sectionOwners.strategyId, strategyId), eq(sectionOwners.sectionKey, key)))
  ).map((row) => row.id);
  return { kind: 'section', strategy, restricted: section.restricted, ownerIds, removed: false };
}

/** The section a thread is about; one removed from the outline since is `removed`. */
export function removedSection(strategy: StrategyTarget): SectionTarget {
  return { kind: 'section', strategy, restricted: false, ownerIds: [], removed: true };
}

type ThreadRow = Pick<typeof commentThreads.$inferSelect, 'authorId' | 'suggestionStatus'>;
type CommentRow = Pick<typeof comments.$inferSelect, 'authorId' | 'deletedAt' | 'hiddenAt'>;

export function commentTarget(row: CommentRow): CommentTarget {
  return { kind: 'comment', authorId: row.authorId, deleted: row.deletedAt !== null, hidden: row.hiddenAt !== null };
}

export function threadTarget(row: ThreadRow, section: SectionTarget): ThreadTarget {
  return { kind: 'thread', authorId: row.authorId, section };
}

/** The thread's suggestion, or null when the thread proposes no text. */
export function suggestionTarget(row: ThreadRow, section: SectionTarget): SuggestionTarget | null {
  const status = row.suggestionStatus;
  if (status !== 'open' && status !== 'accepted' && status !== 'rejected') return null;
  return { kind: 'suggestion', status, section };
}
