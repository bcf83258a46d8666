import { and, asc, eq, inArray } from 'drizzle-orm';
import { isWithoutGoal, type MeasureFields, type MeasureStatus, type PlanState } from '@samstrat/shared/action-plans';
import { MEASURE_ABILITIES, present, roleMay, type Actor, type MeasureAbilities } from '@samstrat/shared/access';
import { isRole } from '@samstrat/shared/roles';
import type { Deps } from '../context';
import type { Reader } from '../db/client';
import { memberships, strategies, users } from '../db/schema';
import { actionPlans, measureStatusNotes, measures } from '../db/schema-plans';
import { liveGoals, type LiveGoal } from './goals';

export interface PlanSummary {
  id: string;
  year: number;
  state: PlanState;
  measureCount: number;
}

/** The strategy's plans by year, with its period (the years a plan may be made for). */
export async function listPlans(
  db: Reader,
  strategyId: string,
): Promise<{ period: { start: number; end: number }; plans: PlanSummary[] }> {
  const [strategy] = await db
    .select({ start: strategies.periodStart, end: strategies.periodEnd })
    .from(strategies)
    .where(eq(strategies.id, strategyId))
    .limit(1);
  const plans = await db
    .select({ id: actionPlans.id, year: actionPlans.year, state: actionPlans.state })
    .from(actionPlans)
    .where(eq(actionPlans.strategyId, strategyId))
    .orderBy(asc(actionPlans.year));
  const rows = plans.length
    ? await db
        .select({ planId: measures.planId })
        .from(measures)
        .where(
          inArray(
            measures.planId,
            plans.map((p) => p.id),
          ),
        )
    : [];
  return {
    period: strategy ?? { start: 0, end: 0 },
    plans: plans.map((p) => ({
      ...p,
      state: p.state as PlanState,
      measureCount: rows.filter((r) => r.planId === p.id).length,
    })),
  };
}

export interface StatusNote {
  id: string;
  year: number;
  status: MeasureStatus;
  note: string;
  /** ISO date-time of the report. */
  at: string;
  by: { id: string; name: string } | null;
}

export interface MeasureView extends MeasureFields {
  id: string;
  lineageId: string;
  status: MeasureStatus;
  owner: { id: string; name: string } | null;
  /** Each goal the measure names, with its words as the text has them now; null when it is gone from the text. */
  goals: { goalId: string; text: string | null; sectionKey: string | null }[];
  /** None of its goals is in the text any more ("uten mål"): computed now, never stored. */
  withoutGoal: boolean;
  history: StatusNote[];
  /** True when the measure came from the previous year's plan. */
  carried: boolean;
  abilities: MeasureAbilities;
}

export interface PlanView {
  plan: { id: string; year: number; state: PlanState; carriedFromYear: number | null; createdAt: string };
  goals: LiveGoal[];
  measures: MeasureView[];
  /** Who may own a measure: members whose role may report status. */
  owners: { id: string; name: string }[];
}

export async function findPlan(db: Reader, strategyId: string, year: number) {
  const [plan] = await db
    .select()
    .from(actionPlans)
    .where(and(eq(actionPlans.strategyId, strategyId), eq(actionPlans.year, year)))
    .limit(1);
  return plan ?? null;
}

/** The members who may own a measure (their role may report status), by name. */
export async function possibleOwners(db: Reader, strategyId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.strategyId, strategyId))
    .orderBy(asc(users.name));
  return rows
    .filter((r) => isRole(r.role) && roleMay(r.role, 'measure.reportStatus'))
    .map(({ id, name }) => ({ id, name }));
}

/** One year's plan with its measures, their goals' live words, status history and the caller's abilities; null if none. */
export async function planView(deps: Deps, strategyId: string, year: number, actor: Actor): Promise<PlanView | null> {
  const plan = await findPlan(deps.db, strategyId, year);
  if (!plan) return null;
  const goals = await liveGoals(deps, strategyId);
  const byId = new Map(goals.map((g) => [g.goalId, g]));
  const live = new Set(byId.keys());
  const rows = await deps.db
    .select({ m: measures, ownerName: users.name })
    .from(measures)
    .leftJoin(users, eq(users.id, measures.ownerId))
    .where(eq(measures.planId, plan.id))
    .orderBy(asc(measures.position));
  const lineages = rows.map((r) => r.m.lineageId);
  const notes = lineages.length
    ? await deps.db
        .select({ n: measureStatusNotes, name: users.name })
        .from(measureStatusNotes)
        .leftJoin(users, eq(users.id, measureStatusNotes.authorId))
        .where(inArray(measureStatusNotes.lineageId, lineages))
        .orderBy(asc(measureStatusNotes.createdAt))
    : [];
  let carriedFromYear: number | null = null;
  if (plan.carriedFromId) {
    const [from] = await deps.db
      .select({ year: actionPlans.year })
      .from(actionPlans)
      .where(eq(actionPlans.id, plan.carriedFromId))
      .limit(1);
    carriedFromYear = from?.year ?? null;
  }
  return {
    plan: {
      id: plan.id,
      year: plan.year,
      state: plan.state as PlanState,
      carriedFromYear,
      createdAt: plan.createdAt.toISOString(),
    },
    goals,
    measures: rows.map(({ m, ownerName }) => ({
      ...m.fields,
      id: m.id,
      lineageId: m.lineageId,
      status: m.status as MeasureStatus,
      owner: ownerName === null ? null : { id: m.ownerId, name: ownerName },
      goals: m.fields.goalIds.map((goalId) => ({
        goalId,
        text: byId.get(goalId)?.text ?? null,
        sectionKey: byId.get(goalId)?.sectionKey ?? null,
      })),
      withoutGoal: isWithoutGoal(m.fields.goalIds, live),
      history: notes
        .filter(({ n }) => n.lineageId === m.lineageId)
        .map(({ n, name }) => ({
          id: n.id,
          year: n.year,
          status: n.status as MeasureStatus,
          note: n.note,
          at: n.createdAt.toISOString(),
          by: n.authorId && name !== null ? { id: n.authorId, name } : null,
        })),
      carried: m.lineageId !== m.id,
      abilities: present(actor, { kind: 'measure', ownerId: m.ownerId }, MEASURE_ABILITIES),
    })),
    owners: await possibleOwners(deps.db, strategyId),
  };
}
