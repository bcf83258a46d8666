/**
 * The rows of the authorization matrix (authorization-matrix.test.ts): one per route of the API.
 * See the top of the test file for how to add one.
 */
import type { Action, SectionTarget, Target } from '@samstrat/shared/access';
import { DEFAULT_BENEFIT_INPUT } from '@samstrat/shared/benefits';
import { isOrganizationNumber } from '@samstrat/shared/organization';
import { DEMO_PASSWORD } from '../src/demo';
import { anchorOf } from './comments-support';
import { ownOrAuthor, type Ctx, type Declared, type Principal, type Request } from './matrix-support';
import { call } from './members-support';
import { PLAN_ROWS } from './matrix-rows-plans';
import { OUTLINE_ROWS } from './matrix-rows-outline';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users } from '../src/db/schema';
import { ssoAccountRequests, ssoProviders } from '../src/db/schema-sso';

/** A provider of the demo organization configured in the app; answers its id. */
async function newSsoProvider(ctx: Ctx): Promise<string> {
  const { db } = ctx.s.deps;
  const [admin] = await db.select().from(users).where(eq(users.email, 'leder@eksempel.no'));
  const id = `p-${randomUUID().slice(0, 8)}`;
  await db.transaction(async (tx) => {
    await tx.insert(ssoProviders).values({
      id,
      organizationId: admin!.organizationId,
      kind: 'oidc',
      label: 'Matrise',
      issuer: 'https://idp.example.org',
      clientId: 'matrise',
      newAccounts: 'approve',
    });
  });
  return id;
}

const ssoProviderPut = {
  kind: 'oidc',
  label: 'Matrise',
  issuer: 'https://idp.example.org',
  clientId: 'c',
  newAccounts: 'approve',
};

/** A person a provider signed in, waiting for approval in the demo organization; answers its id. */
async function newSsoRequest(ctx: Ctx): Promise<string> {
  const { db } = ctx.s.deps;
  const [admin] = await db.select().from(users).where(eq(users.email, 'leder@eksempel.no'));
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(ssoAccountRequests).values({
      id,
      organizationId: admin!.organizationId,
      providerId: 'entra',
      issuer: 'https://login.example.org/matrix/v2.0',
      subject: id,
      name: 'Venter Godkjenning',
    });
  });
  return id;
}
import { publishedSlug, strategyLikeDemo } from './workflow-support';
import { setArchived } from '../src/strategies/settings';

export interface Row {
  route: string;
  declares: Declared;
  judged?: (ctx: Ctx) => { action: Action; target: Target };
  expect?: (p: Principal) => number;
  /**
   * What an admin of another organization is answered where the route names an object by an id of
   * the installation's one namespace rather than of this organization (else 404), and why that tells
   * them nothing.
   */
  foreignAdmin?: { status: number; why: string };
  ok?: number;
  request(ctx: Ctx): Request | Promise<Request>;
  bad?(ctx: Ctx): Request | Promise<Request>;
  writesText?: true;
}

const id = (ctx: Ctx) => ctx.strategyId;

/** The demo organization's settings as an admin sends them unchanged. */
const DEMO_ORGANIZATION_SETTINGS = {
  name: 'Eksempel kommune',
  organizationNumber: '974 760 673',
  executiveTitle: 'kommunedirektør',
  writtenForm: 'nb',
};

/** A valid organization number nobody has yet (modulus 11 check digit), for each creation attempt. */
function freshOrganizationNumber(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, (_, i) => (i === 0 ? 8 : Math.floor(Math.random() * 10)));
    const number = digits.join('');
    for (let check = 0; check <= 9; check++) if (isOrganizationNumber(number + check)) return number + check;
  }
}
const tooLong = 'x'.repeat(101);
const visjon = (ctx: Ctx): SectionTarget => ({
  kind: 'section',
  strategy: ctx.strategy,
  restricted: false,
  ownerIds: [],
  removed: false,
});
const openSuggestion = (ctx: Ctx): Target => ({ kind: 'suggestion', status: 'open', section: visjon(ctx) });

export const ROWS: Row[] = [
  { route: 'GET /health', declares: 'public', request: () => ({ path: '/health' }) },
  { route: 'GET /ready', declares: 'public', request: () => ({ path: '/ready' }) },

  // Auth and the caller's own account.
  {
    route: 'POST /auth/login',
    declares: 'public',
    request: async (ctx) => ({
      path: '/auth/login',
      body: { email: (await ctx.newAccount()).email, password: DEMO_PASSWORD },
      cookie: await ctx.freshCookie(),
    }),
    bad: () => ({ path: '/auth/login', body: { email: 'ikke en adresse' } }),
  },
  {
    route: 'POST /auth/logout',
    declares: 'public',
    request: async (ctx) => ({ path: '/auth/logout', cookie: await ctx.freshCookie() }),
  },
  // Single sign-on: redirects to the provider, or (no provider configured here) to the sign-in page.
  {
    route: 'GET /auth/sso/providers',
    declares: 'public',
    request: () => ({ path: '/auth/sso/providers?epost=kari%40eksempel.no' }),
    bad: () => ({ path: '/auth/sso/providers?epost=ikke-en-adresse' }),
  },
  {
    route: 'GET /auth/sso/:provider/start',
    declares: 'public',
    ok: 302,
    request: () => ({ path: '/auth/sso/entra/start?neste=/' }),
    bad: () => ({ path: `/auth/sso/${tooLong}/start` }),
  },
  {
    route: 'GET /auth/sso/:provider/callback',
    declares: 'public',
    ok: 302,
    request: () => ({ path: '/auth/sso/entra/callback?state=x&code=y' }),
    bad: () => ({ path: `/auth/sso/${tooLong}/callback` }),
  },
  {
    // From the provider, never a browser: no session counts, only a logout token it signed (sso.test.ts).
    // The matrix sends no such token, so everyone gets 400 alike.
    route: 'POST /auth/sso/:provider/backchannel-logout',
    declares: 'public',
    expect: () => 400,
    request: () => ({ path: '/auth/sso/entra/backchannel-logout', body: { logout_token: 'x' } }),
    bad: () => ({ path: `/auth/sso/${tooLong}/backchannel-logout` }),
  },
  // Password reset: public. The matrix's server sends no mail, so asking answers 503 to everyone alike;
  // an unknown link answers 410 (server/test/password-reset.test.ts has the working path).
  {
    route: 'POST /auth/password-reset',
    declares: 'public',
    ok: 503,
    request: () => ({ path: '/auth/password-reset', body: { email: 'hvem-som-helst@example.org' } }),
    bad: () => ({ path: '/auth/password-reset', body: { email: 'ikke en adresse' } }),
  },
  {
    route: 'POST /auth/password-reset/:token',
    declares: 'public',
    ok: 410,
    request: () => ({ path: '/auth/password-reset/ukjent-lenke', body: { password: 'et passord som er langt' } }),
    bad: () => ({ path: '/auth/password-reset/ukjent-lenke', body: { password: 'kort' } }),
  },
  { route: 'GET /me', declares: 'signedIn', request: () => ({ path: '/me' }) },
  { route: 'GET /me/mail', declares: 'signedIn', request: () => ({ path: '/me/mail' }) },
  {
    route: 'PUT /me/mail',
    declares: 'signedIn',
    request: () => ({ path: '/me/mail', body: { locale: 'nn', digest: false, kinds: ['mention'] } }),
    bad: () => ({ path: '/me/mail', body: { locale: 'de', digest: 'ja', kinds: ['spam'] } }),
  },
  { route: 'GET /me/organization', declares: 'signedIn', request: () => ({ path: '/me/organization' }) },
  {
    route: 'POST /me/password',
    declares: 'signedIn',
    request: () => ({ path: '/me/password', body: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } }),
    bad: () => ({ path: '/me/password', body: { newPassword: 'kort' } }),
  },
  { route: 'GET /notifications', declares: 'signedIn', request: () => ({ path: '/notifications' }) },
  {
    route: 'POST /notifications/read',
    declares: 'signedIn',
    request: () => ({ path: '/notifications/read', body: { ids: [] } }),
    bad: () => ({ path: '/notifications/read', body: { ids: 5 } }),
  },

  // Strategies.
  { route: 'GET /strategies', declares: 'signedIn', request: () => ({ path: '/strategies' }) },
  {
    route: 'POST /strategies',
    declares: 'strategy.create',
    ok: 201,
    request: () => ({
      path: '/strategies',
      body: {
        title: 'Matrisestrategi',
        periodStart: 2031,
        periodEnd: 2034,
        writtenForm: 'nb',
        start: { kind: 'template', areas: ['kultur'], ownAreas: [{ chapter: 'tjenesteomrader', title: 'Næring' }] },
      },
    }),
    bad: () => ({
      path: '/strategies',
      body: {
        title: 'For lang periode',
        periodStart: 2031,
        periodEnd: 2040,
        writtenForm: 'nb',
        start: { kind: 'empty' },
      },
    }),
  },
  {
    route: 'GET /strategies/participant-options',
    declares: 'strategy.proposeJoint',
    request: () => ({ path: '/strategies/participant-options' }),
  },
  {
    route: 'PATCH /strategies/:id',
    declares: 'strategy.configure',
    // The demo's own title again: allowed, and the strategy stays as the other rows expect it.
    request: (ctx) => ({ path: `/strategies/${id(ctx)}`, body: { title: 'Digitaliseringsstrategi 2027–2030' } }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}`, body: { periodStart: 2027, periodEnd: 2035 } }),
  },
  { route: 'GET /strategies/:id', declares: 'strategy.read', request: (ctx) => ({ path: `/strategies/${id(ctx)}` }) },
  {
    route: 'GET /strategies/:id/events',
    declares: 'event.receive',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/events` }),
  },

  // Members, invitations, sections, audit.
  {
    route: 'GET /strategies/:id/members',
    declares: 'member.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/members` }),
  },
  {
    route: 'POST /strategies/:id/members',
    declares: 'member.invite',
    ok: 201,
    request: (ctx) => ({
      path: `/strategies/${id(ctx)}/members`,
      body: { email: `invitert-${Math.random().toString(36).slice(2)}@eksempel.no`, role: 'editor' },
    }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/members`, body: { email: 'x', role: 'konge' } }),
  },
  {
    route: 'PATCH /strategies/:id/members/:userId',
    declares: 'member.manage',
    request: async (ctx) => ({
      path: `/strategies/${id(ctx)}/members/${(await ctx.newMember()).id}`,
      body: { role: 'viewer' },
    }),
    bad: async (ctx) => ({
      path: `/strategies/${id(ctx)}/members/${(await ctx.newMember()).id}`,
      body: { role: 'konge' },
    }),
  },
  {
    route: 'DELETE /strategies/:id/members/:userId',
    declares: 'member.manage',
    request: async (ctx) => ({ path: `/strategies/${id(ctx)}/members/${(await ctx.newMember()).id}` }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/members/${tooLong}` }),
  },
  {
    route: 'GET /strategies/:id/invitations',
    declares: 'member.manage',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/invitations` }),
  },
  {
    route: 'DELETE /strategies/:id/invitations/:invitationId',
    declares: 'member.manage',
    request: async (ctx) => {
      await ctx.newInvitationToken();
      const leader = await ctx.s.login('leder@eksempel.no');
      const pending = await call(ctx.s, leader, 'GET', `/strategies/${id(ctx)}/invitations`);
      return { path: `/strategies/${id(ctx)}/invitations/${pending.body.invitations.at(-1).id}` };
    },
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/invitations/${tooLong}` }),
  },
  {
    route: 'PATCH /strategies/:id/sections/:key',
    declares: 'section.manage',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/sections/kultur`, body: { restricted: false } }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/sections/kultur`, body: { restricted: 'ja' } }),
  },
  {
    route: 'GET /strategies/:id/audit',
    declares: 'audit.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/audit` }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/audit?limit=0` }),
  },
  {
    route: 'GET /invitations/:token',
    declares: 'public',
    request: async (ctx) => ({ path: `/invitations/${await ctx.newInvitationToken()}` }),
    bad: () => ({ path: `/invitations/${tooLong}` }),
  },
  {
    route: 'POST /invitations/:token/accept',
    declares: 'public',
    // A new account joins from a browser without a session; someone logged in as another person is refused.
    expect: (p) => (p.cookie ? 403 : 201),
    request: async (ctx) => ({
      path: `/invitations/${await ctx.newInvitationToken()}/accept`,
      body: { name: 'Ny Person', password: 'et passord som er langt' },
    }),
    bad: async (ctx) => ({ path: `/invitations/${await ctx.newInvitationToken()}/accept`, body: { name: 5 } }),
  },
  { route: 'GET /admin/users', declares: 'account.manage', request: () => ({ path: '/admin/users' }) },
  {
    route: 'GET /admin/audit',
    declares: 'account.manage',
    request: () => ({ path: '/admin/audit' }),
    bad: () => ({ path: '/admin/audit?limit=0' }),
  },
  {
    route: 'POST /admin/users/:id/deactivate',
    declares: 'account.manage',
    request: async (ctx) => ({ path: `/admin/users/${(await ctx.newAccount()).id}/deactivate` }),
    bad: () => ({ path: `/admin/users/${tooLong}/deactivate` }),
  },
  { route: 'GET /admin/sso-requests', declares: 'account.manage', request: () => ({ path: '/admin/sso-requests' }) },
  {
    route: 'POST /admin/sso-requests/:id/approve',
    declares: 'account.manage',
    request: async (ctx) => ({ path: `/admin/sso-requests/${await newSsoRequest(ctx)}/approve` }),
    bad: () => ({ path: `/admin/sso-requests/${tooLong}/approve` }),
  },
  {
    route: 'POST /admin/sso-requests/:id/reject',
    declares: 'account.manage',
    request: async (ctx) => ({ path: `/admin/sso-requests/${await newSsoRequest(ctx)}/reject` }),
    bad: () => ({ path: `/admin/sso-requests/${tooLong}/reject` }),
  },
  // The organization's own sign-in (issue 15): its admins only.
  { route: 'GET /admin/sso/providers', declares: 'sso.configure', request: () => ({ path: '/admin/sso/providers' }) },
  {
    route: 'PUT /admin/sso/providers/:id',
    declares: 'sso.configure',
    request: () => ({ path: '/admin/sso/providers/matrise', body: ssoProviderPut }),
    foreignAdmin: {
      status: 409,
      why: "a provider's id is one namespace for the installation, shown in its public sign-in and callback addresses: taken says nothing the sign-in page does not",
    },
    bad: () => ({ path: '/admin/sso/providers/matrise', body: { ...ssoProviderPut, kind: 'saml' } }),
  },
  {
    route: 'DELETE /admin/sso/providers/:id',
    declares: 'sso.configure',
    request: async (ctx) => ({ path: `/admin/sso/providers/${await newSsoProvider(ctx)}` }),
    bad: () => ({ path: '/admin/sso/providers/IKKE_GYLDIG' }),
  },
  { route: 'GET /admin/sso/settings', declares: 'sso.configure', request: () => ({ path: '/admin/sso/settings' }) },
  {
    route: 'PUT /admin/sso/settings',
    declares: 'sso.configure',
    request: () => ({
      path: '/admin/sso/settings',
      body: { emailDomains: ['eksempel.no'], passwordsOff: false, breakGlassUserId: null },
    }),
    bad: () => ({
      path: '/admin/sso/settings',
      body: { emailDomains: ['ikke et domene'], passwordsOff: false, breakGlassUserId: null },
    }),
  },
  {
    route: 'PATCH /admin/users/:id',
    declares: 'account.manage',
    request: async (ctx) => ({
      path: `/admin/users/${(await ctx.newAccount()).id}`,
      body: { createsStrategies: true },
    }),
    bad: async (ctx) => ({ path: `/admin/users/${(await ctx.newAccount()).id}`, body: { createsStrategies: 'ja' } }),
  },
  { route: 'GET /admin/strategies', declares: 'account.manage', request: () => ({ path: '/admin/strategies' }) },
  {
    route: 'PATCH /admin/organization',
    declares: 'organization.configure',
    // Each admin sets their own organization: another's keeps a number of its own.
    request: (ctx) => ({
      path: '/admin/organization',
      body: ctx.principal.foreign
        ? { ...DEMO_ORGANIZATION_SETTINGS, name: 'Annen kommune', organizationNumber: freshOrganizationNumber() }
        : DEMO_ORGANIZATION_SETTINGS,
    }),
    bad: () => ({
      path: '/admin/organization',
      body: { ...DEMO_ORGANIZATION_SETTINGS, organizationNumber: '974760674' },
    }),
  },

  // The installation's organizations: its operator's.
  { route: 'GET /organizations', declares: 'organization.create', request: () => ({ path: '/organizations' }) },
  {
    route: 'POST /organizations',
    declares: 'organization.create',
    ok: 201,
    request: () => ({
      path: '/organizations',
      body: { ...DEMO_ORGANIZATION_SETTINGS, name: 'Matrisekommune', organizationNumber: freshOrganizationNumber() },
    }),
    bad: () => ({ path: '/organizations', body: { ...DEMO_ORGANIZATION_SETTINGS, name: ' ' } }),
  },
  {
    // On a copy with the demo's members in the same roles: the demo strategy stays open for the other rows.
    route: 'POST /admin/strategies/:id/archive',
    declares: 'strategy.archive',
    request: async (ctx) => ({ path: `/admin/strategies/${await strategyLikeDemo(ctx.s, id(ctx))}/archive` }),
  },
  {
    route: 'POST /admin/strategies/:id/restore',
    declares: 'strategy.archive',
    request: async (ctx) => {
      const copy = await strategyLikeDemo(ctx.s, id(ctx));
      await setArchived(ctx.s.deps, copy, { userId: ctx.author.userId, role: null, orgAdmin: true }, true);
      return { path: `/admin/strategies/${copy}/restore` };
    },
  },
  {
    // An empty strategy nobody is a member of: its organization's admins delete it, the rest learn nothing.
    route: 'DELETE /admin/strategies/:id',
    declares: 'strategy.delete',
    expect: (p) => (!p.actor ? 401 : p.actor.orgAdmin ? 200 : 404),
    request: async (ctx) => ({ path: `/admin/strategies/${await ctx.newEmptyStrategy()}` }),
  },
  {
    route: 'POST /admin/users/:id/reactivate',
    declares: 'account.manage',
    request: async (ctx) => ({ path: `/admin/users/${(await ctx.newAccount()).id}/reactivate` }),
    bad: () => ({ path: `/admin/users/${tooLong}/reactivate` }),
  },

  // Versions and export.
  {
    route: 'GET /strategies/:id/versions',
    declares: 'version.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/versions` }),
  },
  {
    route: 'POST /strategies/:id/versions',
    declares: 'version.create',
    ok: 201,
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/versions`, body: { name: 'Matrise' } }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/versions`, body: { name: ' ' } }),
  },
  {
    route: 'GET /strategies/:id/versions/:vid',
    declares: 'version.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/versions/${ctx.versionId}` }),
  },
  {
    route: 'GET /strategies/:id/versions/:a/diff/:b',
    declares: 'version.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/versions/${ctx.versionId}/diff/current` }),
  },
  {
    route: 'POST /strategies/:id/versions/:vid/restore',
    declares: 'version.restore',
    judged: (ctx) => ({ action: 'version.restore', target: visjon(ctx) }),
    writesText: true,
    request: (ctx) => ({
      path: `/strategies/${id(ctx)}/versions/${ctx.versionId}/restore`,
      body: { sectionKey: 'visjon' },
    }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/versions/${ctx.versionId}/restore`, body: { sectionKey: 5 } }),
  },
  {
    route: 'GET /strategies/:id/export',
    declares: 'export',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/export?format=md` }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/export?format=exe` }),
  },
  {
    route: 'GET /strategies/:id/export/page-count',
    declares: 'export',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/export/page-count` }),
  },

  // Benefits.
  {
    route: 'GET /strategies/:id/benefits',
    declares: 'strategy.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/benefits` }),
  },
  {
    route: 'PUT /strategies/:id/benefits',
    declares: 'benefits.edit',
    request: (ctx) => ({
      path: `/strategies/${id(ctx)}/benefits`,
      body: { input: DEFAULT_BENEFIT_INPUT, statusScore: null },
    }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/benefits`, body: { input: 5 } }),
  },

  // The SWOT board of Oppstart.
  {
    route: 'GET /strategies/:id/swot',
    declares: 'strategy.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/swot` }),
  },
  {
    route: 'POST /strategies/:id/swot',
    declares: 'swot.write',
    ok: 201,
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/swot`, body: { kind: 'threat', text: 'Få ansatte' } }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/swot`, body: { kind: 'joker', text: 'x' } }),
  },
  {
    route: 'POST /strategies/:id/swot/insert',
    declares: 'swot.insert',
    writesText: true,
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/swot/insert`, body: {} }),
  },

  ...PLAN_ROWS,
  ...OUTLINE_ROWS,

  // Comments.
  {
    route: 'GET /strategies/:id/comments',
    declares: 'comment.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/comments` }),
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/comments?status=kanskje` }),
  },
  {
    route: 'POST /strategies/:id/comments',
    declares: ['comment.create', 'suggestion.create'],
    ok: 201,
    request: async (ctx) => {
      const doc = await ctx.s.loadDocument(ctx.strategyId);
      const anchor = anchorOf(doc, 'visjon', 'digital');
      doc.destroy();
      return {
        path: `/strategies/${id(ctx)}/comments`,
        body: { sectionKey: 'visjon', anchor, quote: 'digital', body: 'En merknad' },
      };
    },
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/comments`, body: { sectionKey: 5 } }),
  },
  {
    route: 'GET /strategies/:id/comments/mentionable',
    declares: 'comment.create',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/comments/mentionable` }),
  },
  {
    route: 'GET /comments/:cid',
    declares: 'comment.read',
    request: async (ctx) => ({ path: `/comments/${await ctx.newComment(ctx.author)}` }),
  },
  {
    route: 'POST /comments/:cid/replies',
    declares: 'comment.create',
    ok: 201,
    request: async (ctx) => ({
      path: `/comments/${await ctx.newComment(ctx.author)}/replies`,
      body: { body: 'Et svar' },
    }),
    bad: async (ctx) => ({ path: `/comments/${await ctx.newComment(ctx.author)}/replies`, body: { body: 5 } }),
  },
  {
    // Hiding someone else's comment is moderation; a PATCH needs the right of each change it names.
    route: 'PATCH /comments/:cid',
    declares: ['comment.edit', 'comment.moderate', 'thread.resolve'],
    judged: (ctx) => ({
      action: 'comment.moderate',
      target: { kind: 'comment', authorId: ctx.author.userId, deleted: false, hidden: false },
    }),
    request: async (ctx) => ({ path: `/comments/${await ctx.newComment(ctx.author)}`, body: { hidden: true } }),
    bad: async (ctx) => ({ path: `/comments/${await ctx.newComment(ctx.author)}`, body: { hidden: 'ja' } }),
  },
  {
    // Deleting is for one's own comments: each commenting principal deletes one they wrote.
    route: 'DELETE /comments/:cid',
    declares: 'comment.delete',
    judged: (ctx) => ({
      action: 'comment.delete',
      target: { kind: 'comment', authorId: ownOrAuthor(ctx).userId, deleted: false, hidden: false },
    }),
    // A thread whose only comment is deleted is gone: nothing to answer with.
    ok: 204,
    request: async (ctx) => ({ path: `/comments/${await ctx.newComment(ownOrAuthor(ctx))}` }),
  },
  {
    route: 'POST /comments/:cid/suggestion/accept',
    declares: 'suggestion.decide',
    judged: (ctx) => ({ action: 'suggestion.decide', target: openSuggestion(ctx) }),
    writesText: true,
    request: async (ctx) => ({ path: `/comments/${await ctx.newComment(ctx.author, true)}/suggestion/accept` }),
  },
  {
    route: 'POST /comments/:cid/suggestion/reject',
    declares: 'suggestion.decide',
    judged: (ctx) => ({ action: 'suggestion.decide', target: openSuggestion(ctx) }),
    writesText: true,
    request: async (ctx) => ({
      path: `/comments/${await ctx.newComment(ctx.author, true)}/suggestion/reject`,
      body: { reason: 'Nei' },
    }),
    bad: async (ctx) => ({
      path: `/comments/${await ctx.newComment(ctx.author, true)}/suggestion/reject`,
      body: { reason: 5 },
    }),
  },

  // Workflow. The POST row changes the settings to what they are, so the strategy stays in Utkast;
  // workflow.test.ts covers each action.
  {
    route: 'GET /strategies/:id/workflow',
    declares: 'workflow.read',
    request: (ctx) => ({ path: `/strategies/${id(ctx)}/workflow` }),
  },
  {
    route: 'POST /strategies/:id/workflow',
    declares: [
      'workflow.mandate',
      'workflow.configure',
      'workflow.advance',
      'workflow.steeringDecision',
      'workflow.approve',
      'workflow.recordDecision',
    ],
    judged: (ctx) => ({ action: 'workflow.configure', target: ctx.strategy }),
    request: (ctx) => ({
      path: `/strategies/${id(ctx)}/workflow`,
      body: { action: 'update_settings', politicalRequired: true, quorum: 'all', councils: ['Kommunestyret'] },
    }),
    // The same action, incomplete: those who may configure learn what is wrong, the rest are refused.
    bad: (ctx) => ({ path: `/strategies/${id(ctx)}/workflow`, body: { action: 'update_settings', quorum: 'noen' } }),
  },
  { route: 'GET /workflow/pending', declares: 'signedIn', request: () => ({ path: '/workflow/pending' }) },
  {
    // The adopted strategy is public: anyone with the link reads it, logged in or not.
    route: 'GET /public/strategies/:slug',
    declares: 'public',
    request: async (ctx) => ({ path: `/public/strategies/${await publishedSlug(ctx.s, ctx.strategyId)}` }),
    bad: () => ({ path: '/public/strategies/STORE_BOKSTAVER' }),
  },
];
