import { asc, eq } from 'drizzle-orm';
import type { MeasureFields, PlanState } from '@samstrat/shared/action-plans';
import {
  approvalHolds,
  planContentHash,
  transitionProblem,
  type PlanDecisionInput,
} from '@samstrat/shared/plan-approval';
import { audit } from '../audit';
import type { Deps } from '../context';
import type { Reader } from '../db/client';
import { users } from '../db/schema';
import { actionPlans, measures } from '../db/schema-plans';
import { AppError, notFound } from '../errors';
import { findPlan } from './read';

// A plan's approval: the executive approves its content (bound to shared/plan-approval
// `planContentHash`), a political decision may be recorded, and follow-up starts. A content change
// after approval voids it (computed, shown on the plan); status reports do not.

/** The content hash of the plan as stored now: its measures' fields in the plan's order. */
export async function currentContentHash(db: Reader, planId: string, year: number): Promise<string> {
  const rows = await db
    .select({ fields: measures.fields })
    .from(measures)
    .where(eq(measures.planId, planId))
    .orderBy(asc(measures.position));
  return planContentHash(
    year,
    rows.map((r) => r.fields as MeasureFields),
  );
}

export interface ApprovalView {
  /** The content hash now: what an approval would be bound to. */
  contentHash: string;
  /** The recorded approval, and whether the content is still what was approved. */
  approved: { at: string; by: string | null; holds: boolean } | null;
  decision: { date: string; caseNumber: string } | null;
}

/** The plan's approval as the plan page shows it. */
export async function approvalView(db: Reader, plan: typeof actionPlans.$inferSelect): Promise<ApprovalView> {
  const contentHash = await currentContentHash(db, plan.id, plan.year);
  let by: string | null = null;
  if (plan.approvedBy) {
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, plan.approvedBy)).limit(1);
    by = row?.name ?? null;
  }
  return {
    contentHash,
    approved:
      plan.approvedHash && plan.approvedAt
        ? {
            at: plan.approvedAt.toISOString(),
            by,
            holds: approvalHolds(plan.state as PlanState, plan.approvedHash, contentHash),
          }
        : null,
    decision:
      plan.decisionDate && plan.decisionCaseNumber
        ? { date: plan.decisionDate, caseNumber: plan.decisionCaseNumber }
        : null,
  };
}

async function planOrNotFound(db: Reader, strategyId: string, year: number) {
  const plan = await findPlan(db, strategyId, year);
  if (!plan) throw notFound();
  return plan;
}

/**
 * The executive approves the plan as it is now. `seenHash` is the content hash the approver was
 * shown: content changed meanwhile is not approved unseen (409 `plan_changed_since_seen`). A draft
 * becomes approved; a plan whose approval was voided is approved again in its state.
 * Errors: no plan 404; `plan_approval_current` 409 (already approved as it is).
 */
export async function approvePlan(
  deps: Deps,
  strategyId: string,
  actorId: string,
  year: number,
  seenHash: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const plan = await planOrNotFound(tx, strategyId, year);
    const hash = await currentContentHash(tx, plan.id, year);
    if (hash !== seenHash) throw new AppError('plan_changed_since_seen', 409);
    const problem = transitionProblem('approve', plan.state as PlanState, plan.approvedHash, hash);
    if (problem) throw new AppError(problem, 409);
    const state: PlanState = plan.state === 'draft' ? 'approved' : (plan.state as PlanState);
    await tx
      .update(actionPlans)
      .set({ state, approvedHash: hash, approvedBy: actorId, approvedAt: new Date() })
      .where(eq(actionPlans.id, plan.id));
    await audit(tx, {
      strategyId,
      actorId,
      subjectId: plan.id,
      action: 'plan.approved',
      detail: { year, contentHash: hash, renewed: plan.approvedHash !== null },
    });
    await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year });
  });
}

/**
 * Records the political decision on an approved plan (kommunestyret, with the budget and
 * økonomiplan): its date and case number; a later record replaces it (audited both times).
 * Errors: no plan 404; `plan_state_invalid` 409 while the plan is a draft.
 */
export async function recordPlanDecision(
  deps: Deps,
  strategyId: string,
  actorId: string,
  year: number,
  input: PlanDecisionInput,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const plan = await planOrNotFound(tx, strategyId, year);
    if (plan.state === 'draft') throw new AppError('plan_state_invalid', 409);
    await tx
      .update(actionPlans)
      .set({ decisionDate: input.date, decisionCaseNumber: input.caseNumber })
      .where(eq(actionPlans.id, plan.id));
    await audit(tx, {
      strategyId,
      actorId,
      subjectId: plan.id,
      action: 'plan.decision_recorded',
      detail: { year, date: input.date, caseNumber: input.caseNumber },
    });
    await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year });
  });
}

/**
 * Starts following up an approved plan whose approval still holds.
 * Errors: no plan 404; `plan_state_invalid` 409 (not approved); `plan_approval_void` 409 (content changed).
 */
export async function startFollowUp(deps: Deps, strategyId: string, actorId: string, year: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const plan = await planOrNotFound(tx, strategyId, year);
    const hash = await currentContentHash(tx, plan.id, year);
    const problem = transitionProblem('startFollowUp', plan.state as PlanState, plan.approvedHash, hash);
    if (problem) throw new AppError(problem, 409);
    await tx.update(actionPlans).set({ state: 'followUp' }).where(eq(actionPlans.id, plan.id));
    await audit(tx, { strategyId, actorId, subjectId: plan.id, action: 'plan.follow_up_started', detail: { year } });
    await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year });
  });
}
