import { expect, test } from '@playwright/test';
import { expectAccessible, openStrategy, screenshot } from './helpers';

// Issue 15 end to end: a person signs in through the municipality's own login (an OpenID Connect
// provider on loopback, configured like Entra ID by e2e/serve.mjs) and lands in their strategy;
// logging out ends the provider's session too. The sign-in page says why a sign-in was refused.

test('a person signs in through the municipality login, lands in their strategy and logs out there too', async ({
  page,
}) => {
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
