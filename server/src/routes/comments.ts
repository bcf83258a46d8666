import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
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
import { currentUser, requireUser } from '../auth/middleware';
import { authorize } from '../strategies/access';
import { validate } from '../validate';
import { createThread, deleteComment, editBody, reply, setHidden, setStatus } from '../comments/commands';
import { loadComment } from '../comments/load';
import { inbox, markRead } from '../comments/notifications';
import { findThreadView, listThreads, threadView } from '../comments/read';
import { acceptSuggestion, rejectSuggestion } from '../comments/suggestions';

/** `/api/strategies/:id/comments`: a strategy's threads, and new ones. */
export function strategyCommentRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/:id/comments', validate('query', threadFilters), (c) => {
      const strategyId = c.req.param('id');
      const actor = authorize(deps.db, currentUser(c), strategyId, 'comment.read');
      return c.json({ threads: listThreads(deps, strategyId, actor, c.req.valid('query')) });
    })
    .post('/:id/comments', validate('json', createThreadInput), (c) => {
      const strategyId = c.req.param('id');
      const actor = authorize(deps.db, currentUser(c), strategyId, 'comment.create');
      const threadId = createThread(deps, strategyId, actor, c.req.valid('json'));
      return c.json(threadView(deps, threadId, actor), 201);
    })
    .get('/:id/comments/mentionable', (c) => {
      const strategyId = c.req.param('id');
      authorize(deps.db, currentUser(c), strategyId, 'comment.create');
      // Names only: a mention needs no role label.
      const people = deps.db
        .select({ id: users.id, name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.strategyId, strategyId))
        .orderBy(asc(users.name))
        .all();
      return c.json({ people });
    });
}

/** `/api/comments/:cid`: one comment, its thread, replies, edits, moderation and suggestion decisions. */
export function commentRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/:cid', (c) => {
      const ctx = loadComment(deps.db, currentUser(c), c.req.param('cid'));
      return c.json(threadView(deps, ctx.thread.id, ctx.actor));
    })
    .post('/:cid/replies', validate('json', replyInput), (c) => {
      const ctx = loadComment(deps.db, currentUser(c), c.req.param('cid'));
      reply(deps, ctx, c.req.valid('json').body);
      return c.json(threadView(deps, ctx.thread.id, ctx.actor), 201);
    })
    .patch('/:cid', validate('json', updateCommentInput), (c) => {
      const input = c.req.valid('json');
      const load = () => loadComment(deps.db, currentUser(c), c.req.param('cid'));
      // Each change reloads, so a later one sees what an earlier one wrote.
      if (input.hidden !== undefined) setHidden(deps, load(), input.hidden);
      if (input.body !== undefined) editBody(deps, load(), input.body);
      if (input.status !== undefined) setStatus(deps, load(), input.status);
      const ctx = load();
      return c.json(threadView(deps, ctx.thread.id, ctx.actor));
    })
    .delete('/:cid', (c) => {
      const ctx = loadComment(deps.db, currentUser(c), c.req.param('cid'));
      deleteComment(deps, ctx);
      const view = findThreadView(deps, ctx.thread.id, ctx.actor);
      return view ? c.json(view) : c.body(null, 204);
    })
    .post('/:cid/suggestion/accept', (c) => {
      const ctx = loadComment(deps.db, currentUser(c), c.req.param('cid'));
      acceptSuggestion(deps, ctx);
      return c.json(threadView(deps, ctx.thread.id, ctx.actor));
    })
    .post('/:cid/suggestion/reject', validate('json', rejectSuggestionInput), (c) => {
      const ctx = loadComment(deps.db, currentUser(c), c.req.param('cid'));
      rejectSuggestion(deps, ctx, c.req.valid('json').reason);
      return c.json(threadView(deps, ctx.thread.id, ctx.actor));
    });
}

/** `/api/notifications`: the caller's inbox across their strategies. */
export function notificationRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', (c) => c.json(inbox(deps, currentUser(c).id)))
    .post('/read', validate('json', markNotificationsReadInput), (c) =>
      c.json({ unread: markRead(deps, currentUser(c).id, c.req.valid('json').ids) }),
    );
}
