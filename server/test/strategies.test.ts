import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_SECTIONS, templateSection } from '@samstrat/shared/template';
import { createOrganization } from '../src/accounts';
import { hashPassword } from '../src/auth/password';
import { users } from '../src/db/schema';
import { DEMO_ACCOUNTS } from '../src/demo';
import { createStrategyFromTemplate } from '../src/strategies/create';
import { startTestServer, type TestServer } from './harness';

interface Section {
  key: string;
  number: string;
  title: string;
  parentKey: string | null;
  guidance: string[];
  exampleGoal: string | null;
  owners: { id: string; name: string }[];
  restricted: boolean;
  abilities: { edit: boolean };
  readOnly: string | null;
}
interface Detail {
  id: string;
  role: string;
  abilities: { edit: boolean; comment: boolean; [key: string]: boolean };
  sections: Section[];
}

// Nothing here changes what another test reads, so they share one server.
let s: TestServer;
let strategyId: string;
beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
});
afterAll(() => s.close());

async function get<T>(path: string, email?: string): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = email ? { cookie: await s.login(email) } : {};
  const res = await fetch(`${s.url}/api${path}`, { headers });
  return { status: res.status, body: (await res.json()) as T };
}

const detail = async (email: string) => (await get<Detail>(`/strategies/${strategyId}`, email)).body;
const section = (d: Detail, key: string) => d.sections.find((x) => x.key === key)!;

describe('GET /api/strategies', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a.role]))(
    'lists the demo strategy and the adopted one of the previous period for %s with the role %s',
    async (email, role) => {
      const { status, body } = await get<unknown[]>('/strategies', email);
      expect(status).toBe(200);
      expect(body).toEqual([
        {
          id: strategyId,
          title: 'Digitaliseringsstrategi 2027–2030',
          municipality: 'Eksempel kommune',
          periodStart: 2027,
          periodEnd: 2030,
          stage: 'utkast',
          writtenForm: 'nb',
          role,
          executiveTitle: 'Kommunedirektør',
        },
        {
          id: expect.any(String),
          title: 'Digitaliseringsstrategi 2023–2026',
          municipality: 'Eksempel kommune',
          periodStart: 2023,
          periodEnd: 2026,
          stage: 'vedtatt',
          writtenForm: 'nb',
          role,
          executiveTitle: 'Kommunedirektør',
        },
      ]);
    },
  );

  it('answers 401 without a session', async () => {
    const { status, body } = await get<{ error: { code: string } }>('/strategies');
    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthenticated');
  });
});

describe('GET /api/strategies/:id', () => {
  it('returns the outline in template order with numbers, titles, parents and guidance', async () => {
    const d = await detail('leder@eksempel.no');
    expect(d).toMatchObject({
      id: strategyId,
      title: 'Digitaliseringsstrategi 2027–2030',
      municipality: 'Eksempel kommune',
      periodStart: 2027,
      periodEnd: 2030,
      stage: 'utkast',
      role: 'leader',
    });
    expect(d.sections.map((x) => x.key)).toEqual(TEMPLATE_SECTIONS.map((t) => t.key));
    for (const x of d.sections) {
      const t = templateSection(x.key)!;
      expect(x).toMatchObject({
        number: t.number,
        title: t.title,
        parentKey: t.parentKey,
        guidance: t.guidance,
        exampleGoal: t.exampleGoal,
      });
    }
    expect(section(d, 'kommuneportal').exampleGoal).toMatch(/internettportal/);
    expect(section(d, 'kommuneportal').parentKey).toBe('tverrgaende');
  });

  it('names the owners of the service areas and marks those sections restricted', async () => {
    const d = await detail('leder@eksempel.no');
    expect(section(d, 'helse-omsorg')).toMatchObject({
      restricted: true,
      owners: [{ id: expect.any(String), name: expect.stringContaining('Ola Berg') }],
    });
    expect(section(d, 'oppvekst-laering').owners.map((o) => o.name)).toEqual([expect.stringContaining('Siri Lunde')]);
    expect(section(d, 'visjon')).toMatchObject({ restricted: false, owners: [] });
  });

  it('lets the leader edit every section, restricted ones included', async () => {
    const d = await detail('leder@eksempel.no');
    expect(d.abilities).toMatchObject({ edit: true, comment: true });
    expect(d.sections.every((x) => x.abilities.edit)).toBe(true);
  });

  it('lets an editor edit open sections and the restricted section they own, but not one owned by another', async () => {
    const d = await detail('helse@eksempel.no');
    expect(d.abilities).toMatchObject({ edit: true, comment: true });
    expect(section(d, 'helse-omsorg').abilities.edit).toBe(true);
    expect(section(d, 'visjon').abilities.edit).toBe(true);
    expect(section(d, 'oppvekst-laering').abilities.edit).toBe(false);
  });

  it('lets the advisor edit open sections but not restricted ones', async () => {
    const d = await detail('radgiver@eksempel.no');
    expect(section(d, 'kompetanse').abilities.edit).toBe(true);
    expect(section(d, 'helse-omsorg').abilities.edit).toBe(false);
  });

  it('says why a section is read-only for the caller, as shared/access decides it', async () => {
    const editor = await detail('helse@eksempel.no');
    expect(section(editor, 'visjon').readOnly).toBeNull();
    expect(section(editor, 'oppvekst-laering').readOnly).toBe('restricted');
    expect(section(await detail('tillitsvalgt@eksempel.no'), 'visjon').readOnly).toBe('role');
  });

  it.each([
    ['kommunedirektor@eksempel.no', true],
    ['styring@eksempel.no', true],
    ['tillitsvalgt@eksempel.no', true],
    ['politiker@eksempel.no', false],
  ])('gives %s no section to edit (comment: %s)', async (email, comment) => {
    const d = await detail(email);
    expect(d.abilities).toMatchObject({ edit: false, comment });
    expect(d.sections.some((x) => x.abilities.edit)).toBe(false);
  });

  it('answers 404 for an unknown id', async () => {
    const { status, body } = await get<{ error: { code: string } }>('/strategies/finnes-ikke', 'leder@eksempel.no');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('answers a user of another municipality exactly as for an unknown id', async () => {
    const passwordHash = await hashPassword('annet-passord');
    await s.deps.db.transaction(async (tx) => {
      const organizationId = await createOrganization(tx, 'Annen kommune');
      await createStrategyFromTemplate(tx, {
        organizationId,
        title: 'Annen strategi',
        municipality: 'Annen kommune',
        periodStart: 2026,
        periodEnd: 2029,
      });
      await tx
        .insert(users)
        .values({ id: randomUUID(), organizationId, email: 'ansatt@annen.no', name: 'Ansatt', passwordHash });
    });
    const cookie = await s.login('ansatt@annen.no', 'annet-passord');

    const list = await fetch(`${s.url}/api/strategies`, { headers: { cookie } });
    expect(await list.json()).toEqual([]);
    const theirs = await fetch(`${s.url}/api/strategies/${strategyId}`, { headers: { cookie } });
    const unknown = await fetch(`${s.url}/api/strategies/finnes-ikke`, { headers: { cookie } });
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual(await unknown.json());
  });

  it('answers 401 without a session', async () => {
    expect((await get(`/strategies/${strategyId}`)).status).toBe(401);
  });
});
