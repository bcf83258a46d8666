import AxeBuilder from '@axe-core/playwright';
import axe, { type AxeResults, type RunOptions } from 'axe-core';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'samstrat-demo';

/**
 * Logs in through the API and opens the start page, where the form would have led. Most tests are
 * about what comes after the login; the form itself is tested through `loginThroughForm` (every demo
 * account, and the abilities the login's answer carries) and by hand in strategy-pages.spec.ts.
 * In a run of the heaviest specs the form took 1.5–2.5 s a login on a busy machine, the API half that.
 */
export async function login(page: Page, email: string): Promise<void> {
  const answer = await page.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(answer.status(), `login of ${email}`).toBe(200);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Logg inn');
}

/** Logs in through the login form, as a person would. */
export async function loginThroughForm(page: Page, email: string): Promise<void> {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Logg inn');
}

/** Opens the demo strategy from the list of the user's strategies. */
export async function openStrategy(page: Page): Promise<void> {
  await page
    .getByRole('link', { name: /Digitaliseringsstrategi 2027–2030/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /Digitaliseringsstrategi/ })).toBeVisible();
}

/** The editor of one section, e.g. sectionEditor(page, '5.1', 'Helse og omsorg'). */
export function sectionEditor(page: Page, number: string, title: string) {
  return page.getByLabel(`Tekst i ${number} ${title}`, { exact: true });
}

/**
 * A section's text as a reader hears it: without other people's carets, whose name labels sit in
 * the editor's DOM (hidden from screen readers) wherever those people's cursors are.
 */
export function sectionText(page: Page, number: string, title: string): Promise<string> {
  return sectionEditor(page, number, title).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** Waits until the section's editor accepts typing (it does after the first sync). */
export async function editable(page: Page, number: string, title: string) {
  const editor = sectionEditor(page, number, title);
  await expect(editor).toHaveAttribute('contenteditable', 'true');
  return editor;
}

/** Selects words in a section's editor the way a mouse drag would, through the DOM selection. */
export async function selectText(page: Page, number: string, title: string, words: string): Promise<void> {
  const editor = sectionEditor(page, number, title);
  await expect(editor).toContainText(words);
  await editor.evaluate((root, text) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(text) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${text}" not found`);
  }, words);
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** WCAG 2.0, 2.1 and 2.2 at A and AA: no serious or critical violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await axeViolations(page);
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/**
 * axe's run over the page, as AxeBuilder's legacy mode does it (axe runs in the page itself; the
 * default opens a blank page per check to put the frames' results together, which tripled the time
 * of a check of the strategy page), asking only for violations. AxeBuilder sends axe's half megabyte
 * of source into the page twice on every check: on the strategy page that was two thirds of a check
 * (3.9 s against 1.4 s on a busy machine). Here it goes in once per document, and later checks of the
 * same page (an SPA keeps its document) reuse it. A page with frames goes through AxeBuilder, which
 * puts axe into every frame.
 */
async function axeViolations(page: Page): Promise<AxeResults> {
  if (page.frames().length > 1) {
    return new AxeBuilder({ page })
      .withTags(WCAG_TAGS)
      .setLegacyMode(true)
      .options({ resultTypes: ['violations'] })
      .analyze();
  }
  const present = await page.evaluate(() => typeof (window as { axe?: typeof axe }).axe?.run === 'function');
  if (!present) {
    await page.evaluate(axe.source);
    await page.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.configure({ allowedOrigins: ['<same_origin>'] }),
    );
  }
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };
  return page.evaluate(
    (options) => (window as unknown as { axe: typeof axe }).axe.run({ include: [], exclude: [] }, options),
    options,
  );
}

/** Saves a screenshot under test-results/screens for people to look at after a run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: false });
}
