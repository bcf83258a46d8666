import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { EditorState, TextSelection, type Command, type Transaction } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { liftListItem, sinkListItem, wrapInList } from '@tiptap/pm/schema-list';
import { setBlockType, wrapIn } from '@tiptap/pm/commands';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, updateYFragment, ySyncPluginKey } from '@tiptap/y-tiptap';
import { editorSchema } from '@samstrat/shared';
import { MovedBlocks } from './moved-blocks';

// Replicas run the binding's own two directions without a DOM: a local ProseMirror change is
// written with updateYFragment (as the sync plugin does on every transaction), and the view is
// rebuilt from the Y document after remote updates. e2e/concurrent-restructure.spec.ts runs the
// real editors and the toolbar's commands in the browser.

const schema = editorSchema;
const nodes = schema.nodes;
const isTextblock = (name: string) => schema.nodes[name]?.isTextblock ?? false;

interface Replica {
  doc: Y.Doc;
  fragment: Y.XmlFragment;
  meta: ReturnType<typeof initProseMirrorDoc>['meta'];
  view: PMNode;
  outbox: Uint8Array[];
  blocks: MovedBlocks;
}

const replicas: Replica[] = [];
afterEach(() => replicas.splice(0).forEach((r) => r.blocks.destroy()));

function replica(initial: Uint8Array | null): Replica {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('section:mål');
  if (initial) Y.applyUpdate(doc, initial, 'network');
  const r: Replica = { doc, fragment, outbox: [], blocks: new MovedBlocks(doc, { isTextblock }), ...render(fragment) };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'network') r.outbox.push(update);
  });
  // As the binding's observer: every change that did not come from this view is rendered again.
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin !== ySyncPluginKey) Object.assign(r, render(fragment));
  });
  replicas.push(r);
  return r;
}

function render(fragment: Y.XmlFragment) {
  const { doc, meta } = initProseMirrorDoc(fragment, schema);
  return { view: doc, meta };
}

/** Runs a ProseMirror command with the cursor at `pos` and writes the result as the binding does. */
function local(r: Replica, pos: number, command: Command): void {
  const state = EditorState.create({ doc: r.view, selection: TextSelection.create(r.view, pos) });
  let next: PMNode | null = null;
  expect(command(state, (tr) => (next = tr.doc))).toBe(true);
  r.doc.transact(() => updateYFragment(r.doc, r.fragment, next!, r.meta), ySyncPluginKey);
  r.view = next!;
}

const type =
  (text: string): Command =>
  (state, dispatch) => {
    dispatch?.(state.tr.insertText(text));
    return true;
  };

/** Exchanges updates until nobody has anything new to send. */
function settle(all: Replica[]): void {
  for (let round = 0; round < 10; round++) {
    const pending = all.map((r) => r.outbox.splice(0));
    if (pending.every((updates) => updates.length === 0)) return;
    all.forEach((from, i) =>
      all.forEach((to) => to !== from && pending[i]!.forEach((u) => Y.applyUpdate(to.doc, u, 'network'))),
    );
  }
  throw new Error('replicas kept sending');
}

function start(content: object[]): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, doc.getXmlFragment('section:mål'));
  return Y.encodeStateAsUpdate(doc);
}

const paragraph = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
const item = (...content: object[]) => ({ type: 'listItem', content });
const bullets = (...items: object[]) => ({ type: 'bulletList', content: items });

/** The end of the text of the textblock whose text starts with `prefix`. */
function endOf(view: PMNode, prefix: string): number {
  let found = -1;
  view.descendants((node, pos) => {
    if (found < 0 && node.isTextblock && node.textContent.startsWith(prefix)) found = pos + node.nodeSize - 1;
    return found < 0;
  });
  if (found < 0) throw new Error(`no block starting with ${prefix}`);
  return found;
}

/** Deletes the dash at the start of the caret's block and wraps the block in a bullet list, in one transaction. */
function dashToList(state: EditorState, dispatch?: (tr: Transaction) => void): boolean {
  const start = state.selection.$from.start();
  const tr = state.tr.delete(start, start + 1);
  const wrapped = wrapInList(nodes.bulletList!)(state.apply(tr), (wrap) => wrap.steps.forEach((step) => tr.step(step)));
  if (wrapped) dispatch?.(tr);
  return wrapped;
}

interface Case {
  name: string;
  content: object[];
  /** The block the mover restructures and the typist types at the end of. */
  block: string;
  command: Command;
}

const CASES: Case[] = [
  {
    name: 'indenting a list item (sinkListItem)',
    content: [bullets(item(paragraph('Første punkt')), item(paragraph('Andre punkt')))],
    block: 'Andre',
    command: sinkListItem(nodes.listItem!),
  },
  {
    name: 'outdenting a list item (liftListItem)',
    content: [bullets(item(paragraph('Første punkt'), bullets(item(paragraph('Underpunkt')))))],
    block: 'Underpunkt',
    command: liftListItem(nodes.listItem!),
  },
  {
    name: 'wrapping a paragraph in a list',
    content: [paragraph('Innledning'), paragraph('Blir et punkt')],
    block: 'Blir',
    command: wrapInList(nodes.bulletList!),
  },
  {
    name: 'turning a paragraph into a heading',
    content: [paragraph('Overskrift'), paragraph('Tekst')],
    block: 'Overskrift',
    command: setBlockType(nodes.heading!, { level: 3 }),
  },
  {
    name: 'turning a paragraph into a main goal',
    content: [paragraph('Alle tjenester er digitale'), paragraph('Tekst')],
    block: 'Alle',
    command: setBlockType(nodes.mainGoal!, { goalId: 'goal-1' }),
  },
  {
    // What the list input rule does when a space follows a dash at the start of a paragraph.
    name: 'typing "- " at the start of a paragraph (the list input rule)',
    content: [paragraph('Innledning'), paragraph('-Blir et punkt')],
    block: '-Blir',
    command: dashToList,
  },
  {
    name: 'wrapping a paragraph in a quote',
    content: [paragraph('Sitat')],
    block: 'Sitat',
    command: wrapIn(nodes.blockquote!),
  },
];

describe('typing in a block while another person restructures it', () => {
  for (const { name, content, block, command } of CASES) {
    for (const order of ['the move first', 'the typing first'] as const) {
      test(`${name}: the typed words stay in the block (${order} at the server)`, () => {
        const initial = start(content);
        const mover = replica(initial);
        const typist = replica(initial);
        const server = replica(initial);

        local(mover, endOf(mover.view, block), command);
        local(typist, endOf(typist.view, block), type(' og mer'));
        local(typist, endOf(typist.view, block), type(' til'));
        // Neither has seen the other's change; the server receives both, in one order or the other.
        const moved = mover.outbox.splice(0);
        const typed = typist.outbox.splice(0);
        for (const update of order === 'the move first' ? [...moved, ...typed] : [...typed, ...moved]) {
          Y.applyUpdate(server.doc, update, 'network');
        }
        moved.forEach((update) => Y.applyUpdate(typist.doc, update, 'network'));
        typed.forEach((update) => Y.applyUpdate(mover.doc, update, 'network'));
        settle([mover, typist, server]);

        const expected = sequentially(content, block, command);
        for (const r of [mover, typist, server]) expect(r.view.toJSON()).toEqual(expected);
      });
    }
  }

  test('an edit that arrives after the block was moved twice follows it to its last place', () => {
    const content = [bullets(item(paragraph('En')), item(paragraph('To')), item(paragraph('Tre')))];
    const initial = start(content);
    const mover = replica(initial);
    const typist = replica(initial);

    local(typist, endOf(typist.view, 'Tre'), type(' ord'));
    local(mover, endOf(mover.view, 'Tre'), sinkListItem(nodes.listItem!));
    local(mover, endOf(mover.view, 'Tre'), liftListItem(nodes.listItem!));
    local(mover, endOf(mover.view, 'Tre'), liftListItem(nodes.listItem!));
    local(mover, endOf(mover.view, 'Tre'), setBlockType(nodes.heading!, { level: 4 }));
    settle([mover, typist]);

    expect(typist.view.toJSON()).toEqual(mover.view.toJSON());
    expect(mover.view.lastChild!.type.name).toBe('heading');
    expect(mover.view.lastChild!.textContent).toBe('Tre ord');
  });

  test('text typed into an empty block that was moved is kept', () => {
    const content = [paragraph('Over'), paragraph('')];
    const initial = start(content);
    const mover = replica(initial);
    const typist = replica(initial);

    local(typist, mover.view.content.size - 1, type('Ny tekst'));
    local(mover, mover.view.content.size - 1, setBlockType(nodes.heading!, { level: 3 }));
    settle([mover, typist]);

    expect(mover.view.toJSON()).toEqual(typist.view.toJSON());
    expect(mover.view.lastChild!.type.name).toBe('heading');
    expect(mover.view.lastChild!.textContent).toBe('Ny tekst');
  });

  test('typing that goes on after the typist saw the move lands in the moved block', () => {
    const initial = start([paragraph('Punkt')]);
    const mover = replica(initial);
    const typist = replica(initial);

    local(typist, endOf(typist.view, 'Punkt'), type(' a'));
    local(mover, endOf(mover.view, 'Punkt'), wrapInList(nodes.orderedList!));
    mover.outbox.splice(0).forEach((update) => Y.applyUpdate(typist.doc, update, 'network'));
    local(typist, endOf(typist.view, 'Punkt'), type(' b'));
    settle([mover, typist]);

    expect(mover.view.toJSON()).toEqual(typist.view.toJSON());
    expect(mover.view.firstChild!.type.name).toBe('orderedList');
    // " b" was typed concurrently with the mover repeating " a": Yjs orders the two by client id.
    expect(['Punkt a b', 'Punkt b a']).toContain(mover.view.textContent);
  });
});

/** The document as it is when the typing happens first and the restructuring after it. */
function sequentially(content: object[], block: string, command: Command): object {
  const r = replica(start(content));
  local(r, endOf(r.view, block), type(' og mer'));
  local(r, endOf(r.view, block), type(' til'));
  local(r, endOf(r.view, block), command);
  return r.view.toJSON();
}
