import { Extension, Node, mergeAttributes, type CommandProps, type JSONContent } from '@tiptap/core';
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';

// Goals are nodes, not styled paragraphs, so action plans, lint and export can find them by a
// stable id that survives edits to the goal's text.

export const GOAL_NODE_TYPES = ['mainGoal', 'subGoal'] as const;
export type GoalNodeType = (typeof GOAL_NODE_TYPES)[number];
export type GoalKind = 'main' | 'sub';

export interface GoalSummary {
  /** null only in content that never passed through an editor (the id plugin fills it in). */
  goalId: string | null;
  kind: GoalKind;
  text: string;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    mainGoal: { setMainGoal: () => ReturnType };
    subGoal: { setSubGoal: () => ReturnType };
  }
}

/**
 * A random id for a new goal. crypto.randomUUID exists only in secure contexts (https or
 * localhost), and a municipality may well run Samstrat over plain http on its intranet;
 * getRandomValues works everywhere.
 */
export function newGoalId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // Shape it as a version 4 UUID, like randomUUID would.
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isGoalNodeType(name: string): name is GoalNodeType {
  return (GOAL_NODE_TYPES as readonly string[]).includes(name);
}

function goalNode(name: GoalNodeType, kind: GoalKind) {
  return Node.create({
    name,
    group: 'block',
    content: 'inline*',
    defining: true,

    addAttributes() {
      return {
        goalId: {
          default: null,
          parseHTML: (element) => element.getAttribute('data-goal-id'),
          renderHTML: (attributes) => (attributes.goalId ? { 'data-goal-id': attributes.goalId } : {}),
        },
      };
    },

    parseHTML() {
      return [{ tag: `div[data-goal="${kind}"]` }];
    },

    renderHTML({ HTMLAttributes }) {
      return ['div', mergeAttributes(HTMLAttributes, { 'data-goal': kind, class: `goal goal--${kind}` }), 0];
    },
  });
}

function setGoalCommand(name: GoalNodeType) {
  return () =>
    ({ state, commands }: CommandProps) => {
      // Switching between hovedmål and delmål keeps the goal's identity (and its action-plan links).
      const current = state.selection.$from.parent;
      const goalId = isGoalNodeType(current.type.name) && current.attrs.goalId ? current.attrs.goalId : newGoalId();
      return commands.setNode(name, { goalId });
    };
}

export const MainGoal = goalNode('mainGoal', 'main').extend({
  addCommands() {
    return { setMainGoal: setGoalCommand('mainGoal') };
  },
});

export const SubGoal = goalNode('subGoal', 'sub').extend({
  addCommands() {
    return { setSubGoal: setGoalCommand('subGoal') };
  },
});

export const goalIdPluginKey = new PluginKey('goalIds');

// y-prosemirror (as @tiptap/y-tiptap) marks the transactions it applies for remote changes with
// this meta key. Those must not be answered with local writes: every client would race to rewrite
// the same ids, and a read-only client's write is refused by the server's guard.
const Y_SYNC_META = 'y-sync$';

function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(Y_SYNC_META) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/** Gives a fresh id to every goal whose id is missing or repeats one earlier in the document. */
export function goalIdPlugin(): Plugin {
  return new Plugin({
    key: goalIdPluginKey,
    appendTransaction(transactions, _oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged) || transactions.some(isRemoteChange)) return null;
      const seen = new Set<string>();
      const tr = newState.tr;
      newState.doc.descendants((node, pos) => {
        if (!isGoalNodeType(node.type.name)) return true;
        const id = node.attrs.goalId as string | null;
        if (id && !seen.has(id)) {
          seen.add(id);
        } else {
          const fresh = newGoalId();
          seen.add(fresh);
          tr.setNodeAttribute(pos, 'goalId', fresh);
        }
        return false;
      });
      return tr.docChanged ? tr : null;
    },
    props: {
      // Each section has its own editor, so a goal copied from another section would not be a
      // duplicate within this document. Every editor on the page renders its goals' ids into the
      // DOM, so a pasted goal whose id is already shown anywhere there gets a new one. A cut goal
      // is gone from the DOM by the time it is pasted, so moving a goal keeps its id.
      transformPasted(slice, view) {
        const shown = new Set(
          Array.from(view.root.querySelectorAll('[data-goal-id]'), (el: Element) => el.getAttribute('data-goal-id')),
        );
        return new Slice(
          withFreshGoalIds(slice.content, (id) => shown.has(id)),
          slice.openStart,
          slice.openEnd,
        );
      },
    },
  });
}

/** Copies a fragment, giving a fresh id to each goal whose id is missing or `taken`. */
export function withFreshGoalIds(fragment: Fragment, taken: (id: string) => boolean): Fragment {
  const children: PMNode[] = [];
  fragment.forEach((node) => {
    if (isGoalNodeType(node.type.name)) {
      const id = node.attrs.goalId as string | null;
      const goalId = id && !taken(id) ? id : newGoalId();
      children.push(node.type.create({ ...node.attrs, goalId }, node.content, node.marks));
    } else {
      children.push(node.copy(withFreshGoalIds(node.content, taken)));
    }
  });
  return Fragment.from(children);
}

export const GoalIds = Extension.create({
  name: 'goalIds',
  addProseMirrorPlugins() {
    return [goalIdPlugin()];
  },
});

/** The goals of a section's ProseMirror JSON, in document order. */
export function collectGoals(doc: JSONContent): GoalSummary[] {
  const goals: GoalSummary[] = [];
  const visit = (node: JSONContent): void => {
    if (node.type && isGoalNodeType(node.type)) {
      const goalId = node.attrs?.goalId;
      goals.push({
        goalId: typeof goalId === 'string' && goalId !== '' ? goalId : null,
        kind: node.type === 'mainGoal' ? 'main' : 'sub',
        text: inlineText(node).trim(),
      });
      return;
    }
    node.content?.forEach(visit);
  };
  visit(doc);
  return goals;
}

function inlineText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(inlineText).join('');
}
