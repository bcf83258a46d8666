import { memberConnectionRights } from './access/connection-rights';
import { audit } from './audit';
import { isAllowedOrigin, userFromCookieHeader } from './auth/middleware';
import type { CollabHooks } from './collab/route';
import type { BaseDeps } from './context';

/** What the collaboration layer asks of the domain: sessions, rights and the audit log. */
export function collabHooks(deps: BaseDeps): CollabHooks {
  return {
    allowOrigin: (origin, host, protocol) => isAllowedOrigin(deps, origin, host, protocol),
    authenticate: async (cookieHeader) => {
      const auth = await userFromCookieHeader(deps, cookieHeader);
      return auth ? { userId: auth.user.id, sessionId: auth.sessionId, name: auth.user.name } : null;
    },
    rightsOf: async (strategyId, userId) => await memberConnectionRights(deps.db, strategyId, userId),
    refused: async ({ strategyId, userId, reason }) =>
      await deps.db.transaction(
        async (tx) =>
          await audit(tx, { strategyId, actorId: userId, action: 'collab.update_refused', detail: { reason } }),
      ),
  };
}
