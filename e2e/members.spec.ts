import { expect, test, type Page } from './fixtures';
import {
  editable,
  expectAccessible,
  login,
  loginThroughForm,
  openStrategy,
  screenshot,
  sectionEditor,
} from './helpers';

// Issue 3 end to end: a leader invites a new editor; the invitee joins through the link and edits
// the restricted section the leader makes theirs; another editor sees that section read-only, with
// the reason, and is told live that their rights changed.

const INVITEE = { email: 'nina.ny@eksempel.no', name: 'Nina Ny', password: 'et langt og godt passord' };
const VELFERD = ['5.3', 'Velferd'] as const;

/** Content Security Policy violations the page reports; the policy must fit the app. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

async function openMembers(page: Page) {
  await page.getByRole('link', { name: 'Medlemmer og tilgang' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Medlemmer og tilgang' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Medlemmer av strategien/ })).toBeVisible();
}

test('a leader invites an editor who joins, owns a restricted section and writes in it; others may not', async ({
  browser,
}) => {
  // Three people in three browsers on a shared two-core machine: generous, never a fixed wait.
  test.setTimeout(300_000);
  const leaderContext = await browser.newContext();
  const inviteeContext = await browser.newContext();
  const editorContext = await browser.newContext();
  const leader = await leaderContext.newPage();
  const invitee = await inviteeContext.newPage();
  const editor = await editorContext.newPage();
  const violations = [leader, invitee, editor].map(cspViolations);

  // The leader invites through the members page.
  await login(leader, 'leder@eksempel.no');
  await openStrategy(leader);
  await openMembers(leader);
  await expectAccessible(leader);
  await leader.getByLabel('E-postadresse').fill(INVITEE.email);
  await leader.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Prosjektgruppe' });
  await leader.getByRole('button', { name: 'Lag invitasjon' }).click();
  const link = leader.getByLabel('Invitasjonslenke');
  await expect(link).toHaveValue(/\/invitasjon\/[a-z2-7]{32}$/);
  const url = await link.inputValue();
  await expect(leader.getByText(`${INVITEE.email} som Prosjektgruppe`)).toBeVisible();
  await expectAccessible(leader);
  await screenshot(leader, 'members-invited');

  // The invitee opens the link in their own browser, chooses name and password, and joins.
  await invitee.goto(new URL(url).pathname);
  await expect(invitee.getByRole('heading', { level: 1, name: 'Bli med i strategiarbeidet' })).toBeVisible();
  await expect(invitee.getByText(/med rollen Prosjektgruppe/)).toBeVisible();
  await expectAccessible(invitee);
  await screenshot(invitee, 'invitation');
  await invitee.getByLabel('Navnet ditt').fill(INVITEE.name);
  await invitee.getByLabel('Velg et passord').fill('for kort');
  await invitee.getByRole('button', { name: 'Bli med' }).click();
  await expect(invitee.getByText('Passordet må ha minst 12 tegn.')).toBeVisible();
  await invitee.getByLabel('Velg et passord').fill(INVITEE.password);
  await invitee.getByRole('button', { name: 'Bli med' }).click();
  await expect(invitee.getByRole('heading', { level: 1, name: /Digitaliseringsstrategi/ })).toBeVisible();

  // Another editor has the strategy open while the leader restricts Velferd to the newcomer.
  await login(editor, 'helse@eksempel.no');
  await openStrategy(editor);
  await editable(editor, ...VELFERD);

  await leader.reload();
  await expect(leader.getByRole('row', { name: new RegExp(INVITEE.name) })).toBeVisible();
  await leader.locator('summary', { hasText: '5.3 Velferd' }).click();
  const velferdForm = leader.locator('details', { hasText: '5.3 Velferd' });
  await velferdForm.getByRole('checkbox', { name: 'Bare eierne og prosjektlederen kan redigere' }).check();
  await velferdForm.getByRole('checkbox', { name: INVITEE.name }).check();
  await velferdForm.getByRole('button', { name: 'Lagre 5.3 Velferd' }).click();
  await expect(leader.getByText('Endringene i 5.3 Velferd er lagret.')).toBeVisible();
  await expect(velferdForm.locator('summary')).toContainText(`Begrenset til ${INVITEE.name} og prosjektlederen`);
  await expectAccessible(leader);
  await screenshot(leader, 'members-sections');

  // The other editor is told their rights changed, and Velferd is read-only with the reason.
  await expect(editor.getByText('Rettighetene dine er endret, og teksten er lastet inn på nytt.')).toBeVisible();
  const velferdForOthers = editor.locator('#del-velferd');
  await expect(velferdForOthers.getByText('Bare eierne av delkapitlet og prosjektlederen kan redigere')).toBeVisible();
  await expect(sectionEditor(editor, ...VELFERD)).toHaveAttribute('aria-readonly', 'true');
  // Their own restricted section is still theirs.
  await editable(editor, '5.1', 'Helse og omsorg');
  await screenshot(editor, 'restricted-for-others');

  // The newcomer writes in the section they own; the other editor sees it arrive.
  await invitee.reload();
  const own = await editable(invitee, ...VELFERD);
  await own.click();
  await invitee.keyboard.press('Control+End');
  await invitee.keyboard.type('Søknader om sosialhjelp skal kunne leveres digitalt.');
  await expect(sectionEditor(editor, ...VELFERD)).toContainText('Søknader om sosialhjelp skal kunne leveres digitalt.');

  // The audit log records it, and the leader's pages pass the accessibility check.
  await leader.goto(leader.url().replace(/\/medlemmer$/, '/logg'));
  await expect(leader.getByRole('heading', { level: 1, name: 'Logg over hendelser' })).toBeVisible();
  await expect(leader.getByText('Begrenset 5.3 Velferd til eierne')).toBeVisible();
  await expect(leader.getByText(`Inviterte ${INVITEE.email} som Prosjektgruppe`)).toBeVisible();
  await expectAccessible(leader);
  await screenshot(leader, 'audit');

  await leader.getByRole('link', { name: 'Kontoer' }).click();
  await expect(leader.getByRole('heading', { level: 1, name: 'Kontoer' })).toBeVisible();
  const accounts = leader.getByRole('table', { name: 'Kontoer i kommunen' });
  await expect(accounts.getByRole('row', { name: new RegExp(INVITEE.name) })).toContainText('Aktiv');
  await expectAccessible(leader);
  await screenshot(leader, 'accounts');

  expect(violations.flat()).toEqual([]);
  await leaderContext.close();
  await inviteeContext.close();
  await editorContext.close();
});

test('an organization admin is offered the accounts right after logging in, and no deactivation of their own', async ({
  page,
}) => {
  // Straight from the login form, without loading the page again: the login's answer carries the abilities.
  await loginThroughForm(page, 'leder@eksempel.no');
  await page.getByRole('link', { name: 'Kontoer' }).click();
  const accounts = page.getByRole('table', { name: 'Kontoer i kommunen' });
  await expect(accounts.getByRole('row', { name: /Ingrid Solberg/ })).toContainText('(deg)');
  await expect(accounts.getByRole('button', { name: /^Deaktiver kontoen til Ingrid Solberg/ })).toHaveCount(0);
  await expect(accounts.getByRole('button', { name: /^Deaktiver kontoen til Kari/ })).toBeVisible();
});

test('the audit log and the accounts page are not offered to an editor', async ({ page }) => {
  await login(page, 'helse@eksempel.no');
  await openStrategy(page);
  await expect(page.getByRole('link', { name: 'Medlemmer og tilgang' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Logg over hendelser' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Kontoer' })).toHaveCount(0);
  await openMembers(page);
  // Members see who is in and with which role, but get no controls to change it.
  await expect(page.getByRole('button', { name: 'Lag invitasjon' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Fjern/ })).toHaveCount(0);
  await expectAccessible(page);
});
