import { expect, test, type Browser, type Page } from './fixtures';
import { startServerProcess, tempDataDir, type ServerProcess } from '../server/test/process';
import { editable, expectAccessible, screenshot, sectionEditor } from './helpers';

// Issue 13 end to end, from a production start without demo data: the first admin (from the
// environment) logs in to an empty list that says what to do, creates a strategy from the template
// with three of the six service areas plus one of the municipality's own, invites an editor, and
// both write in it at once.
//
// This spec runs its own server (NODE_ENV=production, no demo) on its own data directory.

const ADMIN = { email: 'it@lia.kommune.no', name: 'Trude Vik', password: 'et langt admin-passord' };
const EDITOR = { email: 'per.hansen@lia.kommune.no', name: 'Per Hansen', password: 'et langt og godt passord' };
const TITLE = 'Digitaliseringsstrategi for Lia 2027–2030';
const OWN_AREA = ['5.4', 'Næring og samfunnsutvikling'] as const;

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess(tempDataDir(), {
    NODE_ENV: 'production',
    SAMSTRAT_DEMO: '',
    LOG_LEVEL: 'warn',
    SAMSTRAT_ADMIN_EMAIL: ADMIN.email,
    SAMSTRAT_ADMIN_PASSWORD: ADMIN.password,
    SAMSTRAT_ADMIN_NAME: ADMIN.name,
    SAMSTRAT_ORGANIZATION: 'Lia kommune',
  });
});

test.afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  return context.newPage();
}

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Logg inn');
}

test('the first admin creates a strategy from the template, invites an editor, and both write in it', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await newPage(browser);
  const editor = await newPage(browser);

  // An empty list that says what to do next.
  await logIn(admin, ADMIN.email, ADMIN.password);
  await expect(admin.getByRole('heading', { level: 1, name: 'Mine strategier' })).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'Ingen strategier ennå' })).toBeVisible();
  await expect(admin.getByText(/Start den første strategien med «Ny strategi»/)).toBeVisible();
  await expectAccessible(admin);
  await screenshot(admin, 'new-strategy-empty-list');

  // "Ny strategi", by keyboard: the first link of that name is the one beside the heading.
  await admin.getByRole('link', { name: 'Ny strategi' }).first().focus();
  await admin.keyboard.press('Enter');
  await expect(admin.getByRole('heading', { level: 1, name: 'Ny strategi' })).toBeVisible();
  await expect(admin.getByRole('radio', { name: 'Malen for digitaliseringsstrategi' })).toBeChecked();
  await expect(admin.getByRole('radio', { name: 'Bokmål' })).toBeChecked();

  // Nothing typed: the errors say what is missing, and focus goes to the first.
  await admin.getByLabel('Fra år').fill('2027');
  await admin.getByLabel('Til og med år').fill('2031');
  await admin.getByRole('button', { name: 'Opprett strategi' }).click();
  await expect(admin.getByText('Skriv en tittel på strategien.')).toBeVisible();
  await expect(admin.getByText('En strategi dekker høyst fire år. Velg en kortere periode.')).toBeVisible();
  await expect(admin.getByLabel('Tittel')).toBeFocused();
  await expectAccessible(admin);

  await admin.getByLabel('Tittel').fill(TITLE);
  await admin.getByLabel('Til og med år').fill('2030');
  // Three of the six service areas, by keyboard (space toggles a focused checkbox).
  for (const area of ['Velferd', 'Plan og miljø', 'Teknisk sektor']) {
    await admin.getByRole('checkbox', { name: area }).focus();
    await admin.keyboard.press('Space');
    await expect(admin.getByRole('checkbox', { name: area })).not.toBeChecked();
  }
  // One area of the municipality's own.
  await admin.getByRole('button', { name: 'Legg til eget område' }).focus();
  await admin.keyboard.press('Enter');
  await expect(admin.getByLabel('Navn på eget område 1')).toBeFocused();
  await admin.keyboard.type(OWN_AREA[1]);
  await expect(admin.getByLabel('Kapittel for eget område 1')).toHaveValue('tjenesteomrader');
  await expectAccessible(admin);
  await screenshot(admin, 'new-strategy-form');
  await admin.getByRole('button', { name: 'Opprett strategi' }).click();

  // The strategy opens with the admin as its leader and the chosen outline.
  await expect(admin.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const strategyPath = new URL(admin.url()).pathname;
  const outline = admin.getByRole('navigation', { name: 'Innhold' });
  await expect(outline.getByText('Næring og samfunnsutvikling')).toBeVisible();
  for (const kept of ['Helse og omsorg', 'Oppvekst og læring', 'Kultur']) {
    await expect(outline.getByText(kept, { exact: true })).toBeVisible();
  }
  for (const dropped of ['Velferd', 'Plan og miljø', 'Teknisk sektor']) {
    await expect(outline.getByText(dropped, { exact: true })).toHaveCount(0);
  }
  await expect(sectionEditor(admin, ...OWN_AREA)).toBeVisible();
  await expectAccessible(admin);
  await screenshot(admin, 'new-strategy-created');

  // The admin invites an editor through the members page.
  await admin.getByRole('link', { name: 'Medlemmer og tilgang' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Medlemmer og tilgang' })).toBeVisible();
  await admin.getByLabel('E-postadresse').fill(EDITOR.email);
  await admin.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Prosjektgruppe' });
  await admin.getByRole('button', { name: 'Lag invitasjon' }).click();
  const link = admin.getByLabel('Invitasjonslenke');
  await expect(link).toHaveValue(/\/invitasjon\/[a-z2-7]{32}$/);
  const url = await link.inputValue();

  // The editor joins in their own browser.
  await editor.goto(new URL(url).pathname);
  await editor.getByLabel('Navnet ditt').fill(EDITOR.name);
  await editor.getByLabel('Velg et passord').fill(EDITOR.password);
  await editor.getByRole('button', { name: 'Bli med' }).click();
  await expect(editor.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  // Both write at once, each sees the other's words without reloading.
  await admin.goto(strategyPath);
  await expect(admin.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const own = await editable(editor, ...OWN_AREA);
  await own.click();
  await editor.keyboard.type('Kommunen skal gjøre det enkelt å starte og drive bedrift digitalt.');
  const vision = await editable(admin, '3', 'Visjon');
  await vision.click();
  await admin.keyboard.press('Control+End');
  await admin.keyboard.type(' Lia er en digital kommune.');
  await expect(sectionEditor(admin, ...OWN_AREA)).toContainText('starte og drive bedrift digitalt');
  await expect(sectionEditor(editor, '3', 'Visjon')).toContainText('Lia er en digital kommune.');
  await screenshot(editor, 'new-strategy-coediting');
});

test('the admin lets the editor create strategies; the editor starts the next period from the first one', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await newPage(browser);
  const editor = await newPage(browser);

  // Kontoer: a box per account that is no admin.
  await logIn(admin, ADMIN.email, ADMIN.password);
  await admin.getByRole('link', { name: 'Kontoer' }).click();
  const accounts = admin.getByRole('table', { name: 'Kontoer i kommunen' });
  await expect(accounts.getByRole('row', { name: new RegExp(ADMIN.name) })).toContainText('Ja, som administrator');
  const allow = accounts.getByRole('checkbox', { name: `${EDITOR.name} kan opprette strategier` });
  await expect(allow).not.toBeChecked();
  await allow.focus();
  await admin.keyboard.press('Space');
  await expect(admin.getByText(`${EDITOR.name} kan nå opprette strategier.`)).toBeVisible();
  await expect(allow).toBeChecked();
  await expect(admin.getByText(`Ga ${EDITOR.name} tilgang til å opprette strategier`)).toBeVisible();
  await expectAccessible(admin);
  await screenshot(admin, 'new-strategy-accounts');

  // The editor, now allowed, makes the next period of the first strategy.
  await logIn(editor, EDITOR.email, EDITOR.password);
  await editor.getByRole('link', { name: 'Ny strategi' }).first().click();
  await editor.getByLabel('Tittel').fill('Digitaliseringsstrategi for Lia 2031–2034');
  await editor.getByLabel('Fra år').fill('2031');
  await editor.getByLabel('Til og med år').fill('2034');
  await editor.getByRole('radio', { name: 'Nynorsk' }).check();
  await editor.getByRole('radio', { name: 'Neste periode av en tidligere strategi' }).check();
  await editor.getByRole('button', { name: 'Opprett strategi' }).click();
  await expect(editor.getByText('Velg strategien den nye skal bygge på.')).toBeVisible();
  await expect(editor.getByLabel('Tidligere strategi', { exact: true })).toBeFocused();
  await expectAccessible(editor);
  await editor
    .getByLabel('Tidligere strategi', { exact: true })
    .selectOption({ label: `${TITLE} (2027–2030, Utkast)` });
  await editor.getByRole('button', { name: 'Opprett strategi' }).click();
  await expect(
    editor.getByRole('heading', { level: 1, name: 'Digitaliseringsstrategi for Lia 2031–2034' }),
  ).toBeVisible();
  // The earlier strategy's text and outline, the own area included; the editor leads the new one.
  await expect(sectionEditor(editor, ...OWN_AREA)).toContainText('starte og drive bedrift digitalt');
  await expect(sectionEditor(editor, '3', 'Visjon')).toContainText('Lia er en digital kommune.');
  await expect(editor.getByRole('link', { name: 'Medlemmer og tilgang' })).toBeVisible();
});
