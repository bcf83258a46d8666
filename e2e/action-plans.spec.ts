import { expect, test, type Page } from './fixtures';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { editable, expectAccessible, login, openStrategy, screenshot, sectionEditor } from './helpers';

// Issue 16: a leader makes the year's action plan from the goals in the text, adds measures linked
// to two goals, asks the owners for status, an editor reports the status of their measure from the
// inbox, and the goal view shows the progress — live on the leader's page, through the event stream.

const HELSE_GOAL = 'Innbyggere får velferdsteknologi der de bor';
const OPPVEKST_GOAL = 'Foreldre søker om alt i oppvekst digitalt';

/** Writes a main goal at the end of a section through the editor and its toolbar, as a leader would. */
async function writeGoal(page: Page, number: string, title: string, text: string) {
  const editor = await editable(page, number, title);
  await editor.click();
  // The caret must be at the end of the section before Enter: a click while the page still scrolls
  // can leave it elsewhere, and the goal would be typed in front of the existing text.
  await expect(async () => {
    await editor.focus();
    await page.keyboard.press('Control+End');
    const atEnd = await editor.evaluate((root) => {
      const selection = getSelection();
      if (!selection?.anchorNode || !root.contains(selection.anchorNode)) return false;
      const rest = document.createRange();
      rest.selectNodeContents(root);
      rest.setStart(selection.anchorNode, selection.anchorOffset);
      return rest.toString().trim() === '';
    });
    expect(atEnd).toBe(true);
  }).toPass();
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
  await page.getByRole('toolbar', { name: 'Formatering' }).getByRole('button', { name: 'Sett inn hovedmål' }).click();
  await expect(editor.locator('[data-goal-id]', { hasText: text })).toBeVisible();
}

async function openPlan(page: Page) {
  await openStrategy(page);
  await page.getByRole('link', { name: 'Handlingsplan og oppfølging' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Handlingsplan' })).toBeVisible();
}

test('a leader plans measures for two goals, an editor reports status from the inbox, and the goal shows the progress', async ({
  browser,
}) => {
  // The whole acceptance flow, with three people's pages: given the time of the slowest CI machine.
  test.slow();
  const lederContext = await browser.newContext();
  const leder = await lederContext.newPage();
  await login(leder, 'leder@eksempel.no');
  await openStrategy(leder);
  await writeGoal(leder, '5.1', 'Helse og omsorg', HELSE_GOAL);
  await writeGoal(leder, '5.2', 'Oppvekst og læring', OPPVEKST_GOAL);

  await leder.getByRole('link', { name: 'Handlingsplan og oppfølging' }).click();
  await expect(leder.getByRole('heading', { level: 1, name: 'Handlingsplan' })).toBeVisible();
  const create = leder.getByRole('button', { name: /^Lag handlingsplan for \d{4}$/ });
  const year = (await create.textContent())!.match(/\d{4}/)![0];
  await create.click();
  await expect(leder.getByRole('heading', { level: 2, name: `Handlingsplan ${year}` })).toBeVisible();
  await expect(leder.getByRole('heading', { level: 3, name: `Hovedmål: ${HELSE_GOAL}` })).toBeVisible();

  // The form says what is missing, and leads there.
  await leder.getByRole('button', { name: 'Legg til tiltak' }).click();
  const form = leder.getByRole('form', { name: 'Nytt tiltak' });
  await expect(leder.getByRole('heading', { name: 'Nytt tiltak' })).toBeFocused();
  await form.getByRole('button', { name: 'Lagre tiltaket' }).click();
  const errors = form.getByRole('alert');
  await expect(errors).toContainText('Rett dette før du lagrer:');
  await expect(errors).toContainText('Skriv en tittel.');
  await expect(errors).toContainText('Velg minst ett mål.');
  await expectAccessible(leder);

  await form.getByLabel('Tittel').fill('Digitalt tilsyn om natten');
  await form.getByLabel(new RegExp(HELSE_GOAL)).check();
  await form.getByLabel(new RegExp(OPPVEKST_GOAL)).check();
  await form.getByLabel('Ansvarlig person').selectOption({ label: 'Ola Berg, helse og omsorg' });
  await form.getByLabel('Enhet (valgfritt)').fill('Hjemmetjenesten');
  await form.getByLabel(`Investering ${year}`).fill('450000');
  await form.getByLabel(`Drift ${year}`).fill('-5');
  await form.getByRole('button', { name: 'Lagre tiltaket' }).click();
  await expect(form.getByRole('alert')).toContainText('Budsjettet må være hele kroner og ikke negativt.');
  await form.getByLabel(`Drift ${year}`).fill('60000');
  await form.getByLabel('Tiltaket endrer folks arbeid').check();
  await form.getByLabel('Dato for drøftingen (ÅÅÅÅ-MM-DD)').fill(`${year}-02-03`);
  await form.getByLabel('Deltakere').fill('Fagforbundet og NSF');
  await form.getByRole('button', { name: 'Lagre tiltaket' }).click();
  await expect(leder.getByText('Tiltaket «Digitalt tilsyn om natten» er lagret.')).toBeVisible();

  await leder.getByRole('button', { name: 'Legg til tiltak' }).click();
  const second = leder.getByRole('form', { name: 'Nytt tiltak' });
  await second.getByLabel('Tittel').fill('Digital søknad om SFO-plass');
  await second.getByLabel(new RegExp(OPPVEKST_GOAL)).check();
  await second.getByLabel('Ansvarlig person').selectOption({ label: 'Siri Lunde, oppvekst og læring' });
  await second.getByRole('button', { name: 'Lagre tiltaket' }).click();
  await expect(leder.getByText('Tiltaket «Digital søknad om SFO-plass» er lagret.')).toBeVisible();

  const helseGoal = leder.getByRole('region', { name: `Hovedmål: ${HELSE_GOAL}` });
  const oppvekstGoal = leder.getByRole('region', { name: `Hovedmål: ${OPPVEKST_GOAL}` });
  await expect(helseGoal.getByTestId('fremdrift')).toHaveText('0 av 1 tiltak fullført');
  await expect(oppvekstGoal.getByTestId('fremdrift')).toHaveText('0 av 2 tiltak fullført');

  // The leader asks the owners for status by a day; each answers from their inbox.
  await leder.getByRole('button', { name: 'Be om status' }).click();
  const ask = leder.getByRole('form', { name: 'Be om status' });
  await ask.getByLabel('Frist for svar').fill(`${year}-06-15`);
  await ask.getByLabel('Beskjed til de ansvarlige (valgfritt)').fill('Før tertialrapporten, takk.');
  await ask.getByRole('button', { name: 'Be om status' }).click();
  const round = leder.getByRole('region', { name: 'Statusrunde' });
  // The plan carries the demo's unfinished measures too: four owners, Ola Berg with three.
  await expect(round.getByTestId('statusrunde-svar')).toContainText('0 av 4 har svart');
  await expect(round.getByRole('row', { name: /Ola Berg.*0 av 3.*Har ikke svart/ })).toBeVisible();

  // The editor who owns the first measure sees it in "my measures", and reports its status from the
  // inbox on the start page, in one step.
  const helseContext = await browser.newContext();
  const helse = await helseContext.newPage();
  await login(helse, 'helse@eksempel.no');
  await openPlan(helse);
  await helse.getByLabel('Vis bare mine tiltak').check();
  await expect(helse.getByRole('article', { name: 'Digital søknad om SFO-plass' })).toHaveCount(0);
  await expect(helse.getByRole('button', { name: /Legg til tiltak/ })).toHaveCount(0);
  await expect(helse.getByRole('region', { name: 'Statusrunde' })).toHaveCount(0);
  await helse.goto('/');
  const inbox = helse.getByRole('region', { name: /Status du er bedt om/ });
  await expect(inbox).toContainText('Beskjed fra prosjektlederen: Før tertialrapporten, takk.');
  const answer = inbox.getByRole('form', { name: 'Oppdater status for «Digitalt tilsyn om natten»' });
  await answer.getByLabel('Ny status').selectOption({ label: 'Fullført' });
  await answer.getByLabel('Merknad (hva er gjort, hva gjenstår)').fill('Sensorer er satt opp i 40 hjem.');
  await expectAccessible(helse);
  await screenshot(helse, 'action-plan-inbox');
  await answer.getByRole('button', { name: 'Lagre status' }).click();
  await expect(helse.getByText('Takk! Status for «Digitalt tilsyn om natten» er sendt.')).toBeVisible();
  await expect(answer).toHaveCount(0);

  // The leader sees who has not answered, and reminds them.
  await expect(round.getByRole('row', { name: /Ola Berg.*1 av 3.*Har ikke svart/ })).toBeVisible();
  await round.getByRole('button', { name: 'Send påminnelse til dem som ikke har svart (4)' }).click();
  await expect(leder.getByText('Påminnelse er sendt. Mottakere: 4.')).toBeVisible();
  await expect(round).toContainText('Påminnelser sendt: 1');

  // The leader's page shows the progress without a reload.
  await expect(helseGoal.getByTestId('fremdrift')).toHaveText('1 av 1 tiltak fullført');
  await expect(oppvekstGoal.getByTestId('fremdrift')).toHaveText('1 av 2 tiltak fullført');
  await helseGoal.getByText(/Statushistorikk/).click();
  await expect(helseGoal).toContainText('Sensorer er satt opp i 40 hjem.');
  // The overview counts the statuses and sums the budget per year of the period.
  const byStatus = leder.getByRole('table', { name: 'Tiltak etter status' });
  await expect(byStatus.getByRole('row', { name: /Fullført/ })).toBeVisible();
  await expect(leder.getByRole('table', { name: /Budsjett per år i strategiperioden/ })).toContainText('2030');
  await expectAccessible(leder);
  await screenshot(leder, 'action-plan');

  // The annual report downloads as DOCX, PDF and XLSX, with the figures and the Norwegian letters intact.
  const fetchReport = async (name: string) => {
    const download = leder.waitForEvent('download');
    await leder.getByRole('link', { name: `Last ned årsrapporten for ${year} (${name})` }).click();
    return await (await download).path();
  };
  const docx = execFileSync('unzip', ['-p', await fetchReport('Word, DOCX'), 'word/document.xml'], {
    encoding: 'utf8',
  });
  const docxText = [...docx.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  expect(docxText).toContain(`Hovedmål: ${HELSE_GOAL}`);
  expect(docxText).toContain('Fullført – Sensorer er satt opp i 40 hjem.');
  expect(docxText).toContain(`${year}: Investering (kr) 450`);
  const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', await fetchReport('PDF'), '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, ' ');
  expect(pdfText).toContain(`Årsrapport for handlingsplanen ${year}`);
  expect(pdfText).toContain('Sensorer er satt opp i 40 hjem.');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await fetchReport('Excel, XLSX'));
  const rows = (book.getWorksheet('Mål og tiltak')!.getSheetValues() as unknown[][]).filter(Boolean);
  const tilsyn = rows.find((r) => r[2] === 'Digitalt tilsyn om natten' && String(r[1]).includes(HELSE_GOAL))!;
  expect(tilsyn.slice(1, 13)).toEqual([
    `Hovedmål: ${HELSE_GOAL}`,
    'Digitalt tilsyn om natten',
    '',
    'Ola Berg, helse og omsorg',
    'Hjemmetjenesten',
    '',
    Number(year),
    Number(year),
    'Fullført',
    'Sensorer er satt opp i 40 hjem.',
    450_000,
    60_000,
  ]);

  await helseContext.close();
  await lederContext.close();
});

test('two people changing the same field of a measure at once: the second sees both values and chooses', async ({
  browser,
}) => {
  const pages: Page[] = [];
  for (let i = 0; i < 2; i++) {
    const page = await (await browser.newContext()).newPage();
    await login(page, 'leder@eksempel.no');
    await openPlan(page);
    await page.getByLabel('Vis år').selectOption('2027');
    await expect(page.getByRole('heading', { level: 2, name: 'Handlingsplan 2027' })).toBeVisible();
    pages.push(page);
  }
  const [first, second] = pages as [Page, Page];
  const edit = (page: Page) =>
    page.getByRole('button', { name: 'Endre «Kartinnsyn for innbyggere og næringsliv»' }).click();
  await edit(first);
  await edit(second);

  await first.getByRole('form', { name: 'Endre tiltak' }).getByLabel('Tittel').fill('Kartinnsyn på nett');
  await first.getByRole('button', { name: 'Lagre tiltaket' }).click();
  await expect(first.getByText('Tiltaket «Kartinnsyn på nett» er lagret.')).toBeVisible();

  const form = second.getByRole('form', { name: 'Endre tiltak' });
  await form.getByLabel('Tittel').fill('Kart for alle');
  await form.getByLabel('Enhet (valgfritt)').fill('Geodata og plan');
  await form.getByRole('button', { name: 'Lagre tiltaket' }).click();
  const conflict = form.getByRole('alert');
  await expect(conflict).toContainText('Noen andre endret det samme samtidig');
  await expect(conflict).toContainText('Ingenting av endringen din er lagret');
  await expect(conflict.getByTestId('konflikt-din')).toHaveText('Kart for alle');
  await expect(conflict.getByTestId('konflikt-lagret')).toHaveText('Kartinnsyn på nett');
  await expectAccessible(second);
  await screenshot(second, 'action-plan-conflict');
  await conflict.getByRole('button', { name: 'Bruk min verdi' }).click();
  await form.getByRole('button', { name: 'Lagre tiltaket' }).click();
  await expect(second.getByText('Tiltaket «Kart for alle» er lagret.')).toBeVisible();

  // Nothing was lost silently: the other field's change is kept, and the first page shows both live.
  const card = first.getByRole('article', { name: 'Kart for alle' });
  await expect(card).toContainText('Geodata og plan');
  for (const page of pages) await page.context().close();
});

test('a leader moves a measure written in the text into the action plan from the quality check', async ({ page }) => {
  const goal = 'Alle pumpestasjoner overvåkes digitalt';
  const sentence = 'Kommunen skal kjøpe inn nettbrett til alle vaktmestere innen 2028.';
  await login(page, 'leder@eksempel.no');
  await openStrategy(page);
  await writeGoal(page, '5.5', 'Teknisk sektor', goal);
  // A sentence under the goal that is really a measure: what the quality check warns about.
  await page.keyboard.press('Enter');
  await page.keyboard.type(sentence);
  const editor = sectionEditor(page, '5.5', 'Teknisk sektor');
  await expect(editor).toContainText(sentence);
  // The check runs on the page's own copy; the move on the server's: wait until it has the sentence.
  const strategyId = new URL(page.url()).pathname.split('/')[2];
  const exported = async () => (await page.request.get(`/api/strategies/${strategyId}/export?format=md`)).text();
  await expect.poll(exported).toContain(sentence);

  const finding = page
    .locator('li[data-rule="measure-in-text"]')
    .filter({ has: page.getByRole('link', { name: /Teknisk sektor/ }) });
  const move = finding.getByRole('button', { name: 'Flytt til handlingsplanen' });
  await expect(move).toBeVisible();
  await move.scrollIntoViewIfNeeded();
  await expectAccessible(page);
  await screenshot(page, 'lint-move-measure');
  await move.focus();
  await page.keyboard.press('Enter');
  // The page picks this year's plan, within the strategy's period (2027–2030).
  const year = String(Math.min(Math.max(new Date().getFullYear(), 2027), 2030));
  await expect(page.getByText(`Setningen er flyttet til handlingsplanen for ${year} som et tiltak.`)).toBeVisible();
  // Gone from the text for everyone (the server's edit), and the warning with it.
  await expect(editor).not.toContainText(sentence);
  await expect(editor).toContainText(goal);
  await expect(finding).toHaveCount(0);

  await page.getByRole('link', { name: 'Handlingsplan og oppfølging' }).click();
  await page.getByLabel('Vis år').selectOption(year);
  await expect(page.getByRole('article', { name: sentence })).toBeVisible();
});

test('the executive approves the plan; a content change voids the approval visibly; the plan reads by service area', async ({
  browser,
}) => {
  test.slow();
  const open2027 = async (email: string) => {
    const page = await (await browser.newContext()).newPage();
    await login(page, email);
    await openPlan(page);
    await page.getByLabel('Vis år').selectOption('2027');
    await expect(page.getByRole('heading', { level: 2, name: 'Handlingsplan 2027' })).toBeVisible();
    return page;
  };
  const executive = await open2027('kommunedirektor@eksempel.no');
  const approval = executive.getByRole('region', { name: 'Godkjenning' });
  await expect(approval).toContainText('Planen er et utkast.');
  await approval.getByRole('button', { name: 'Godkjenn planen' }).click();
  await expect(executive.getByText('Handlingsplanen for 2027 er godkjent.')).toBeVisible();
  await expect(approval.getByTestId('godkjenning-gjelder')).toContainText('av Kari Nordmann, kommunedirektør');
  await expect(approval.getByRole('button', { name: 'Godkjenn planen' })).toHaveCount(0);

  // The leader records the political decision, starts follow-up, and reads the plan by service area.
  const leader = await open2027('leder@eksempel.no');
  const leaderApproval = leader.getByRole('region', { name: 'Godkjenning' });
  await leaderApproval.getByLabel('Dato for vedtaket (ÅÅÅÅ-MM-DD)').fill('2026-12-14');
  await leaderApproval.getByLabel('Saksnummer').fill('2026/1234');
  await leaderApproval.getByRole('button', { name: 'Registrer vedtaket' }).click();
  await expect(leaderApproval).toContainText('Vedtatt 14. desember 2026, saksnummer 2026/1234');
  await leaderApproval.getByRole('button', { name: 'Start oppfølgingen' }).click();
  await expect(leader.getByText('Status for planen: Oppfølging')).toBeVisible();
  await expect(leader.getByRole('img', { name: 'Tiltak etter status' })).toBeVisible();
  await leader.getByLabel('Vis tiltakene etter').selectOption({ label: 'Tjenesteområde' });
  const area = leader.getByRole('region', { name: /Helse og omsorg/ });
  await expect(area.getByRole('article').first()).toBeVisible();
  await expect(area.getByTestId('fremdrift')).toHaveText(/\d+ av \d+ tiltak fullført/);
  await expectAccessible(leader);
  await screenshot(leader, 'action-plan-areas');

  // A content change after approval (a measure's unit): the executive's page shows the approval void.
  const title = 'Feilmelding for vei, vann og avløp i app';
  await leader.getByRole('button', { name: `Endre «${title}»` }).click();
  const form = leader.getByRole('form', { name: 'Endre tiltak' });
  await form.getByLabel('Enhet (valgfritt)').fill('Vei og park');
  await form.getByRole('button', { name: 'Lagre tiltaket' }).click();
  await expect(leader.getByText(`Tiltaket «${title}» er lagret.`)).toBeVisible();
  await expect(approval.getByTestId('godkjenning-ugyldig')).toContainText('Godkjenningen gjelder ikke lenger');
  await expectAccessible(executive);
  await screenshot(executive, 'action-plan-approval-void');
  await approval.getByRole('button', { name: 'Godkjenn planen på nytt' }).click();
  await expect(approval.getByTestId('godkjenning-gjelder')).toBeVisible();
  await executive.context().close();
  await leader.context().close();
});
