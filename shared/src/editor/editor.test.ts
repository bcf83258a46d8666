import { Editor, type JSONContent } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_SECTIONS } from '../template';
import { initialSectionContent } from '../initial-content';
import { editorExtensions, editorSchema } from './extensions';
import { collectGoals, goalIdPlugin, withFreshGoalIds } from './goals';

const text = (value: string): JSONContent => ({ type: 'text', text: value });
const goal = (type: 'mainGoal' | 'subGoal', goalId: string | null, value: string): JSONContent => ({
  type,
  attrs: { goalId },
  content: [text(value)],
});

const sample: JSONContent = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [text('Kommunen skal bli mer digital.')] },
    goal('mainGoal', 'g-1', 'Kommunens internettportal skal være universelt utformet.'),
    goal('subGoal', 'g-2', 'Alle skjemaer skal kunne fylles ut digitalt.'),
  ],
};

function goalIds(doc: PMNode): (string | null)[] {
  const ids: (string | null)[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'mainGoal' || node.type.name === 'subGoal') ids.push(node.attrs.goalId);
  });
  return ids;
}

function stateWith(content: JSONContent): EditorState {
  return EditorState.create({ doc: editorSchema.nodeFromJSON(content), plugins: [goalIdPlugin()] });
}

describe('the editor schema', () => {
  it('builds in plain Node with the goal nodes and without code or rules', () => {
    expect(editorSchema.nodes.mainGoal).toBeDefined();
    expect(editorSchema.nodes.subGoal).toBeDefined();
    expect(editorSchema.marks.link).toBeDefined();
    expect(editorSchema.nodes.codeBlock).toBeUndefined();
    expect(editorSchema.marks.code).toBeUndefined();
    expect(editorSchema.nodes.horizontalRule).toBeUndefined();
  });

  it('round-trips main and sub goals with their ids through JSON', () => {
    const node = PMNode.fromJSON(editorSchema, sample);
    node.check();
    expect(node.toJSON()).toEqual(sample);
  });

  it('accepts the initial content of every template section', () => {
    for (const section of TEMPLATE_SECTIONS) {
      expect(() => editorSchema.nodeFromJSON(initialSectionContent(section.key)).check(), section.key).not.toThrow();
    }
  });

  it('starts the principles with the seven principles as a bullet list and the vision with the example', () => {
    const principles = editorSchema.nodeFromJSON(initialSectionContent('prinsipper'));
    expect(principles.child(1).type.name).toBe('bulletList');
    expect(principles.child(1).childCount).toBe(7);
    expect(initialSectionContent('visjon').content?.[0]?.content?.[0]?.text).toMatch(/^Digitalisering er tatt i bruk/);
    expect(collectGoals(initialSectionContent('kommuneportal'))).toEqual([]);
  });
});

describe('the goal commands', () => {
  // A headless editor runs commands in Node as long as nothing asks it for HTML. It installs the
  // extensions' plugins only when mounted on a DOM element, and the keymap plugins need a browser's
  // `navigator`, so install just the goal-id plugin here.
  const editorWith = (content: JSONContent) => {
    const editor = new Editor({ extensions: editorExtensions(), content });
    editor.view.updateState(editor.state.reconfigure({ plugins: [goalIdPlugin()] }));
    return editor;
  };

  it('come with the goal-id guard in the editor extensions', () => {
    expect(editorExtensions().map((e) => e.name)).toEqual(['starterKit', 'mainGoal', 'subGoal', 'goalIds']);
  });

  it('turn a paragraph into a main goal with a fresh id, into a sub goal with the same id, and back', () => {
    const editor = editorWith({ type: 'doc', content: [{ type: 'paragraph', content: [text('Mål')] }] });
    editor.commands.setMainGoal();
    const [main] = collectGoals(editor.getJSON());
    expect(main).toMatchObject({ kind: 'main', text: 'Mål' });
    expect(main?.goalId).toBeTruthy();
    editor.commands.setSubGoal();
    expect(collectGoals(editor.getJSON())).toEqual([{ ...main, kind: 'sub' }]);
    editor.commands.setParagraph();
    expect(editor.getJSON().content?.[0]?.type).toBe('paragraph');
    editor.destroy();
  });

  it('give the second half of a goal split with Enter an id of its own', () => {
    const editor = editorWith({ type: 'doc', content: [goal('mainGoal', 'a', 'Første andre')] });
    editor
      .chain()
      .setTextSelection('Første'.length + 1)
      .splitBlock()
      .run();
    const goals = collectGoals(editor.getJSON());
    expect(goals.map((g) => g.text)).toEqual(['Første', 'andre']);
    expect(goals[0]?.goalId).toBe('a');
    expect(goals[1]?.goalId).toMatch(/^[0-9a-f-]{36}$/);
    editor.destroy();
  });

  it('render goals as divs marked with their kind and id', () => {
    const node = editorSchema.nodeFromJSON(goal('subGoal', 'g-9', 'Delmål'));
    expect(node.type.spec.toDOM?.(node)).toEqual([
      'div',
      { 'data-goal-id': 'g-9', 'data-goal': 'sub', class: 'goal goal--sub' },
      0,
    ]);
  });
});

describe('goal ids', () => {
  it('get a fresh id when a goal repeats an earlier goal’s id', () => {
    const state = stateWith({ type: 'doc', content: [goal('mainGoal', 'a', 'Først'), goal('subGoal', 'b', 'Så')] });
    // Simulates Enter inside a goal, which copies the goal's attributes into the new half.
    const tr = state.tr.insert(state.doc.content.size, editorSchema.nodeFromJSON(goal('subGoal', 'a', 'Kopi')));
    const { state: next } = state.applyTransaction(tr);
    const ids = goalIds(next.doc);
    expect(ids.slice(0, 2)).toEqual(['a', 'b']);
    expect(ids[2]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('get an id when a goal has none', () => {
    const state = stateWith({ type: 'doc', content: [{ type: 'paragraph' }] });
    const tr = state.tr.insert(0, editorSchema.nodeFromJSON(goal('mainGoal', null, 'Uten id')));
    const ids = goalIds(state.applyTransaction(tr).state.doc);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toBeTruthy();
  });

  it('are left alone when every goal has its own id', () => {
    const state = stateWith(sample);
    const tr = state.tr.insertText('!', 1);
    const { transactions } = state.applyTransaction(tr);
    expect(transactions).toHaveLength(1);
  });

  it('are not rewritten in reply to a remote change, so read-only clients never write', () => {
    const state = stateWith({ type: 'doc', content: [goal('mainGoal', 'a', 'En'), goal('mainGoal', 'a', 'To')] });
    const tr = state.tr.insertText('!', 1).setMeta('y-sync$', { isChangeOrigin: true });
    expect(goalIds(state.applyTransaction(tr).state.doc)).toEqual(['a', 'a']);
  });

  it('keep a goal’s id when a split keeps the first half', () => {
    const state = stateWith({ type: 'doc', content: [goal('mainGoal', 'a', 'Første del andre del')] });
    const split = state.tr
      .setSelection(TextSelection.create(state.doc, 'Første del'.length + 1))
      .split('Første del'.length + 1);
    const ids = goalIds(state.applyTransaction(split).state.doc);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('a');
    expect(ids[1]).not.toBe('a');
  });

  it('are renewed in pasted content when they are already taken', () => {
    const pasted = editorSchema.nodeFromJSON(sample).content;
    const ids = goalIds(
      editorSchema.node(
        'doc',
        null,
        withFreshGoalIds(pasted, (id) => id === 'g-1'),
      ),
    );
    expect(ids[0]).not.toBe('g-1');
    expect(ids[1]).toBe('g-2');
  });
});

describe('collectGoals', () => {
  it('lists main and sub goals in document order with their text', () => {
    const doc: JSONContent = {
      type: 'doc',
      content: [
        ...sample.content!,
        { type: 'blockquote', content: [goal('subGoal', 'g-3', 'Sitert delmål')] },
        {
          type: 'mainGoal',
          attrs: { goalId: null },
          content: [text('Linje 1'), { type: 'hardBreak' }, text('linje 2 ')],
        },
      ],
    };
    expect(collectGoals(doc)).toEqual([
      { goalId: 'g-1', kind: 'main', text: 'Kommunens internettportal skal være universelt utformet.' },
      { goalId: 'g-2', kind: 'sub', text: 'Alle skjemaer skal kunne fylles ut digitalt.' },
      { goalId: 'g-3', kind: 'sub', text: 'Sitert delmål' },
      { goalId: null, kind: 'main', text: 'Linje 1\nlinje 2' },
    ]);
  });
});
