import { eq } from 'drizzle-orm';
import type { Actor } from '@samstrat/shared/access';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import {
  applyAction,
  type ActionInput,
  type Effect,
  type Stage,
  type WorkflowAction,
  type WorkflowState,
} from '@samstrat/shared/workflow';
import { audit } from '../audit';
import { bumpRightsVersions, closeStrategySockets } from '../access/revocation';
import type { Deps } from '../context';
import { strategies } from '../db/schema';
import { workflowHistory } from '../db/schema-workflow';
import { AppError } from '../errors';
import { createVersionIn, type VersionSummary } from '../versions/versions';
import type { Tx } from '../db/client';
import { publishAdoptedVersion } from './publication';
import { loadWorkflowState, saveWorkflowRecord, type WorkflowRecord } from './state';
import { enqueueWorkflowMails } from '../mail/events';

/** What an action's own writes get to see, inside the transaction. */
export interface TransitionContext {
  strategyId: string;
  actor: Actor;
  /** The state before and after, as shared/workflow decided. */
  before: WorkflowState;
  after: WorkflowState;
  from: Stage;
  to: Stage;
  effects: Effect[];
  /** The workflow row as it is saved (round and candidate already updated). */
  record: WorkflowRecord;
  /** The candidate version this action made, if it made one. */
  version: VersionSummary | null;
  /** The transaction everything is written in. */
  tx: Tx;
}

export interface TransitionResult {
  from: Stage;
  to: Stage;
  effects: Effect[];
  version: VersionSummary | null;
  /** The content hash the transition concerned: the candidate's, where there is one. */
  contentHash: string | null;
}

export interface TransitionOptions {
  /** The action's own rows (mandate, approval, decision…), written in the same transaction. */
  write?: (ctx: TransitionContext) => Promise<void>;
  /** Particulars for the history note and the audit entry. */
  detail?: Record<string, unknown>;
}

/**
 * Takes one workflow action as one command: in ONE transaction the rules decide (shared/workflow),
 * the stage, the workflow row, the candidate version, the action's own rows, the history entry and
 * the audit entry and the events are written; then the sockets whose rights changed are closed and
 * the events go out. The candidate is read from the stored text while the transaction holds back every other write
 * to it, and freezing moves every member's rights version in the same transaction, so nothing a
 * socket sends after the candidate was read is ever stored (collab/persistence checks the version).
 */
export async function runTransition(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  action: WorkflowAction,
  input: Omit<ActionInput, 'actor'>,
  options: TransitionOptions = {},
): Promise<TransitionResult> {
  const result = await deps.db.transaction(async (tx) => {
    const { state, record } = await loadWorkflowState(tx, strategyId);
    const outcome = applyAction(state, action, { ...input, actor });
    if (!outcome.ok) throw new AppError(outcome.refusal, outcome.status);

    const next: WorkflowRecord = {
      ...record,
      frozen: outcome.state.frozen,
      changesPending: outcome.state.changesPending,
    };
    if (outcome.to !== outcome.from) {
      await tx.update(strategies).set({ stage: outcome.to }).where(eq(strategies.id, strategyId));
    }

    let version: VersionSummary | null = null;
    if (outcome.effects.includes('candidate')) {
      // A new submission starts a new round: earlier approvals and decisions no longer count.
      if (action === 'submit') next.round = record.round + 1;
      // The version is made after the stage moved, so it is labelled with the stage it is a candidate for.
      version = await createVersionIn(deps, tx, strategyId, { kind: 'gate', actorId: actor.userId });
      next.candidateVersionId = version.id;
      next.candidateHash = version.contentHash;
    }
    await saveWorkflowRecord(tx, strategyId, next);
    if (outcome.effects.includes('freeze') || outcome.effects.includes('unfreeze')) {
      await bumpRightsVersions(tx, strategyId);
    }

    const ctx: TransitionContext = {
      strategyId,
      actor,
      before: state,
      after: outcome.state,
      from: outcome.from,
      to: outcome.to,
      effects: outcome.effects,
      record: next,
      version,
      tx,
    };
    await options.write?.(ctx);
    if (outcome.effects.includes('publish')) await publishAdoptedVersion(ctx);

    const contentHash = next.candidateHash;
    const note = input.note?.trim() || null;
    const history = await tx
      .insert(workflowHistory)
      .values({
        strategyId,
        fromStage: outcome.from,
        toStage: outcome.to,
        action,
        actorId: actor.userId,
        note,
        versionId: next.candidateVersionId,
        contentHash,
      })
      .returning({ id: workflowHistory.id });
    await audit(tx, {
      action: `workflow.${action}`,
      strategyId,
      actorId: actor.userId,
      detail: {
        from: outcome.from,
        to: outcome.to,
        versionId: next.candidateVersionId,
        contentHash,
        ...(note ? { note } : {}),
        ...options.detail,
      },
    });
    await enqueueWorkflowMails(tx, deps.mail, {
      strategyId,
      actor,
      before: state,
      after: outcome.state,
      round: next.round,
      effects: outcome.effects,
      historyId: history[0]!.id,
      note,
    });
    if (version) await deps.events.publishIn(tx, strategyId, { type: 'versions.changed', versionId: version.id });
    await deps.events.publishIn(tx, strategyId, { type: 'workflow.changed', stage: outcome.to });
    return { from: outcome.from, to: outcome.to, effects: outcome.effects, version, contentHash };
  });

  if (result.effects.includes('freeze')) {
    closeStrategySockets(deps, strategyId, CLOSE_CODES.frozen, 'text frozen');
  } else if (result.effects.includes('unfreeze')) {
    closeStrategySockets(deps, strategyId, CLOSE_CODES.rightsChanged, 'text open for editing');
  }
  return result;
}
