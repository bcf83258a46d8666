import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { acceptInvitationBody } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import type { Reader } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { audit } from '../audit';
import { insertUser } from '../accounts';
import { hashPassword } from '../auth/password';
import { createSession, generateSessionToken, setSessionCookie } from '../auth/sessions';
import { consumeInvitation, openInvitation } from '../members/invitations';
import { anyone } from '../access/authorize';
import { validate } from '../validate';
import { presentUser } from '../auth/user-view';

const tokenParam = z.object({ token: z.string().min(1).max(100) });

async function accountOf(db: Reader, email: string) {
  return (await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0];
}

/**
 * Who may accept: someone without a session (a new account, or an existing one that must log in
 * first), or the invited account itself. Anyone logged in as another person is refused before the
 * body is read.
 */
function inviteeOnly(db: Reader) {
  return async (c: Context<AppEnv>) => {
    const signedIn = c.get('user');
    if (!signedIn) return;
    const account = await accountOf(db, (await openInvitation(db, c.req.param('token') ?? '')).email);
    if (account?.id !== signedIn.id) throw new AppError('invitation_wrong_account', 403);
  };
}

/**
 * `/api/invitations/:token`: public, because the invitee may have no account yet. The token is
 * the only credential; it is single use and expires after 7 days.
 */
export function invitationRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/:token', anyone(), validate('param', tokenParam), async (c) => {
      const invitation = await openInvitation(deps.db, c.req.valid('param').token);
      const account = await accountOf(deps.db, invitation.email);
      return c.json({
        invitation: {
          strategy: {
            title: invitation.strategyTitle,
            municipality: invitation.municipality,
            executiveTitle: invitation.executiveTitle,
          },
          // The invitee's own role: telling them is not revealing it to anyone else.
          role: invitation.role,
          email: invitation.email,
          expiresAt: invitation.expiresAt.toISOString(),
          accountExists: Boolean(account),
        },
      });
    })
    .post(
      '/:token/accept',
      anyone(inviteeOnly(deps.db)),
      validate('param', tokenParam),
      validate('json', acceptInvitationBody),
      async (c) => {
        const { token } = c.req.valid('param');
        const body = c.req.valid('json');
        const signedIn = c.get('user');
        const invitation = await openInvitation(deps.db, token);
        const account = await accountOf(deps.db, invitation.email);

        if (account) {
          // An existing account joins only when its owner proves it by being logged in (inviteeOnly
          // has refused anyone logged in as someone else).
          if (!signedIn) throw new AppError('invitation_login_required', 401);
          await deps.db.transaction(
            async (tx) => await consumeInvitation(tx, await openInvitation(tx, token), account.id),
          );
          return c.json({ user: presentUser(signedIn), strategyId: invitation.strategyId }, 200);
        }

        if (!body.name) throw new AppError('name_required', 400);
        if (!body.password) throw new AppError('password_too_short', 400);
        const name = body.name;
        // Hash before the transaction: argon2 is slow and asynchronous.
        const passwordHash = await hashPassword(body.password);
        const sessionToken = generateSessionToken();
        const now = Date.now();
        const { userId, session } = await deps.db.transaction(async (tx) => {
          // Checked again inside the transaction: the link may have been used while we hashed.
          const current = await openInvitation(tx, token);
          const id = await insertUser(tx, {
            organizationId: current.organizationId,
            email: current.email,
            name,
            passwordHash,
          });
          await audit(tx, { actorId: id, subjectId: id, action: 'account.created', detail: { via: 'invitation' } });
          await consumeInvitation(tx, current, id);
          // The new account is signed in at once, in the same transaction as its creation.
          await audit(tx, { actorId: id, subjectId: id, action: 'login.succeeded', detail: { via: 'invitation' } });
          return { userId: id, session: await createSession(tx, sessionToken, id, now) };
        });
        setSessionCookie(c, deps, sessionToken, session.expiresAt, now);
        return c.json(
          {
            user: presentUser({
              id: userId,
              email: invitation.email,
              name,
              isAdmin: false,
              createsStrategies: false,
              isOperator: false,
            }),
            strategyId: invitation.strategyId,
          },
          201,
        );
      },
    );
}
