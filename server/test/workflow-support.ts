import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { WorkflowView } from '../src/workflow/view';
import { memberships, sectionOwners, strategies } from '../src/db/schema';
import { createStrategyFromTemplate } from '../src/strategies/create';
import { connect, synced, type CollabClient } from './collab-client';
import type { TestServer } from './harness';
import { call, userIdOf, type Answer } from './members-support';
import type { Actor } from '@samstrat/shared/access';
import type { Role } from '@samstrat/shared/roles';
import { decideAtGate, submitToSteering, updateSettings } from '../src/workflow/commands';
import { strategyPublication } from '../src/workflow/publication';
import { createOrganization, insertUser } from '../src/accounts';
import { hashPassword } from '../src/auth/password';
import { DEMO_PASSWORD } from '../src/demo';

export const LEADER = 'leder@eksempel.no';
export const STEERING = 'styring@eksempel.no';
export const EXECUTIVE = 'kommunedirektor@eksempel.no';
export const EDITOR = 'helse@eksempel.no';
export const ADVISOR = 'radgiver@eksempel.no';
export const UNION = 'tillitsvalgt@eksempel.no';
export const VIEWER = 'politiker@eksempel.no';

let copies = 0;

/**
 * A new strategy with the demo strategy's members in the same roles: each test of a path that ends
 * in Vedtatt (final) gets a strategy of its own.
 */
export async function strategyLikeDemo(s: TestServer, demoId: string): Promise<string> {
  const [demo] = await s.deps.db.select().from(strategies).where(eq(strategies.id, demoId)).limit(1);
  if (!demo) throw new Error(`no strategy ${demoId}`);
  const members = await s.deps.db.select().from(memberships).where(eq(memberships.strategyId, demoId));
  const owners = await s.deps.db.select().from(sectionOwners).where(eq(sectionOwners.strategyId, demoId));
  const title = `Digitaliseringsstrategi kopi ${++copies}`;
  return s.deps.db.transaction(async (tx) => {
    const id = await createStrategyFromTemplate(tx, {
      organizationId: demo.organizationId,
      title,
      municipality: demo.municipality,
      periodStart: demo.periodStart,
      periodEnd: demo.periodEnd,
    });
    for (const m of members) await tx.insert(memberships).values({ strategyId: id, userId: m.userId, role: m.role });
    for (const o of owners) await tx.insert(sectionOwners).values({ ...o, strategyId: id });
    return id;
  });
}

/** Calls the workflow API as a demo account, logging in once per account. */
export function workflowApi(s: TestServer) {
  const cookies = new Map<string, Promise<string>>();
  const cookieOf = (email: string) => {
    let cookie = cookies.get(email);
    if (!cookie) {
      cookie = s.login(email);
      cookies.set(email, cookie);
    }
    return cookie;
  };
  return {
    cookieOf,
    async get(email: string, strategyId: string): Promise<WorkflowView> {
      const res = await call<WorkflowView>(s, await cookieOf(email), 'GET', `/strategies/${strategyId}/workflow`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    },
    async post(email: string, strategyId: string, body: Record<string, unknown>): Promise<Answer> {
      return call(s, await cookieOf(email), 'POST', `/strategies/${strategyId}/workflow`, body);
    },
    /** Posts an action that must succeed, and answers the workflow after it. */
    async take(email: string, strategyId: string, body: Record<string, unknown>): Promise<WorkflowView> {
      const res = await call<{ workflow: WorkflowView }>(
        s,
        await cookieOf(email),
        'POST',
        `/strategies/${strategyId}/workflow`,
        body,
      );
      expect(res.status, `${String(body.action)}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body.workflow;
    },
    async socket(email: string, strategyId: string): Promise<CollabClient> {
      const client = connect(s.url, strategyId, await cookieOf(email));
      await synced(client);
      return client;
    },
  };
}

/** The session cookie of someone from another municipality, who is no member of any demo strategy. */
export async function outsiderCookie(s: TestServer): Promise<string> {
  const email = `utenfor-${++copies}@annen.no`;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await s.deps.db.transaction(async (tx) =>
    insertUser(tx, {
      organizationId: await createOrganization(tx, `Annen kommune ${copies}`),
      email,
      name: 'Ansatt i annen kommune',
      passwordHash,
    }),
  );
  return s.login(email);
}

const publishedSlugs = new WeakMap<TestServer, string>();

/**
 * The public link of an adopted strategy (a copy of the demo strategy taken through both gates and
 * adopted administratively), made once per server: the demo strategy itself stays in Utkast.
 */
export async function publishedSlug(s: TestServer, demoId: string): Promise<string> {
  const known = publishedSlugs.get(s);
  if (known) return known;
  const id = await strategyLikeDemo(s, demoId);
  const as = async (email: string, role: Role): Promise<Actor> => ({ userId: await userIdOf(s, email), role });
  await updateSettings(s.deps, id, await as(LEADER, 'leader'), {
    politicalRequired: false,
    quorum: 'all',
    councils: ['Kommunestyret'],
  });
  const { contentHash } = await submitToSteering(s.deps, id, await as(LEADER, 'leader'));
  await decideAtGate(s.deps, id, await as(STEERING, 'steering'), 'styringsgruppe', {
    decision: 'approve',
    contentHash,
    locale: 'nb',
  });
  await decideAtGate(s.deps, id, await as(EXECUTIVE, 'executive'), 'godkjenning', {
    decision: 'approve',
    contentHash,
    locale: 'nb',
  });
  const slug = (await strategyPublication(s.deps, id))!.slug;
  publishedSlugs.set(s, slug);
  return slug;
}
