import { expect, test, type Page } from './fixtures';
import { editable, login, openStrategy, sectionEditor } from './helpers';

// Two browsers on a busy machine take a while.
test.describe.configure({ timeout: 180_000 });

const SENTENCE = 'Hjemmetjenesten skal ta i bruk digitalt tilsyn der brukeren ønsker det.';
const PHRASE = 'digitalt tilsyn';

/** Selects words in the section's editor as a mouse drag would, also across highlighted (split) text. */
async function selectText(page: Page, words: string) {
  await sectionEditor(page, '5.1', 'Helse og omsorg').evaluate((root, text) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const all = nodes.map((n) => n.data).join('');
    const at = all.indexOf(text);
    if (at < 0) throw new Error(`"${text}" not found`);
    const point = (offset: number): [Text, number] => {
      for (const node of nodes) {
        if (offset <= node.data.length) return [node, offset];
        offset -= node.data.length;
      }
      throw new Error('past the end');
    };
    const range = document.createRange();
    range.setStart(...point(at));
    range.setEnd(...point(at + text.length));
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  }, words);
}

const thread = (page: Page) =>
  page.locator('#kommentarpanel').getByRole('article').filter({ hasText: 'Gjelder dette alle brukere?' });

test('a comment stays attached for everyone when an editor deletes its sentence and presses undo', async ({
  browser,
}) => {
  const unionContext = await browser.newContext();
  const editorContext = await browser.newContext();
  const union = await unionContext.newPage();
  const editor = await editorContext.newPage();
  await login(union, 'tillitsvalgt@eksempel.no');
  await openStrategy(union);
  await login(editor, 'helse@eksempel.no');
  await openStrategy(editor);

  // The editor writes a sentence of its own at the end of the section.
  const text = await editable(editor, '5.1', 'Helse og omsorg');
  await text.click();
  await editor.keyboard.press('Control+End');
  await editor.keyboard.press('Enter');
  await editor.keyboard.type(SENTENCE);
  const unionText = sectionEditor(union, '5.1', 'Helse og omsorg');
  await expect(unionText).toContainText(SENTENCE);

  // The union rep comments on a phrase in it.
  await selectText(union, PHRASE);
  await union.getByRole('button', { name: 'Kommenter', exact: true }).click();
  await union.locator('#kommentarpanel').getByLabel('Kommentar', { exact: true }).fill('Gjelder dette alle brukere?');
  await union.locator('#kommentarpanel').getByRole('button', { name: 'Legg inn kommentar' }).click();
  for (const page of [union, editor]) {
    await expect(thread(page)).toBeVisible();
    await expect(sectionEditor(page, '5.1', 'Helse og omsorg').locator('.comment-range')).toHaveText(PHRASE);
  }

  // The editor deletes the sentence: the thread is detached for both.
  await selectText(editor, SENTENCE);
  await editor.keyboard.press('Backspace');
  await expect(unionText).not.toContainText(PHRASE);
  for (const page of [union, editor]) await expect(thread(page).getByText('Teksten er slettet')).toBeVisible();

  // Undo brings the text back, and the thread is attached again for both, not only for the editor.
  await editor.keyboard.press('Control+z');
  await expect(unionText).toContainText(SENTENCE);
  for (const page of [union, editor]) {
    await expect(thread(page).getByText('Teksten er slettet')).toHaveCount(0);
    await expect(sectionEditor(page, '5.1', 'Helse og omsorg').locator('.comment-range')).toHaveText(PHRASE);
  }

  // Deleted, so the specs after this one find only the union rep's threads they make themselves.
  await thread(union).getByRole('button', { name: 'Slett', exact: true }).click();
  await thread(union).getByRole('button', { name: 'Ja, slett' }).click();
  await expect(thread(union)).toHaveCount(0);

  await unionContext.close();
  await editorContext.close();
});
