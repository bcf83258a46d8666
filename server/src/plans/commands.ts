import { randomUUID } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import {
  isUnfinished,
  measureProblem,
  mergeMeasureEdit,
  statusConflict,
  type FieldConflict,
  type MeasureFields,
  type MeasureStatus,
  type StatusUpdateInput,
  type UpdateMeasureInput,
} from '@samstrat/shared/action-plans';
import type { Actor } from '@samstrat/shared/access';
import { enforce } from '../access/authorize';
import { audit } from '../audit';
import type { Deps } from '../context';
import type { Reader, Tx } from '../db/client';
import { strategies } from '../db/schema';
import { actionPlans, measureStatusNotes, measures } from '../db/schema-plans';
import { AppError, notFound } from '../errors';
import { findPlan, possibleOwners } from './read';
import { liveGoals } from './goals';
import { answerRequests } from './rounds';

// Commands on action plans. Each runs in one transaction: the change, its audit entry, then the
// event that tells open plan pages to refetch — in that order.

/** The 409 of an edit that met someone else's change to the same field; nothing of the edit is saved. */
export function conflictError(conflicts: readonly FieldConflict<string>[]): AppError {
  return new AppError('plan_conflict', 409, undefined, { conflicts });
}

/**
 * Creates the strategy's plan for `year` (within the strategy period). When the previous year has a
 * plan, its unfinished measures (planned, started, postponed) are carried forward with their status
 * and fields; they keep their lineage, so their status history comes along.
 * Errors: `plan_year_outside_period` 400, `plan_exists` 409.
 */
export async function createPlan(deps: Deps, strategyId: string, actorId: string, year: number): Promise<void> {
  await deps.db.transaction((tx) => createPlanIn(deps, tx, strategyId, actorId, year));
}

/** `createPlan` inside the caller's transaction, with the rows that go with it; answers the new plan's id. */
export async function createPlanIn(
  deps: Deps,
  tx: Tx,
  strategyId: string,
  actorId: string,
  year: number,
): Promise<string> {
  const [strategy] = await tx
    .select({ start: strategies.periodStart, end: strategies.periodEnd })
    .from(strategies)
    .where(eq(strategies.id, strategyId))
    .limit(1);
  if (!strategy) throw notFound();
  if (year < strategy.start || year > strategy.end) throw new AppError('plan_year_outside_period', 400);
  if (await findPlan(tx, strategyId, year)) throw new AppError('plan_exists', 409);
  const previous = await findPlan(tx, strategyId, year - 1);
  const planId = randomUUID();
  try {
    await tx.insert(actionPlans).values({
      id: planId,
      strategyId,
      year,
      state: 'draft',
      carriedFromId: previous?.id ?? null,
      createdBy: actorId,
    });
  } catch (err) {
    // Two leaders at once: the unique index keeps one plan per year.
    if (await findPlan(deps.db, strategyId, year)) throw new AppError('plan_exists', 409);
    throw err;
  }
  let carried = 0;
  if (previous) {
    const rows = await tx.select().from(measures).where(eq(measures.planId, previous.id));
    const unfinished = rows
      .filter((m) => isUnfinished(m.status as MeasureStatus))
      .sort((a, b) => a.position - b.position);
    for (const [position, m] of unfinished.entries()) {
      await tx.insert(measures).values({
        id: randomUUID(),
        planId,
        strategyId,
        lineageId: m.lineageId,
        fields: m.fields,
        ownerId: m.ownerId,
        status: m.status,
        position,
      });
    }
    carried = unfinished.length;
  }
  await audit(tx, { strategyId, actorId, subjectId: planId, action: 'plan.created', detail: { year, carried } });
  await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year });
  return planId;
}

/** Refuses fields that do not hold together, an owner who may not own, or a goal not in the text now. */
export async function checkFields(
  deps: Deps,
  strategyId: string,
  fields: MeasureFields,
  previousGoalIds: readonly string[] = [],
): Promise<void> {
  const problem = measureProblem(fields);
  if (problem) throw new AppError(problem, 400);
  const owners = await possibleOwners(deps.db, strategyId);
  if (!owners.some((o) => o.id === fields.ownerId)) throw new AppError('plan_owner_invalid', 400);
  // Goals the measure already names may have left the text (it is then "uten mål"); new ones must be there.
  const added = fields.goalIds.filter((id) => !previousGoalIds.includes(id));
  if (added.length > 0) {
    const live = new Set((await liveGoals(deps, strategyId)).map((g) => g.goalId));
    if (added.some((id) => !live.has(id))) throw new AppError('plan_goal_unknown', 400);
  }
}

async function planOrNotFound(tx: Reader, strategyId: string, year: number) {
  const plan = await findPlan(tx, strategyId, year);
  if (!plan) throw notFound();
  return plan;
}

/** Adds a measure to the year's plan, status planned. Errors: see `checkFields`; no plan 404. Answers its id. */
export async function addMeasure(
  deps: Deps,
  strategyId: string,
  actorId: string,
  year: number,
  fields: MeasureFields,
): Promise<string> {
  await checkFields(deps, strategyId, fields);
  return await deps.db.transaction(async (tx) => {
    const plan = await planOrNotFound(tx, strategyId, year);
    return await insertMeasure(deps, tx, { strategyId, actorId, year, planId: plan.id, fields });
  });
}

/**
 * Inserts a checked measure last in the plan, audited (`measure.created`, with `detail` added) and
 * announced, inside the caller's transaction. Answers its id.
 */
export async function insertMeasure(
  deps: Deps,
  tx: Tx,
  m: { strategyId: string; actorId: string; year: number; planId: string; fields: MeasureFields },
  detail: Record<string, unknown> = {},
): Promise<string> {
  const { strategyId, actorId, year, planId, fields } = m;
  const id = randomUUID();
  const [last] = await tx
    .select({ position: max(measures.position) })
    .from(measures)
    .where(eq(measures.planId, planId));
  await tx.insert(measures).values({
    id,
    planId,
    strategyId,
    lineageId: id,
    fields,
    ownerId: fields.ownerId,
    status: 'planned',
    position: (last?.position ?? -1) + 1,
  });
  await audit(tx, {
    strategyId,
    actorId,
    subjectId: id,
    action: 'measure.created',
    detail: { year, title: fields.title, ...detail },
  });
  await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year, measureId: id });
  return id;
}

async function loadMeasure(tx: Reader, strategyId: string, year: number, measureId: string) {
  const plan = await planOrNotFound(tx, strategyId, year);
  const [row] = await tx
    .select()
    .from(measures)
    .where(and(eq(measures.id, measureId), eq(measures.planId, plan.id)))
    .limit(1);
  if (!row) throw notFound();
  return row;
}

/** How often an edit is merged again after another write slipped in between its read and its write. */
const MAX_ATTEMPTS = 5;

/**
 * Changes some fields of a measure, merged field by field (shared/action-plans `mergeMeasureEdit`):
 * fields nobody else changed since `base` are saved; a field someone else changed meanwhile is a
 * conflict (409 `plan_conflict` with both values) and nothing is saved. The write is conditional on
 * the version read, so two edits at once on either database are merged, never overwritten.
 */
export async function updateMeasure(
  deps: Deps,
  strategyId: string,
  actorId: string,
  year: number,
  measureId: string,
  input: UpdateMeasureInput,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await loadMeasure(deps.db, strategyId, year, measureId);
    const { merged, conflicts, changed } = mergeMeasureEdit(current.fields, input.base, input.changes);
    if (conflicts.length > 0) throw conflictError(conflicts);
    if (changed.length === 0) return;
    await checkFields(deps, strategyId, merged, current.fields.goalIds);
    const written = await deps.db.transaction(async (tx) => {
      const rows = await tx
        .update(measures)
        .set({ fields: merged, ownerId: merged.ownerId, version: current.version + 1, updatedAt: new Date() })
        .where(and(eq(measures.id, measureId), eq(measures.version, current.version)))
        .returning({ id: measures.id });
      if (rows.length === 0) return false;
      await audit(tx, {
        strategyId,
        actorId,
        subjectId: measureId,
        action: 'measure.updated',
        detail: { year, fields: changed },
      });
      await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year, measureId });
      return true;
    });
    if (written) return;
  }
  throw new AppError('plan_conflict', 409, undefined, { conflicts: [] });
}

/** Removes a measure from the year's plan (its status history stays with earlier years' rows). */
export async function deleteMeasure(
  deps: Deps,
  strategyId: string,
  actorId: string,
  year: number,
  measureId: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await loadMeasure(tx, strategyId, year, measureId);
    await tx.delete(measures).where(eq(measures.id, measureId));
    await audit(tx, {
      strategyId,
      actorId,
      subjectId: measureId,
      action: 'measure.deleted',
      detail: { year, title: row.fields.title },
    });
    await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year, measureId });
  });
}

/**
 * Records a status report with its note on the measure's history; only its owner or a leader may
 * (`measure.reportStatus`, judged on the measure). A report over a status someone else has changed
 * meanwhile is a 409 conflict with both statuses.
 */
export async function reportStatus(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  year: number,
  measureId: string,
  input: StatusUpdateInput,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const written = await deps.db.transaction(async (tx) => {
      const row = await loadMeasure(tx, strategyId, year, measureId);
      enforce(actor, 'measure.reportStatus', { kind: 'measure', ownerId: row.ownerId });
      const conflict = statusConflict(row.status as MeasureStatus, input);
      if (conflict) throw conflictError([conflict]);
      const rows = await tx
        .update(measures)
        .set({ status: input.status, version: row.version + 1, updatedAt: new Date() })
        .where(and(eq(measures.id, measureId), eq(measures.version, row.version)))
        .returning({ id: measures.id });
      if (rows.length === 0) return false;
      await tx.insert(measureStatusNotes).values({
        id: randomUUID(),
        lineageId: row.lineageId,
        strategyId,
        year,
        status: input.status,
        note: input.note,
        authorId: actor.userId,
      });
      // The report answers the measure's request in the open status round, if one asks.
      await answerRequests(tx, measureId, new Date());
      await audit(tx, {
        strategyId,
        actorId: actor.userId,
        subjectId: measureId,
        action: 'measure.status_reported',
        detail: { year, from: row.status, to: input.status },
      });
      await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year, measureId });
      return true;
    });
    if (written) return;
  }
  throw conflictError([]);
}
