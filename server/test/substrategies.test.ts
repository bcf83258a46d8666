import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../src/accounts';
import { auditLog } from '../src/db/schema-audit';
import { memberships, strategies, users } from '../src/db/schema';
import { publications } from '../src/db/schema-workflow';
import { createStrategyFromTemplate } from '../src/strategies/create';
import { apiAs } from './comments-support';
import { startTestServer, type TestServer } from './harness';

// Issue 13, "Sub-strategies": a leader links an area to another strategy of the organization as its
// delstrategi; the area shows its title, stage and, once adopted, its published page.

const LEADER = 'leder@eksempel.no';
const EDITOR = 'radgiver@eksempel.no';

let s: TestServer;
let strategyId: string;
let api: ReturnType<typeof apiAs>['api'];

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  api = apiAs(s).api;
});
afterAll(() => s.close());

interface Area {
  key: string;
  substrategy: { id: string; title: string; stage: string; publishedPath: string | null } | null;
}
const area = async (key: string) =>
  (await api<{ sections: Area[] }>(EDITOR, 'GET', `/strategies/${strategyId}`)).body.sections.find(
    (x) => x.key === key,
  )!;
const link = (key: string, substrategyId: unknown, as = LEADER) =>
  api<{ substrategy: Area['substrategy'] }>(as, 'PUT', `/strategies/${strategyId}/sections/${key}/substrategy`, {
    substrategyId,
  });

async function strategyOf(organizationId: string, title: string): Promise<string> {
  return await s.deps.db.transaction((tx) =>
    createStrategyFromTemplate(tx, {
      organizationId,
      title,
      municipality: 'Kommune',
      periodStart: 2027,
      periodEnd: 2030,
    }),
  );
}

describe('sub-strategies', () => {
  it('links an area to another strategy of the organization, shows title and stage, audits, and unlinks', async () => {
    const own = (await s.deps.db.select().from(strategies).where(eq(strategies.id, strategyId)))[0]!;
    const sub = await strategyOf(own.organizationId, 'Delstrategi for kultur');
    const res = await link('kultur', sub);
    expect(res.status).toBe(200);
    expect(res.body.substrategy).toMatchObject({
      id: sub,
      title: 'Delstrategi for kultur',
      stage: 'utkast',
      publishedPath: null,
    });
    expect((await area('kultur')).substrategy).toMatchObject({ id: sub, title: 'Delstrategi for kultur' });
    const entries = await s.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.strategyId, strategyId), eq(auditLog.action, 'outline.substrategy_linked')));
    expect(entries.at(-1)?.detail).toMatchObject({ section: 'kultur', substrategyId: sub });

    // An editor may not link; unlinking takes the link away again.
    expect((await link('kultur', null, EDITOR)).status).toBe(403);
    expect((await link('kultur', null)).status).toBe(200);
    expect((await area('kultur')).substrategy).toBeNull();
  });

  it('shows the published page of an adopted sub-strategy', async () => {
    const published = (
      await s.deps.db
        .select({ strategyId: publications.strategyId, slug: publications.slug })
        .from(publications)
        .where(ne(publications.strategyId, strategyId))
        .limit(1)
    )[0];
    if (!published) return expect.fail('the demo has an adopted strategy of the previous period');
    expect((await link('kultur', published.strategyId)).status).toBe(200);
    expect((await area('kultur')).substrategy).toMatchObject({
      stage: 'vedtatt',
      publishedPath: `/vedtatt/${published.slug}`,
    });
  });

  it('refuses, as a missing one, a strategy of the organization that the linking leader may not read', async () => {
    // A leader who is not the organization's admin: the steering group member, made leader here.
    const [steering] = await s.deps.db.select().from(users).where(eq(users.email, 'styring@eksempel.no'));
    await s.deps.db.transaction((tx) =>
      tx
        .update(memberships)
        .set({ role: 'leader' })
        .where(and(eq(memberships.strategyId, strategyId), eq(memberships.userId, steering!.id))),
    );
    const own = (await s.deps.db.select().from(strategies).where(eq(strategies.id, strategyId)))[0]!;
    const unseen = await strategyOf(own.organizationId, 'Utkast ingen her har sett');
    const refused = await link('kultur', unseen, 'styring@eksempel.no');
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual((await link('kultur', 'finnes-ikke', 'styring@eksempel.no')).body);
    // A member of it (any role) may link it.
    await s.deps.db.transaction((tx) =>
      tx.insert(memberships).values({ strategyId: unseen, userId: steering!.id, role: 'viewer' }),
    );
    expect((await link('kultur', unseen, 'styring@eksempel.no')).status).toBe(200);
    expect((await link('kultur', null)).status).toBe(200);
  });

  it('refuses itself (400), another organization’s strategy (404 as a missing one), a chapter, and bad input', async () => {
    const before = (await area('kultur')).substrategy;
    const self = await link('kultur', strategyId);
    expect(self.status).toBe(400);
    expect(JSON.stringify(self.body)).toContain('delstrategi for seg selv');
    const otherOrg = await s.deps.db.transaction((tx) => createOrganization(tx, `Annen kommune ${randomUUID()}`));
    const foreign = await strategyOf(otherOrg, 'Hemmelig strategi');
    const leak = await link('kultur', foreign);
    const missing = await link('kultur', 'finnes-ikke');
    expect(leak.status).toBe(404);
    expect(leak.body).toEqual(missing.body);
    const own = (await s.deps.db.select().from(strategies).where(eq(strategies.id, strategyId)))[0]!;
    expect((await link('tjenesteomrader', await strategyOf(own.organizationId, 'Kapittel'))).status).toBe(400);
    expect((await link('kultur', 7)).status).toBe(400);
    expect((await area('kultur')).substrategy).toEqual(before);
  });
});
