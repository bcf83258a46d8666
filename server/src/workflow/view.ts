import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Actor } from '@samstrat/shared/access';
import { contentHash } from '@samstrat/shared/content-hash';
import { isRole } from '@samstrat/shared/roles';
import {
  approvalsNeeded,
  availableActions,
  councilsWaiting,
  type Stage,
  type WorkflowAction,
} from '@samstrat/shared/workflow';
import type { Deps } from '../context';
import { memberships, organizations, strategies, users } from '../db/schema';
import { versions } from '../db/schema-versions';
import {
  consultationMeetings,
  politicalDecisions,
  workflowApprovals,
  workflowHistory,
  workflowMandates,
} from '../db/schema-workflow';
import { strategyContent } from '../strategies/content';
import { gateFindings } from './gate-findings';
import { strategyPublication } from './publication';
import type { Person, WorkflowView } from '@samstrat/shared/workflow-view';

export type { WorkflowView };
import { loadWorkflowState } from './state';

const person = (id: string | null, name: string | null): Person | null => (id && name !== null ? { id, name } : null);

const actorUser = alias(users, 'actor_user');

/** The workflow of one strategy as a member sees it; the caller holds `workflow.read`. */
export async function workflowView(deps: Deps, strategyId: string, actor: Actor): Promise<WorkflowView> {
  const { db } = deps;
  const { state, record } = await loadWorkflowState(db, strategyId);
  const currentHash = contentHash(await strategyContent(deps, strategyId));

  const candidate = record.candidateVersionId
    ? ((
        await db
          .select({
            versionId: versions.id,
            number: versions.number,
            contentHash: versions.contentHash,
            createdAt: versions.createdAt,
          })
          .from(versions)
          .where(eq(versions.id, record.candidateVersionId))
          .limit(1)
      )[0] ?? null)
    : null;

  const steeringMembers = await db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.strategyId, strategyId), eq(memberships.role, 'steering')))
    .orderBy(asc(users.name));

  const approvals = (
    await db
      .select({
        id: workflowApprovals.id,
        round: workflowApprovals.round,
        stage: workflowApprovals.stage,
        userId: users.id,
        userName: users.name,
        decision: workflowApprovals.decision,
        reason: workflowApprovals.reason,
        contentHash: workflowApprovals.contentHash,
        versionId: workflowApprovals.versionId,
        at: workflowApprovals.at,
      })
      .from(workflowApprovals)
      .leftJoin(users, eq(users.id, workflowApprovals.userId))
      .where(eq(workflowApprovals.strategyId, strategyId))
      .orderBy(desc(workflowApprovals.at))
  ).map(({ userId, userName, at, ...a }) => ({ ...a, user: person(userId, userName), at: at.toISOString() }));

  const history = (
    await db
      .select({
        id: workflowHistory.id,
        from: workflowHistory.fromStage,
        to: workflowHistory.toStage,
        action: workflowHistory.action,
        actorId: users.id,
        actorName: users.name,
        note: workflowHistory.note,
        versionId: workflowHistory.versionId,
        versionNumber: versions.number,
        contentHash: workflowHistory.contentHash,
        at: workflowHistory.at,
      })
      .from(workflowHistory)
      .leftJoin(users, eq(users.id, workflowHistory.actorId))
      .leftJoin(versions, eq(versions.id, workflowHistory.versionId))
      .where(eq(workflowHistory.strategyId, strategyId))
      .orderBy(desc(workflowHistory.id))
  ).map(({ actorId, actorName, at, ...h }) => ({ ...h, actor: person(actorId, actorName), at: at.toISOString() }));

  const mandateRow = (
    await db
      .select({
        periodStart: workflowMandates.periodStart,
        periodEnd: workflowMandates.periodEnd,
        deadline: workflowMandates.deadline,
        leaderId: users.id,
        leaderName: users.name,
        note: workflowMandates.note,
        givenById: actorUser.id,
        givenByName: actorUser.name,
        givenAt: workflowMandates.givenAt,
      })
      .from(workflowMandates)
      .leftJoin(users, eq(users.id, workflowMandates.projectLeaderId))
      .leftJoin(actorUser, eq(actorUser.id, workflowMandates.givenBy))
      .where(eq(workflowMandates.strategyId, strategyId))
      .limit(1)
  )[0];
  const mandate = mandateRow
    ? {
        periodStart: mandateRow.periodStart,
        periodEnd: mandateRow.periodEnd,
        deadline: mandateRow.deadline,
        projectLeader: person(mandateRow.leaderId, mandateRow.leaderName),
        note: mandateRow.note,
        givenBy: person(mandateRow.givenById, mandateRow.givenByName),
        givenAt: mandateRow.givenAt.toISOString(),
      }
    : null;

  const meetings = (
    await db
      .select({
        id: consultationMeetings.id,
        date: consultationMeetings.date,
        participants: consultationMeetings.participants,
        minutes: consultationMeetings.minutes,
        // The employer that held it (a joint strategy has one meeting per participating employer).
        organizationId: consultationMeetings.organizationId,
        unionRepresentativeIds: consultationMeetings.unionRepresentativeIds,
        recordedById: users.id,
        recordedByName: users.name,
        recordedAt: consultationMeetings.recordedAt,
      })
      .from(consultationMeetings)
      .leftJoin(users, eq(users.id, consultationMeetings.recordedBy))
      .where(eq(consultationMeetings.strategyId, strategyId))
      .orderBy(desc(consultationMeetings.date))
  ).map(({ recordedById, recordedByName, recordedAt, unionRepresentativeIds, ...m }) => ({
    ...m,
    unionRepresentativeIds: unionRepresentativeIds ?? [],
    recordedBy: person(recordedById, recordedByName),
    recordedAt: recordedAt.toISOString(),
  }));

  const decisions = (
    await db
      .select({
        id: politicalDecisions.id,
        round: politicalDecisions.round,
        council: politicalDecisions.council,
        saksnummer: politicalDecisions.saksnummer,
        meetingDate: politicalDecisions.meetingDate,
        decision: politicalDecisions.decision,
        note: politicalDecisions.note,
        appliedVersionId: politicalDecisions.appliedVersionId,
        recordedById: users.id,
        recordedByName: users.name,
        at: politicalDecisions.at,
      })
      .from(politicalDecisions)
      .leftJoin(users, eq(users.id, politicalDecisions.recordedBy))
      .where(eq(politicalDecisions.strategyId, strategyId))
      .orderBy(desc(politicalDecisions.at))
  ).map(({ recordedById, recordedByName, at, ...d }) => ({
    ...d,
    recordedBy: person(recordedById, recordedByName),
    at: at.toISOString(),
  }));

  const projectLeaderCandidates = await db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.strategyId, strategyId), eq(memberships.role, 'leader')))
    .orderBy(asc(users.name));

  // The union representatives a drøftingsmøte recorded by the caller may name: the strategy's union
  // members of the caller's own organization, the recording employer (Hovedavtalen § 1-4).
  const callerOrganization = (
    await db.select({ id: users.organizationId }).from(users).where(eq(users.id, actor.userId)).limit(1)
  )[0]?.id;
  const unionRepresentativeCandidates = callerOrganization
    ? await db
        .select({ id: users.id, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(
            eq(memberships.strategyId, strategyId),
            eq(memberships.role, 'union'),
            eq(users.organizationId, callerOrganization),
          ),
        )
        .orderBy(asc(users.name))
    : [];

  const approvedIds = new Set(state.steeringApprovals);
  const actions = availableActions(state, actor);
  return {
    stage: state.stage,
    frozen: state.frozen,
    contentHash: record.candidateHash && (state.frozen || state.changesPending) ? record.candidateHash : currentHash,
    currentHash,
    round: record.round,
    candidate: candidate ? { ...candidate, createdAt: candidate.createdAt.toISOString() } : null,
    settings: { ...state.settings, councils: [...state.settings.councils] },
    changesPending: state.changesPending,
    actions,
    // Computed only for someone about to submit: it reads the whole text.
    gateFindings: actions.includes('submit') ? await gateFindings(deps, strategyId) : [],
    steering: {
      needed: approvalsNeeded(state),
      approved: steeringMembers.filter((m) => approvedIds.has(m.id)).length,
      members: steeringMembers.map((m) => ({ ...m, approved: approvedIds.has(m.id) })),
    },
    approvals,
    history,
    mandate,
    meetings,
    decisions,
    councilsWaiting: state.stage === 'politisk' ? councilsWaiting(state) : [],
    projectLeaderCandidates,
    unionRepresentativeCandidates,
    publication: await strategyPublication(deps, strategyId),
  };
}

export interface PendingApproval {
  strategyId: string;
  title: string;
  stage: Stage;
  actions: WorkflowAction[];
  /** The strategy's own organization's executive title, which its stage is named by (see StrategySummary). */
  executiveTitle: string;
}

const APPROVAL_ACTIONS: readonly WorkflowAction[] = [
  'steering_approve',
  'executive_approve',
  'record_decision',
  'adopt_changed_version',
];

/** The caller's strategies waiting for their decision: the inbox entry for gates and political treatment. */
export async function pendingApprovals(deps: Deps, userId: string): Promise<PendingApproval[]> {
  const mine = await deps.db
    .select({
      strategyId: memberships.strategyId,
      role: memberships.role,
      title: strategies.title,
      executiveTitle: organizations.executiveTitle,
    })
    .from(memberships)
    .innerJoin(strategies, eq(strategies.id, memberships.strategyId))
    .innerJoin(organizations, eq(organizations.id, strategies.organizationId))
    .where(
      and(eq(memberships.userId, userId), inArray(strategies.stage, ['styringsgruppe', 'godkjenning', 'politisk'])),
    );
  const pending: PendingApproval[] = [];
  for (const { strategyId, role, title, executiveTitle } of mine) {
    if (!isRole(role)) continue;
    const { state } = await loadWorkflowState(deps.db, strategyId);
    const actions = availableActions(state, { userId, role }).filter((a) => APPROVAL_ACTIONS.includes(a));
    if (actions.length > 0) pending.push({ strategyId, title, stage: state.stage, actions, executiveTitle });
  }
  return pending;
}
