/**
 * The authorization matrix: every REST route × every principal (each role, anonymous, a member of
 * another strategy, an organization admin who is not a member) → the expected status, derived from
 * shared/access. The route list comes from the Hono app itself, so a new route without a row fails.
 * Every route must declare its policy (access/authorize.ts) before any validator, and every route that
 * validates input is also sent bad input: a caller without the right is refused whatever they send.
 *
 * HOW TO ADD YOUR ROUTE (one row in ROWS, in matrix-rows.ts):
 *   route     'METHOD /path' exactly as Hono lists it, without /api (the failure message prints it).
 *   declares  the policy the route declares: an Action (or the actions it chooses among), 'public' or
 *             'signedIn'. Expected statuses follow `why` (see DENIAL_STATUS in matrix-support.ts).
 *   judged    (ctx) => { action, target } when the request is judged on an object (a comment, a section)
 *             or on one of several declared actions; by default the declared action on the strategy.
 *   expect    (principal) => status, for routes whose answer is not an action's (invitations, login).
 *   ok        the status when allowed (200 unless given).
 *   request   (ctx) => { path, body?, cookie? } for ONE attempt. It runs once per principal, so create
 *             inside it whatever the attempt uses up (ctx has helpers for that).
 *   bad       the same with input the route refuses: whoever may act gets 400, the rest their refusal.
 *   writesText  true for routes that write the text: they run again on a copy whose text is frozen.
 */
import { ACTION_TARGET, type Action } from '@samstrat/shared/access';
import { Hono } from 'hono';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyone, policyOf } from '../src/access/authorize';
import { loadStrategyTarget } from '../src/access/load';
import { createApi } from '../src/app';
import { isValidator, validate } from '../src/validate';
import { workflowRecord } from '../src/workflow/state';
import { submitToSteering } from '../src/workflow/commands';
import { startTestServer, type TestServer } from './harness';
import { upgradeStatus } from './collab-client';
import {
  contextOf,
  principalsOf,
  send,
  statusFor,
  type Ctx,
  type Declared,
  type Fixture,
  type Principal,
} from './matrix-support';
import { ROWS, type Row } from './matrix-rows';
import { measureSentenceFinding } from './plans-support';
import { call, createAccount, organizationOf } from './members-support';
import { strategyLikeDemo } from './workflow-support';

// ---------------------------------------------------------------------------------------------

const actionsOf = (declared: Declared): readonly Action[] | null =>
  declared === 'public' || declared === 'signedIn' ? null : typeof declared === 'string' ? [declared] : declared;

/** A route that names an object by id (a strategy, a comment, an account…), not a public token or slug. */
const namesAnObject = (row: Row) => row.declares !== 'public' && row.route.includes('/:');

function expectedStatus(row: Row, ctx: Ctx): number {
  const p = ctx.principal;
  const ok = row.ok ?? 200;
  if (row.expect) return row.expect(p);
  if (row.declares === 'public') return ok;
  if (row.declares === 'signedIn') return p.cookie ? ok : 401;
  const action = actionsOf(row.declares)![0]!;
  const judged = row.judged?.(ctx) ?? {
    action,
    target: ACTION_TARGET[action] === 'organization' ? ({ kind: 'organization' } as const) : ctx.strategy,
  };
  return statusFor(p, judged.action, judged.target, ok);
}

/**
 * Someone of another organization may hold the right in their own (an admin managing accounts), but
 * every object a good request names is of the strategy's organization: it does not exist for them.
 * (Bad input is refused as such first: a 400 says nothing of whether the object exists.)
 */
function expectedGood(row: Row, ctx: Ctx): number {
  const status = expectedStatus(row, ctx);
  if (!ctx.principal.foreign || !namesAnObject(row) || status >= 400) return status;
  return ctx.principal.foreign.organizationActor.orgAdmin && row.foreignAdmin ? row.foreignAdmin.status : 404;
}

/** Bad input is refused for what it is only once the caller may act at all (an answer or a redirect). */
const expectedForBad = (good: number) => (good >= 200 && good < 400 ? 400 : good);

/**
 * Each route's handlers in order, as Hono lists them (one entry per handler, middleware included),
 * with what each declares: its policy, or that it validates input.
 */
function routesOf(app: { routes: readonly { method: string; path: string; handler: unknown }[] }) {
  const routes = new Map<string, { policies: ReturnType<typeof policyOf>[]; firstValidator: number }>();
  for (const r of app.routes.filter((route) => route.method !== 'ALL')) {
    const key = `${r.method} ${r.path}`;
    const entry = routes.get(key) ?? { policies: [], firstValidator: -1 };
    const index = entry.policies.length;
    entry.policies.push(policyOf(r.handler));
    if (isValidator(r.handler) && entry.firstValidator < 0) entry.firstValidator = index;
    routes.set(key, entry);
  }
  return routes;
}

/** Routes that declare no policy, or declare it only after a validator has read their input. */
function undeclared(app: Parameters<typeof routesOf>[0]): string[] {
  return [...routesOf(app)].flatMap(([key, { policies, firstValidator }]) => {
    const at = policies.findIndex((p) => p !== undefined);
    if (at < 0) return [`${key} declares no policy`];
    if (firstValidator >= 0 && firstValidator < at) return [`${key} validates before it authorizes`];
    return [];
  });
}

let s: TestServer;
let organizationId: string;
let demo: Fixture;
let frozen: Fixture;
let author: Ctx['author'];
let principals: Principal[];

beforeAll(async () => {
  s = await startTestServer();
  const strategyId = await s.strategyId();
  organizationId = await organizationOf(s, strategyId);
  principals = await principalsOf(s, organizationId);

  const leader = principals.find((p) => p.name === 'leader')!;
  const version = await call(s, leader.cookie, 'POST', `/strategies/${strategyId}/versions`, { name: 'Utgangspunkt' });
  expect(version.status).toBe(201);
  demo = { strategyId, strategy: (await loadStrategyTarget(s.deps.db, strategyId))!, versionId: version.body.id };
  const writer = await createAccount(s, { organizationId, strategyId, role: 'editor' });
  author = { userId: writer.id, role: 'editor' };

  // A copy with the same members (the writer too) whose text went to the steering group: frozen.
  const copyId = await strategyLikeDemo(s, strategyId);
  // What a text-writing row needs in the text is written before the freeze (the plan's goal and a
  // sentence to move into it): after it, nothing may be.
  await measureSentenceFinding(s, copyId);
  await submitToSteering(s.deps, copyId, leader.actor!);
  frozen = {
    strategyId: copyId,
    strategy: (await loadStrategyTarget(s.deps.db, copyId))!,
    versionId: (await workflowRecord(s.deps.db, copyId)).candidateVersionId!,
  };
  expect(frozen.strategy.frozen).toBe(true);
}, 60_000);
afterAll(() => s.close());

async function run(fixture: Fixture, rows: Row[], variant: 'good' | 'bad'): Promise<string[]> {
  const mismatches: string[] = [];
  for (const row of rows) {
    const make = variant === 'good' ? row.request : row.bad;
    if (!make) continue;
    for (const principal of principals) {
      const ctx = contextOf(s, fixture, principal, organizationId, author);
      const req = await make(ctx);
      const cookie = req.cookie === undefined ? principal.cookie : req.cookie;
      const status = await send(s, row.route.split(' ')[0]!, req, cookie);
      const good = variant === 'good' ? expectedGood(row, ctx) : expectedStatus(row, ctx);
      // A public route without its own expectations lets everyone act, whatever its good answer
      // (a password reset answers 503 where no mail is sent): bad input is a 400 for all.
      const everyone = row.declares === 'public' && !row.expect;
      const expected = variant === 'good' ? good : everyone ? 400 : expectedForBad(good);
      if (status !== expected)
        mismatches.push(`${variant} ${row.route} as ${principal.name}: ${status}, expected ${expected}`);
    }
  }
  return mismatches;
}

describe('the authorization matrix', () => {
  it('has a row for every route of the API, and no row for a route that does not exist', () => {
    const routes = new Set(routesOf(createApi(s.deps)).keys());
    const rows = new Set(ROWS.map((r) => r.route));
    expect(
      [...routes].filter((r) => !rows.has(r)),
      'routes without a row in ROWS (see the top of this file)',
    ).toEqual([]);
    expect(
      [...rows].filter((r) => !routes.has(r)),
      'rows for routes that no longer exist',
    ).toEqual([]);
  });

  it('finds every route declaring its policy before any validator, as its row says', () => {
    const app = createApi(s.deps);
    expect(undeclared(app)).toEqual([]);
    const routes = routesOf(app);
    for (const row of ROWS) {
      const policy = routes.get(row.route)!.policies.find((p) => p !== undefined)!;
      const declared = policy.kind === 'actions' ? [...policy.actions].sort() : policy.kind;
      const expected = actionsOf(row.declares)?.slice().sort() ?? row.declares;
      expect(declared, row.route).toEqual(expected);
    }
  });

  it('would fail on a route that declares no policy, or validates first', () => {
    const body = validate('json', z.object({ a: z.string() }));
    const app = new Hono()
      .get('/declared', anyone(), (c) => c.text(''))
      .get('/silent', (c) => c.text(''))
      .post('/late', body, anyone(), (c) => c.text(''));
    expect(undeclared(app)).toEqual(['GET /silent declares no policy', 'POST /late validates before it authorizes']);
  });

  it('sends bad input on every route that validates input', () => {
    const validating = [...routesOf(createApi(s.deps))].filter(([, r]) => r.firstValidator >= 0).map(([key]) => key);
    const withBad = new Set(ROWS.filter((r) => r.bad).map((r) => r.route));
    expect(validating.filter((route) => !withBad.has(route))).toEqual([]);
  });

  it('answers every principal on every route as shared/access says', async () => {
    expect(await run(demo, ROWS, 'good')).toEqual([]);
  }, 180_000);

  it('refuses a caller without the right whatever they send: authorization before validation', async () => {
    expect(await run(demo, ROWS, 'bad')).toEqual([]);
  }, 180_000);

  it('refuses writing a frozen text alike on every route that writes it, good input or bad', async () => {
    const textRows = ROWS.filter((r) => r.writesText);
    // The text itself (3), the outline (5: add, order, restore, rename, remove), whose titles and order an
    // approval covers too, the SWOT board's insert into the status appendix (1) and a measure moved
    // from the text into the action plan (1).
    expect(textRows.map((r) => r.route)).toHaveLength(10);
    expect([...(await run(frozen, textRows, 'good')), ...(await run(frozen, textRows, 'bad'))]).toEqual([]);
  }, 60_000);

  it('refuses every state-changing route from a foreign origin with 403, whoever asks', async () => {
    const leader = principals.find((p) => p.name === 'leader')!;
    for (const row of ROWS.filter((r) => !r.route.startsWith('GET '))) {
      const req = await row.request(contextOf(s, demo, leader, organizationId, author));
      const res = await fetch(`${s.url}/api${req.path}`, {
        method: row.route.split(' ')[0],
        headers: { origin: 'https://evil.example', cookie: leader.cookie!, 'content-type': 'application/json' },
        body: JSON.stringify(req.body ?? {}),
      });
      expect(res.status, row.route).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code, row.route).toBe('foreign_origin');
    }
  });
});

describe('another organization (issue 13, isolation)', () => {
  const foreign = () => principals.filter((p) => p.foreign);

  it('answers a member and an admin of another organization 404 on every route that names an object of this one', async () => {
    expect(foreign().map((p) => p.name)).toEqual(['foreignMember', 'foreignAdmin']);
    const answers: string[] = [];
    for (const row of ROWS.filter(namesAnObject)) {
      for (const principal of foreign()) {
        const actions = actionsOf(row.declares);
        // Without any admin right in their own organization, account routes refuse them before
        // reading the id (403 says nothing about the object); everything else must not exist.
        const adminOnly = actions?.every((a) => ACTION_TARGET[a] === 'organization');
        const orgAdmin = principal.foreign!.organizationActor.orgAdmin;
        const expected = adminOnly && !orgAdmin ? 403 : orgAdmin && row.foreignAdmin ? row.foreignAdmin.status : 404;
        const req = await row.request(contextOf(s, demo, principal, organizationId, author));
        const status = await send(
          s,
          row.route.split(' ')[0]!,
          req,
          req.cookie === undefined ? principal.cookie : req.cookie,
        );
        if (status !== expected) answers.push(`${row.route} as ${principal.name}: ${status}, expected ${expected}`);
      }
    }
    expect(answers).toEqual([]);
  }, 120_000);

  it('lists nothing of this organization to them: strategies, admin lists, pending approvals, notifications', async () => {
    for (const principal of foreign()) {
      for (const path of ['/strategies', '/admin/strategies', '/admin/users', '/workflow/pending', '/notifications']) {
        const res = await call(s, principal.cookie, 'GET', path);
        const text = JSON.stringify(res.body);
        expect(text, `${path} as ${principal.name}`).not.toContain(demo.strategyId);
        expect(text, `${path} as ${principal.name}`).not.toContain('leder@eksempel.no');
      }
    }
  });

  it('refuses them the collaboration socket (404) and the event stream (404)', async () => {
    for (const principal of foreign()) {
      const headers = { cookie: principal.cookie!, origin: s.url };
      expect(await upgradeStatus(`${s.wsUrl}/collab/${demo.strategyId}`, headers), principal.name).toBe(404);
      const events = await fetch(`${s.url}/api/strategies/${demo.strategyId}/events`, { headers });
      await events.body?.cancel();
      expect(events.status, principal.name).toBe(404);
    }
    // The same socket opens for a member: the refusal is about them, not the route.
    const leader = principals.find((p) => p.name === 'leader')!;
    expect(await upgradeStatus(`${s.wsUrl}/collab/${demo.strategyId}`, { cookie: leader.cookie!, origin: s.url })).toBe(
      101,
    );
  });

  it('answers 404 to every export format and the page count', async () => {
    for (const principal of foreign()) {
      for (const format of ['docx', 'pdf', 'md']) {
        const res = await call(s, principal.cookie, 'GET', `/strategies/${demo.strategyId}/export?format=${format}`);
        expect(res.status, `${format} as ${principal.name}`).toBe(404);
      }
      const count = await call(s, principal.cookie, 'GET', `/strategies/${demo.strategyId}/export/page-count`);
      expect(count.status, principal.name).toBe(404);
    }
  });
});
