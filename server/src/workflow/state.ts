import { and, eq } from 'drizzle-orm';
import { DEFAULT_SETTINGS, isStage, type Quorum, type WorkflowState } from '@samstrat/shared/workflow';
import type { Reader, Tx } from '../db/client';
import { memberships, strategies } from '../db/schema';
import { politicalDecisions, strategyWorkflows, workflowApprovals } from '../db/schema-workflow';
import { notFound } from '../errors';
import { councilOrganizations } from '@samstrat/shared/participants';
import { loadParticipants } from '../strategies/participants';

/** The workflow row of a strategy as stored, with the defaults for a strategy that has none yet. */
export interface WorkflowRecord {
  politicalRequired: boolean;
  quorum: Quorum;
  councils: string[];
  frozen: boolean;
  round: number;
  candidateVersionId: string | null;
  candidateHash: string | null;
  changesPending: boolean;
}

export async function workflowRecord(db: Reader, strategyId: string): Promise<WorkflowRecord> {
  const row = (
    await db.select().from(strategyWorkflows).where(eq(strategyWorkflows.strategyId, strategyId)).limit(1)
  )[0];
  return {
    politicalRequired: row?.politicalRequired ?? DEFAULT_SETTINGS.politicalRequired,
    quorum: row?.quorum ?? DEFAULT_SETTINGS.quorum,
    councils: row?.councils ?? [...DEFAULT_SETTINGS.councils],
    frozen: row?.frozen ?? false,
    round: row?.round ?? 0,
    candidateVersionId: row?.candidateVersionId ?? null,
    candidateHash: row?.candidateHash ?? null,
    changesPending: row?.changesPending ?? false,
  };
}

/** Writes the workflow row, creating it on a strategy's first change. */
export async function saveWorkflowRecord(db: Tx, strategyId: string, record: WorkflowRecord): Promise<void> {
  const values = { ...record, updatedAt: new Date() };
  await db
    .insert(strategyWorkflows)
    .values({ strategyId, ...values })
    .onConflictDoUpdate({ target: strategyWorkflows.strategyId, set: values });
}

/** Everything shared/workflow's rules need to decide on an action, read from the database. */
export async function loadWorkflowState(
  db: Reader,
  strategyId: string,
): Promise<{ state: WorkflowState; record: WorkflowRecord }> {
  const strategy = (
    await db.select({ stage: strategies.stage }).from(strategies).where(eq(strategies.id, strategyId)).limit(1)
  )[0];
  if (!strategy) throw notFound();
  const record = await workflowRecord(db, strategyId);
  const steeringMemberIds = (
    await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.strategyId, strategyId), eq(memberships.role, 'steering')))
  ).map((m) => m.userId);
  const steeringApprovals = (
    await db
      .select({ userId: workflowApprovals.userId })
      .from(workflowApprovals)
      .where(
        and(
          eq(workflowApprovals.strategyId, strategyId),
          eq(workflowApprovals.round, record.round),
          eq(workflowApprovals.stage, 'styringsgruppe'),
          eq(workflowApprovals.decision, 'approve'),
        ),
      )
  ).map((a) => a.userId);
  const decisions = (
    await db
      .select({
        council: politicalDecisions.council,
        decision: politicalDecisions.decision,
        applied: politicalDecisions.appliedVersionId,
      })
      .from(politicalDecisions)
      .where(and(eq(politicalDecisions.strategyId, strategyId), eq(politicalDecisions.round, record.round)))
  ).map((d) => ({ council: d.council, decision: d.decision, changesAdopted: d.applied !== null }));

  const state: WorkflowState = {
    // A stage this version does not know is treated as a draft rather than guessed at.
    stage: isStage(strategy.stage) ? strategy.stage : 'utkast',
    frozen: record.frozen,
    candidateHash: record.candidateHash,
    settings: { politicalRequired: record.politicalRequired, quorum: record.quorum, councils: record.councils },
    steeringMemberIds,
    steeringApprovals,
    decisions,
    changesPending: record.changesPending,
    councilOrganizations: councilOrganizations(await loadParticipants(db, strategyId)),
  };
  return { state, record };
}
