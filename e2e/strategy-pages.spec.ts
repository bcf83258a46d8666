import { expect, test, type Locator, type Page } from './fixtures';
import { DEMO_PASSWORD, expectAccessible, login, openStrategy, screenshot } from './helpers';

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', limit = 200): Promise<void> {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('a strategy that does not exist, or that the person is not a member of, is a page that says what to do', async ({
  page,
}) => {
  await login(page, 'leder@eksempel.no');
  await page.goto('/strategier/finnes-ikke/medlemmer');
  await expect(page.getByRole('heading', { level: 1, name: 'Fant ikke strategien' })).toBeVisible();
  await expect(page.getByText('Spør prosjektlederen om du mener du skal ha tilgang.')).toBeVisible();
  await expect(page.getByText('Har du fått en invitasjon på e-post, åpner du lenken i den.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'strategy-not-found');

  await page.getByRole('link', { name: 'Gå til mine strategier' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mine strategier' })).toBeVisible();
});

test('someone not logged in who opens a strategy page logs in and comes back to that page', async ({ page }) => {
  await login(page, 'leder@eksempel.no');
  await openStrategy(page);
  const versions = `${new URL(page.url()).pathname}/versjoner`;
  await page.context().clearCookies();

  await page.goto(versions);
  await expect(page).toHaveURL(/\/logg-inn\?neste=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn' })).toBeVisible();
  await page.getByLabel('E-postadresse').fill('leder@eksempel.no');
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(versions);
  await expect(page.getByRole('heading', { level: 1, name: 'Versjoner' })).toBeVisible();
});

test('a person logs in, opens the strategy, writes in a section and reaches its pages by keyboard alone', async ({
  page,
}) => {
  await page.goto('/logg-inn');
  await expect(page.getByLabel('E-postadresse')).toBeFocused();
  await page.keyboard.type('helse@eksempel.no');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');

  const strategyLink = page.getByRole('link', { name: /Digitaliseringsstrategi 2027–2030/ }).first();
  await expect(strategyLink).toBeVisible();
  await tabTo(page, strategyLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Digitaliseringsstrategi/ })).toBeVisible();

  // The outline takes the person to their section; Tab moves on into its text.
  const outlineLink = page.getByRole('link', { name: /5\.1 Helse og omsorg/ }).first();
  await tabTo(page, outlineLink);
  await page.keyboard.press('Enter');
  const editor = page.getByLabel('Tekst i 5.1 Helse og omsorg', { exact: true });
  await expect(editor).toHaveAttribute('contenteditable', 'true');
  await tabTo(page, editor);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Skrevet med tastaturet.');
  await expect(editor).toContainText('Skrevet med tastaturet.');

  const members = page.getByRole('link', { name: 'Medlemmer og tilgang' });
  await tabTo(page, members, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Medlemmer og tilgang' })).toBeVisible();
});

test('a form sent after the session ended takes the person to the login page and back to where they were', async ({
  page,
}) => {
  await login(page, 'leder@eksempel.no');
  await openStrategy(page);
  await page.getByRole('link', { name: 'Versjoner og sammenligning' }).click();
  const name = page.getByLabel('Navn på versjonen');
  await expect(name).toBeVisible();
  const versions = new URL(page.url()).pathname;
  await page.context().clearCookies();

  await name.fill('Etter utlogging');
  await page.getByRole('button', { name: 'Lagre versjon' }).click();
  await expect(page).toHaveURL(/\/logg-inn\?neste=.*grunn=session-ended/);
  await expect(page.getByText('Økten din er avsluttet')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('E-postadresse').fill('leder@eksempel.no');
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(versions);
  await expect(page.getByRole('heading', { level: 1, name: 'Versjoner' })).toBeVisible();
});
