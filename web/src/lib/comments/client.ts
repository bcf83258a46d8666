import type { InferRequestType } from 'hono/client';
import { answer, client, param } from '$lib/api';

const strategy = client.strategies[':id'];
const comment = client.comments[':cid'];

/** A new thread, as the server validates it (shared/comments createThreadInput). */
export type NewThread = InferRequestType<(typeof strategy)['comments']['$post']>['json'];
/** What a PATCH of a comment may change: its body, the thread's status, whether it is hidden. */
type CommentChange = InferRequestType<(typeof comment)['$patch']>['json'];

/** The REST calls of comments, suggestions and the notification inbox; threads come back as ThreadView. */
export const commentsApi = {
  list: (strategyId: string) =>
    answer(strategy.comments.$get({ param: param({ id: strategyId }), query: {} })).then((r) => r.threads),
  create: (strategyId: string, input: NewThread) =>
    answer(strategy.comments.$post({ param: param({ id: strategyId }), json: input })),
  mentionable: (strategyId: string) =>
    answer(strategy.comments.mentionable.$get({ param: param({ id: strategyId }) })).then((r) => r.people),
  thread: (commentId: string) => answer(comment.$get({ param: param({ cid: commentId }) })),
  reply: (commentId: string, body: string) =>
    answer(comment.replies.$post({ param: param({ cid: commentId }), json: { body } })),
  update: (commentId: string, change: CommentChange) =>
    answer(comment.$patch({ param: param({ cid: commentId }), json: change })),
  /** Answers null when nothing of the thread is left to show. */
  remove: (commentId: string) => answer(comment.$delete({ param: param({ cid: commentId }) })),
  accept: (commentId: string) => answer(comment.suggestion.accept.$post({ param: param({ cid: commentId }) })),
  reject: (commentId: string, reason: string) =>
    answer(comment.suggestion.reject.$post({ param: param({ cid: commentId }), json: { reason } })),
  inbox: () => answer(client.notifications.$get()),
  markRead: (ids?: string[]) => answer(client.notifications.read.$post({ json: ids ? { ids } : {} })),
};
