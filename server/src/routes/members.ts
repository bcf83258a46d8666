import { Hono } from 'hono';
import { z } from 'zod';
import { changeRoleBody, inviteBody } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { currentUser, requireUser } from '../auth/middleware';
import { authorize } from '../strategies/access';
import { changeRole, listMembers, removeMember } from '../members/members';
import { createInvitation, invitationPath, listPendingInvitations, revokeInvitation } from '../members/invitations';
import { validate } from '../validate';

const idParam = z.object({ id: z.string().min(1).max(100) });
const memberParam = idParam.extend({ userId: z.string().min(1).max(100) });
const invitationParam = idParam.extend({ invitationId: z.string().min(1).max(100) });

/** `/api/strategies/:id/members`: who is in a strategy, with which role; invitations to join it. */
export function memberRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      // member.read implies role.see: role labels go to members of this strategy only.
      authorize(deps.db, currentUser(c), id, 'member.read');
      return c.json({ members: listMembers(deps.db, id) });
    })
    .post('/', validate('param', idParam), validate('json', inviteBody), (c) => {
      const { id } = c.req.valid('param');
      const user = currentUser(c);
      authorize(deps.db, user, id, 'member.invite');
      const { email, role } = c.req.valid('json');
      const invitation = createInvitation(deps, { strategyId: id, email, role, invitedBy: user.id });
      const origin = deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
      return c.json(
        {
          invitation: {
            id: invitation.id,
            url: `${origin}${invitationPath(invitation.token)}`,
            expiresAt: invitation.expiresAt.toISOString(),
            // No SMTP support yet (see createInvitation): the link is shown for copying instead.
            emailSent: false,
          },
        },
        201,
      );
    })
    .patch('/:userId', validate('param', memberParam), validate('json', changeRoleBody), (c) => {
      const { id, userId } = c.req.valid('param');
      const user = currentUser(c);
      authorize(deps.db, user, id, 'member.manage');
      return c.json({ member: changeRole(deps, id, user.id, userId, c.req.valid('json').role) });
    })
    .delete('/:userId', validate('param', memberParam), (c) => {
      const { id, userId } = c.req.valid('param');
      const user = currentUser(c);
      authorize(deps.db, user, id, 'member.manage');
      removeMember(deps, id, user.id, userId);
      return c.json({ ok: true as const });
    });
}

/** `/api/strategies/:id/invitations`: the open invitations, for the leader to see and withdraw. */
export function invitationAdminRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      authorize(deps.db, currentUser(c), id, 'member.manage');
      return c.json({ invitations: listPendingInvitations(deps.db, id) });
    })
    .delete('/:invitationId', validate('param', invitationParam), (c) => {
      const { id, invitationId } = c.req.valid('param');
      const user = currentUser(c);
      authorize(deps.db, user, id, 'member.manage');
      revokeInvitation(deps, id, invitationId, user.id);
      return c.json({ ok: true as const });
    });
}
