import { and, eq } from 'drizzle-orm';
import { can, type Actor } from '@samstrat/shared/access';
import type { NotificationKind } from '@samstrat/shared/comments';
import { availableActions, type Stage, type WorkflowAction, type WorkflowState } from '@samstrat/shared/workflow';
import { isRole, type Role } from '@samstrat/shared/roles';
import type { Tx } from '../db/client';
import { memberships, organizations, sections, strategies, users } from '../db/schema';
import { commentThreads } from '../db/schema-comments';
import { loadStrategyTarget } from '../access/load';
import type { Mailer } from './outbox';

/**
 * Where the events of the domain become mails: each function runs in the event's transaction and
 * enqueues one mail per recipient, keyed by the event, so a mail exists if and only if its event does.
 */

/** The comment notifications just written (comments/notifications.ts), one mail each. */
export async function enqueueCommentMails(
  tx: Tx,
  mail: Mailer,
  input: {
    strategyId: string;
    threadId: string;
    actorId: string;
    written: { id: string; userId: string; kind: NotificationKind }[];
  },
): Promise<void> {
  if (!mail.enabled || input.written.length === 0) return;
  const place = (
    await tx
      .select({
        strategyTitle: strategies.title,
        sectionKey: commentThreads.sectionKey,
        sectionTitle: sections.title,
      })
      .from(commentThreads)
      .innerJoin(strategies, eq(strategies.id, commentThreads.strategyId))
      .leftJoin(
        sections,
        and(eq(sections.strategyId, commentThreads.strategyId), eq(sections.key, commentThreads.sectionKey)),
      )
      .where(eq(commentThreads.id, input.threadId))
      .limit(1)
  )[0];
  const actor = (await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actorId)).limit(1))[0];
  const strategy = await loadStrategyTarget(tx, input.strategyId);
  if (!place || !actor || !strategy) return;
  for (const n of input.written) {
    // Only someone who may read the strategy's comments hears of one (as the inbox shows them).
    const role = await roleOf(tx, input.strategyId, n.userId);
    if (!role || !can({ userId: n.userId, role }, 'comment.read', strategy)) continue;
    await mail.enqueue(tx, {
      kind: n.kind,
      eventKey: `notification:${n.id}`,
      to: { userId: n.userId },
      payload: {
        strategyId: input.strategyId,
        strategyTitle: place.strategyTitle,
        threadId: input.threadId,
        sectionKey: place.sectionKey,
        sectionTitle: place.sectionTitle ?? place.sectionKey,
        actorName: actor.name,
      },
    });
  }
}

/** The actions that are someone's decision to take: their pending approval (workflow/view.ts). */
const DECISIONS: readonly WorkflowAction[] = [
  'steering_approve',
  'executive_approve',
  'record_decision',
  'adopt_changed_version',
];

/** The roles that write the text: they hear when it is frozen or returned. */
const WRITERS: readonly Role[] = ['leader', 'editor', 'advisor'];

/**
 * After a workflow transition (workflow/transition.ts): "waiting for you" to every member but the
 * actor who now has a decision to take and did not before (keyed by round and stage: one mail per person per
 * gate and round), and to the writers "frozen" or "returned" (keyed by the history entry).
 */
export async function enqueueWorkflowMails(
  tx: Tx,
  mail: Mailer,
  input: {
    strategyId: string;
    actor: Actor;
    before: WorkflowState;
    after: WorkflowState;
    round: number;
    effects: readonly string[];
    historyId: number;
    note: string | null;
  },
): Promise<void> {
  if (!mail.enabled) return;
  // The gate's name follows the strategy's own organization's executive title (issue 13).
  const strategy = (
    await tx
      .select({ title: strategies.title, executiveTitle: organizations.executiveTitle })
      .from(strategies)
      .innerJoin(organizations, eq(organizations.id, strategies.organizationId))
      .where(eq(strategies.id, input.strategyId))
      .limit(1)
  )[0];
  const actorName = (
    await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actor.userId)).limit(1)
  )[0]?.name;
  if (!strategy || !actorName) return;
  const members = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.strategyId, input.strategyId));
  const stage: Stage = input.after.stage;
  for (const { userId, role } of members) {
    if (!isRole(role)) continue;
    const member = { userId, role };
    const decides = (state: WorkflowState) => availableActions(state, member).some((a) => DECISIONS.includes(a));
    if (
      userId !== input.actor.userId &&
      (stage === 'styringsgruppe' || stage === 'godkjenning' || stage === 'politisk') &&
      decides(input.after) &&
      (input.before.stage !== stage || !decides(input.before))
    ) {
      await mail.enqueue(tx, {
        kind: 'approval',
        eventKey: `approval:${input.strategyId}:${input.round}:${stage}`,
        to: { userId },
        payload: {
          strategyId: input.strategyId,
          strategyTitle: strategy.title,
          stage,
          executiveTitle: strategy.executiveTitle,
        },
      });
    }
    if (userId === input.actor.userId || !WRITERS.includes(role)) continue;
    const kind = input.effects.includes('returned') ? 'returned' : input.effects.includes('freeze') ? 'frozen' : null;
    if (kind) {
      await mail.enqueue(tx, {
        kind,
        eventKey: `workflow:${input.strategyId}:${input.historyId}`,
        to: { userId },
        payload: {
          strategyId: input.strategyId,
          strategyTitle: strategy.title,
          actorName,
          reason: kind === 'returned' ? input.note : null,
        },
      });
    }
  }
}

async function roleOf(tx: Tx, strategyId: string, userId: string): Promise<Role | null> {
  const row = (
    await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.strategyId, strategyId), eq(memberships.userId, userId)))
      .limit(1)
  )[0];
  return row && isRole(row.role) ? row.role : null;
}
