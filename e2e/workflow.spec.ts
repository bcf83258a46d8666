import { expect, test, type Browser, type Page } from './fixtures';
import { expectAccessible, login, openStrategy, screenshot } from './helpers';

// The approval workflow end to end, through the UI, with the demo accounts: the leader submits, the
// steering member approves, the executive approves and records the council's decision, and the
// published version opens without login with the content hash that was approved.

async function personPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email);
  return page;
}

/** Opens the process page from the strategy list's "waiting for you" entry. */
async function openFromInbox(page: Page): Promise<void> {
  const inbox = page.getByTestId('pending-approvals');
  await expect(inbox).toBeVisible();
  await inbox.getByRole('link', { name: /Digitaliseringsstrategi 2027–2030/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Prosess og godkjenning' })).toBeVisible();
}

const currentStep = (page: Page) => page.locator('[aria-current="step"]');

async function confirmIn(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

// Four people in turn on a shared two-core machine: generous, since timing is never the point here.
test.describe.configure({ timeout: 300_000 });

test('leader submits, steering approves, the executive approves and records the decision, and the adopted text is public', async ({
  browser,
}) => {
  // The leader: from the strategy page to the process page, and submit.
  const leader = await personPage(browser, 'leder@eksempel.no');
  await openStrategy(leader);
  await leader.getByRole('link', { name: 'Prosess og godkjenning' }).click();
  await expect(currentStep(leader)).toContainText('Utkast');
  await expect(leader.getByText('Mandat gitt for perioden 2027–2030')).toBeVisible();
  await expectAccessible(leader);
  await screenshot(leader, 'workflow-utkast');

  await leader.getByRole('button', { name: 'Send til styringsgruppen' }).click();
  await expect(leader.getByRole('dialog')).toContainText('Teksten låses');
  await confirmIn(leader, 'Send til styringsgruppen');
  await expect(currentStep(leader)).toContainText('Styringsgruppe');
  await expect(leader.getByTestId('frozen-banner')).toContainText('Teksten er låst');
  const approvedHash = (await leader.getByTestId('candidate-hash').textContent())!.trim();
  expect(approvedHash).toMatch(/^[0-9a-f]{64}$/);
  await expectAccessible(leader);

  // The text itself is frozen for the leader too, and the page says why.
  await leader.getByRole('link', { name: '← Tilbake til teksten' }).click();
  await expect(leader).toHaveURL(/\/strategier\/[^/]+$/);
  await expect(leader.getByTestId('frozen-banner')).toBeVisible();
  await expect(leader.getByLabel('Tekst i 3 Visjon', { exact: true })).toHaveAttribute('aria-readonly', 'true');

  // The steering member finds the candidate waiting and approves exactly its hash.
  const steering = await personPage(browser, 'styring@eksempel.no');
  await openFromInbox(steering);
  await expect(steering.getByTestId('waiting-for-you')).toBeVisible();
  await steering.getByRole('button', { name: 'Godkjenn', exact: true }).click();
  await expect(steering.getByRole('dialog')).toContainText(approvedHash);
  await confirmIn(steering, 'Godkjenn');
  await expect(currentStep(steering)).toContainText('Kommunedirektørens godkjenning');

  // The executive approves the same version, then records the council's decision.
  const executive = await personPage(browser, 'kommunedirektor@eksempel.no');
  await openFromInbox(executive);
  await executive.getByRole('button', { name: 'Godkjenn endelig versjon' }).click();
  await expect(executive.getByRole('dialog')).toContainText(approvedHash);
  await confirmIn(executive, 'Godkjenn endelig versjon');
  await expect(currentStep(executive)).toContainText('Politisk behandling');

  await executive.getByLabel('Saksnummer').fill('2026/117');
  await executive.getByLabel('Møtedato').fill('2026-10-22');
  await executive.getByRole('radio', { name: 'Vedtatt', exact: true }).check();
  await executive.getByRole('button', { name: 'Registrer vedtaket' }).click();
  await expect(executive.getByRole('dialog')).toContainText('sak 2026/117: Vedtatt');
  await confirmIn(executive, 'Registrer vedtaket');
  await expect(currentStep(executive)).toContainText('Vedtatt');
  const link = executive.getByTestId('publication-link');
  await expect(link).toBeVisible();
  const url = (await link.getAttribute('href'))!;
  expect(url).toMatch(/\/vedtatt\/[a-z0-9-]+$/);
  await expect(executive.getByText('2026/117')).not.toHaveCount(0);
  await expectAccessible(executive);
  await screenshot(executive, 'workflow-vedtatt');

  // Anyone with the link reads the adopted text, without logging in, with the approved hash.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(url);
  await expect(visitor).toHaveURL(url);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Digitaliseringsstrategi 2027–2030' })).toBeVisible();
  await expect(visitor.getByTestId('public-hash')).toHaveText(approvedHash);
  await expect(visitor.getByRole('heading', { level: 2, name: /3 Visjon/ })).toBeVisible();
  // No comments, names or role labels on the public page.
  for (const hidden of ['Tillitsvalgt', 'Prosjektleder', 'Ingrid Solberg', 'Kommentarer', 'Logg ut']) {
    await expect(visitor.getByText(hidden, { exact: false })).toHaveCount(0);
  }
  await expectAccessible(visitor);
  await screenshot(visitor, 'workflow-public');
});
