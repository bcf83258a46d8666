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
    rightsOf: (strategyId, userId) => memberConnectionRights(deps.db, strategyId, userId),
    refused: ({ strategyId, userId, reason }) =>
      deps.db.transaction((tx) =>
        audit(tx, { strategyId, actorId: userId, action: 'collab.update_refused', detail: { reason } }),
      ),
  };
}
