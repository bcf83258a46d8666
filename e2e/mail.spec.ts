import { expect, test, type Page } from './fixtures';
import { expectAccessible, login, openStrategy, screenshot, sectionEditor, selectText } from './helpers';

// A strategy page with twenty editors takes a while on a busy machine.
test.describe.configure({ timeout: 180_000 });

const panel = (page: Page) => page.locator('#kommentarpanel');

test('a person chooses their e-mails by keyboard alone, and the choice is kept', async ({ page }) => {
  await login(page, 'oppvekst@eksempel.no');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'E-postvarsler' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E-postvarsler' })).toBeVisible();
  // The test server has no SMTP: the page says so, and the choices still count for later.
  await expect(page.getByText('Denne installasjonen sender ikke e-post ennå.')).toBeVisible();

  const language = page.getByLabel('Språk i e-postene');
  await expect(language).toHaveValue('nb');
  await language.focus();
  await page.keyboard.press('ArrowDown');
  await expect(language).toHaveValue('nn');

  const reply = page.getByLabel('noen svarer i en tråd jeg har startet');
  await expect(reply).toBeChecked();
  // From the language to the first kind, on to the second (replies), and off with the space bar.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('noen nevner meg i en kommentar')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(reply).toBeFocused();
  await page.keyboard.press('Space');
  await expect(reply).not.toBeChecked();

  // The delivery is a radio group: arrow keys move the choice.
  const single = page.getByLabel('Én e-post for hver hendelse');
  await expect(single).toBeChecked();
  await single.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Én samlet e-post per dag, for dagen før')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Lagre valgene' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('E-postvalgene er lagret.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'mail-settings');

  // Kept on the server: a fresh load shows the same choices.
  await page.reload();
  await expect(page.getByLabel('Språk i e-postene')).toHaveValue('nn');
  await expect(page.getByLabel('noen svarer i en tråd jeg har startet')).not.toBeChecked();
  await expect(page.getByLabel('noen nevner meg i en kommentar')).toBeChecked();
  await expect(page.getByLabel('Én samlet e-post per dag, for dagen før')).toBeChecked();
});

test('the link of a comment mail opens the strategy at its thread', async ({ page }) => {
  await login(page, 'leder@eksempel.no');
  await openStrategy(page);
  const words = 'Innbyggerne er gitt innsyn i egne data';
  await selectText(page, '3', 'Visjon', words);
  await page.getByRole('button', { name: 'Kommenter', exact: true }).click();
  await panel(page).getByLabel('Kommentar', { exact: true }).fill('Lenken i e-posten skal føre hit.');
  await panel(page).getByRole('button', { name: 'Legg inn kommentar' }).click();
  await expect(panel(page).getByText('Lenken i e-posten skal føre hit.')).toBeVisible();

  const strategyId = new URL(page.url()).pathname.split('/')[2]!;
  const listed = (await (await page.request.get(`/api/strategies/${strategyId}/comments`)).json()) as {
    threads: { id: string; sectionKey: string; comments: { body: string }[] }[];
  };
  const created = listed.threads.find((t) => t.comments[0]?.body === 'Lenken i e-posten skal føre hit.')!;
  expect(created.sectionKey).toBe('visjon');

  // The path a mention or reply mail links to (server/src/mail/kinds.ts threadPath), opened afresh.
  await page.goto('/');
  await page.goto(`/strategier/${strategyId}?trad=${created.id}#del-visjon`);
  await expect(sectionEditor(page, '3', 'Visjon')).toBeVisible();
  const opened = panel(page)
    .getByRole('article', { name: /Ingrid Solberg/ })
    .filter({
      hasText: 'Lenken i e-posten skal føre hit.',
    });
  await expect(opened).toBeFocused();
  await expect(sectionEditor(page, '3', 'Visjon').locator('.comment-range--active')).toHaveText(words);
});

test('someone who forgot their password finds the way from the login page, and a dead link says what to do', async ({
  page,
}) => {
  await page.goto('/logg-inn');
  await page.getByRole('link', { name: 'Glemt passordet?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nytt passord' })).toBeVisible();
  await expect(page.getByLabel('E-postadresse')).toBeFocused();
  await page.keyboard.type('leder@eksempel.no');
  await page.keyboard.press('Enter');
  // The test server has no SMTP: the page says so and what to do instead.
  await expect(page.getByRole('alert')).toContainText('Samstrat kan ikke sende e-post her.');
  await expectAccessible(page);

  await page.goto('/nytt-passord/en-lenke-som-ikke-finnes');
  await expect(page.getByRole('heading', { level: 1, name: 'Velg nytt passord' })).toBeVisible();
  await expect(page.getByLabel('Velg et passord')).toBeFocused();
  await page.keyboard.type('et langt nok passord');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Lenken for nytt passord er ugyldig');
  await expect(page.getByRole('link', { name: 'Be om en ny lenke' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'mail-password-reset-invalid');
});
