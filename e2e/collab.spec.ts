import { expect, test } from './fixtures';
import {
  editable,
  expectAccessible,
  login,
  loginThroughForm,
  openStrategy,
  screenshot,
  sectionEditor,
  sectionText,
} from './helpers';

const DEMO_ACCOUNTS = [
  'kommunedirektor@eksempel.no',
  'styring@eksempel.no',
  'leder@eksempel.no',
  'helse@eksempel.no',
  'oppvekst@eksempel.no',
  'tillitsvalgt@eksempel.no',
  'radgiver@eksempel.no',
  'politiker@eksempel.no',
];

test('the login, list and strategy pages have no serious or critical accessibility violations (WCAG 2.2 AA)', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/logg-inn/);
  await expectAccessible(page);
  await screenshot(page, 'login');

  await login(page, 'leder@eksempel.no');
  await expect(page.getByRole('link', { name: /Digitaliseringsstrategi 2027–2030/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'strategies');

  await openStrategy(page);
  await editable(page, '3', 'Visjon');
  // The quality checks' links are on the page too (their targets were under 24 px: WCAG 2.2, 2.5.8).
  await expect(page.getByRole('link', { name: 'Gå til 4.1 Kommuneportal' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'strategy');
});

test('every demo account logs in through the form', async ({ page }) => {
  for (const email of DEMO_ACCOUNTS) {
    await loginThroughForm(page, email);
    await expect(page.getByRole('link', { name: /Digitaliseringsstrategi 2027–2030/ })).toBeVisible();
    await page.context().clearCookies();
  }
});

test('a wrong password is answered with a clear message in Norwegian', async ({ page }) => {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill('leder@eksempel.no');
  await page.getByLabel('Passord').fill('feil-passord');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByText('Feil e-postadresse eller passord. Prøv igjen.')).toBeVisible();
});

test("two people co-edit: each sees the other's keystrokes and named caret", async ({ browser }) => {
  const helse = await browser.newContext();
  const leder = await browser.newContext();
  const helsePage = await helse.newPage();
  const lederPage = await leder.newPage();
  await login(helsePage, 'helse@eksempel.no');
  await openStrategy(helsePage);
  await login(lederPage, 'leder@eksempel.no');
  await openStrategy(lederPage);

  const helseEditor = await editable(helsePage, '5.1', 'Helse og omsorg');
  await helseEditor.click();
  await helsePage.keyboard.type('Velferdsteknologi skal være en del av alle tjenester.');

  await expect(sectionEditor(lederPage, '5.1', 'Helse og omsorg')).toContainText(
    'Velferdsteknologi skal være en del av alle tjenester.',
  );
  // The caret of the other person carries their name.
  await expect(lederPage.locator('.collaboration-carets__label', { hasText: 'Ola Berg' })).toBeVisible();

  const lederEditor = await editable(lederPage, '3', 'Visjon');
  await lederEditor.click();
  await lederPage.keyboard.press('Control+End');
  await lederPage.keyboard.type(' Vi deler data på tvers av tjenestene.');
  await expect(sectionEditor(helsePage, '3', 'Visjon')).toContainText('Vi deler data på tvers av tjenestene.');
  await expect(helsePage.locator('.collaboration-carets__label', { hasText: 'Ingrid Solberg' })).toBeVisible();
  await screenshot(lederPage, 'co-editing');

  await helse.close();
  await leder.close();
});

test('edits made while offline merge without loss when the connection returns', async ({ browser }) => {
  const offline = await browser.newContext();
  const online = await browser.newContext();
  const offlinePage = await offline.newPage();
  const onlinePage = await online.newPage();

  // Chromium's offline emulation leaves open WebSockets alone, so the network between this page and
  // the collaboration server is cut here instead: while "offline", every socket is closed and every
  // reconnect attempt is refused, as a lost network would.
  let networkDown = false;
  const open: { close(): Promise<void> }[] = [];
  await offlinePage.routeWebSocket(/\/collab\//, (ws) => {
    if (networkDown) return void ws.close();
    ws.connectToServer();
    open.push(ws);
  });

  await login(offlinePage, 'oppvekst@eksempel.no');
  await openStrategy(offlinePage);
  await login(onlinePage, 'leder@eksempel.no');
  await openStrategy(onlinePage);
  const offlineEditor = await editable(offlinePage, '5.2', 'Oppvekst og læring');
  const onlineEditor = await editable(onlinePage, '5.2', 'Oppvekst og læring');

  networkDown = true;
  await offline.setOffline(true);
  await Promise.all(open.splice(0).map((ws) => ws.close()));
  await expect(offlinePage.getByText(/Frakoblet/)).toBeVisible();
  await offlineEditor.click();
  await offlinePage.keyboard.press('Control+End');
  await offlinePage.keyboard.type('Skrevet uten nett.');
  await onlineEditor.click();
  await onlinePage.keyboard.press('Control+End');
  await onlinePage.keyboard.type('Skrevet med nett.');
  await expect(sectionEditor(onlinePage, '5.2', 'Oppvekst og læring')).not.toContainText('Skrevet uten nett.');
  await screenshot(offlinePage, 'offline');

  networkDown = false;
  await offline.setOffline(false);
  for (const page of [offlinePage, onlinePage]) {
    // Read without carets: the other person's name label may stand between any two letters.
    await expect.poll(() => sectionText(page, '5.2', 'Oppvekst og læring')).toContain('Skrevet uten nett.');
    await expect.poll(() => sectionText(page, '5.2', 'Oppvekst og læring')).toContain('Skrevet med nett.');
  }
  await expect(offlinePage.getByText('Tilkoblet')).toBeVisible();
  await offline.close();
  await online.close();
});

test('a viewer reads the strategy but cannot type in it', async ({ page }) => {
  await login(page, 'politiker@eksempel.no');
  await openStrategy(page);
  await expect(page.getByText(/lesetilgang/i).first()).toBeVisible();
  const editor = sectionEditor(page, '3', 'Visjon');
  await expect(editor).toContainText('Digitalisering er tatt i bruk');
  // Focusable and selectable by keyboard, but read-only: what is typed never reaches the text.
  await expect(editor).toHaveAttribute('aria-readonly', 'true');
  const before = await editor.textContent();
  await editor.focus();
  await page.keyboard.type('Endret ');
  await page.keyboard.press('Backspace');
  await expect(editor).toBeFocused();
  expect(await editor.textContent()).toBe(before);
});
