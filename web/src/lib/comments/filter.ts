import type { ThreadView } from '@samstrat/shared/comments';
import type { Role } from '@samstrat/shared/roles';

export type StatusFilter = 'open' | 'resolved' | 'all';

/** What the comment panel shows, as the person set its filters. */
export interface CommentFilters {
  status: StatusFilter;
  /** Only threads the person wrote in. */
  mine: boolean;
  /** A section key, or '' for all sections. */
  section: string;
  /** The role of the thread's author, or '' for all. */
  role: Role | '';
}

export interface ThreadOrder {
  userId: string;
  /** Section keys in outline order. */
  sectionOrder: readonly string[];
  /** Where a thread's text is in its section now. */
  positionOf: (thread: ThreadView) => { from: number };
}

/** The threads that pass `filters`, in document order: outline order, then position in the section, then age. */
export function filterThreads(
  threads: readonly ThreadView[],
  filters: CommentFilters,
  order: ThreadOrder,
): ThreadView[] {
  const sectionIndex = new Map(order.sectionOrder.map((key, i) => [key, i]));
  const { status, mine, section, role } = filters;
  return threads
    .filter(
      (t) =>
        (status === 'all' || t.status === status) &&
        (!mine || t.comments.some((c) => c.author.id === order.userId)) &&
        (!section || t.sectionKey === section) &&
        (!role || t.author.role === role),
    )
    .sort(
      (a, b) =>
        (sectionIndex.get(a.sectionKey) ?? Infinity) - (sectionIndex.get(b.sectionKey) ?? Infinity) ||
        order.positionOf(a).from - order.positionOf(b).from ||
        a.createdAt.localeCompare(b.createdAt),
    );
}
