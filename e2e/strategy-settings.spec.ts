import { expect, test, type Page } from './fixtures';
import { expectAccessible, login, screenshot } from './helpers';

// Issue 13, strategy settings and archive: the leader changes title and period before adoption; the
// organization's admin archives a strategy (read-only, out of the lists), restores it, and deletes
// one nobody has worked in. Works on strategies of its own, so the demo strategy stays as it is.

/** Creates a strategy through the API from the signed-in page (same origin, the page's session). */
async function createStrategy(page: Page, title: string, start: Record<string, unknown>): Promise<string> {
  return page.evaluate(
    async ({ title, start }) => {
      const res = await fetch('/api/strategies', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, periodStart: 2031, periodEnd: 2034, writtenForm: 'nb', start }),
      });
      if (res.status !== 201) throw new Error(`POST /api/strategies answered ${res.status}`);
      return ((await res.json()) as { id: string }).id;
    },
    { title, start },
  );
}

test('the leader changes title and period; the admin archives, restores and deletes', async ({ page }) => {
  test.setTimeout(180_000);
  // The demo's project leader is also an organization admin.
  await login(page, 'leder@eksempel.no');
  const id = await createStrategy(page, 'Innstillingsprøve 2031–2034', {
    kind: 'template',
    areas: ['kultur'],
    ownAreas: [],
  });

  // Settings, reached from the strategy's sidebar.
  await page.goto(`/strategier/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Innstillingsprøve 2031–2034' })).toBeVisible();
  await page.getByRole('link', { name: 'Innstillinger for strategien' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Innstillinger for strategien' })).toBeVisible();
  await page.getByLabel('Til og med år').fill('2035');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByText('En strategi dekker høyst fire år. Velg en kortere periode.')).toBeVisible();
  await expect(page.getByLabel('Fra år')).toBeFocused();
  await expectAccessible(page);
  await page.getByLabel('Tittel').fill('Innstillingsprøve 2032–2035');
  await page.getByLabel('Fra år').fill('2032');
  await page.getByLabel('Til og med år').fill('2035');
  await page.getByLabel('Til og med år').press('Enter');
  await expect(page.getByText('Lagret.')).toBeVisible();
  await expect(page.getByText('Innstillingsprøve 2032–2035', { exact: true })).toBeVisible();
  await screenshot(page, 'strategy-settings');

  // Kontoer → Strategier i kommunen: archive by keyboard.
  await page.goto('/kontoer');
  const table = page.getByRole('table', { name: 'Strategier i kommunen' });
  const row = table.getByRole('row', { name: /Innstillingsprøve 2032–2035/ });
  await expect(row).toContainText('2032–2035');
  // The demo strategy has members and text: it may be archived, never deleted.
  await expect(table.getByRole('button', { name: 'Slett Digitaliseringsstrategi 2027–2030' })).toHaveCount(0);
  await row.getByRole('button', { name: 'Arkiver Innstillingsprøve 2032–2035' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('«Innstillingsprøve 2032–2035» er arkivert.')).toBeVisible();
  await expect(row).toContainText('Arkivert');
  await expect(row.getByRole('button', { name: 'Gjenopprett Innstillingsprøve 2032–2035' })).toBeFocused();
  await expectAccessible(page);
  await screenshot(page, 'strategy-archive');

  // Out of the list; read-only with a notice when opened by its address.
  await page.goto('/');
  await expect(page.getByRole('link', { name: /Digitaliseringsstrategi 2027–2030/ }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Innstillingsprøve/ })).toHaveCount(0);
  await page.goto(`/strategier/${id}`);
  await expect(page.getByText('Strategien er arkivert', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Tekst i 1 Innledning', { exact: true })).toHaveAttribute('aria-readonly', 'true');
  await expect(page.getByRole('link', { name: 'Innstillinger for strategien' })).toHaveCount(0);
  await expectAccessible(page);

  // Restored: back in the list.
  await page.goto('/kontoer');
  await table.getByRole('button', { name: 'Gjenopprett Innstillingsprøve 2032–2035' }).click();
  await expect(page.getByText('«Innstillingsprøve 2032–2035» er gjenopprettet.')).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('link', { name: /Innstillingsprøve 2032–2035/ })).toBeVisible();

  // An empty strategy made by mistake is deleted, after a question.
  await createStrategy(page, 'Feilopprettet strategi', { kind: 'empty' });
  await page.goto('/kontoer');
  await table.getByRole('button', { name: 'Slett Feilopprettet strategi' }).click();
  await expect(page.getByText('Slette «Feilopprettet strategi» for godt? Det kan ikke angres.')).toBeFocused();
  await page.getByRole('button', { name: 'Ja, slett' }).click();
  await expect(page.getByText('«Feilopprettet strategi» er slettet.')).toBeVisible();
  await expect(table.getByRole('row', { name: /Feilopprettet strategi/ })).toHaveCount(0);
  await expectAccessible(page);
});
