import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Action } from '@samstrat/shared/access';
import {
  createThreadInput,
  markNotificationsReadInput,
  rejectSuggestionInput,
  replyInput,
  threadFilters,
  updateCommentInput,
} from '@samstrat/shared/comments';
import type { AppEnv, Deps } from '../context';
import { memberships, users } from '../db/schema';
import { currentUser } from '../auth/middleware';
import { authorize, onStrategy, signedIn, strategyScope, type ActionChooser } from '../access/authorize';
import { validate } from '../validate';
import { createThread, deleteComment, editBody, reply, setHidden, setStatus } from '../comments/commands';
import { commentScope, loadComment } from '../comments/load';
import { inbox, markRead } from '../comments/notifications';
import { findThreadView, listThreads, threadView } from '../comments/read';
import { acceptSuggestion, rejectSuggestion } from '../comments/suggestions';
import { notFound } from '../errors';

const isObject = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null;

/** A new thread proposes text when it carries a suggestion. */
const threadActions: ActionChooser = (body) =>
  isObject(body) ? [body.suggestion === undefined ? 'comment.create' : 'suggestion.create'] : null;

/** Each change a PATCH names needs its own right: the body its author's, hiding a moderator's, the status a resolver's. */
const COMMENT_CHANGES = { body: 'comment.edit', hidden: 'comment.moderate', status: 'thread.resolve' } as const;
const commentChanges: ActionChooser = (body) => {
  if (!isObject(body)) return null;
  const actions: Action[] = Object.entries(COMMENT_CHANGES).flatMap(([key, action]) =>
    body[key] === undefined ? [] : [action],
  );
  return actions.length > 0 ? actions : null;
};

/** `/api/strategies/:id/comments`: a strategy's threads, and new ones. */
export function strategyCommentRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/:id/comments', onStrategy(deps.db, 'comment.read'), validate('query', threadFilters), async (c) => {
      const { strategyId, actor } = c.var.access;
      return c.json({ threads: await listThreads(deps, strategyId, actor, c.req.valid('query')) });
    })
    .post(
      '/:id/comments',
      authorize(strategyScope(deps.db), ['comment.create', 'suggestion.create'], threadActions),
      validate('json', createThreadInput),
      async (c) => {
        const { strategyId, actor } = c.var.access;
        const threadId = await createThread(deps, strategyId, actor, c.req.valid('json'));
        return c.json(await threadView(deps, threadId, actor), 201);
      },
    )
    .get('/:id/comments/mentionable', onStrategy(deps.db, 'comment.create'), async (c) => {
      // Names only: a mention needs no role label.
      const people = await deps.db
        .select({ id: users.id, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.strategyId, c.var.access.strategyId))
        .orderBy(asc(users.name));
      return c.json({ people });
    });
}

/** `/api/comments/:cid`: one comment, its thread, replies, edits, moderation and suggestion decisions. */
export function commentRoutes(deps: Deps) {
  const on = (...actions: Action[]) => authorize(commentScope(deps.db), actions);
  return new Hono<AppEnv>()
    .get('/:cid', on('comment.read'), async (c) => {
      const { thread, actor } = c.var.access;
      return c.json(await threadView(deps, thread.id, actor));
    })
    .post('/:cid/replies', on('comment.create'), validate('json', replyInput), async (c) => {
      const ctx = c.var.access;
      await reply(deps, ctx, c.req.valid('json').body);
      return c.json(await threadView(deps, ctx.thread.id, ctx.actor), 201);
    })
    .patch(
      '/:cid',
      authorize(commentScope(deps.db), Object.values(COMMENT_CHANGES), commentChanges),
      validate('json', updateCommentInput),
      async (c) => {
        const input = c.req.valid('json');
        // Each change reloads, so a later one sees what an earlier one wrote. `authorize` has refused
        // anyone without a session, so the user is there.
        const load = async () => {
          const ctx = await loadComment(deps.db, c.get('user')!, c.req.param('cid'));
          if (!ctx) throw notFound();
          return ctx;
        };
        if (input.hidden !== undefined) await setHidden(deps, await load(), input.hidden);
        if (input.body !== undefined) await editBody(deps, await load(), input.body);
        if (input.status !== undefined) await setStatus(deps, await load(), input.status);
        const ctx = await load();
        return c.json(await threadView(deps, ctx.thread.id, ctx.actor));
      },
    )
    .delete('/:cid', on('comment.delete'), async (c) => {
      const ctx = c.var.access;
      await deleteComment(deps, ctx);
      const view = await findThreadView(deps, ctx.thread.id, ctx.actor);
      return view ? c.json(view, 200) : c.body(null, 204);
    })
    .post('/:cid/suggestion/accept', on('suggestion.decide'), async (c) => {
      const ctx = c.var.access;
      await acceptSuggestion(deps, ctx);
      return c.json(await threadView(deps, ctx.thread.id, ctx.actor));
    })
    .post('/:cid/suggestion/reject', on('suggestion.decide'), validate('json', rejectSuggestionInput), async (c) => {
      const ctx = c.var.access;
      await rejectSuggestion(deps, ctx, c.req.valid('json').reason);
      return c.json(await threadView(deps, ctx.thread.id, ctx.actor));
    });
}

/** `/api/notifications`: the caller's inbox across their strategies. */
export function notificationRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', signedIn(), async (c) => c.json(await inbox(deps, currentUser(c).id)))
    .post('/read', signedIn(), validate('json', markNotificationsReadInput), async (c) =>
      c.json({ unread: await markRead(deps, currentUser(c).id, c.req.valid('json').ids) }),
    );
}
