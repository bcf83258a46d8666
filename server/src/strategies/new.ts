import { eq } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import { can } from '@samstrat/shared/access';
import {
  templateOutline,
  type NewStrategyBody,
  type OutlineDraft,
  type WrittenForm,
} from '@samstrat/shared/new-strategy';
import type { Deps, SessionUser } from '../context';
import type { Reader } from '../db/client';
import { memberships, organizations, strategies } from '../db/schema';
import { versions } from '../db/schema-versions';
import { publications, strategyWorkflows } from '../db/schema-workflow';
import { audit } from '../audit';
import { AppError, notFound } from '../errors';
import { participantIds } from '@samstrat/shared/participants';
import { addParticipants } from './participants';
import { loadStrategyAccess, organizationActor } from '../access/load';
import { storedSections } from '../versions/versions';
import { strategyContent } from './content';
import { createStrategy } from './create';

/** An outline with the text of each of its sections (ProseMirror JSON) by key. */
interface StartingText {
  outline: OutlineDraft[];
  content: Map<string, JSONContent>;
  /** The version the text was copied from, when it was the adopted one. */
  fromVersionId: string | null;
}

/**
 * The version a strategy was adopted as: the published one, else the candidate the workflow froze
 * and adopted; null when the strategy is not adopted.
 */
async function adoptedVersionId(db: Reader, strategyId: string): Promise<string | null> {
  const row = (
    await db
      .select({
        stage: strategies.stage,
        published: publications.versionId,
        candidate: strategyWorkflows.candidateVersionId,
      })
      .from(strategies)
      .leftJoin(publications, eq(publications.strategyId, strategies.id))
      .leftJoin(strategyWorkflows, eq(strategyWorkflows.strategyId, strategies.id))
      .where(eq(strategies.id, strategyId))
      .limit(1)
  )[0];
  if (row?.stage !== 'vedtatt') return null;
  return row.published ?? row.candidate ?? null;
}

/**
 * The text a next period starts from: the earlier strategy's adopted version (outline and text as
 * adopted), or else its text now. Only read, never written: the earlier strategy stays as it was.
 * Goals keep their `goalId`s (they are attributes of the copied nodes), so follow-up carries on.
 * 404 unless the earlier strategy is of the caller's organization and they may read it (a member,
 * or an admin of the organization).
 */
async function earlierStrategyText(deps: Deps, user: SessionUser, sourceId: string): Promise<StartingText> {
  const source = (
    await deps.db
      .select({ organizationId: strategies.organizationId })
      .from(strategies)
      .where(eq(strategies.id, sourceId))
      .limit(1)
  )[0];
  const access = source && (await loadStrategyAccess(deps.db, sourceId, user));
  if (!source || !access || source.organizationId !== user.organizationId) throw notFound();
  if (!access.actor.orgAdmin && !can(access.actor, 'strategy.read', access.strategy)) throw notFound();

  const versionId = await adoptedVersionId(deps.db, sourceId);
  const row =
    versionId &&
    (
      await deps.db.select({ sections: versions.sections }).from(versions).where(eq(versions.id, versionId)).limit(1)
    )[0];
  const sections = row ? storedSections(row.sections) : await strategyContent(deps, sourceId);
  return {
    outline: sections.map(({ key, number, title, parentKey }) => ({ key, number, title, parentKey })),
    content: new Map(sections.map((s) => [s.key, s.content])),
    fromVersionId: row ? versionId : null,
  };
}

/** The outline and text of a strategy from the template or empty, in its written form; null for a next period. */
function startingText(body: NewStrategyBody, form: WrittenForm): StartingText | null {
  switch (body.start.kind) {
    case 'template':
      return {
        outline: templateOutline(body.start.areas, body.start.ownAreas, form),
        content: new Map(),
        fromVersionId: null,
      };
    case 'empty':
      return { outline: [], content: new Map(), fromVersionId: null };
    case 'next':
      return null;
  }
}

/**
 * "Ny strategi": creates a strategy of the caller's organization from the template (chosen areas
 * plus the municipality's own), an empty outline, or the next period of an earlier strategy. The
 * caller becomes its leader; the strategy, its outline, text, membership and the audit entry
 * (`strategy.created`) are written in one transaction. The route has authorized `strategy.create`.
 * With `participants` it is a joint strategy of those organizations too, its councils bound to them
 * (shared/participants: only an admin of the caller's organization may name them).
 * Answers the new strategy's id. Errors: 404 when the earlier strategy is not one the caller may read;
 * 403 `participants_admin_only`; 400 `unknown_organization`.
 */
export async function newStrategy(deps: Deps, user: SessionUser, body: NewStrategyBody): Promise<string> {
  const others = participantIds(user.organizationId, body.participants ?? []).slice(1);
  // Making a strategy joint commits the municipality: its admins' decision (shared/participants).
  if (others.length > 0 && !can(organizationActor(user), 'strategy.proposeJoint', { kind: 'organization' })) {
    throw new AppError('participants_admin_only', 403);
  }
  const earlier = body.start.kind === 'next' ? await earlierStrategyText(deps, user, body.start.fromStrategyId) : null;
  return await deps.db.transaction(async (tx) => {
    const organization = (
      await tx
        .select({ name: organizations.name, writtenForm: organizations.writtenForm })
        .from(organizations)
        .where(eq(organizations.id, user.organizationId))
        .limit(1)
    )[0];
    if (!organization) throw notFound();
    const writtenForm = body.writtenForm ?? (organization.writtenForm === 'nn' ? 'nn' : 'nb');
    // The template's headings and starting text come in the strategy's written form.
    const start = earlier ?? startingText(body, writtenForm);
    if (!start) throw notFound();
    const id = await createStrategy(
      tx,
      {
        organizationId: user.organizationId,
        title: body.title,
        municipality: organization.name,
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
        writtenForm,
      },
      start.outline,
      start.content,
    );
    await tx.insert(memberships).values({ strategyId: id, userId: user.id, role: 'leader' });
    const participants = await addParticipants(tx, id, user.organizationId, others, user.id);
    await audit(tx, {
      strategyId: id,
      actorId: user.id,
      subjectId: user.id,
      action: 'strategy.created',
      detail: {
        title: body.title,
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
        writtenForm,
        start: body.start.kind,
        sections: start.outline.length,
        ...(participants.length > 0 ? { participants: participants.map((p) => p.organizationId) } : {}),
        ...(body.start.kind === 'next'
          ? { fromStrategyId: body.start.fromStrategyId, fromVersionId: start.fromVersionId }
          : {}),
      },
    });
    return id;
  });
}
