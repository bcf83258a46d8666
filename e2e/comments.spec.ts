import { expect, test, type Page } from './fixtures';
import { expectAccessible, login, openStrategy, screenshot, sectionEditor, selectText } from './helpers';

// Two browsers and an axe scan of a page with twenty editors take a while on a busy machine.
test.describe.configure({ timeout: 240_000 });

const FIRST_SENTENCE =
  'Digitalisering er tatt i bruk på alle områder for å utvikle gode tjenester og effektiv forvaltning.';
const NEW_SENTENCE = 'Digitale løsninger er tatt i bruk der de gir innbyggerne bedre tjenester.';
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script> javascript:alert(1)';

const panel = (page: Page) => page.locator('#kommentarpanel');
const thread = (page: Page, author: RegExp) => panel(page).getByRole('article', { name: author });

test('a union rep suggests new wording; an editor sees it live, replies and accepts it', async ({ browser }) => {
  const unionContext = await browser.newContext();
  const leaderContext = await browser.newContext();
  const union = await unionContext.newPage();
  const leader = await leaderContext.newPage();
  await login(union, 'tillitsvalgt@eksempel.no');
  await openStrategy(union);
  await login(leader, 'leder@eksempel.no');
  await openStrategy(leader);

  // The union rep may not edit, but selects a sentence and comments on it with a suggestion.
  await expect(sectionEditor(union, '3', 'Visjon')).toHaveAttribute('aria-readonly', 'true');
  await selectText(union, '3', 'Visjon', FIRST_SENTENCE);
  await union.getByRole('button', { name: 'Kommenter', exact: true }).click();
  await panel(union)
    .getByLabel('Kommentar', { exact: true })
    .fill('Setningen er for generell. Kan vi si hva innbyggerne får?');
  await panel(union).getByLabel('Foreslå ny tekst').check();
  await panel(union).getByLabel('Forslag til ny tekst').fill(NEW_SENTENCE);
  await panel(union).getByRole('button', { name: 'Legg inn kommentar' }).click();
  await expect(thread(union, /Anders Dahl/)).toBeVisible();
  // The commented words are highlighted in the text, without the document being changed.
  await expect(sectionEditor(union, '3', 'Visjon').locator('.comment-range')).toHaveText(FIRST_SENTENCE);

  // The editor sees the thread arrive live, with the suggestion, and replies.
  const leaderThread = thread(leader, /Anders Dahl/);
  await expect(leaderThread).toBeVisible();
  await expect(leaderThread.getByText(NEW_SENTENCE)).toBeVisible();
  await expect(sectionEditor(leader, '3', 'Visjon').locator('.comment-range')).toHaveText(FIRST_SENTENCE);
  // From a thread to its words, and from the words back to the thread.
  await leaderThread.getByRole('button', { name: 'Vis i teksten' }).click();
  await expect(sectionEditor(leader, '3', 'Visjon').locator('.comment-range--active')).toHaveText(FIRST_SENTENCE);
  await sectionEditor(union, '3', 'Visjon').locator('.comment-range').click();
  await expect(thread(union, /Anders Dahl/)).toBeFocused();

  await leaderThread.getByLabel(/Svar til Anders Dahl/).fill('God idé, vi tar det inn.');
  await leaderThread.getByRole('button', { name: 'Svar', exact: true }).click();

  // The union rep sees the reply live, and a notification.
  await expect(thread(union, /Anders Dahl/).getByText('God idé, vi tar det inn.')).toBeVisible();
  await expect(panel(union).getByRole('button', { name: /Varsler \(1 uleste\)/ })).toBeVisible();
  await expectAccessible(union);
  await screenshot(union, 'comments-panel');

  // The editor accepts: the document changes for both, and the resolved thread leaves the open filter.
  await leaderThread.getByRole('button', { name: 'Godta forslaget' }).click();
  await expect(sectionEditor(union, '3', 'Visjon')).toContainText(NEW_SENTENCE);
  await expect(sectionEditor(leader, '3', 'Visjon')).toContainText(NEW_SENTENCE);
  await expect(sectionEditor(union, '3', 'Visjon')).not.toContainText(FIRST_SENTENCE);
  await expect(thread(union, /Anders Dahl/)).toHaveCount(0);
  await expect(thread(leader, /Anders Dahl/)).toHaveCount(0);

  await panel(union).getByLabel('Status').selectOption('resolved');
  const resolved = thread(union, /Anders Dahl/);
  await expect(resolved).toBeVisible();
  await expect(resolved.getByText('Godtatt av Ingrid Solberg, prosjektleder')).toBeVisible();
  await expect(resolved.getByText('God idé, vi tar det inn.')).toBeVisible();

  await unionContext.close();
  await leaderContext.close();
});

test('a comment full of markup renders as inert text for everyone', async ({ browser }) => {
  const unionContext = await browser.newContext();
  const leaderContext = await browser.newContext();
  const union = await unionContext.newPage();
  const leader = await leaderContext.newPage();
  await login(union, 'tillitsvalgt@eksempel.no');
  await openStrategy(union);
  await login(leader, 'leder@eksempel.no');
  await openStrategy(leader);

  await selectText(union, '3', 'Visjon', 'sikker pålogging');
  await union.getByRole('button', { name: 'Kommenter', exact: true }).click();
  await panel(union).getByLabel('Kommentar', { exact: true }).fill(XSS);
  await panel(union).getByRole('button', { name: 'Legg inn kommentar' }).click();

  for (const page of [union, leader]) {
    const shown = thread(page, /sikker pålogging/);
    await expect(shown.getByText(XSS)).toBeVisible();
    await expect(panel(page).locator('img, script')).toHaveCount(0);
    await expect(shown.getByRole('link')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  }
  await expectAccessible(leader);

  await unionContext.close();
  await leaderContext.close();
});

test('a union rep comments on a sentence by keyboard alone, without changing the text', async ({ page }) => {
  // A refused update closes the socket (4403), so the page must neither send one nor lose its socket.
  let updatesSent = 0;
  let socketsClosed = 0;
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      // y-websocket sync frames: [0, 1 (step 2) | 2 (update), length, update]; an empty update is 2 bytes.
      if (typeof payload !== 'string' && payload[0] === 0 && (payload[1] === 1 || payload[1] === 2)) {
        if (payload.length > 5) updatesSent++;
      }
    });
    socket.on('close', () => socketsClosed++);
  });
  await login(page, 'tillitsvalgt@eksempel.no');
  await openStrategy(page);
  const visjon = sectionEditor(page, '3', 'Visjon');
  await expect(visjon).toContainText('.');
  // Earlier tests may have changed the vision's wording: comment on whatever its first sentence is now.
  const before = (await visjon.textContent()) ?? '';
  const firstSentence = before.slice(0, before.indexOf('.') + 1);

  // Tab reaches the read-only text.
  for (let i = 0; i < 100; i++) {
    if (await visjon.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(visjon).toBeFocused();
  await expect(visjon).toHaveAttribute('aria-readonly', 'true');
  await expect(visjon).toHaveAttribute('role', 'textbox');

  // Typing, Enter and deleting change nothing.
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Endret ');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+Home');

  // Shift+arrows select the first sentence; Tab goes to the button beside it.
  for (let i = 0; i < firstSentence.length; i++) await page.keyboard.press('Shift+ArrowRight');
  expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(firstSentence);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Kommenter', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');

  const field = panel(page).getByLabel('Kommentar', { exact: true });
  await expect(field).toBeFocused();
  await page.keyboard.type('Kan vi si hva innbyggerne merker av dette?');
  const submit = panel(page).getByRole('button', { name: 'Legg inn kommentar' });
  for (let i = 0; i < 10; i++) {
    if (await submit.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(submit).toBeFocused();
  await page.keyboard.press('Enter');

  // Earlier tests leave other threads by the same person open: find this one by its text.
  const created = thread(page, /Anders Dahl/).filter({ hasText: 'Kan vi si hva innbyggerne merker av dette?' });
  await expect(created).toBeVisible();
  await expect
    .poll(async () => (await visjon.locator('.comment-range').allTextContents()).join(''))
    .toContain(firstSentence);
  expect(await visjon.textContent()).toBe(before);
  await expect(page.getByText('Rettighetene dine er endret')).toHaveCount(0);
  expect(updatesSent).toBe(0);
  expect(socketsClosed).toBe(0);
});
