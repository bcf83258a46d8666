import { defineConfig } from '@playwright/test';

import fs from 'node:fs';

// Debian's chromium, never a downloaded browser. Its headless shell (Debian's chromium-headless-shell,
// the same Blink) when installed, as .ci/run does: the full browser also runs its own UI's renderers,
// and in a run of members.spec the headless shell used a quarter less CPU (browser process 40 s → 17 s).
// These flags are the ones that work on our machines.
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium'),
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // One worker by default: on two cores a second one made every test slower by as much as it gained
  // (tests neared their time limits). E2E_WORKERS=2 runs files side by side, each worker with a demo
  // server of its own (e2e/fixtures.ts); a file's tests run in order, as they build on each other.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunch,
    locale: 'nb-NO',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
