/**
 * The authorization matrix: every REST route × every principal (each role, anonymous, a member of
 * another strategy, an organization admin who is not a member) → the expected status, derived from
 * the capability matrix in shared/access. The route list comes from the Hono app itself, so a new
 * route without a row here fails the first test.
 *
 * HOW TO ADD YOUR ROUTE (one row in ROWS below):
 *   route    'METHOD /path' exactly as Hono lists it, without /api (the failure message prints it).
 *   policy   - an Action of shared/access, e.g. 'comment.create': the expected status is derived the
 *              way `authorize` answers: anonymous 401; `can` allows → `ok`; a member it refuses 403;
 *              anyone else 404. Use { action, target } when the action concerns a section.
 *            - or a function (principal) => status, for routes outside one strategy's policy
 *              (public routes, the caller's own account, organization admin routes).
 *   ok       the status when allowed (200 unless given).
 *   request  (ctx) => { path, body?, cookie? } for ONE attempt. It runs once per principal, so create
 *            inside it whatever the attempt uses up (a member to remove, an invitation to accept, a
 *            comment to delete): ctx has helpers for that. `cookie: ctx.freshCookie()` gives the
 *            principal a second session, for routes that end the one they are sent with.
 */
import { DEFAULT_BENEFIT_INPUT } from '@samstrat/shared/benefits';
import { can, type Action, type Actor, type SectionTarget } from '@samstrat/shared/access';
import { ROLES, type Role } from '@samstrat/shared/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createApi } from '../src/app';
import { createThread } from '../src/comments/commands';
import { createInvitation } from '../src/members/invitations';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo';
import { anchorOf } from './comments-support';
import { startTestServer, type TestServer } from './harness';
import { call, createAccount, organizationOf, otherStrategyMember, userIdOf } from './members-support';
import { publishedSlug } from './workflow-support';

type PrincipalName = Role | 'anonymous' | 'outsider' | 'orgAdmin';

interface Principal {
  name: PrincipalName;
  email: string | null;
  userId: string | null;
  cookie: string | null;
  /** As shared/access sees them in the demo strategy. */
  actor: Actor | null;
}

interface Ctx {
  s: TestServer;
  strategyId: string;
  principal: Principal;
  /** A version of the demo strategy, made at the start. */
  versionId: string;
  /** Another session of the principal (null for anonymous). */
  freshCookie(): Promise<string | null>;
  /** A new member of the demo strategy, to change or remove. */
  newMember(role?: Role): Promise<{ id: string; email: string }>;
  /** A new account of the municipality that belongs to no strategy. */
  newAccount(): Promise<{ id: string; email: string }>;
  /** An open invitation to the demo strategy; answers the link's token. */
  newInvitationToken(role?: Role): string;
  /** A comment thread on the vision by `author` (a commenting member); answers the first comment's id. */
  newComment(author: Actor, suggestion?: boolean): string;
}

interface Request {
  path: string;
  body?: unknown;
  /** Defaults to the principal's session. */
  cookie?: string | null;
}

interface Row {
  route: string;
  policy: Action | { action: Action; target: SectionTarget } | ((p: Principal) => number);
  ok?: number;
  request(ctx: Ctx): Request | Promise<Request>;
}

const OPEN: SectionTarget = { restricted: false, ownerIds: [] };
const signedIn = (ok: number) => (p: Principal) => (p.cookie ? ok : 401);
const orgAdmins = (ok: number) => (p: Principal) => (!p.cookie ? 401 : p.actor?.orgAdmin ? ok : 403);
const id = (ctx: Ctx) => ctx.strategyId;

const ROWS: Row[] = [
  { route: 'GET /health', policy: () => 200, request: () => ({ path: '/health' }) },

  // Auth and the caller's own account.
  {
    route: 'POST /auth/login',
    policy: () => 200,
    request: async (ctx) => ({
      path: '/auth/login',
      body: { email: (await ctx.newAccount()).email, password: DEMO_PASSWORD },
      cookie: await ctx.freshCookie(),
    }),
  },
  {
    route: 'POST /auth/logout',
    policy: () => 200,
    request: async (ctx) => ({ path: '/auth/logout', cookie: await ctx.freshCookie() }),
  },
  { route: 'GET /me', policy: signedIn(200), request: () => ({ path: '/me' }) },
  {
    route: 'POST /me/password',
    policy: signedIn(200),
    request: () => ({ path: '/me/password', body: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } }),
  },
  { route: 'GET /notifications', policy: signedIn(200), request: () => ({ path: '/notifications' }) },
  {
    route: 'POST /notifications/read',
    policy: signedIn(200),
    request: () => ({ path: '/notifications/read', body: { ids: [] } }),
  },

  // Strategies.
  { route: 'GET /strategies', policy: signedIn(200), request: () => ({ path: '/strategies' }) },
  { route: 'GET /strategies/:id', policy: 'strategy.read', request: (ctx) => ({ path: `/strategies/${id(ctx)}` }) },
  {
    route: 'GET /strategies/:id/events',
    policy: 'strategy.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/events` }),
  },

  // Members, invitations, sections, audit (issue 3).
  {
    route: 'GET /strategies/:id/members',
    policy: 'member.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/members` }),
  },
  {
    route: 'POST /strategies/:id/members',
    policy: 'member.invite',
    ok: 201,
    request: async (ctx) => ({
      path: `/strategies/${id(ctx)}/members`,
      body: { email: `invitert-${Math.random().toString(36).slice(2)}@eksempel.no`, role: 'editor' },
    }),
  },
  {
    route: 'PATCH /strategies/:id/members/:userId',
    policy: 'member.manage',
    request: async (ctx) => ({
      path: `/strategies/${id(ctx)}/members/${(await ctx.newMember()).id}`,
      body: { role: 'viewer' },
    }),
  },
  {
    route: 'DELETE /strategies/:id/members/:userId',
    policy: 'member.manage',
    request: async (ctx) => ({ path: `/strategies/${id(ctx)}/members/${(await ctx.newMember()).id}` }),
  },
  {
    route: 'GET /strategies/:id/invitations',
    policy: 'member.manage',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/invitations` }),
  },
  {
    route: 'DELETE /strategies/:id/invitations/:invitationId',
    policy: 'member.manage',
    request: async (ctx) => {
      const token = ctx.newInvitationToken();
      const shown = await call(ctx.s, null, 'GET', `/invitations/${token}`);
      expect(shown.status).toBe(200);
      const pending = await call(
        ctx.s,
        await ctx.s.login('leder@eksempel.no'),
        'GET',
        `/strategies/${id(ctx)}/invitations`,
      );
      const latest = pending.body.invitations.at(-1).id;
      return { path: `/strategies/${id(ctx)}/invitations/${latest}` };
    },
  },
  {
    route: 'PATCH /strategies/:id/sections/:key',
    policy: 'section.manage',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/sections/kultur`, body: { restricted: false } }),
  },
  {
    route: 'GET /strategies/:id/audit',
    policy: 'audit.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/audit` }),
  },
  {
    route: 'GET /invitations/:token',
    policy: () => 200,
    request: (ctx) => ({ path: `/invitations/${ctx.newInvitationToken()}` }),
  },
  {
    route: 'POST /invitations/:token/accept',
    // A new account joins from a browser without a session; someone logged in as another person is refused.
    policy: (p) => (p.cookie ? 403 : 201),
    request: (ctx) => ({
      path: `/invitations/${ctx.newInvitationToken()}/accept`,
      body: { name: 'Ny Person', password: 'et passord som er langt' },
    }),
  },
  { route: 'GET /admin/users', policy: orgAdmins(200), request: () => ({ path: '/admin/users' }) },
  { route: 'GET /admin/audit', policy: orgAdmins(200), request: () => ({ path: '/admin/audit' }) },
  {
    route: 'POST /admin/users/:id/deactivate',
    policy: orgAdmins(200),
    request: async (ctx) => ({ path: `/admin/users/${(await ctx.newAccount()).id}/deactivate` }),
  },
  {
    route: 'POST /admin/users/:id/reactivate',
    policy: orgAdmins(200),
    request: async (ctx) => ({ path: `/admin/users/${(await ctx.newAccount()).id}/reactivate` }),
  },

  // Versions and export (issue 6).
  {
    route: 'GET /strategies/:id/versions',
    policy: 'version.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/versions` }),
  },
  {
    route: 'POST /strategies/:id/versions',
    policy: 'version.create',
    ok: 201,
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/versions`, body: { name: 'Matrise' } }),
  },
  {
    route: 'GET /strategies/:id/versions/:vid',
    policy: 'version.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/versions/${ctx.versionId}` }),
  },
  {
    route: 'GET /strategies/:id/versions/:a/diff/:b',
    policy: 'version.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/versions/${ctx.versionId}/diff/current` }),
  },
  {
    route: 'POST /strategies/:id/versions/:vid/restore',
    policy: { action: 'version.restore', target: OPEN },
    request: (ctx) => ({
      path: `/strategies/${id(ctx)}/versions/${ctx.versionId}/restore`,
      body: { sectionKey: 'visjon' },
    }),
  },
  {
    route: 'GET /strategies/:id/export',
    policy: 'export',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/export?format=md` }),
  },
  {
    route: 'GET /strategies/:id/export/page-count',
    policy: 'export',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/export/page-count` }),
  },

  // Benefits (issue 7).
  {
    route: 'GET /strategies/:id/benefits',
    policy: 'strategy.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/benefits` }),
  },
  {
    route: 'PUT /strategies/:id/benefits',
    policy: 'benefits.edit',
    request: (ctx) => ({
      path: `/strategies/${id(ctx)}/benefits`,
      body: { input: DEFAULT_BENEFIT_INPUT, statusScore: null },
    }),
  },

  // Comments (issue 4).
  {
    route: 'GET /strategies/:id/comments',
    policy: 'comment.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/comments` }),
  },
  {
    route: 'POST /strategies/:id/comments',
    policy: 'comment.create',
    ok: 201,
    request: (ctx) => {
      const doc = ctx.s.loadDocument(ctx.strategyId);
      const anchor = anchorOf(doc, 'visjon', 'digital');
      doc.destroy();
      return {
        path: `/strategies/${id(ctx)}/comments`,
        body: { sectionKey: 'visjon', anchor, quote: 'digital', body: 'En merknad' },
      };
    },
  },
  {
    route: 'GET /strategies/:id/comments/mentionable',
    policy: 'comment.create',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/comments/mentionable` }),
  },
  {
    route: 'GET /comments/:cid',
    policy: 'comment.read',
    request: (ctx) => ({ path: `/comments/${ctx.newComment(author(ctx))}` }),
  },
  {
    route: 'POST /comments/:cid/replies',
    policy: 'comment.create',
    ok: 201,
    request: (ctx) => ({ path: `/comments/${ctx.newComment(author(ctx))}/replies`, body: { body: 'Et svar' } }),
  },
  {
    // Hiding someone else's comment is moderation.
    route: 'PATCH /comments/:cid',
    policy: 'comment.moderate',
    request: (ctx) => ({ path: `/comments/${ctx.newComment(author(ctx))}`, body: { hidden: true } }),
  },
  {
    // Deleting is for one's own comments: each commenting principal deletes one they wrote.
    route: 'DELETE /comments/:cid',
    policy: 'comment.create',
    // A thread whose only comment is deleted is gone: nothing to answer with.
    ok: 204,
    request: (ctx) => ({ path: `/comments/${ctx.newComment(ownOrAuthor(ctx))}` }),
  },
  {
    route: 'POST /comments/:cid/suggestion/accept',
    policy: { action: 'suggestion.decide', target: OPEN },
    request: (ctx) => ({ path: `/comments/${ctx.newComment(author(ctx), true)}/suggestion/accept` }),
  },
  {
    route: 'POST /comments/:cid/suggestion/reject',
    policy: { action: 'suggestion.decide', target: OPEN },
    request: (ctx) => ({
      path: `/comments/${ctx.newComment(author(ctx), true)}/suggestion/reject`,
      body: { reason: 'Nei' },
    }),
  },

  // Workflow (issue 5). The POST row takes an action that leaves the demo strategy in Utkast (its
  // settings, unchanged), so the rows after it still find the text open; workflow.test.ts covers each action.
  {
    route: 'GET /strategies/:id/workflow',
    policy: 'workflow.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/workflow` }),
  },
  {
    route: 'POST /strategies/:id/workflow',
    policy: 'workflow.configure',
    request: (ctx) => ({
      path: `/strategies/${id(ctx)}/workflow`,
      body: { action: 'update_settings', politicalRequired: true, quorum: 'all', councils: ['Kommunestyret'] },
    }),
  },
  { route: 'GET /workflow/pending', policy: signedIn(200), request: () => ({ path: '/workflow/pending' }) },
  {
    // The adopted strategy is public: anyone with the link reads it, logged in or not.
    route: 'GET /public/strategies/:slug',
    policy: () => 200,
    request: (ctx) => ({ path: `/public/strategies/${publishedSlug(ctx.s, ctx.strategyId)}` }),
  },
];

// ---------------------------------------------------------------------------------------------

let s: TestServer;
let strategyId: string;
let organizationId: string;
let versionId: string;
let commentAuthor: Actor;
const principals: Principal[] = [];

/** Someone else who writes the comments a principal acts on. */
const author = (_ctx: Ctx) => commentAuthor;
const ownOrAuthor = (ctx: Ctx) =>
  ctx.principal.actor?.role && can(ctx.principal.actor, 'comment.create') ? ctx.principal.actor : commentAuthor;

function expectedStatus(row: Row, p: Principal): number {
  if (typeof row.policy === 'function') return row.policy(p);
  if (!p.cookie) return 401;
  const { action, target } = typeof row.policy === 'string' ? { action: row.policy, target: undefined } : row.policy;
  const actor = p.actor!;
  if (can(actor, action, target)) return row.ok ?? 200;
  return actor.role ? 403 : 404;
}

function methodOf(route: string) {
  return route.split(' ')[0]!;
}

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  organizationId = organizationOf(s, strategyId);

  principals.push({ name: 'anonymous', email: null, userId: null, cookie: null, actor: null });
  for (const role of ROLES) {
    const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
    const userId = userIdOf(s, account.email);
    principals.push({
      name: role,
      email: account.email,
      userId,
      cookie: await s.login(account.email),
      actor: { userId, role, orgAdmin: account.isAdmin ?? false },
    });
  }
  const outsider = await otherStrategyMember(s, organizationId);
  principals.push({
    name: 'outsider',
    email: outsider.email,
    userId: outsider.id,
    cookie: await s.login(outsider.email),
    actor: { userId: outsider.id, role: null, orgAdmin: false },
  });
  const admin = await createAccount(s, { organizationId, isAdmin: true });
  principals.push({
    name: 'orgAdmin',
    email: admin.email,
    userId: admin.id,
    cookie: await s.login(admin.email),
    actor: { userId: admin.id, role: null, orgAdmin: true },
  });

  const leader = principals.find((p) => p.name === 'leader')!;
  const version = await call(s, leader.cookie, 'POST', `/strategies/${strategyId}/versions`, { name: 'Utgangspunkt' });
  expect(version.status).toBe(201);
  versionId = version.body.id;
  const writer = await createAccount(s, { organizationId, strategyId, role: 'editor' });
  commentAuthor = { userId: writer.id, role: 'editor' };
}, 60_000);
afterAll(() => s.close());

function context(principal: Principal): Ctx {
  return {
    s,
    strategyId,
    principal,
    versionId,
    freshCookie: async () => (principal.email ? s.login(principal.email) : null),
    newMember: (role = 'editor') => createAccount(s, { organizationId, strategyId, role }),
    newAccount: () => createAccount(s, { organizationId }),
    newInvitationToken: (role = 'editor') =>
      createInvitation(s.deps, {
        strategyId,
        email: `inv-${Math.random().toString(36).slice(2)}@eksempel.no`,
        role,
        invitedBy: userIdOf(s, 'leder@eksempel.no'),
      }).token,
    newComment(actor, suggestion = false) {
      const doc: Y.Doc = s.loadDocument(strategyId);
      const anchor = anchorOf(doc, 'visjon', 'digital');
      doc.destroy();
      const threadId = createThread(s.deps, strategyId, actor, {
        sectionKey: 'visjon',
        anchor,
        quote: 'digital',
        body: 'Til matrisen',
        // The same words back, so the text stays as it was for the next attempt.
        ...(suggestion ? { suggestion: { text: 'digital' } } : {}),
      });
      const row = s.deps.db.$client
        .prepare('SELECT id FROM comments WHERE thread_id = ? ORDER BY created_at LIMIT 1')
        .get(threadId) as { id: string };
      return row.id;
    },
  };
}

describe('the authorization matrix', () => {
  it('has a row for every route of the API, and no row for a route that does not exist', () => {
    const routes = new Set(
      createApi(s.deps)
        .routes.filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`),
    );
    const rows = new Set(ROWS.map((r) => r.route));
    const missing = [...routes].filter((r) => !rows.has(r));
    const stale = [...rows].filter((r) => !routes.has(r));
    expect(missing, 'routes without a row in ROWS (see the top of this file)').toEqual([]);
    expect(stale, 'rows for routes that no longer exist').toEqual([]);
  });

  it('answers every principal on every route as the capability matrix says', async () => {
    const mismatches: string[] = [];
    for (const row of ROWS) {
      for (const principal of principals) {
        const ctx = context(principal);
        const req = await row.request(ctx);
        const cookie = req.cookie === undefined ? principal.cookie : req.cookie;
        const res = await fetch(`${s.url}/api${req.path}`, {
          method: methodOf(row.route),
          headers: {
            origin: s.url,
            ...(cookie ? { cookie } : {}),
            ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
        });
        // Streams (the event stream) never end by themselves; the status is all we need.
        await res.body?.cancel();
        const expected = expectedStatus(row, principal);
        if (res.status !== expected)
          mismatches.push(`${row.route} as ${principal.name}: ${res.status}, expected ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000);

  it('refuses every state-changing route from a foreign origin with 403, whoever asks', async () => {
    const leader = principals.find((p) => p.name === 'leader')!;
    for (const row of ROWS.filter((r) => methodOf(r.route) !== 'GET')) {
      const req = await row.request(context(leader));
      const res = await fetch(`${s.url}/api${req.path}`, {
        method: methodOf(row.route),
        headers: { origin: 'https://evil.example', cookie: leader.cookie!, 'content-type': 'application/json' },
        body: JSON.stringify(req.body ?? {}),
      });
      expect(res.status, row.route).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code, row.route).toBe('foreign_origin');
    }
  });
});
