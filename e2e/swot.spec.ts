import type { Browser, Page } from './fixtures';
import { expect, test } from './fixtures';
import { DEMO_PASSWORD, expectAccessible, openStrategy, screenshot } from './helpers';

/** A browser of its own, signed in through the API, on the demo strategy's benefit and status page. */
async function onBoard(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  expect((await page.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } })).status()).toBe(200);
  await page.goto('/');
  await openStrategy(page);
  await page.getByRole('link', { name: 'Gevinstberegning og IKT-status' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'SWOT-analyse' })).toBeVisible();
  return page;
}

test('the project group writes the SWOT board by keyboard, and another member sees the entry live', async ({
  browser,
}) => {
  // Two browsers and two axe runs: more than the default minute on a loaded machine.
  test.setTimeout(120_000);
  const leader = await onBoard(browser, 'leder@eksempel.no');
  const union = await onBoard(browser, 'tillitsvalgt@eksempel.no');
  await expectAccessible(leader);

  await union.getByLabel('Type').focus();
  await union.getByLabel('Type').selectOption('opportunity');
  await union.keyboard.press('Tab');
  await expect(union.getByLabel('Nytt punkt')).toBeFocused();
  await union.keyboard.type('Felles skyløsning med nabokommunene');
  await union.keyboard.press('Enter');
  await expect(union.getByLabel('Nytt punkt')).toHaveValue('');

  const opportunities = leader.locator('[data-kind="opportunity"]');
  await expect(opportunities.getByRole('listitem')).toContainText('Felles skyløsning med nabokommunene');
  await expect(opportunities.getByRole('listitem')).toContainText(/–\s+\S/);
  await expect(leader.getByRole('button', { name: /Sett inn SWOT-analysen i/ })).toBeVisible();
  await expectAccessible(union);
  await leader.getByRole('heading', { level: 2, name: 'SWOT-analyse' }).scrollIntoViewIfNeeded();
  await screenshot(leader, 'swot-board');
});
