import fs from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { editable, expectAccessible, login, openStrategy, screenshot } from './helpers';

const ADDED = 'Alle innbyggere får svar på én dag.';

/** The API as the logged-in page sees it (same cookies). */
async function currentHash(page: Page, strategyId: string): Promise<string> {
  const res = await page.request.get(`/api/strategies/${strategyId}/versions`);
  return ((await res.json()) as { currentHash: string }).currentHash;
}

async function nameVersion(page: Page, name: string): Promise<number> {
  await page.getByLabel('Navn på versjonen').fill(name);
  await page.getByRole('button', { name: 'Lagre versjon' }).click();
  const saved = page.getByText(new RegExp(`^Versjon (\\d+) «${name}» er lagret\\.$`));
  await expect(saved).toBeVisible();
  return Number(/Versjon (\d+)/.exec((await saved.textContent()) ?? '')![1]);
}

test('a leader names a version, edits, compares the two and downloads them as DOCX and PDF', async ({ page }) => {
  // Two saves, two downloads rendered on the server and two accessibility scans: more than the default minute.
  test.setTimeout(180_000);
  await login(page, 'leder@eksempel.no');
  await openStrategy(page);
  const strategyId = /strategier\/([^/?#]+)/.exec(page.url())![1]!;

  // The strategy page shows the PDF's page count against the recommended 10–12 pages.
  await expect(page.getByTestId('page-count')).toHaveText(
    /\d+ sider i PDF – (Kortere enn anbefalt|Innenfor anbefalt lengde|Lengre enn anbefalt)/,
  );
  await expect(page.getByText('Anbefalt lengde er 10–12 sider.')).toBeVisible();

  await page.getByRole('link', { name: 'Versjoner og sammenligning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Versjoner' })).toBeVisible();
  const first = await nameVersion(page, 'Før endringene');
  const before = await currentHash(page, strategyId);

  // Edit the vision, then come back once the server has the edit.
  await page.getByRole('link', { name: /Tilbake til strategien/ }).click();
  const vision = await editable(page, '3', 'Visjon');
  await vision.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(` ${ADDED}`);
  await expect.poll(() => currentHash(page, strategyId)).not.toBe(before);

  await page.getByRole('link', { name: 'Versjoner og sammenligning' }).click();
  const second = await nameVersion(page, 'Etter endringene');
  expect(second).toBe(first + 1);

  await page.getByLabel('Fra', { exact: true }).selectOption({ label: `${first}. Før endringene` });
  await page.getByLabel('Til', { exact: true }).selectOption({ label: `${second}. Etter endringene` });
  await page.getByRole('button', { name: 'Sammenlign' }).click();
  await expect(
    page.getByRole('heading', { name: `Endringer fra ${first}. Før endringene til ${second}. Etter endringene` }),
  ).toBeVisible();
  const visionDiff = page.locator('article[data-section="visjon"]');
  await expect(visionDiff.getByRole('heading', { name: '3 Visjon' })).toBeVisible();
  await expect(visionDiff.locator('ins')).toContainText('Alle innbyggere får svar på én dag.');
  // The insertion is announced in words too, not only by its underline.
  await expect(visionDiff.locator('ins')).toContainText('[satt inn:');
  await expect(visionDiff.locator('del')).toHaveCount(0);
  await expect(page.locator('article[data-section]')).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, 'versions-compare');

  // Download the second version as DOCX and PDF from its row.
  const row = page.locator(`tr[data-version="${second}"]`);
  for (const [label, extension, magic] of [
    ['Word', 'docx', 'PK'],
    ['PDF', 'pdf', '%PDF-1.7'],
  ] as const) {
    const download = page.waitForEvent('download');
    await row.getByRole('link', { name: `Last ned versjon ${second} som ${label}` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`Eksempel-kommune-Digitaliseringsstrategi-2027-2030-v${second}.${extension}`);
    const bytes = fs.readFileSync((await file.path())!);
    expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
  }

  // A version opens read-only, with the text as it was.
  await page.getByRole('button', { name: `Les versjon ${first}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Versjon ${first}: Før endringene` })).toBeFocused();
  await expect(page.getByRole('heading', { level: 3, name: '3 Visjon' })).toBeVisible();
  await expect(page.getByText(ADDED)).toHaveCount(0);
  await expectAccessible(page);

  // Restore the vision from the first version, after confirming; the text is then the first version's again.
  const firstHash = (
    (await (await page.request.get(`/api/strategies/${strategyId}/versions`)).json()) as {
      versions: { number: number; contentHash: string }[];
    }
  ).versions.find((v) => v.number === first)!.contentHash;
  await page.getByRole('button', { name: `Gjenopprett teksten i 3 Visjon fra versjon ${first}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Gjenopprette 3 Visjon?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Gjenopprett' }).click();
  await expect(page.getByText(`Teksten i 3 Visjon er gjenopprettet fra versjon ${first}.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  expect(await currentHash(page, strategyId)).toBe(firstHash);
});
