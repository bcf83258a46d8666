import { asc, count, desc, eq, inArray, or } from 'drizzle-orm';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import type { Actor } from '@samstrat/shared/access';
import { periodProblem, isStage, type Stage } from '@samstrat/shared/workflow';
import type { Deps } from '../context';
import type { Reader } from '../db/client';
import { memberships, organizations, sectionOwners, strategies, yjsHeads } from '../db/schema';
import { versions } from '../db/schema-versions';
import { commentThreads } from '../db/schema-comments';
import { audit } from '../audit';
import { AppError, notFound } from '../errors';
import { bumpRightsVersions, closeStrategySockets } from '../access/revocation';
import { joinedStrategyIds } from './participants';

/** What a leader may change of a strategy before it is adopted (`PATCH /api/strategies/:id`). */
export interface StrategySettingsInput {
  title?: string;
  periodStart?: number;
  periodEnd?: number;
}

async function strategyRow(db: Reader, strategyId: string) {
  const row = (await db.select().from(strategies).where(eq(strategies.id, strategyId)).limit(1))[0];
  if (!row) throw notFound();
  return row;
}

/**
 * Changes a strategy's title and/or period (at most four years, checked on the period as it would
 * be: 400 `period_invalid` / `period_too_long`). The route has authorized `strategy.configure` (its
 * leaders, refused once adopted or archived). Audited as `strategy.settings_changed` with what was
 * and what is; nothing is written when nothing changes.
 */
export async function updateStrategySettings(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  input: StrategySettingsInput,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await strategyRow(tx, strategyId);
    const next = {
      title: input.title ?? row.title,
      periodStart: input.periodStart ?? row.periodStart,
      periodEnd: input.periodEnd ?? row.periodEnd,
    };
    const problem = periodProblem(next.periodStart, next.periodEnd);
    if (problem) throw new AppError(problem, 400);
    const before = { title: row.title, periodStart: row.periodStart, periodEnd: row.periodEnd };
    if (JSON.stringify(before) === JSON.stringify(next)) return;
    await tx.update(strategies).set(next).where(eq(strategies.id, strategyId));
    await audit(tx, {
      strategyId,
      actorId: actor.userId,
      action: 'strategy.settings_changed',
      detail: { before, after: next },
    });
  });
}

/**
 * Archives a strategy (read-only for everyone, out of every list) or restores it. The route has
 * authorized `strategy.archive` (the organization's admins). Every open socket closes — 4409 on
 * archiving, so clients reconnect read-only; 4403 on restoring, so they get their edit rights back —
 * and the members' rights versions move, so a socket a revocation never reached stores nothing.
 * Audited as `strategy.archived` / `strategy.restored`; nothing happens when it already is so.
 */
export async function setArchived(deps: Deps, strategyId: string, actor: Actor, archived: boolean): Promise<void> {
  const changed = await deps.db.transaction(async (tx) => {
    const row = await strategyRow(tx, strategyId);
    if ((row.archivedAt !== null) === archived) return false;
    await tx
      .update(strategies)
      .set({ archivedAt: archived ? new Date() : null })
      .where(eq(strategies.id, strategyId));
    await bumpRightsVersions(tx, strategyId);
    await audit(tx, {
      strategyId,
      actorId: actor.userId,
      action: archived ? 'strategy.archived' : 'strategy.restored',
      detail: { title: row.title },
    });
    return true;
  });
  if (!changed) return;
  if (archived) closeStrategySockets(deps, strategyId, CLOSE_CODES.frozen, 'strategy archived');
  else closeStrategySockets(deps, strategyId, CLOSE_CODES.rightsChanged, 'strategy restored');
}

/**
 * Whether nobody has worked on the strategy yet: no update to its text since it was created, no
 * version, no comment thread, and no member but its creator. Only such a strategy may be deleted;
 * anything else is archived, so no work is ever lost.
 */
export async function isEmptyStrategy(db: Reader, strategyId: string): Promise<boolean> {
  const head = (await db.select({ seq: yjsHeads.seq }).from(yjsHeads).where(eq(yjsHeads.strategyId, strategyId)))[0];
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  const versionCount = await n(db.select({ n: count() }).from(versions).where(eq(versions.strategyId, strategyId)));
  const threadCount = await n(
    db.select({ n: count() }).from(commentThreads).where(eq(commentThreads.strategyId, strategyId)),
  );
  const memberCount = await n(
    db.select({ n: count() }).from(memberships).where(eq(memberships.strategyId, strategyId)),
  );
  return (head?.seq ?? 0) === 0 && versionCount === 0 && threadCount === 0 && memberCount <= 1;
}

/**
 * Deletes a strategy nobody has worked on (see isEmptyStrategy; else 409 `strategy_not_empty`). The
 * route has authorized `strategy.delete` (the organization's admins). The audit entry
 * (`strategy.deleted`, with the title) stays: the log keeps strategy ids without a reference.
 */
export async function deleteStrategy(deps: Deps, strategyId: string, actor: Actor): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await strategyRow(tx, strategyId);
    if (!(await isEmptyStrategy(tx, strategyId))) throw new AppError('strategy_not_empty', 409);
    await tx.delete(sectionOwners).where(eq(sectionOwners.strategyId, strategyId));
    await tx.delete(strategies).where(eq(strategies.id, strategyId));
    await audit(tx, {
      strategyId,
      actorId: actor.userId,
      action: 'strategy.deleted',
      detail: { title: row.title, periodStart: row.periodStart, periodEnd: row.periodEnd },
    });
  });
  closeStrategySockets(deps, strategyId, CLOSE_CODES.rightsChanged, 'strategy deleted');
}

/** One strategy of the organization as its admins manage it (`GET /api/admin/strategies`). */
export interface OrganizationStrategy {
  id: string;
  title: string;
  periodStart: number;
  periodEnd: number;
  stage: Stage;
  archived: boolean;
  /** Nobody has worked on it yet: it may be deleted. */
  empty: boolean;
  /** Another organization created it and this one takes part (a joint strategy): its admins invite, not archive. */
  partner: boolean;
  /** The strategy's own organization's executive title, which its stage is named by (see StrategySummary). */
  executiveTitle: string;
}

/**
 * Every strategy of the organization, archived ones too, newest period first, and the joint ones of
 * other organizations it takes part in (shared/participants). For its admins.
 */
export async function organizationStrategies(db: Reader, organizationId: string): Promise<OrganizationStrategy[]> {
  const joined = await joinedStrategyIds(db, organizationId);
  const rows = await db
    .select({
      id: strategies.id,
      title: strategies.title,
      periodStart: strategies.periodStart,
      periodEnd: strategies.periodEnd,
      stage: strategies.stage,
      archivedAt: strategies.archivedAt,
      organizationId: strategies.organizationId,
      executiveTitle: organizations.executiveTitle,
    })
    .from(strategies)
    .innerJoin(organizations, eq(organizations.id, strategies.organizationId))
    .where(
      joined.length > 0
        ? or(eq(strategies.organizationId, organizationId), inArray(strategies.id, joined))
        : eq(strategies.organizationId, organizationId),
    )
    .orderBy(desc(strategies.periodStart), asc(strategies.title));
  return await Promise.all(
    rows.map(async ({ archivedAt, stage, organizationId: owner, ...row }) => ({
      ...row,
      partner: owner !== organizationId,
      stage: isStage(stage) ? stage : 'utkast',
      archived: archivedAt !== null,
      empty: await isEmptyStrategy(db, row.id),
    })),
  );
}
