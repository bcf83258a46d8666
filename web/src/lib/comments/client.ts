import type { EncodedAnchor } from '@samstrat/shared/anchors';
import type { NotificationsView, ThreadView } from '@samstrat/shared/comments';
import { request } from '$lib/api';

const strategyPath = (id: string) => `/strategies/${encodeURIComponent(id)}`;
const commentPath = (id: string) => `/comments/${encodeURIComponent(id)}`;

export interface NewThread {
  sectionKey: string;
  anchor: EncodedAnchor;
  quote: string;
  body: string;
  suggestion?: { text: string };
}

/** The REST calls of comments, suggestions and the notification inbox. */
export const commentsApi = {
  list: (strategyId: string) =>
    request<{ threads: ThreadView[] }>('GET', `${strategyPath(strategyId)}/comments`).then((r) => r.threads),
  create: (strategyId: string, input: NewThread) =>
    request<ThreadView>('POST', `${strategyPath(strategyId)}/comments`, input),
  mentionable: (strategyId: string) =>
    request<{ people: { id: string; name: string }[] }>('GET', `${strategyPath(strategyId)}/comments/mentionable`).then(
      (r) => r.people,
    ),
  thread: (commentId: string) => request<ThreadView>('GET', commentPath(commentId)),
  reply: (commentId: string, body: string) =>
    request<ThreadView>('POST', `${commentPath(commentId)}/replies`, { body }),
  update: (commentId: string, change: { body?: string; status?: 'open' | 'resolved'; hidden?: boolean }) =>
    request<ThreadView>('PATCH', commentPath(commentId), change),
  /** Answers null when nothing of the thread is left to show. */
  remove: (commentId: string) => request<ThreadView | null>('DELETE', commentPath(commentId)),
  accept: (commentId: string) => request<ThreadView>('POST', `${commentPath(commentId)}/suggestion/accept`),
  reject: (commentId: string, reason: string) =>
    request<ThreadView>('POST', `${commentPath(commentId)}/suggestion/reject`, { reason }),
  inbox: () => request<NotificationsView>('GET', '/notifications'),
  markRead: (ids?: string[]) => request<{ unread: number }>('POST', '/notifications/read', ids ? { ids } : {}),
};
