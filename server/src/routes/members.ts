import { Hono } from 'hono';
import { z } from 'zod';
import { changeRoleBody, inviteBody } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { onStrategy } from '../access/authorize';
import { changeRole, listMembers, removeMember } from '../members/members';
import { createInvitation, invitationPath, listPendingInvitations, revokeInvitation } from '../members/invitations';
import { validate } from '../validate';

const memberParam = z.object({ userId: z.string().min(1).max(100) });
const invitationParam = z.object({ invitationId: z.string().min(1).max(100) });

/** `/api/strategies/:id/members`: who is in a strategy, with which role; invitations to join it. */
export function memberRoutes(deps: Deps) {
  return (
    new Hono<AppEnv>()
      // member.read implies role.see: role labels go to members of this strategy only.
      .get('/', onStrategy(deps.db, 'member.read'), async (c) =>
        c.json({ members: await listMembers(deps.db, c.var.access.strategyId) }),
      )
      .post('/', onStrategy(deps.db, 'member.invite'), validate('json', inviteBody), async (c) => {
        const { strategyId, actor } = c.var.access;
        const { email, role } = c.req.valid('json');
        const invitation = await createInvitation(deps, {
          strategyId,
          email,
          role,
          invitedBy: actor.userId,
          locale: c.get('locale'),
        });
        const origin = deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
        return c.json(
          {
            invitation: {
              id: invitation.id,
              url: `${origin}${invitationPath(invitation.token)}`,
              expiresAt: invitation.expiresAt.toISOString(),
              // With SMTP configured the link is also mailed (queued in the invitation's transaction);
              // without, it is shown for copying. The link is answered either way.
              emailSent: deps.mail.enabled,
            },
          },
          201,
        );
      })
      .patch(
        '/:userId',
        onStrategy(deps.db, 'member.manage'),
        validate('param', memberParam),
        validate('json', changeRoleBody),
        async (c) => {
          const { strategyId, actor } = c.var.access;
          const { userId } = c.req.valid('param');
          return c.json({ member: await changeRole(deps, strategyId, actor.userId, userId, c.req.valid('json').role) });
        },
      )
      .delete('/:userId', onStrategy(deps.db, 'member.manage'), validate('param', memberParam), async (c) => {
        const { strategyId, actor } = c.var.access;
        await removeMember(deps, strategyId, actor.userId, c.req.valid('param').userId);
        return c.json({ ok: true as const });
      })
  );
}

/** `/api/strategies/:id/invitations`: the open invitations, for the leader to see and withdraw. */
export function invitationAdminRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', onStrategy(deps.db, 'member.manage'), async (c) =>
      c.json({ invitations: await listPendingInvitations(deps.db, c.var.access.strategyId) }),
    )
    .delete('/:invitationId', onStrategy(deps.db, 'member.manage'), validate('param', invitationParam), async (c) => {
      const { strategyId, actor } = c.var.access;
      await revokeInvitation(deps, strategyId, c.req.valid('param').invitationId, actor.userId);
      return c.json({ ok: true as const });
    });
}
