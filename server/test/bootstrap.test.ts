import { count } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config';
import type { Db } from '../src/db/client';
import { memberships, strategies, users } from '../src/db/schema';
import { prepareData } from '../src/demo';
import { PREVIOUS_STRATEGY_SLUG } from '../src/demo-story';
import { openTestDatabase, tempDir } from './databases';
import { startTestServer, type TestServer } from './harness';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(overrides: Record<string, string> = {}) {
  const s = await startTestServer(overrides);
  servers.push(s);
  return s;
}

const rowsOf = async (db: Db, table: typeof users | typeof strategies | typeof memberships) =>
  (await db.select({ n: count() }).from(table))[0]!.n;
const userCount = (s: TestServer) => rowsOf(s.deps.db, users);

describe('first start', () => {
  it('creates the demo municipality, its two strategies and eight accounts in demo mode', async () => {
    const s = await server();
    expect(await userCount(s)).toBe(8);
    // The current strategy and the adopted one of the previous period, each with every demo account.
    expect(await rowsOf(s.deps.db, strategies)).toBe(2);
    expect(await rowsOf(s.deps.db, memberships)).toBe(16);
  });

  it('gives a demo at work: written text, open threads with a suggestion, a named version, an adopted predecessor', async () => {
    const s = await server();
    const cookie = await s.login('leder@eksempel.no');
    const get = async <T>(path: string, withCookie = true): Promise<T> => {
      const res = await fetch(`${s.url}/api${path}`, { headers: withCookie ? { cookie } : {} });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    const list = await get<{ id: string; title: string; stage: string }[]>('/strategies');
    expect(list.map((x) => [x.title, x.stage])).toEqual([
      ['Digitaliseringsstrategi 2027–2030', 'utkast'],
      ['Digitaliseringsstrategi 2023–2026', 'vedtatt'],
    ]);
    const current = list[0]!.id;

    const { threads } = await get<{
      threads: { sectionKey: string; status: string; suggestion: { status: string } | null; comments: unknown[] }[];
    }>(`/strategies/${current}/comments`);
    expect(threads.map((t) => t.sectionKey).sort()).toEqual(['innledning', 'kultur', 'velferd']);
    expect(threads.every((t) => t.status === 'open')).toBe(true);
    expect(threads.filter((t) => t.suggestion?.status === 'open')).toHaveLength(1);
    expect(threads.find((t) => t.sectionKey === 'innledning')!.comments).toHaveLength(2);

    const { versions } = await get<{ versions: { name: string | null; kind: string }[] }>(
      `/strategies/${current}/versions`,
    );
    expect(versions).toEqual([expect.objectContaining({ kind: 'named', name: 'Første utkast til styringsgruppen' })]);

    // The predecessor's adopted text is public, without logging in, with the council's decision.
    const published = await get<{ title: string; periodStart: number; decisions: unknown[]; sections: unknown[] }>(
      `/public/strategies/${PREVIOUS_STRATEGY_SLUG}`,
      false,
    );
    expect(published).toMatchObject({ title: 'Digitaliseringsstrategi 2023–2026', periodStart: 2023 });
    expect(published.decisions).toHaveLength(1);
    expect(JSON.stringify(published.sections)).toContain('Velferdsteknologi tas i bruk i hjemmetjenesten.');
  });

  it('creates nothing again when it restarts on the same data', async () => {
    const first = await server();
    const dataDir = first.dataDir;
    await first.close();
    servers.splice(0);
    const second = await server({ DATA_DIR: dataDir });
    expect(await userCount(second)).toBe(8);
    expect(await rowsOf(second.deps.db, strategies)).toBe(2);
  });

  it('creates no demo accounts when demo mode is off', async () => {
    const s = await server({ SAMSTRAT_DEMO: '0' });
    expect(await userCount(s)).toBe(0);
    const res = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'leder@eksempel.no', password: 'samstrat-demo' }),
    });
    expect(res.status).toBe(401);
  });

  it('creates the first administrator from the environment when demo mode is off', async () => {
    const s = await server({
      SAMSTRAT_DEMO: '0',
      SAMSTRAT_ADMIN_EMAIL: 'IT.Sjef@Kommune.no',
      SAMSTRAT_ADMIN_PASSWORD: 'et-langt-og-godt-passord',
      SAMSTRAT_ADMIN_NAME: 'Trude Vik',
    });
    expect(await userCount(s)).toBe(1);
    const cookie = await s.login('it.sjef@kommune.no', 'et-langt-og-godt-passord');
    const me = await (await fetch(`${s.url}/api/me`, { headers: { cookie } })).json();
    expect(me).toEqual({
      user: {
        id: expect.any(String),
        email: 'it.sjef@kommune.no',
        name: 'Trude Vik',
        isAdmin: true,
        createsStrategies: false,
        isOperator: true,
        abilities: {
          manageAccounts: true,
          createStrategies: true,
          proposeJointStrategies: true,
          configureOrganization: true,
          configureSso: true,
          createOrganizations: true,
        },
      },
    });
    expect(await (await fetch(`${s.url}/api/strategies`, { headers: { cookie } })).json()).toEqual([]);
  });

  it('never creates demo accounts under NODE_ENV=production, even if validation were bypassed', async () => {
    const dataDir = tempDir();
    const db = await openTestDatabase(dataDir);
    try {
      const config: Config = {
        ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
        NODE_ENV: 'production',
        SAMSTRAT_DEMO: true,
      };
      await prepareData({ config, db, log: pino({ level: 'silent' }) });
      expect(await rowsOf(db, users)).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('warns how to create the first administrator when there are no accounts', async () => {
    const dataDir = tempDir();
    const db = await openTestDatabase(dataDir);
    const messages: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void messages.push(line) });
    try {
      await prepareData({ config: loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' }), db, log });
      expect(messages.join('')).toMatch(/No accounts exist.*SAMSTRAT_ADMIN_EMAIL.*create-admin/);
    } finally {
      await db.close();
    }
  });
});
