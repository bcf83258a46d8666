import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { MeasureStatus } from '@samstrat/shared/action-plans';
import {
  answersByOwner,
  askedInRound,
  dueDateValid,
  notAnswered,
  osloToday,
  type StatusRoundInput,
} from '@samstrat/shared/status-rounds';
import { audit } from '../audit';
import type { Deps } from '../context';
import type { Reader, Tx } from '../db/client';
import { memberships, strategies, users } from '../db/schema';
import { actionPlans, measures, statusRequests, statusRounds } from '../db/schema-plans';
import { AppError, notFound } from '../errors';
import { findPlan } from './read';

// Status rounds: a leader asks the owners of a plan's unfinished measures for their status by a
// day; the status report (commands.ts `reportStatus`) answers the request; the leader sees who has
// not answered and reminds them. Mails go through the outbox in the same transaction.

async function planOrNotFound(db: Reader, strategyId: string, year: number) {
  const plan = await findPlan(db, strategyId, year);
  if (!plan) throw notFound();
  return plan;
}

async function nameOf(tx: Reader, userId: string): Promise<string> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.name ?? '';
}

async function titleOf(tx: Reader, strategyId: string): Promise<string> {
  const [row] = await tx
    .select({ title: strategies.title })
    .from(strategies)
    .where(eq(strategies.id, strategyId))
    .limit(1);
  return row?.title ?? '';
}

/** One mail per owner, in the command's transaction, keyed so a retry never sends it twice. */
async function mailOwners(
  deps: Deps,
  tx: Tx,
  kind: 'status_round' | 'status_reminder',
  key: string,
  owners: Map<string, number>,
  round: { strategyId: string; year: number; dueDate: string; message: string; actorId: string },
): Promise<void> {
  if (!deps.mail.enabled) return;
  const strategyTitle = await titleOf(tx, round.strategyId);
  const actorName = await nameOf(tx, round.actorId);
  for (const [ownerId, count] of owners) {
    await deps.mail.enqueue(tx, {
      kind,
      eventKey: `${key}:${ownerId}`,
      to: { userId: ownerId },
      payload: {
        strategyId: round.strategyId,
        strategyTitle,
        year: round.year,
        actorName,
        dueDate: round.dueDate,
        count,
        message: round.message,
      },
    });
  }
}

/**
 * Starts a status round on the year's plan: one request per unfinished measure, to its owner, due
 * `dueDate`; the plan's open round, if any, is closed. Mails each owner once (`status_round`).
 * Errors: no plan 404; `plan_due_date_past` 400; `plan_round_nothing_to_ask` 409 (no unfinished measure).
 * Answers the round's id.
 */
export async function startStatusRound(
  deps: Deps,
  strategyId: string,
  actorId: string,
  year: number,
  input: StatusRoundInput,
  now: Date = new Date(),
): Promise<string> {
  if (!dueDateValid(input.dueDate, osloToday(now))) throw new AppError('plan_due_date_past', 400);
  const roundId = randomUUID();
  await deps.db.transaction(async (tx) => {
    const plan = await planOrNotFound(tx, strategyId, year);
    const rows = await tx
      .select({ id: measures.id, ownerId: measures.ownerId, status: measures.status })
      .from(measures)
      .where(eq(measures.planId, plan.id));
    const asked = rows.filter((r) => askedInRound(r.status as MeasureStatus));
    if (asked.length === 0) throw new AppError('plan_round_nothing_to_ask', 409);
    await tx
      .update(statusRounds)
      .set({ closedAt: now })
      .where(and(eq(statusRounds.planId, plan.id), isNull(statusRounds.closedAt)));
    await tx.insert(statusRounds).values({
      id: roundId,
      planId: plan.id,
      strategyId,
      dueDate: input.dueDate,
      message: input.message,
      createdBy: actorId,
    });
    for (const m of asked) await tx.insert(statusRequests).values({ id: randomUUID(), roundId, measureId: m.id });
    const owners = new Map<string, number>();
    for (const m of asked) owners.set(m.ownerId, (owners.get(m.ownerId) ?? 0) + 1);
    await mailOwners(deps, tx, 'status_round', `status_round:${roundId}`, owners, {
      strategyId,
      year,
      dueDate: input.dueDate,
      message: input.message,
      actorId,
    });
    await audit(tx, {
      strategyId,
      actorId,
      subjectId: roundId,
      action: 'plan.status_round_started',
      detail: { year, dueDate: input.dueDate, asked: asked.length, owners: owners.size },
    });
    await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year });
  });
  return roundId;
}

/** The open round of a plan, or null. */
async function openRound(db: Reader, planId: string) {
  const [round] = await db
    .select()
    .from(statusRounds)
    .where(and(eq(statusRounds.planId, planId), isNull(statusRounds.closedAt)))
    .orderBy(desc(statusRounds.createdAt))
    .limit(1);
  return round ?? null;
}

/** A round's requests with the measure's owner now and whether each is answered. */
async function requestsOf(db: Reader, roundId: string) {
  return await db
    .select({
      measureId: measures.id,
      title: measures.fields,
      ownerId: measures.ownerId,
      ownerName: users.name,
      answeredAt: statusRequests.answeredAt,
    })
    .from(statusRequests)
    .innerJoin(measures, eq(measures.id, statusRequests.measureId))
    .leftJoin(users, eq(users.id, measures.ownerId))
    .where(eq(statusRequests.roundId, roundId))
    .orderBy(asc(measures.position));
}

/**
 * Reminds the owners of the open round who have not answered all their requests (`status_reminder`,
 * once per owner and reminder). Errors: no plan or no open round 404; `plan_round_all_answered` 409.
 * Answers how many owners were reminded.
 */
export async function remindStatusRound(
  deps: Deps,
  strategyId: string,
  actorId: string,
  year: number,
): Promise<number> {
  return await deps.db.transaction(async (tx) => {
    const plan = await planOrNotFound(tx, strategyId, year);
    const round = await openRound(tx, plan.id);
    if (!round) throw notFound();
    const requests = await requestsOf(tx, round.id);
    const answers = answersByOwner(requests.map((r) => ({ ownerId: r.ownerId, answered: r.answeredAt !== null })));
    const owed = notAnswered(answers);
    if (owed.length === 0) throw new AppError('plan_round_all_answered', 409);
    const reminder = round.reminders + 1;
    await tx
      .update(statusRounds)
      .set({ reminders: reminder, remindedAt: new Date() })
      .where(eq(statusRounds.id, round.id));
    const owners = new Map(
      answers.filter((a) => owed.includes(a.ownerId)).map((a) => [a.ownerId, a.asked - a.answered]),
    );
    await mailOwners(deps, tx, 'status_reminder', `status_reminder:${round.id}:${reminder}`, owners, {
      strategyId,
      year,
      dueDate: round.dueDate,
      message: round.message,
      actorId,
    });
    await audit(tx, {
      strategyId,
      actorId,
      subjectId: round.id,
      action: 'plan.status_reminder_sent',
      detail: { year, owners: owed.length, reminder },
    });
    await deps.events.publishIn(tx, strategyId, { type: 'plan.changed', year });
    return owed.length;
  });
}

/** Marks the open requests about a measure answered: called in the status report's transaction. */
export async function answerRequests(tx: Tx, measureId: string, at: Date): Promise<void> {
  const open = await tx
    .select({ id: statusRequests.id })
    .from(statusRequests)
    .innerJoin(statusRounds, eq(statusRounds.id, statusRequests.roundId))
    .where(
      and(eq(statusRequests.measureId, measureId), isNull(statusRequests.answeredAt), isNull(statusRounds.closedAt)),
    );
  if (open.length === 0) return;
  await tx
    .update(statusRequests)
    .set({ answeredAt: at })
    .where(
      inArray(
        statusRequests.id,
        open.map((r) => r.id),
      ),
    );
}

export interface RoundView {
  id: string;
  dueDate: string;
  message: string;
  createdAt: string;
  reminders: number;
  remindedAt: string | null;
  /** Per owner, those who owe an answer first. */
  owners: {
    owner: { id: string; name: string };
    asked: number;
    answered: number;
    measures: { id: string; title: string; answered: boolean }[];
  }[];
}

/** The plan's open round with who has answered, or null. */
export async function roundView(db: Reader, planId: string): Promise<RoundView | null> {
  const round = await openRound(db, planId);
  if (!round) return null;
  const requests = await requestsOf(db, round.id);
  const answers = answersByOwner(requests.map((r) => ({ ownerId: r.ownerId, answered: r.answeredAt !== null })));
  return {
    id: round.id,
    dueDate: round.dueDate,
    message: round.message,
    createdAt: round.createdAt.toISOString(),
    reminders: round.reminders,
    remindedAt: round.remindedAt?.toISOString() ?? null,
    owners: answers.map((a) => {
      const mine = requests.filter((r) => r.ownerId === a.ownerId);
      return {
        owner: { id: a.ownerId, name: mine[0]?.ownerName ?? '' },
        asked: a.asked,
        answered: a.answered,
        measures: mine.map((r) => ({ id: r.measureId, title: r.title.title, answered: r.answeredAt !== null })),
      };
    }),
  };
}

export interface StatusRequestView {
  strategyId: string;
  strategyTitle: string;
  year: number;
  dueDate: string;
  message: string;
  measure: { id: string; title: string; status: MeasureStatus };
}

/**
 * The caller's inbox of status requests: unanswered requests of open rounds about measures they own,
 * in strategies they are still a member of, soonest due first.
 */
export async function statusRequestsFor(db: Reader, userId: string): Promise<StatusRequestView[]> {
  const rows = await db
    .select({
      strategyId: statusRounds.strategyId,
      strategyTitle: strategies.title,
      year: actionPlans.year,
      dueDate: statusRounds.dueDate,
      message: statusRounds.message,
      measureId: measures.id,
      fields: measures.fields,
      status: measures.status,
      position: measures.position,
    })
    .from(statusRequests)
    .innerJoin(statusRounds, eq(statusRounds.id, statusRequests.roundId))
    .innerJoin(measures, eq(measures.id, statusRequests.measureId))
    .innerJoin(actionPlans, eq(actionPlans.id, statusRounds.planId))
    .innerJoin(strategies, eq(strategies.id, statusRounds.strategyId))
    .innerJoin(
      memberships,
      and(eq(memberships.strategyId, statusRounds.strategyId), eq(memberships.userId, measures.ownerId)),
    )
    .where(
      and(
        eq(measures.ownerId, userId),
        isNull(statusRequests.answeredAt),
        isNull(statusRounds.closedAt),
        isNull(strategies.archivedAt),
      ),
    )
    .orderBy(asc(statusRounds.dueDate), asc(strategies.title), asc(measures.position));
  return rows.map((r) => ({
    strategyId: r.strategyId,
    strategyTitle: r.strategyTitle,
    year: r.year,
    dueDate: r.dueDate,
    message: r.message,
    measure: { id: r.measureId, title: r.fields.title, status: r.status as MeasureStatus },
  }));
}
