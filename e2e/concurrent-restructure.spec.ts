import { expect, test, type Page } from './fixtures';
import type { JSONContent } from '@tiptap/core';
import { buildHarness } from './binding/build';

// Fault 5: one person restructures a block (a toolbar button or a key: indent, outdent, list,
// heading, goal, quote) while another types at the end of it, neither having seen the other's change.
// The app's real section editors run in the browser (e2e/binding/harness.ts); their updates are held
// and delivered by the test: each replica gets the other's change after its own, and two server
// copies get both in either order. Every replica must end with the restructured block holding the
// typed words — the document one person gets by typing first and restructuring after.

type Harness = Window['harness'];
declare const harness: Harness;

const TARGET = 'Målet er digitale tjenester';
const TYPED = ' for alle innbyggere';

const text = (value: string) => [{ type: 'text', text: value }];
const paragraph = (value: string) => ({ type: 'paragraph', content: text(value) });
const item = (...content: JSONContent[]) => ({ type: 'listItem', content });
const list = (type: string, ...items: JSONContent[]) => ({ type, content: items });

/** Where the block is before the change: one start for each kind of block the toolbar makes. */
const STARTS: Record<string, JSONContent[]> = {
  paragraph: [paragraph('Innledning.'), paragraph(TARGET)],
  'heading 3': [paragraph('Innledning.'), { type: 'heading', attrs: { level: 3 }, content: text(TARGET) }],
  'heading 4': [paragraph('Innledning.'), { type: 'heading', attrs: { level: 4 }, content: text(TARGET) }],
  'bullet list': [list('bulletList', item(paragraph('Første punkt')), item(paragraph(TARGET)))],
  'numbered list': [list('orderedList', item(paragraph('Første punkt')), item(paragraph(TARGET)))],
  'nested list': [list('bulletList', item(paragraph('Første punkt'), list('bulletList', item(paragraph(TARGET)))))],
  'main goal': [paragraph('Innledning.'), { type: 'mainGoal', attrs: { goalId: 'mål-1' }, content: text(TARGET) }],
  'sub goal': [paragraph('Innledning.'), { type: 'subGoal', attrs: { goalId: 'mål-2' }, content: text(TARGET) }],
  quote: [paragraph('Innledning.'), { type: 'blockquote', content: [paragraph(TARGET)] }],
};

/** Someone typed a dash at the start of the block; a space after it makes the paragraph a list item. */
const DASHED = `-${TARGET}`;
const DASHED_START = [paragraph('Innledning.'), paragraph(DASHED)];

/** Tools that format characters: they change marks, not the document's structure. */
const MARK_TOOLS = ['bold', 'italic'];

/** Structural commands that have keys but no button, pressed with the caret at the end of the block. */
const KEYS: { keys: string[]; what: string; start: string; content?: JSONContent[]; block?: string }[] = [
  { keys: ['Tab'], what: 'indent', start: 'bullet list' },
  { keys: ['Tab'], what: 'indent', start: 'numbered list' },
  { keys: ['Shift+Tab'], what: 'outdent', start: 'nested list' },
  { keys: ['Shift+Tab'], what: 'outdent', start: 'bullet list' },
  { keys: ['Control+Shift+B'], what: 'quote', start: 'paragraph' },
  { keys: ['Control+Shift+B'], what: 'unquote', start: 'quote' },
  {
    keys: ['Home', 'ArrowRight', 'Space'],
    what: 'a list by typing "- "',
    start: 'paragraph starting with a dash',
    content: DASHED_START,
    block: DASHED,
  },
];

type Action = { tool: string } | { keys: string[] };

async function act(page: Page, replica: string, action: Action): Promise<void> {
  if ('keys' in action) {
    for (const key of action.keys) await page.keyboard.press(key);
    return;
  }
  expect(await page.evaluate(([r, tool]) => harness.use(r, tool), [replica, action.tool] as const)).toBe(true);
}

/** Goal ids are random per command; everything else must match exactly. */
function withoutGoalIds(node: JSONContent): JSONContent {
  const { attrs, content, ...rest } = node;
  const kept = attrs && Object.fromEntries(Object.entries(attrs).filter(([key]) => key !== 'goalId'));
  return { ...rest, ...(kept ? { attrs: kept } : {}), ...(content ? { content: content.map(withoutGoalIds) } : {}) };
}

/** The document after typing first and restructuring after, in one editor. */
async function sequential(page: Page, seed: string, block: string, action: Action): Promise<JSONContent> {
  await page.evaluate(
    ([s, target]) => {
      harness.reset();
      harness.create('alone', s);
      harness.focusEnd('alone', target);
    },
    [seed, block] as const,
  );
  await page.keyboard.type(TYPED);
  await page.evaluate((target) => harness.focusEnd('alone', target), block);
  await act(page, 'alone', action);
  return page.evaluate(() => harness.content('alone'));
}

/** Restructuring and typing at once; returns every replica's document once all updates arrived. */
async function concurrent(
  page: Page,
  seed: string,
  block: string,
  action: Action,
): Promise<Record<string, JSONContent>> {
  await page.evaluate(
    ([s, target]) => {
      harness.reset();
      harness.create('mover', s);
      harness.create('typist', s);
      harness.create('server (move first)', s, false);
      harness.create('server (typing first)', s, false);
      harness.focusEnd('typist', target);
    },
    [seed, block] as const,
  );
  await page.keyboard.type(TYPED);
  await page.evaluate((target) => harness.focusEnd('mover', target), block);
  await act(page, 'mover', action);
  return page.evaluate(() => {
    const moved = harness.take('mover');
    const typed = harness.take('typist');
    expect_(moved.length > 0 && typed.length > 0, 'both made a change');
    harness.deliver('server (move first)', [...moved, ...typed]);
    harness.deliver('server (typing first)', [...typed, ...moved]);
    harness.deliver('typist', moved);
    harness.deliver('mover', typed);
    harness.settle();
    const names = ['mover', 'typist', 'server (move first)', 'server (typing first)'];
    return Object.fromEntries(names.map((name) => [name, harness.content(name)]));
    function expect_(condition: boolean, what: string) {
      if (!condition) throw new Error(`expected: ${what}`);
    }
  });
}

async function expectTypedWordsKept(
  page: Page,
  start: string,
  action: Action,
  content = STARTS[start]!,
  block = TARGET,
): Promise<void> {
  const seed = await page.evaluate((c) => harness.seed(c), content);
  const expected = withoutGoalIds(await sequential(page, seed, block, action));
  expect(JSON.stringify(expected)).toContain(TARGET + TYPED);
  const replicas = await concurrent(page, seed, block, action);
  for (const [name, content] of Object.entries(replicas)) {
    expect(withoutGoalIds(content), `${name} after ${JSON.stringify(action)} on a ${start}`).toEqual(expected);
  }
}

test.describe('restructuring a block while someone types in it', () => {
  let script: string;
  test.beforeAll(async () => {
    script = await buildHarness();
  });
  test.beforeEach(async ({ page }) => {
    // A page of its own origin (the catalog keeps the language in localStorage), served by the test.
    const url = 'http://binding-harness.localhost/';
    await page.route(url, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="nb"><body></body></html>' }),
    );
    await page.goto(url);
    await page.addScriptTag({ content: script });
  });

  test('every toolbar button that changes structure is covered by a start where it applies', async ({ page }) => {
    const tools = await page.evaluate(() => harness.tools());
    const usable = new Set<string>();
    for (const content of Object.values(STARTS)) {
      const seed = await page.evaluate((c) => harness.seed(c), content);
      const found = await page.evaluate(
        ([s, target, ids]) => {
          harness.reset();
          harness.create('probe', s);
          harness.focusEnd('probe', target);
          return ids.filter((id) => harness.canUse('probe', id));
        },
        [seed, TARGET, tools] as const,
      );
      found.forEach((id) => usable.add(id));
    }
    expect(tools.filter((id) => !MARK_TOOLS.includes(id)).filter((id) => !usable.has(id))).toEqual([]);
  });

  for (const start of Object.keys(STARTS)) {
    test(`on a ${start}: every toolbar button keeps the words typed at the same time`, async ({ page }) => {
      const seed = await page.evaluate((content) => harness.seed(content), STARTS[start]!);
      const tools = await page.evaluate(
        ([s, target]) => {
          harness.reset();
          harness.create('probe', s);
          harness.focusEnd('probe', target);
          return harness.tools().filter((id) => harness.canUse('probe', id));
        },
        [seed, TARGET] as const,
      );
      const structural = tools.filter((id) => !MARK_TOOLS.includes(id));
      expect(structural.length).toBeGreaterThan(0);
      for (const tool of structural) await expectTypedWordsKept(page, start, { tool });
    });
  }

  for (const { keys, what, start, content, block } of KEYS) {
    test(`on a ${start}: ${keys.join(', ')} (${what}) keeps the words typed at the same time`, async ({ page }) => {
      await expectTypedWordsKept(page, start, { keys }, content, block);
    });
  }
});
