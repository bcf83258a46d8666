import { expect, test, type Page } from './fixtures';
import { expectAccessible, login, screenshot } from './helpers';

// Issue 13, the template in nynorsk: a strategy written in nynorsk shows its headings, guidance and
// example goals in nynorsk, marked lang="nn" for screen readers and spell checking, whatever the
// interface's language, and so is what the benefit page inserts; a bokmål strategy beside it stays in bokmål.

/** Creates a strategy from the template through the API from the signed-in page (same origin, its session). */
async function createStrategy(page: Page, title: string, writtenForm: 'nb' | 'nn'): Promise<string> {
  return page.evaluate(
    async ({ title, writtenForm }) => {
      const res = await fetch('/api/strategies', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title,
          periodStart: 2031,
          periodEnd: 2034,
          writtenForm,
          start: { kind: 'template', areas: ['informasjonssikkerhet', 'kultur'], ownAreas: [] },
        }),
      });
      if (res.status !== 201) throw new Error(`POST /api/strategies answered ${res.status}`);
      return ((await res.json()) as { id: string }).id;
    },
    { title, writtenForm },
  );
}

test('a nynorsk strategy shows nynorsk headings and guidance, marked as nynorsk', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'leder@eksempel.no');
  const id = await createStrategy(page, 'Nynorskprøve 2031–2034', 'nn');

  await page.goto(`/strategier/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Nynorskprøve 2031–2034' })).toBeVisible();
  const heading = page.locator('#tittel-informasjonssikkerhet');
  await expect(heading).toHaveText(/4\.1\s*Informasjonstryggleik/);
  await expect(heading).toHaveAttribute('lang', 'nn');
  await expect(page.locator('#tittel-tjenesteomrader')).toHaveText(/5\s*Tenesteområde/);
  // The outline in the sidebar names the sections in nynorsk too, marked so.
  const outlineTitle = page.getByRole('link', { name: /Informasjonstryggleik/ }).locator('span[lang="nn"]');
  await expect(outlineTitle).toHaveText('Informasjonstryggleik');

  // The guidance panel, opened by keyboard: nynorsk advice and example goal.
  const section = page.locator('#del-informasjonssikkerhet');
  const summary = section.locator('summary', { hasText: 'Veiledning' });
  await summary.focus();
  await page.keyboard.press('Enter');
  const advice = section.locator('.guidance ul');
  await expect(advice).toBeVisible();
  await expect(advice).toHaveAttribute('lang', 'nn');
  await expect(advice.getByText('Dokumenterte tryggleiksrutinar', { exact: true })).toBeVisible();
  await expect(advice.getByText('Opplæring av tilsette', { exact: true })).toBeVisible();
  const example = section.locator('blockquote.example');
  await expect(example).toHaveText(
    /^Kommunen skal ta vare på personvernet og sørgje for sikker informasjonshandsaming/,
  );
  await expect(example).toHaveAttribute('lang', 'nn');
  // The starting text is nynorsk too, and the editor says so.
  const vision = page.locator('#del-visjon .section-text');
  await expect(vision).toContainText('Digitalisering er teken i bruk på alle område');
  await expect(vision).toHaveAttribute('lang', 'nn');
  await expectAccessible(page);
  await screenshot(page, 'nynorsk-guidance');

  // What the benefit page inserts into the document is nynorsk too, though the interface is bokmål.
  await page.goto(`/strategier/${id}/gevinster`);
  await page.getByRole('button', { name: /^Sett inn sammenligningen i/ }).click();
  await expect(page.getByText(/^Sammenligningen er satt inn i/)).toBeVisible();
  await page.goto(`/strategier/${id}`);
  await expect(
    page.locator('.section-text', { hasText: 'IKT-status samanlikna med eKommune-kartlegginga 2011' }),
  ).toBeVisible();

  // A bokmål strategy stays bokmål.
  const bokmal = await createStrategy(page, 'Bokmålsprøve 2031–2034', 'nb');
  await page.goto(`/strategier/${bokmal}`);
  await expect(page.locator('#tittel-informasjonssikkerhet')).toHaveText(/4\.1\s*Informasjonssikkerhet/);
  await expect(page.locator('#tittel-informasjonssikkerhet')).toHaveAttribute('lang', 'nb');
  const bokmalSection = page.locator('#del-informasjonssikkerhet');
  await bokmalSection.locator('summary', { hasText: 'Veiledning' }).click();
  await expect(bokmalSection.getByText('Dokumenterte sikkerhetsrutiner', { exact: true })).toBeVisible();
});
