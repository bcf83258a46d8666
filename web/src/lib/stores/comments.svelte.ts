/* eslint-disable svelte/prefer-svelte-reactivity -- its maps are snapshots assigned whole to $state.raw, or private bookkeeping that drives no UI. */
import { getContext, setContext } from 'svelte';
import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { anchorFromRange, resolveAnchor, type EncodedAnchor, type IsLeaf } from '@samstrat/shared/anchors';
import type { ThreadView } from '@samstrat/shared/comments';
import type { Person } from '@samstrat/shared/mentions';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { ApiError, errorText } from '$lib/api';
import { commentsApi } from '$lib/comments/client';
import { filterThreads, type CommentFilters } from '$lib/comments/filter';
import { followSelection, readCommentSelection, type CommentSelection } from '$lib/comments/selection';
import type { StrategyEvents } from './events.svelte';
import { Notifications } from './notifications.svelte';

export type { CommentSelection } from '$lib/comments/selection';
export type { CommentFilters, StatusFilter } from '$lib/comments/filter';

/** A comment being written: the anchor is taken when the person starts, so later edits cannot move it. */
export interface Draft {
  sectionKey: string;
  anchor: EncodedAnchor;
  quote: string;
}

export interface LivePosition {
  from: number;
  to: number;
  detached: boolean;
}

export interface HighlightRange {
  id: string;
  from: number;
  to: number;
  active: boolean;
}

const isLeaf: IsLeaf = (name) => editorSchema.nodes[name]?.isLeaf ?? false;
const fragmentName = (sectionKey: string) => `section:${sectionKey}`;
/** A set of section keys as one comparable value. */
const keySet = (keys: readonly string[]) => [...keys].sort().join('\n');

/**
 * The comments of one open strategy page: threads from the REST API kept current by the event
 * stream, where each anchor is in the live document (so the panel lists threads in document order and
 * knows which are detached), what is selected in the editors, and the notification inbox.
 * Commenting never writes the document: anchors are relative positions kept beside it.
 */
export class CommentsStore {
  threads = $state.raw<ThreadView[]>([]);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  loadError = $state('');
  positions = $state.raw(new Map<string, LivePosition>());
  selection = $state.raw<CommentSelection | null>(null);
  draft = $state.raw<Draft | null>(null);
  activeId = $state<string | null>(null);
  /** A thread the panel should bring into view and focus (set when its text is clicked). */
  focusRequest = $state<{ id: string; at: number } | null>(null);
  panelOpen = $state(true);
  filters = $state<CommentFilters>({ status: 'open', mine: false, section: '', role: '' });
  /** Who may be mentioned: the strategy's members, by name. */
  people = $state.raw<Person[]>([]);
  readonly notifications = new Notifications();
  /** Bumped whenever highlights must be drawn again. */
  highlightRevision = $state(0);

  readonly #editors = new Map<string, Editor>();
  readonly #cleanups: (() => void)[] = [];
  #positionsScheduled = false;
  #destroyed = false;

  readonly strategyId: string;
  readonly doc: Y.Doc;
  readonly userId: string;
  /** The section keys in outline order, read live: a leader may change the outline while the page is open. */
  readonly #sectionOrder: () => readonly string[];
  /** The outline's sections when the threads were last loaded for it (null: unknown, load on the next change). */
  #outlineKeys: string | null;

  constructor(
    strategyId: string,
    doc: Y.Doc,
    userId: string,
    sectionOrder: () => readonly string[],
    events: StrategyEvents,
  ) {
    this.strategyId = strategyId;
    this.doc = doc;
    this.userId = userId;
    this.#sectionOrder = sectionOrder;
    this.#outlineKeys = keySet(sectionOrder());
    const refresh = (e: { threadId: string }) => void this.refreshThread(e.threadId);
    this.#cleanups.push(
      events.on('comment.created', refresh),
      events.on('comment.reply', refresh),
      events.on('comment.updated', refresh),
      // The server moved the anchor back onto its quote: this replica may still hold the old one.
      events.on('comment.reanchored', refresh),
      // A section removed or restored: its threads say so (the server marks those of a removed section).
      // A rename or a move changes no thread, so only a change of the outline's sections loads them.
      events.on('outline.changed', ({ outline }) => {
        const keys = outline ? keySet(outline.map((s) => s.key)) : null;
        if (keys !== null && keys === this.#outlineKeys) return;
        this.#outlineKeys = keys;
        void this.load({ people: false });
      }),
      events.on('notification', (e) => {
        if (e.userId === this.userId) void this.notifications.load();
      }),
      events.onResync(() => {
        void this.load();
        void this.notifications.load();
      }),
    );
    const onUpdate = () => this.#schedulePositions();
    doc.on('update', onUpdate);
    this.#cleanups.push(() => doc.off('update', onUpdate));
    void this.load();
    void this.notifications.load();
  }

  /** Threads that pass the filters, in document order (outline order, then position in the section). */
  visible = $derived.by(() =>
    filterThreads(this.threads, this.filters, {
      userId: this.userId,
      sectionOrder: this.#sectionOrder(),
      positionOf: (thread) => this.positionOf(thread),
    }),
  );

  openCount = $derived(this.threads.filter((t) => t.status === 'open').length);

  positionOf(thread: ThreadView): LivePosition {
    return this.positions.get(thread.id) ?? thread.position;
  }

  /** Loads the threads, and unless `people` is false who may be mentioned. */
  async load({ people: withPeople = true } = {}): Promise<void> {
    try {
      const [threads, people] = await Promise.all([
        commentsApi.list(this.strategyId),
        withPeople ? commentsApi.mentionable(this.strategyId).catch(() => this.people) : this.people,
      ]);
      if (this.#destroyed) return;
      this.threads = threads;
      this.people = people;
      this.status = 'ready';
      this.#recomputePositions();
    } catch (error) {
      this.loadError = errorText(error);
      this.status = 'error';
    }
  }

  async refreshThread(threadId: string): Promise<void> {
    try {
      this.upsert(await commentsApi.thread(threadId));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.#remove(threadId);
    }
  }

  upsert(thread: ThreadView | null, removedId?: string): void {
    if (!thread) {
      if (removedId) this.#remove(removedId);
      return;
    }
    const others = this.threads.filter((t) => t.id !== thread.id);
    this.threads = [...others, thread];
    this.#recomputePositions();
  }

  // Editors and selection.

  registerEditor(sectionKey: string, editor: Editor): () => void {
    this.#editors.set(sectionKey, editor);
    return () => {
      if (this.#editors.get(sectionKey) === editor) this.#editors.delete(sectionKey);
    };
  }

  /** The open threads of a section where their text is now, for the editor's decorations. */
  highlightsFor(sectionKey: string): HighlightRange[] {
    const fragment = this.doc.getXmlFragment(fragmentName(sectionKey));
    const ranges: HighlightRange[] = [];
    for (const t of this.threads) {
      if (t.sectionKey !== sectionKey || (t.status !== 'open' && t.id !== this.activeId)) continue;
      const at = resolveAnchor(this.doc, fragment, t.anchor, isLeaf);
      if (!at.detached) ranges.push({ id: t.id, from: at.from, to: at.to, active: t.id === this.activeId });
    }
    return ranges;
  }

  /** Follows the page's text selection; a selection inside one section editor can be commented on. */
  trackSelection(): () => void {
    return followSelection(() => {
      this.selection = readCommentSelection(this.#editors);
    });
  }

  /**
   * Starts a comment on the selection (the current one unless one taken when the button was pressed
   * is given); false when there is no text to anchor to.
   */
  startDraft(selection: CommentSelection | null = this.selection): boolean {
    if (!selection) return false;
    const anchor = anchorFromRange(
      this.doc.getXmlFragment(fragmentName(selection.sectionKey)),
      selection.from,
      selection.to,
      isLeaf,
    );
    if (!anchor) return false;
    this.draft = { sectionKey: selection.sectionKey, anchor, quote: selection.quote };
    this.panelOpen = true;
    return true;
  }

  cancelDraft(): void {
    this.draft = null;
  }

  // Commands (the server answers with the thread as the caller now sees it).

  async create(body: string, suggestion: string | null): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    const thread = await commentsApi.create(this.strategyId, {
      sectionKey: draft.sectionKey,
      anchor: draft.anchor,
      quote: draft.quote,
      body,
      ...(suggestion === null ? {} : { suggestion: { text: suggestion } }),
    });
    this.draft = null;
    this.upsert(thread);
    this.activeId = thread.id;
    this.focusRequest = { id: thread.id, at: Date.now() };
  }

  reply = async (threadId: string, body: string) => this.upsert(await commentsApi.reply(threadId, body));
  edit = async (commentId: string, body: string) => this.upsert(await commentsApi.update(commentId, { body }));
  setStatus = async (threadId: string, status: 'open' | 'resolved') =>
    this.upsert(await commentsApi.update(threadId, { status }));
  setHidden = async (commentId: string, hidden: boolean) =>
    this.upsert(await commentsApi.update(commentId, { hidden }));
  remove = async (commentId: string, threadId: string) => this.upsert(await commentsApi.remove(commentId), threadId);
  accept = async (threadId: string) => this.upsert(await commentsApi.accept(threadId));
  reject = async (threadId: string, reason: string) => this.upsert(await commentsApi.reject(threadId, reason));

  // Moving between a thread and its text.

  /** Selects a thread and scrolls its text into view. */
  showInText(threadId: string): void {
    this.activeId = threadId;
    this.highlightRevision++;
    const thread = this.threads.find((t) => t.id === threadId);
    const editor = thread && this.#editors.get(thread.sectionKey);
    if (!thread || !editor) return;
    const at = this.positionOf(thread);
    if (at.detached) return;
    try {
      const { node } = editor.view.domAtPos(at.from);
      const element = node instanceof Element ? node : node.parentElement;
      element?.scrollIntoView({ block: 'center' });
    } catch {
      /* the editor is not rendered yet */
    }
  }

  /** The person clicked commented text: select its thread and bring it into view in the panel. */
  showThread(threadId: string): void {
    this.activeId = threadId;
    this.panelOpen = true;
    this.highlightRevision++;
    this.focusRequest = { id: threadId, at: Date.now() };
  }

  destroy(): void {
    this.#destroyed = true;
    this.notifications.destroy();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#editors.clear();
  }

  #remove(threadId: string): void {
    this.threads = this.threads.filter((t) => t.id !== threadId);
    if (this.activeId === threadId) this.activeId = null;
    this.highlightRevision++;
  }

  #schedulePositions(): void {
    if (this.#positionsScheduled) return;
    this.#positionsScheduled = true;
    requestAnimationFrame(() => {
      this.#positionsScheduled = false;
      // The editors redraw their own highlights when their text changes; only the panel needs this.
      if (!this.#destroyed) this.#recomputePositions(false);
    });
  }

  #recomputePositions(redrawHighlights = true): void {
    const positions = new Map<string, LivePosition>();
    for (const t of this.threads) {
      const { from, to, detached } = resolveAnchor(
        this.doc,
        this.doc.getXmlFragment(fragmentName(t.sectionKey)),
        t.anchor,
        isLeaf,
      );
      positions.set(t.id, { from, to, detached });
    }
    this.positions = positions;
    if (redrawHighlights) this.highlightRevision++;
  }
}

const CONTEXT = Symbol('comments');

/** The strategy page shares its comments store with the section editors below it. */
export function setCommentsContext(store: CommentsStore): void {
  setContext(CONTEXT, store);
}

export function getCommentsContext(): CommentsStore | undefined {
  return getContext<CommentsStore | undefined>(CONTEXT);
}
