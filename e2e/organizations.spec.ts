import { expect, test } from './fixtures';
import { expectAccessible, login, screenshot } from './helpers';

// Issue 13, organizations: the installation's operator (the demo's project leader) creates a
// municipality with its first administrator on the operator page; that administrator changes the
// organization's settings. Works on an organization of its own, so the demo's stays as it is.

const PASSWORD = 'et-langt-startpassord';

test('the operator creates an organization; its admin changes its settings', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await login(page, 'leder@eksempel.no');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Organisasjoner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisasjoner i installasjonen' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Organisasjonene' });
  await expect(table.getByRole('row', { name: /Eksempel kommune/ })).toBeVisible();

  // A number whose check digit is wrong is refused before anything is sent.
  const suffix = Date.now().toString().slice(-6);
  const name = `Lia kommune ${suffix}`;
  const email = `it-${suffix}@lia.kommune.no`;
  await page.getByLabel('Navn', { exact: true }).fill(name);
  await page.getByLabel('Organisasjonsnummer').fill('974 760 674');
  await page.getByRole('button', { name: 'Opprett organisasjonen' }).click();
  await expect(page.getByText('Organisasjonsnummeret må ha ni siffer med riktig kontrollsiffer.')).toBeVisible();
  await expect(page.getByLabel('Organisasjonsnummer')).toBeFocused();
  await expectAccessible(page);

  await page.getByLabel('Organisasjonsnummer').fill(validNumber(suffix));
  await page.getByLabel('Rådmann').check();
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Fullt navn').fill('Trude Vik');
  await page.getByLabel('Startpassord (minst 12 tegn)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Opprett organisasjonen' }).click();
  await expect(page.getByText(`${name} er opprettet.`)).toBeVisible();
  const row = table.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Rådmann');
  await expect(row.getByRole('cell').last()).toHaveText('1');
  await screenshot(page, 'operator-organizations');

  // The new organization's admin: no operator page, but the organization's settings.
  const context = await browser.newContext();
  const admin = await context.newPage();
  const res = await admin.request.post('/api/auth/login', { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  await admin.goto('/');
  const nav = admin.getByRole('navigation', { name: 'Hovedmeny' });
  await expect(nav.getByRole('link', { name: 'Organisasjon', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Organisasjoner' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Organisasjon', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Organisasjonen' })).toBeVisible();
  await expect(admin.getByLabel('Navn', { exact: true })).toHaveValue(name);
  await expect(admin.getByLabel('Rådmann')).toBeChecked();
  await admin.getByLabel('Kommunedirektør').check();
  await admin.getByLabel('Nynorsk').check();
  await admin.getByRole('button', { name: 'Lagre innstillingene' }).click();
  await expect(admin.getByText('Innstillingene er lagret.')).toBeVisible();
  await expectAccessible(admin);
  await screenshot(admin, 'organization-settings');
  const stored = (await (await admin.request.get('/api/me/organization')).json()) as {
    organization: { executiveTitle: string; writtenForm: string };
  };
  expect(stored.organization).toMatchObject({ executiveTitle: 'Kommunedirektør', writtenForm: 'nn' });
  await context.close();
});

/** A valid organization number (modulus 11 check digit) from six digits of its own. */
function validNumber(six: string): string {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (let lead = 10; lead < 100; lead++) {
    const first = `${lead}${six}`;
    const sum = [...first].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${first}${check}`;
  }
  throw new Error('no number');
}
