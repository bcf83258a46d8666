import { expect, test } from './fixtures';
import { editable, expectAccessible, login, openStrategy, screenshot, sectionEditor } from './helpers';

test('the lint panel flags an area without a hovedmål, and the flag goes away when one is written', async ({
  page,
}) => {
  await login(page, 'leder@eksempel.no');
  await openStrategy(page);

  const panel = page.getByRole('region', { name: 'Kvalitetssjekk' });
  const missingGoal = (section: string) =>
    panel.locator('[data-rule="area-missing-main-goal"]').filter({ hasText: section });
  await expect(missingGoal('4.1 Kommuneportal')).toBeVisible();
  await expect(panel.getByRole('status')).toContainText(/Advarsler: \d+/);

  // The finding links to its section, and keyboard focus follows to the section's heading.
  await missingGoal('4.1 Kommuneportal').getByRole('link', { name: 'Gå til 4.1 Kommuneportal' }).click();
  await expect(page).toHaveURL(/#del-kommuneportal$/);
  await expect(page.locator('#tittel-kommuneportal')).toBeFocused();

  const editor = await editable(page, '4.1', 'Kommuneportal');
  await editor.click();
  await page.keyboard.type('Kommunens internettportal skal være universelt utformet.');
  // Plain text is not a goal yet.
  await expect(missingGoal('4.1 Kommuneportal')).toBeVisible();
  await page.getByRole('button', { name: 'Sett inn hovedmål' }).click();
  await expect(editor.locator('[data-goal="main"]')).toContainText('universelt utformet');

  await expect(missingGoal('4.1 Kommuneportal')).toHaveCount(0);
  await expect(missingGoal('4.2 Intranett/ansattportal')).toBeVisible();
  await screenshot(page, 'lint-panel');
});

test('the benefit page computes, draws cost against effect and inserts its tables into Vedlegg', async ({ page }) => {
  // Two insertions, each confirmed by the server, and two page loads: more than the default minute.
  test.setTimeout(120_000);
  await login(page, 'leder@eksempel.no');
  await openStrategy(page);
  await page.getByRole('link', { name: 'Gevinstberegning og IKT-status' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gevinstberegning' })).toBeVisible();

  // The seed's example 1: about 1.3 million kr, about 205 kr per inhabitant, from inquiries.
  const results = page.getByRole('table', { name: /Gevinst per år når gevinstene er fullt realisert/ });
  const inquiries = results.getByRole('row', { name: /Henvendelser flyttet til digital selvbetjening/ });
  await expect(inquiries).toContainText(/1\s328\s800/);
  await expect(inquiries.getByRole('cell').last()).toHaveText('204');
  await expect(results.getByRole('row', { name: /Elektronisk leverandørfaktura/ })).toContainText(/130\s000/);
  await expect(results.getByRole('row', { name: /Digital utsending av brev/ })).toContainText(/325\s000/);
  await expect(results.getByRole('row', { name: /Digitalt mottak av brev/ })).toContainText(/190\s000/);
  await expect(
    page.getByRole('heading', { name: /80 % av gevinsten kommer fra endringer i organisasjon/ }),
  ).toBeVisible();

  const chart = page.getByRole('img', { name: 'Kostnader og effekt per år' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('polyline')).toHaveCount(2);
  const years = page.getByRole('table', { name: /Kostnader og effekt per år \(kroner\)/ });
  await expect(years.getByRole('row')).toHaveCount(5);
  await expect(years.getByRole('row', { name: /2027/ })).toContainText(/1\s500\s000/);
  await expectAccessible(page);
  await screenshot(page, 'benefits');
  await chart.screenshot({ path: 'test-results/screens/benefits-chart.png' });

  // Every figure is an input: twice the inhabitants halves the benefit per inhabitant.
  await page.getByLabel('Antall innbyggere', { exact: true }).fill('13000');
  await page.getByLabel('Kilde: Antall innbyggere').fill('SSB, 1. januar 2026');
  await expect(inquiries.getByRole('cell').last()).toHaveText('102');
  await page.getByLabel('Kommunens poengsum (0–404)').fill('230');
  const ownBand = page
    .getByRole('table', { name: /eKommune-kartleggingen 2011/ })
    .getByRole('row', { name: /10 000–19 999/ });
  await expect(ownBand).toContainText('Vår størrelse');
  await expect(ownBand).toContainText('+5');

  await page.getByRole('button', { name: 'Lagre tallene' }).click();
  await expect(page.getByText('Tallene er lagret.')).toBeVisible();

  await page.getByRole('button', { name: 'Sett inn sammendraget i 6 Vedlegg' }).click();
  await expect(page.getByText('Sammendraget er satt inn i 6 Vedlegg.')).toBeVisible();
  await page.getByRole('button', { name: 'Sett inn sammenligningen i 6 Vedlegg' }).click();
  await expect(page.getByText('Sammenligningen er satt inn i 6 Vedlegg.')).toBeVisible();

  // The figures were stored with their sources.
  await page.reload();
  await expect(page.getByLabel('Antall innbyggere', { exact: true })).toHaveValue('13000');
  await expect(page.getByLabel('Kilde: Antall innbyggere')).toHaveValue('SSB, 1. januar 2026');

  await page.getByRole('link', { name: 'Tilbake til strategien' }).click();
  const vedlegg = sectionEditor(page, '6', 'Vedlegg');
  await expect(vedlegg.locator('h3', { hasText: 'Gevinstberegning' })).toBeVisible();
  await expect(vedlegg).toContainText(/Henvendelser flyttet til digital selvbetjening: 1\s328\s800 kr per år/);
  await expect(vedlegg).toContainText('80 % av gevinstpotensialet');
  await expect(
    vedlegg.locator('h3', { hasText: 'IKT-status sammenlignet med eKommune-kartleggingen 2011' }),
  ).toBeVisible();
  await expect(vedlegg).toContainText('Vår kommune: 230 av 404 poeng');
});
