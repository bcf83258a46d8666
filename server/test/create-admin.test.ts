import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseEnvFor, tempDir } from './databases';
import { startTestServer, type TestServer } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** Runs the command on the database of `dataDir` (this run's kind: see databases.ts). */
async function createAdmin(
  dataDir: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
) {
  const database = await databaseEnvFor(dataDir);
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/create-admin.ts', ...args], {
    cwd: root,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...database, NODE_ENV: 'production', SAMSTRAT_DEMO: '', ...options.env },
  });
}

// Each case runs the command as a process of its own: more than the default budget on a busy machine.
describe('create-admin command', { timeout: 90_000 }, () => {
  it('creates an administrator who can log in, reading the password from stdin', async () => {
    const dataDir = tempDir('samstrat-cli-');
    const run = await createAdmin(dataDir, ['--email', 'IT@Kommune.no', '--name', 'Trude Vik'], {
      input: 'et-langt-passord-2027\n',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const s = await startTestServer({ DATA_DIR: dataDir, SAMSTRAT_DEMO: '0' });
    servers.push(s);
    const cookie = await s.login('it@kommune.no', 'et-langt-passord-2027');
    const me = (await (await fetch(`${s.url}/api/me`, { headers: { cookie } })).json()) as {
      user: { isAdmin: boolean };
    };
    expect(me.user.isAdmin).toBe(true);
  });

  it('refuses a second account with the same address and a short password', async () => {
    const dataDir = tempDir('samstrat-cli-');
    const env = { SAMSTRAT_ADMIN_PASSWORD: 'et-langt-passord-2027' };
    expect((await createAdmin(dataDir, ['--email', 'it@kommune.no', '--name', 'A'], { env })).status).toBe(0);
    const again = await createAdmin(dataDir, ['--email', 'it@kommune.no', '--name', 'B'], { env });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const short = await createAdmin(dataDir, ['--email', 'x@kommune.no', '--name', 'C'], {
      env: { SAMSTRAT_ADMIN_PASSWORD: 'kort' },
    });
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 12 characters/);
  });
});
