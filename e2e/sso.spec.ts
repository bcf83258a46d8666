import { expect, test, type DemoServer } from './fixtures';
import { DEMO_PASSWORD, expectAccessible, login, openStrategy, screenshot } from './helpers';
const LEADER = { sub: 'e2e-leder', claims: { email: 'leder@eksempel.no', name: 'Ingrid Solberg', xms_edov: true } };

/**
 * Who signs in at the provider from now on (the test plays the person there). The provider is the
 * loopback one e2e/serve.mjs starts beside this worker's server.
 */
async function personAtProvider(server: DemoServer, person: { sub: string; claims: Record<string, unknown> }) {
  const res = await fetch(`${server.providerOrigin}/__test/person`, { method: 'POST', body: JSON.stringify(person) });
  expect(res.status).toBe(204);
}

// Issue 15 end to end: a person signs in through the municipality's own login (an OpenID Connect
// provider on loopback, configured like Entra ID by e2e/serve.mjs) and lands in their strategy;
// logging out ends the provider's session too. The sign-in page says why a sign-in was refused.

test('a person signs in through the municipality login, lands in their strategy and logs out there too', async ({
  page,
  demoServer,
}) => {
  await personAtProvider(demoServer, LEADER);
  await page.goto('/logg-inn');
  const sso = page.getByRole('link', { name: 'Logg inn med Eksempel kommune' });
  await expect(sso).toBeVisible();
  // The password form stays, with the attributes password managers go by (WCAG 2.2 3.3.8).
  await expect(page.getByLabel('E-postadresse')).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByLabel('Passord')).toHaveAttribute('autocomplete', 'current-password');
  await expectAccessible(page);
  await screenshot(page, 'sso-login');

  // By keyboard: the provider knows the person already and sends her straight back.
  await sso.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
  await openStrategy(page);
  await expect(page.getByText('Ingrid Solberg').first()).toBeVisible();
  await expectAccessible(page);

  // Logging out ends our session and goes on to the provider, which asks to end its own.
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/session\/end/);
  await page.getByRole('button', { name: /yes|sign me out/i }).click();
  await expect(page.getByText('Du er logget ut.')).toBeVisible();
  // Back on our login page, no session: the strategy list asks for a login again.
  await page.goto('/');
  await expect(page).toHaveURL(/\/logg-inn/);
});

test('the sign-in page says why a sign-in was refused, in words and accessibly', async ({ page }) => {
  await page.goto('/logg-inn?sso=organization');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Innloggingen ble avvist');
  await expect(alert).toContainText('på vegne av en annen virksomhet enn kommunen');
  await expectAccessible(page);
  await screenshot(page, 'sso-refused-organization');

  await page.goto('/logg-inn?sso=pending');
  await expect(page.getByRole('status')).toContainText('en administrator i kommunen må godkjenne tilgangen din');
  await expectAccessible(page);
});

test('someone the municipality does not know yet waits for an administrator, who lets them in', async ({
  browser,
  demoServer,
}) => {
  const newcomer = await (await browser.newContext()).newPage();
  const admin = await (await browser.newContext()).newPage();
  // An address the provider does not vouch for: no account is linked or made by it.
  await personAtProvider(demoServer, {
    sub: 'e2e-nils',
    claims: { name: 'Nils Nykommer', email: 'nils@annen.no', xms_edov: false },
  });
  try {
    await newcomer.goto('/logg-inn');
    await newcomer.getByRole('link', { name: 'Logg inn med Eksempel kommune' }).click();
    await expect(newcomer.getByRole('status')).toContainText('en administrator i kommunen må godkjenne tilgangen din');

    await login(admin, 'leder@eksempel.no');
    await admin.goto('/kontoer');
    const waiting = admin.getByRole('table', { name: 'Personer som venter på godkjenning' });
    await expect(waiting).toContainText('Nils Nykommer');
    await expect(waiting).toContainText('Ingen e-postadresse');
    await expect(waiting).toContainText('Eksempel kommune');
    await expectAccessible(admin);
    await screenshot(admin, 'sso-requests');
    await admin.getByRole('button', { name: 'Godkjenn Nils Nykommer' }).click();
    await expect(admin.getByText('Nils Nykommer er godkjent og kan logge inn.')).toBeVisible();
    await expect(admin.getByRole('table', { name: 'Kontoer i kommunen' })).toContainText('Nils Nykommer');

    // Approved: the next sign-in lets Nils in.
    await newcomer.getByRole('link', { name: 'Logg inn med Eksempel kommune' }).click();
    await expect(newcomer.getByRole('button', { name: 'Logg ut' })).toBeVisible();
  } finally {
    await personAtProvider(demoServer, LEADER);
  }
});

test("an administrator sets up the organization's sign-in; the sign-in page finds it by the address and says when passwords are off", async ({
  browser,
}) => {
  // Two people in two browsers, and the settings restored after: more steps than the default budget allows on a busy machine.
  test.slow();
  const admin = await (await browser.newContext()).newPage();
  const visitor = await (await browser.newContext()).newPage();
  await login(admin, 'leder@eksempel.no');
  await admin.goto('/kontoer');
  const section = admin.getByRole('region', { name: 'Innlogging med kommunens pålogging' });
  const table = section.getByRole('table', { name: 'Kommunens innlogginger' });
  // The environment's provider: read-only here, its secret only as «satt».
  await expect(table).toContainText('Eksempel kommune');
  await expect(table).toContainText('satt');
  await expect(table).toContainText('Satt opp av driftsansvarlig');
  await expect(section.getByLabel('Klienthemmelighet')).toHaveValue('');

  await section.getByLabel('Kommunens e-postdomener').fill('eksempel.no');
  await section.getByLabel('Nødadministrator').selectOption({ label: 'Ingrid Solberg, prosjektleder' });
  await section.getByLabel('Slå av innlogging med passord for alle andre').check();
  await section.getByRole('button', { name: 'Lagre innstillinger' }).click();
  await expect(section.getByText('Innstillingene for innlogging er lagret.')).toBeVisible();
  // axe checks this page with the section in the approval test above; here only what it looks like.
  await section.scrollIntoViewIfNeeded();
  await screenshot(admin, 'sso-settings');
  try {
    await visitor.goto('/logg-inn');
    await visitor.getByLabel('E-postadresse').fill('helse@eksempel.no');
    await visitor.getByLabel('Passord').focus();
    await expect(visitor.getByRole('heading', { name: 'Logg inn med påloggingen til Eksempel kommune' })).toBeVisible();
    await expect(visitor.getByRole('status')).toContainText('Eksempel kommune har slått av innlogging med passord');
    // The right password, refused for everyone but the break-glass administrator.
    await visitor.getByLabel('Passord').fill(DEMO_PASSWORD);
    await visitor.getByRole('button', { name: 'Logg inn', exact: true }).click();
    await expect(visitor.getByRole('alert')).toContainText('slått av innlogging med passord');
    await expectAccessible(visitor);
    await screenshot(visitor, 'sso-passwords-off');
  } finally {
    // Passwords on again for the specs after this one.
    await section.getByLabel('Slå av innlogging med passord for alle andre').uncheck();
    const saved = admin.waitForResponse(
      (r) => r.url().endsWith('/api/admin/sso/settings') && r.request().method() === 'PUT',
    );
    await section.getByRole('button', { name: 'Lagre innstillinger' }).click();
    expect((await saved).status()).toBe(200);
  }
});
