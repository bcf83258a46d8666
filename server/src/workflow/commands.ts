import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '@samstrat/shared/access';
import type { Locale } from '@samstrat/shared/errors';
import { councilOf, periodProblem, type PoliticalDecision, type Quorum } from '@samstrat/shared/workflow';
import type { Deps } from '../context';
import { memberships, strategies, users } from '../db/schema';
import {
  consultationMeetings,
  politicalDecisions,
  strategyWorkflows,
  workflowApprovals,
  workflowMandates,
} from '../db/schema-workflow';
import { AppError } from '../errors';
import { recordReturnReasons, type ReturnKind } from './reasons';
import { loadWorkflowState } from './state';
import { keepsBoundCouncils } from '@samstrat/shared/participants';
import { loadParticipants, takesPart } from '../strategies/participants';
import { runTransition, type TransitionContext, type TransitionResult } from './transition';

// One command per workflow action. Each is one call of runTransition: one transaction (the rules,
// the rows, the history, the audit entry), then the socket closes, then the event.

export interface MandateInput {
  periodStart: number;
  periodEnd: number;
  deadline: string;
  projectLeaderId: string;
  note?: string;
}

/** The executive's mandate: period (at most four years), deadline and project leader. */
export async function giveMandate(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  input: MandateInput,
): Promise<TransitionResult> {
  const problem = periodProblem(input.periodStart, input.periodEnd);
  if (problem) throw new AppError(problem, 400);
  const leader = (
    await deps.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.strategyId, strategyId), eq(memberships.userId, input.projectLeaderId)))
      .limit(1)
  )[0];
  if (leader?.role !== 'leader') throw new AppError('invalid_project_leader', 400);
  const values = {
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    deadline: input.deadline,
    projectLeaderId: input.projectLeaderId,
    note: input.note?.trim() || null,
    givenBy: actor.userId,
    givenAt: new Date(),
  };
  return await runTransition(
    deps,
    strategyId,
    actor,
    'give_mandate',
    { note: input.note },
    {
      write: async ({ tx }) => {
        await tx
          .insert(workflowMandates)
          .values({ strategyId, ...values })
          .onConflictDoUpdate({ target: workflowMandates.strategyId, set: values });
        // The strategy's period is the mandate's: the header, the list and the quality checks read it there.
        await tx
          .update(strategies)
          .set({ periodStart: input.periodStart, periodEnd: input.periodEnd })
          .where(eq(strategies.id, strategyId));
      },
      detail: {
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        deadline: input.deadline,
        projectLeaderId: input.projectLeaderId,
      },
    },
  );
}

export interface SettingsInput {
  politicalRequired: boolean;
  quorum: Quorum;
  councils: string[];
}

/** Political treatment or administrative adoption, the steering quorum, and the councils that adopt. */
export async function updateSettings(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  input: SettingsInput,
): Promise<TransitionResult> {
  const councils = [...new Set(input.councils.map((c) => c.trim()).filter(Boolean))];
  if (councils.length === 0) throw new AppError('bad_request', 400, 'at least one council');
  // A joint strategy's councils are its participants' (shared/participants).
  if (!keepsBoundCouncils(await loadParticipants(deps.db, strategyId), councils)) {
    throw new AppError('councils_bound', 409);
  }
  const values = { politicalRequired: input.politicalRequired, quorum: input.quorum, councils };
  return await runTransition(
    deps,
    strategyId,
    actor,
    'update_settings',
    {},
    {
      write: async ({ tx }) => {
        await tx.update(strategyWorkflows).set(values).where(eq(strategyWorkflows.strategyId, strategyId));
      },
      detail: values,
    },
  );
}

export async function startConsultation(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  note?: string,
): Promise<TransitionResult> {
  return await runTransition(deps, strategyId, actor, 'start_consultation', { note });
}

export interface MeetingInput {
  date: string;
  participants: string[];
  minutes: string;
  /** Members with the union role who took part: each of the recording employer. */
  unionRepresentativeIds?: string[];
  note?: string;
}

/**
 * The drøftingsmøte with the union representatives, recorded during Intern høring by an employer
 * taking part (`organizationId`, the recorder's): in a joint strategy each participating employer
 * records its own, with its own union representatives. Errors: 403 `meeting_not_participant`, 400
 * `union_representative_other_employer` for a representative who is not a union member of the
 * strategy from that employer.
 */
export async function recordMeeting(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  organizationId: string,
  input: MeetingInput,
): Promise<TransitionResult> {
  const id = randomUUID();
  const participants = input.participants.map((p) => p.trim()).filter(Boolean);
  if (participants.length === 0) throw new AppError('bad_request', 400, 'at least one participant');
  if (!(await takesPart(deps.db, strategyId, organizationId))) throw new AppError('meeting_not_participant', 403);
  const representatives = [...new Set(input.unionRepresentativeIds ?? [])];
  if (representatives.length > 0) {
    const own = await deps.db
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.strategyId, strategyId),
          eq(memberships.role, 'union'),
          eq(users.organizationId, organizationId),
          inArray(users.id, representatives),
        ),
      );
    if (own.length !== representatives.length) throw new AppError('union_representative_other_employer', 400);
  }
  return await runTransition(
    deps,
    strategyId,
    actor,
    'record_meeting',
    { note: input.note },
    {
      write: async ({ tx }) => {
        await tx.insert(consultationMeetings).values({
          id,
          strategyId,
          date: input.date,
          participants,
          minutes: input.minutes.trim(),
          organizationId,
          unionRepresentativeIds: representatives,
          recordedBy: actor.userId,
        });
      },
      // The audit entry names the meeting, not who was there: participants may be union representatives.
      detail: { meetingId: id, date: input.date, organizationId },
    },
  );
}

/** Freezes the text, saves it as the candidate version and sends it to the steering group. */
export async function submitToSteering(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  note?: string,
): Promise<TransitionResult> {
  return await runTransition(deps, strategyId, actor, 'submit', { note });
}

async function recordGateDecision(
  ctx: TransitionContext,
  deps: Deps,
  stage: 'styringsgruppe' | 'godkjenning',
  decision: 'approve' | 'return',
  reason: string | null,
) {
  await ctx.tx.insert(workflowApprovals).values({
    id: randomUUID(),
    strategyId: ctx.strategyId,
    round: ctx.record.round,
    stage,
    userId: ctx.actor.userId,
    decision,
    reason,
    contentHash: ctx.before.candidateHash ?? '',
    versionId: ctx.record.candidateVersionId,
  });
}

export interface GateInput {
  decision: 'approve' | 'return';
  contentHash?: string | null;
  note?: string;
  locale: Locale;
}

/**
 * A gate decision: a steering member's (`styringsgruppe`) or the executive's (`godkjenning`). An
 * approval names the candidate's hash; a return sends the text back to Utkast with the reason,
 * which is also posted as a comment thread.
 */
export async function decideAtGate(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  gate: 'styringsgruppe' | 'godkjenning',
  input: GateInput,
): Promise<TransitionResult> {
  const action =
    gate === 'styringsgruppe'
      ? input.decision === 'approve'
        ? 'steering_approve'
        : 'steering_return'
      : input.decision === 'approve'
        ? 'executive_approve'
        : 'executive_return';
  const reason = input.note?.trim() || null;
  const result = await runTransition(
    deps,
    strategyId,
    actor,
    action,
    { contentHash: input.contentHash, note: input.note },
    { write: async (ctx) => await recordGateDecision(ctx, deps, gate, input.decision, reason) },
  );
  if (result.effects.includes('returned')) {
    await recordReturnReasons(deps, strategyId, actor, action as ReturnKind, reason, input.locale);
  }
  return result;
}

export interface DecisionInput {
  council?: string;
  saksnummer: string;
  meetingDate: string;
  decision: PoliticalDecision;
  note?: string;
  locale: Locale;
}

/** Political treatment: the council's case number, meeting date and decision. */
export async function recordPoliticalDecision(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  organizationId: string,
  input: DecisionInput,
): Promise<TransitionResult> {
  // With one council the form need not name it; in a joint strategy it is the recorder's own.
  const { state } = await loadWorkflowState(deps.db, strategyId);
  const council = input.council?.trim() || councilOf(state, organizationId);
  const result = await runTransition(
    deps,
    strategyId,
    actor,
    'record_decision',
    { council, decision: input.decision, note: input.note, organizationId },
    {
      write: async (ctx) => {
        await ctx.tx.insert(politicalDecisions).values({
          id: randomUUID(),
          strategyId,
          round: ctx.record.round,
          council: council!,
          saksnummer: input.saksnummer.trim(),
          meetingDate: input.meetingDate,
          decision: input.decision,
          note: input.note?.trim() || null,
          recordedBy: actor.userId,
        });
      },
      detail: {
        council,
        saksnummer: input.saksnummer.trim(),
        meetingDate: input.meetingDate,
        decision: input.decision,
      },
    },
  );
  if (result.effects.includes('returned')) {
    const reason = [input.saksnummer.trim(), input.note?.trim()].filter(Boolean).join(': ');
    await recordReturnReasons(deps, strategyId, actor, 'not_adopted', reason || null, input.locale);
  }
  return result;
}

/**
 * After "adopted with changes": the leader has made the changes; the text is saved as a new version,
 * frozen again, and that version is what is adopted (and published once every council has adopted).
 */
export async function adoptChangedVersion(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  note?: string,
): Promise<TransitionResult> {
  return await runTransition(
    deps,
    strategyId,
    actor,
    'adopt_changed_version',
    { note },
    {
      write: async (ctx) => {
        await ctx.tx
          .update(politicalDecisions)
          .set({ appliedVersionId: ctx.record.candidateVersionId })
          .where(
            and(
              eq(politicalDecisions.strategyId, strategyId),
              eq(politicalDecisions.round, ctx.record.round),
              eq(politicalDecisions.decision, 'adopted_with_changes'),
            ),
          );
      },
    },
  );
}
