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
export function strategyLikeDemo(s: TestServer, demoId: string): string {
  const demo = s.deps.db.select().from(strategies).where(eq(strategies.id, demoId)).get()!;
  const id = createStrategyFromTemplate(s.deps.db, {
    organizationId: demo.organizationId,
    title: `Digitaliseringsstrategi kopi ${++copies}`,
    municipality: demo.municipality,
    periodStart: demo.periodStart,
    periodEnd: demo.periodEnd,
  });
  for (const m of s.deps.db.select().from(memberships).where(eq(memberships.strategyId, demoId)).all()) {
    s.deps.db.insert(memberships).values({ strategyId: id, userId: m.userId, role: m.role }).run();
  }
  for (const o of s.deps.db.select().from(sectionOwners).where(eq(sectionOwners.strategyId, demoId)).all()) {
    s.deps.db
      .insert(sectionOwners)
      .values({ ...o, strategyId: id })
      .run();
  }
  return id;
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
  insertUser(s.deps.db, {
    organizationId: createOrganization(s.deps.db, `Annen kommune ${copies}`),
    email,
    name: 'Ansatt i annen kommune',
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  return s.login(email);
}

const publishedSlugs = new WeakMap<TestServer, string>();

/**
 * The public link of an adopted strategy (a copy of the demo strategy taken through both gates and
 * adopted administratively), made once per server: the demo strategy itself stays in Utkast.
 */
export function publishedSlug(s: TestServer, demoId: string): string {
  const known = publishedSlugs.get(s);
  if (known) return known;
  const id = strategyLikeDemo(s, demoId);
  const as = (email: string, role: Role): Actor => ({ userId: userIdOf(s, email), role });
  updateSettings(s.deps, id, as(LEADER, 'leader'), {
    politicalRequired: false,
    quorum: 'all',
    councils: ['Kommunestyret'],
  });
  const { contentHash } = submitToSteering(s.deps, id, as(LEADER, 'leader'));
  decideAtGate(s.deps, id, as(STEERING, 'steering'), 'styringsgruppe', {
    decision: 'approve',
    contentHash,
    locale: 'nb',
  });
  decideAtGate(s.deps, id, as(EXECUTIVE, 'executive'), 'godkjenning', {
    decision: 'approve',
    contentHash,
    locale: 'nb',
  });
  const slug = strategyPublication(s.deps, id)!.slug;
  publishedSlugs.set(s, slug);
  return slug;
}
