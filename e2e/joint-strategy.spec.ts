import { spawnSync } from 'node:child_process';
import { expect, test } from './fixtures';
import { startServerProcess, tempDataDir, type ServerProcess } from '../server/test/process';
import { expectAccessible, screenshot } from './helpers';

// Issue 13, a joint strategy: on an installation with two municipalities (the second made by the
// operator's `npm run org:create`), the first one's admin ticks the neighbour on "Ny strategi". The
// workflow then waits for both councils, and the neighbour's admin finds the strategy in their list.
// Within the strategy everyone names its executive by the host's title, as its documents do: the
// host says rådmann, the neighbour (made with kommunedirektør below) sees Rådmann on its pages, in
// the role's name and the stages' alike, and so do the front page and the organization's list of
// strategies outside it.
// The full path to Vedtatt with both drøftingsmøter is server/test/joint-strategy.test.ts.

const ADMIN = { email: 'it@lia.kommune.no', name: 'Trude Vik', password: 'et langt admin-passord' };
const NEIGHBOUR = { email: 'it@nabo.kommune.no', name: 'Nils Nabo', password: 'et langt nabo-passord' };
const TITLE = 'Felles digitaliseringsstrategi 2027–2030';

let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startServerProcess(dataDir, {
    NODE_ENV: 'production',
    SAMSTRAT_DEMO: '',
    LOG_LEVEL: 'warn',
    SAMSTRAT_ADMIN_EMAIL: ADMIN.email,
    SAMSTRAT_ADMIN_PASSWORD: ADMIN.password,
    SAMSTRAT_ADMIN_NAME: ADMIN.name,
    SAMSTRAT_ORGANIZATION: 'Lia kommune',
  });
  const args = ['--name', 'Nabo kommune', '--number', '974 760 673', '--executive', 'Kommunedirektør'];
  const more = ['--written-form', 'nb', '--admin-email', NEIGHBOUR.email, '--admin-name', NEIGHBOUR.name];
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/cli/create-organization.ts', ...args, ...more],
    {
      encoding: 'utf8',
      input: `${NEIGHBOUR.password}\n`,
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production', SAMSTRAT_DEMO: '', LOG_LEVEL: 'warn' },
    },
  );
  expect(run.status, run.stderr).toBe(0);
});

test.afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

test('an admin makes a strategy joint with a neighbour; both councils must adopt it', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: server.url });
  const admin = await context.newPage();
  const login = await admin.request.post('/api/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(login.status()).toBe(200);

  await admin.goto('/strategier/ny');
  await expect(admin.getByRole('heading', { level: 1, name: 'Ny strategi' })).toBeVisible();
  await admin.getByLabel('Tittel').fill(TITLE);
  await admin.getByLabel('Fra år').fill('2027');
  await admin.getByLabel('Til og med år').fill('2030');
  const group = admin.getByRole('group', { name: 'Felles strategi med andre kommuner (valgfritt)' });
  // By keyboard: space ticks the focused checkbox.
  await group.getByRole('checkbox', { name: 'Nabo kommune' }).focus();
  await admin.keyboard.press('Space');
  await expect(group.getByRole('checkbox', { name: 'Nabo kommune' })).toBeChecked();
  await expectAccessible(admin);
  await screenshot(admin, 'joint-strategy-form');
  await admin.getByRole('button', { name: 'Opprett strategi' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const id = new URL(admin.url()).pathname.split('/').at(-1)!;

  // The councils are the two municipalities'.
  const workflow = await (await admin.request.get(`/api/strategies/${id}/workflow`)).json();
  expect(workflow.settings.councils).toEqual(['Kommunestyret i Lia kommune', 'Kommunestyret i Nabo kommune']);

  // The neighbour's admin finds it among their organization's strategies, as a participant.
  const neighbour = await browser.newContext({ baseURL: server.url });
  const asNeighbour = neighbour.request;
  const signedIn = await asNeighbour.post('/api/auth/login', {
    data: { email: NEIGHBOUR.email, password: NEIGHBOUR.password },
  });
  expect(signedIn.status()).toBe(200);
  const listed = await (await asNeighbour.get('/api/admin/strategies')).json();
  expect(JSON.stringify(listed)).toContain(id);

  // The host says rådmann; the neighbour's admin joins as a leader and finds the role named so.
  const settings = {
    name: 'Lia kommune',
    organizationNumber: '964 000 018',
    executiveTitle: 'Rådmann',
    writtenForm: 'nb',
  };
  expect((await admin.request.patch('/api/admin/organization', { data: settings })).status()).toBe(200);
  const invited = await asNeighbour.post(`/api/strategies/${id}/members`, {
    data: { email: NEIGHBOUR.email, role: 'leader' },
  });
  expect(invited.status()).toBe(201);
  const token = ((await invited.json()).invitation.url as string).split('/invitasjon/')[1];
  const accepted = await asNeighbour.post(`/api/invitations/${token}/accept`, { data: {} });
  expect(accepted.status()).toBe(200);
  const neighbourId = (await accepted.json()).user.id as string;
  const members = await neighbour.newPage();
  await members.goto(`/strategier/${id}/medlemmer`);
  const ownRole = members.getByLabel(`Rolle for ${NEIGHBOUR.name}`);
  await expect(ownRole.locator('option[value="executive"]')).toHaveText('Rådmann');
  // So do the workflow's words: the stage where the executive approves is the rådmann's.
  await members.goto(`/strategier/${id}/prosess`);
  await expect(members.locator('ol.steps > li').nth(4)).toContainText('Rådmannens godkjenning');

  // Outside the strategy too: once it waits for the executive's approval, and the neighbour is the
  // one who approves, their front page and their organization's list name the stage, and the role,
  // by the host's title, not their own organization's.
  const workflowAction = (request: typeof asNeighbour, data: Record<string, unknown>) =>
    request.post(`/api/strategies/${id}/workflow`, { data });
  const setRole = (role: string) =>
    admin.request.patch(`/api/strategies/${id}/members/${neighbourId}`, { data: { role } });
  const submitted = await workflowAction(admin.request, { action: 'submit' });
  expect(submitted.status()).toBe(200);
  const { contentHash } = (await submitted.json()).workflow;
  expect((await setRole('steering')).status()).toBe(200);
  expect((await workflowAction(asNeighbour, { action: 'steering_approve', contentHash })).status()).toBe(200);
  expect((await setRole('executive')).status()).toBe(200);
  await members.goto('/');
  const card = members.locator('article', { has: members.getByRole('link', { name: TITLE }) });
  await expect(card.locator('.ds-tag')).toHaveText(['Rådmannens godkjenning', 'Rådmann']);
  await expect(members.getByTestId('pending-approvals')).toContainText(
    `${TITLE}: Godkjenn endelig versjon (Rådmannens godkjenning)`,
  );
  await members.goto('/kontoer');
  await expect(members.getByRole('row', { name: TITLE })).toContainText('Rådmannens godkjenning');
  await neighbour.close();
  await context.close();
});
