/**
 * The principals, per-attempt helpers and expected answers of the authorization matrix
 * (authorization-matrix.test.ts holds the rows and the tests).
 */
import {
  can,
  why,
  type Action,
  type Actor,
  type Denial,
  type StrategyTarget,
  type Target,
  type TargetOf,
} from '@samstrat/shared/access';
import { ROLES, type Role } from '@samstrat/shared/roles';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { organizations } from '../src/db/schema';
import * as Y from 'yjs';
import { createThread } from '../src/comments/commands';
import { createStrategyFromTemplate } from '../src/strategies/create';
import { comments } from '../src/db/schema-comments';
import { createInvitation } from '../src/members/invitations';
import { DEMO_ACCOUNTS } from '../src/demo';
import { anchorOf } from './comments-support';
import type { TestServer } from './harness';
import { createAccount, otherStrategyMember, userIdOf } from './members-support';

export type PrincipalName = Role | 'anonymous' | 'outsider' | 'orgAdmin' | 'foreignMember' | 'foreignAdmin';

export interface Principal {
  name: PrincipalName;
  email: string | null;
  cookie: string | null;
  /** As shared/access sees them in the strategy under test (null: anonymous). */
  actor: Actor | null;
  /**
   * Of another organization that does not take part in the strategy: as shared/access sees them in
   * their own organization (`actor` is how they stand in the strategy: a stranger). Every object a
   * route names by id belongs to the strategy's organization, so they must learn of none (404).
   */
  foreign?: { organizationActor: Actor };
}

/** What one attempt runs against: the demo strategy in Utkast, or a copy whose text is frozen. */
export interface Fixture {
  strategyId: string;
  strategy: StrategyTarget;
  /** A version of that strategy. */
  versionId: string;
}

export interface Ctx extends Fixture {
  s: TestServer;
  principal: Principal;
  /** Someone else who writes the comments a principal acts on. */
  author: Actor;
  /** Another session of the principal (null for anonymous). */
  freshCookie(): Promise<string | null>;
  /** A new member of the strategy, to change or remove. */
  newMember(role?: Role): Promise<{ id: string; email: string }>;
  /** A new account of the municipality that belongs to no strategy. */
  newAccount(): Promise<{ id: string; email: string }>;
  /** A new strategy of the municipality from the template, without members or text: empty. */
  newEmptyStrategy(): Promise<string>;
  /** An open invitation to the strategy; answers the link's token. */
  newInvitationToken(role?: Role): Promise<string>;
  /** A comment thread on the vision by `author` (a commenting member); answers the first comment's id. */
  newComment(author: Actor, suggestion?: boolean): Promise<string>;
}

export interface Request {
  path: string;
  body?: unknown;
  /** Defaults to the principal's session. */
  cookie?: string | null;
}

/** The policy a route declares (access/authorize.ts) and the expectations derived from it. */
export type Declared = Action | readonly Action[] | 'public' | 'signedIn';

/** The status the API answers a refusal of shared/access with (access/authorize.ts). */
export const DENIAL_STATUS: Readonly<Record<Denial, number>> = {
  not_member: 404,
  role: 403,
  restricted: 403,
  not_author: 403,
  own_comment: 403,
  hidden: 403,
  not_recipient: 403,
  not_owner: 403,
  frozen: 409,
  decided: 409,
  deleted: 409,
  archived: 409,
  adopted: 409,
};

/**
 * The status an action's route answers: anonymous 401, else what `why` says on the target (the
 * strategy unless the row gives the object), the success status when it allows.
 */
export function statusFor(p: Principal, action: Action, target: Target, ok: number): number {
  if (!p.actor) return 401;
  const actor = target.kind === 'organization' && p.foreign ? p.foreign.organizationActor : p.actor;
  const denial = why(actor, action, target as TargetOf<Action>);
  return denial ? DENIAL_STATUS[denial] : ok;
}

/**
 * A member and an admin of another organization, which has a strategy of its own: the member leads
 * it. Neither takes part in the strategy under test.
 */
export async function foreignPrincipals(s: TestServer): Promise<Principal[]> {
  const organizationId = randomUUID();
  await s.deps.db.transaction(async (tx) => {
    await tx.insert(organizations).values({ id: organizationId, name: 'Annen kommune' });
  });
  const member = await otherStrategyMember(s, organizationId);
  const admin = await createAccount(s, { organizationId, isAdmin: true });
  return [
    {
      name: 'foreignMember',
      email: member.email,
      cookie: await s.login(member.email),
      actor: { userId: member.id, role: null, orgAdmin: false },
      foreign: { organizationActor: { userId: member.id, role: null, orgAdmin: false } },
    },
    {
      name: 'foreignAdmin',
      email: admin.email,
      cookie: await s.login(admin.email),
      actor: { userId: admin.id, role: null, orgAdmin: false },
      foreign: { organizationActor: { userId: admin.id, role: null, orgAdmin: true } },
    },
  ];
}

/** A principal's actor may act as an author of comments: their own comment, else the shared author's. */
export function ownOrAuthor(ctx: Ctx): Actor {
  const actor = ctx.principal.actor;
  return actor?.role && can(actor, 'comment.create', ctx.strategy) ? actor : ctx.author;
}

/** Every principal: each role (the demo accounts), anonymous, a member of another strategy, an organization admin. */
export async function principalsOf(s: TestServer, organizationId: string): Promise<Principal[]> {
  const principals: Principal[] = [{ name: 'anonymous', email: null, cookie: null, actor: null }];
  for (const role of ROLES) {
    const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
    const userId = await userIdOf(s, account.email);
    principals.push({
      name: role,
      email: account.email,
      cookie: await s.login(account.email),
      actor: { userId, role, orgAdmin: account.isAdmin ?? false, operator: account.isOperator ?? false },
    });
  }
  const outsider = await otherStrategyMember(s, organizationId);
  principals.push({
    name: 'outsider',
    email: outsider.email,
    cookie: await s.login(outsider.email),
    actor: { userId: outsider.id, role: null, orgAdmin: false },
  });
  const admin = await createAccount(s, { organizationId, isAdmin: true });
  principals.push({
    name: 'orgAdmin',
    email: admin.email,
    cookie: await s.login(admin.email),
    actor: { userId: admin.id, role: null, orgAdmin: true },
  });
  principals.push(...(await foreignPrincipals(s)));
  return principals;
}

/** The helpers one attempt of one principal gets. */
export function contextOf(
  s: TestServer,
  fixture: Fixture,
  principal: Principal,
  organizationId: string,
  author: Actor,
): Ctx {
  const { strategyId } = fixture;
  return {
    ...fixture,
    s,
    principal,
    author,
    freshCookie: async () => (principal.email ? s.login(principal.email) : null),
    newMember: (role = 'editor') => createAccount(s, { organizationId, strategyId, role }),
    newAccount: () => createAccount(s, { organizationId }),
    newEmptyStrategy: () =>
      s.deps.db.transaction((tx) =>
        createStrategyFromTemplate(tx, {
          organizationId,
          title: 'Tom strategi',
          municipality: 'Eksempel kommune',
          periodStart: 2031,
          periodEnd: 2034,
        }),
      ),
    newInvitationToken: async (role = 'editor') =>
      (
        await createInvitation(s.deps, {
          strategyId,
          email: `inv-${Math.random().toString(36).slice(2)}@eksempel.no`,
          role,
          invitedBy: await userIdOf(s, 'leder@eksempel.no'),
        })
      ).token,
    async newComment(actor, suggestion = false) {
      const doc: Y.Doc = await s.loadDocument(strategyId);
      const anchor = anchorOf(doc, 'visjon', 'digital');
      doc.destroy();
      const threadId = await createThread(s.deps, strategyId, actor, {
        sectionKey: 'visjon',
        anchor,
        quote: 'digital',
        body: 'Til matrisen',
        // The same words back, so the text stays as it was for the next attempt.
        ...(suggestion ? { suggestion: { text: 'digital' } } : {}),
      });
      const [row] = await s.deps.db
        .select({ id: comments.id })
        .from(comments)
        .where(eq(comments.threadId, threadId))
        .orderBy(asc(comments.createdAt), asc(comments.id))
        .limit(1);
      return row!.id;
    },
  };
}

/** Sends one attempt and answers its status. */
export async function send(s: TestServer, method: string, req: Request, cookie: string | null): Promise<number> {
  const res = await fetch(`${s.url}/api${req.path}`, {
    method,
    // A redirect (single sign-on) is the answer; following it would judge another route.
    redirect: 'manual',
    headers: {
      origin: s.url,
      ...(cookie ? { cookie } : {}),
      ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
  });
  // Streams (the event stream) never end by themselves; the status is all we need.
  await res.body?.cancel();
  return res.status;
}
