import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { expect, test } from './fixtures';
import { linksIn, startLoopbackSmtp, type LoopbackSmtp } from '../server/test/mail-support';
import { expectAccessible, login, openStrategy, screenshot } from './helpers';

// Issue 15's mails end to end: a server of its own, configured with a loopback SMTP server (the
// shared E2E server sends no mail), so a mail's link is opened in the browser as its reader would.
test.describe.configure({ timeout: 240_000 });

let smtp: LoopbackSmtp;
let server: ChildProcess;
let origin: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  smtp = await startLoopbackSmtp();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // Its own process group: serve.mjs starts npx, which starts tsx, which starts the server; ending the
  // group ends them all (as Playwright does for its web server).
  server = spawn('node', ['e2e/serve.mjs', String(port)], {
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Samstrat <samstrat@eksempel.no>',
      PUBLIC_ORIGIN: origin,
    },
  });
  await expect
    .poll(async () => (await fetch(`${origin}/api/health`).catch(() => null))?.status, { timeout: 90_000 })
    .toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    process.kill(-server.pid!, 'SIGTERM');
    await exited;
  }
  await smtp?.close();
});

test('an invitation mailed to a new person opens the invitation; they join and land in the strategy', async ({
  browser,
}) => {
  const leaderContext = await browser.newContext({ baseURL: origin });
  const leader = await leaderContext.newPage();
  await login(leader, 'leder@eksempel.no');
  await openStrategy(leader);
  await leader.getByRole('link', { name: 'Medlemmer og tilgang' }).click();
  await expect(leader.getByText('Personen får en e-post med en lenke som gjelder i 7 dager')).toBeVisible();
  await leader.getByLabel('E-postadresse').fill('epost.ny@eksempel.no');
  await leader.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Prosjektgruppe' });
  await leader.getByRole('button', { name: 'Lag invitasjon' }).click();
  await expect(leader.getByText('Invitasjonen er sendt på e-post til epost.ny@eksempel.no.')).toBeVisible();
  await expectAccessible(leader);
  await screenshot(leader, 'mail-invitation-sent');

  // The mail arrives at the SMTP server; its link is the one the invitee opens.
  const mail = await smtp.mailTo('epost.ny@eksempel.no');
  expect(mail.subject).toBe('Invitasjon til «Digitaliseringsstrategi 2027–2030»');
  const link = linksIn(mail.text).find((l) => l.includes('/invitasjon/'))!;
  expect(new URL(link).origin).toBe(origin);

  const inviteeContext = await browser.newContext({ baseURL: origin });
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { level: 1, name: 'Bli med i strategiarbeidet' })).toBeVisible();
  await invitee.getByLabel('Navnet ditt').fill('Eva Epost');
  await invitee.getByLabel('Velg et passord').fill('et langt og godt passord');
  await invitee.getByRole('button', { name: 'Bli med' }).click();
  await expect(invitee.getByRole('heading', { level: 1, name: /Digitaliseringsstrategi/ })).toBeVisible();

  await leaderContext.close();
  await inviteeContext.close();
});
