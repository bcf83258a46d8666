import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { isOrganizationNumber, normalizeOrganizationNumber } from '@samstrat/shared/organization';
import { organizations, strategies } from '../src/db/schema';
import { databaseEnvFor, tempDir } from './databases';
import { startTestServer, type TestServer } from './harness';
import { call } from './members-support';

// `npm run org:create` (issue 13): the installation operator creates a municipality, optionally
// with its first administrator, on the database of this run's kind.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function orgCreate(
  dataDir: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
) {
  const database = await databaseEnvFor(dataDir);
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/create-organization.ts', ...args], {
    cwd: root,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...database, NODE_ENV: 'production', SAMSTRAT_DEMO: '', ...options.env },
  });
}

const LIA = ['--name', 'Lia kommune', '--number', '974 760 673', '--executive', 'Rådmann', '--written-form', 'nn'];

describe('organization numbers', () => {
  it('accepts nine digits with the modulus 11 check digit and nothing else', () => {
    expect(isOrganizationNumber('974760673')).toBe(true);
    expect(isOrganizationNumber('123456785')).toBe(true);
    expect(isOrganizationNumber('974760674')).toBe(false);
    expect(isOrganizationNumber('97476067')).toBe(false);
    expect(isOrganizationNumber('9747606730')).toBe(false);
    expect(isOrganizationNumber('97476067a')).toBe(false);
    // 10000000x: 3·1 = 3, 11 − 3 = 8 is the only check digit; a remainder of 1 would need 10.
    expect(isOrganizationNumber('100000008')).toBe(true);
    expect(isOrganizationNumber('000000060')).toBe(false);
    expect(normalizeOrganizationNumber('974 760 673')).toBe('974760673');
  });
});

describe('npm run org:create', () => {
  it('creates the organization with its first admin, who logs in and creates a strategy in it', async () => {
    const dataDir = tempDir('samstrat-org-');
    const run = await orgCreate(dataDir, [...LIA, '--admin-email', 'IT@Lia.kommune.no', '--admin-name', 'Trude Vik'], {
      input: 'et-langt-passord-2027\n',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Organization Lia kommune \(974760673\) created/);

    const s = await startTestServer({ DATA_DIR: dataDir, SAMSTRAT_DEMO: '0' });
    servers.push(s);
    const [org] = await s.deps.db.select().from(organizations);
    expect(org).toMatchObject({
      name: 'Lia kommune',
      organizationNumber: '974760673',
      executiveTitle: 'Rådmann',
      writtenForm: 'nn',
    });
    const cookie = await s.login('it@lia.kommune.no', 'et-langt-passord-2027');
    // Its members read it, so "Ny strategi" starts in its written form.
    expect((await call(s, cookie, 'GET', '/me/organization')).body.organization).toEqual({
      name: 'Lia kommune',
      organizationNumber: '974760673',
      executiveTitle: 'Rådmann',
      writtenForm: 'nn',
    });
    const created = await call(s, cookie, 'POST', '/strategies', {
      title: 'Digitaliseringsstrategi 2027–2030',
      periodStart: 2027,
      periodEnd: 2030,
      start: { kind: 'empty' },
    });
    expect(created.status).toBe(201);
    // The organization's name and, with none asked for, its written form.
    const [row] = await s.deps.db.select().from(strategies).where(eq(strategies.id, created.body.id));
    expect(row).toMatchObject({ organizationId: org!.id, municipality: 'Lia kommune', writtenForm: 'nn' });
  });

  it('refuses a bad number, an unknown title, a bad written form and a number already taken; nothing is created', async () => {
    const dataDir = tempDir('samstrat-org-');
    const cases: [string[], RegExp][] = [
      [['--name', 'X', '--number', '974760674', '--executive', 'rådmann', '--written-form', 'nb'], /check digit/],
      [['--name', 'X', '--number', '12345678', '--executive', 'rådmann', '--written-form', 'nb'], /nine digits/],
      [
        ['--name', 'X', '--number', '123456785', '--executive', 'ordfører', '--written-form', 'nb'],
        /kommunedirektør or rådmann/,
      ],
      [
        ['--name', 'X', '--number', '123456785', '--executive', 'rådmann', '--written-form', 'sv'],
        /nb \(bokmål\) or nn/,
      ],
      [['--number', '123456785', '--executive', 'rådmann', '--written-form', 'nb'], /name is required/],
      [[...LIA, '--admin-email', 'it@lia.kommune.no'], /both --admin-email and --admin-name/],
    ];
    for (const [args, message] of cases) {
      const run = await orgCreate(dataDir, args);
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect((await orgCreate(dataDir, LIA)).status).toBe(0);
    const again = await orgCreate(dataDir, [
      '--name',
      'Lia igjen',
      '--number',
      '974760673',
      '--executive',
      'kommunedirektør',
      '--written-form',
      'nb',
    ]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already belongs to Lia kommune/);

    const s = await startTestServer({ DATA_DIR: dataDir, SAMSTRAT_DEMO: '0' });
    servers.push(s);
    expect((await s.deps.db.select().from(organizations)).map((o) => o.name)).toEqual(['Lia kommune']);
    // Eight runs of the command, each a process of its own: more than the default budget on a busy machine.
  }, 120_000);
});
