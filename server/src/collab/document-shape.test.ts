import type { JSONContent } from '@tiptap/core';
import { updateYFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { prng, type Rng } from '../../test/random';
import { documentShape } from './document-shape';
import { inspectUpdate } from './inspect-update';

/**
 * Property: whatever the editor's binding writes for documents of the editor schema is never
 * refused. Random ProseMirror documents of every node and mark the schema has are written to a
 * section through y-prosemirror's own `updateYFragment` (what the browser's binding calls on
 * every change), one after another, by several clients; each update must pass.
 */

const shape = documentShape(editorSchema);
const CASES = Number(process.env.SHAPE_PROPERTY_CASES ?? 150);

const WORDS = ['digital', 'kommune ', 'tjeneste', 'æøå ', 'innbygger', ' mål', '≥ 80 %', 'sikkerhet '];
const MARKS: { type: string; attrs?: Record<string, unknown> }[] = [
  { type: 'bold' },
  { type: 'italic' },
  { type: 'strike' },
  { type: 'underline' },
  { type: 'link', attrs: { href: 'https://eksempel.no' } },
];

function inline(rng: Rng): JSONContent[] {
  const content: JSONContent[] = [];
  const runs = rng.int(4);
  for (let i = 0; i < runs; i++) {
    if (rng.chance(0.15)) content.push({ type: 'hardBreak' });
    const marks = MARKS.filter(() => rng.chance(0.2));
    content.push({ type: 'text', text: rng.pick(WORDS) + rng.pick(WORDS), ...(marks.length ? { marks } : {}) });
  }
  return content;
}

function block(rng: Rng, depth = 0): JSONContent {
  const kind = rng.int(depth > 2 ? 3 : 7);
  switch (kind) {
    case 0:
      return { type: 'paragraph', content: inline(rng) };
    case 1:
      return { type: 'heading', attrs: { level: rng.pick([3, 4]) }, content: inline(rng) };
    case 2:
      return {
        type: rng.pick(['mainGoal', 'subGoal']),
        attrs: { goalId: rng.chance(0.8) ? `mal-${rng.int(1e6)}` : null },
        content: inline(rng),
      };
    case 3:
    case 4:
      return {
        type: rng.pick(['bulletList', 'orderedList']),
        content: Array.from({ length: 1 + rng.int(3) }, () => ({
          type: 'listItem',
          content: [{ type: 'paragraph', content: inline(rng) }, ...(rng.chance(0.3) ? [block(rng, depth + 1)] : [])],
        })),
      };
    default:
      return { type: 'blockquote', content: [block(rng, depth + 1)] };
  }
}

/** The next document an editor could produce: a small change most of the time, sometimes a rewrite. */
function edited(rng: Rng, previous: JSONContent[]): JSONContent[] {
  const blocks = [...previous];
  if (blocks.length === 0 || rng.chance(0.15)) return Array.from({ length: 1 + rng.int(4) }, () => block(rng));
  const at = rng.int(blocks.length);
  switch (rng.int(5)) {
    case 0:
      blocks.splice(rng.int(blocks.length + 1), 0, block(rng));
      break;
    case 1:
      blocks.splice(at, 1);
      break;
    case 2:
      // Typing and formatting inside a block: the same block with new inline content.
      blocks[at] = retyped(rng, blocks[at]!);
      break;
    case 3:
      // A structural change: wrap the block in a list item, or turn a paragraph into a goal.
      blocks[at] =
        blocks[at]!.type === 'paragraph' && rng.chance(0.5)
          ? { type: 'subGoal', attrs: { goalId: `mal-${rng.int(1e6)}` }, content: blocks[at]!.content }
          : { type: 'bulletList', content: [{ type: 'listItem', content: [asListItemStart(blocks[at]!)] }] };
      break;
    default:
      blocks[at] = block(rng);
  }
  return blocks.length > 0 ? blocks : [{ type: 'paragraph' }];
}

function retyped(rng: Rng, node: JSONContent): JSONContent {
  if (['paragraph', 'heading', 'mainGoal', 'subGoal'].includes(node.type!)) return { ...node, content: inline(rng) };
  if (!node.content?.length) return node;
  const content = [...node.content];
  const at = rng.int(content.length);
  content[at] = retyped(rng, content[at]!);
  return { ...node, content };
}

/** A list item must start with a paragraph. */
function asListItemStart(node: JSONContent): JSONContent {
  return node.type === 'paragraph' ? node : { type: 'paragraph', content: inline(prng(node.content?.length ?? 0)) };
}

function toNode(blocks: JSONContent[]) {
  const node = editorSchema.nodeFromJSON({ type: 'doc', content: blocks });
  node.check();
  return node;
}

describe('the document shape of the editor schema', () => {
  it(`refuses nothing the editor binding writes, over ${CASES} random multi-client editing sessions`, () => {
    let updates = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const rng = prng(seed);
      const server = new Y.Doc();
      const writers = Array.from({ length: 2 }, () => ({
        doc: new Y.Doc(),
        meta: { mapping: new Map(), isOMark: new Map() },
        blocks: [] as JSONContent[],
      }));
      for (let step = 0; step < 12; step++) {
        const writer = rng.pick(writers);
        Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(server));
        const fragment = writer.doc.getXmlFragment('section:visjon');
        writer.blocks = edited(rng, writer.blocks);
        const before = Y.encodeStateVector(writer.doc);
        writer.doc.transact(() => updateYFragment(writer.doc, fragment, toNode(writer.blocks), writer.meta));
        const update = Y.encodeStateAsUpdate(writer.doc, before);
        const verdict = inspectUpdate(server, update, shape);
        expect(verdict.kind === 'invalid' ? verdict.reason : verdict.kind, `seed ${seed} step ${step}`).toBe('ok');
        Y.applyUpdate(server, update);
        updates++;
      }
    }
    expect(updates).toBe(CASES * 12);
  });

  it('allows in each element exactly what the schema allows', () => {
    expect([...shape.root.elements].sort()).toEqual(
      ['blockquote', 'bulletList', 'heading', 'mainGoal', 'orderedList', 'paragraph', 'subGoal'].sort(),
    );
    expect(shape.root.text).toBe(false);
    expect(shape.elements.get('paragraph')).toEqual({ elements: new Set(['hardBreak']), text: true });
    expect(shape.elements.get('bulletList')).toEqual({ elements: new Set(['listItem']), text: false });
    expect(shape.elements.get('hardBreak')).toEqual({ elements: new Set(), text: false });
    expect(shape.elements.has('script')).toBe(false);
    expect([...shape.marks].sort()).toEqual(['bold', 'italic', 'link', 'strike', 'underline']);
  });
});
