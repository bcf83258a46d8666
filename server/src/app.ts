import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { localeFromAcceptLanguage } from '@samstrat/shared/errors';
import type { AppEnv, Deps } from './context';
import { strategies } from './db/schema';
import { errorJson, handleError } from './errors';
import { originCheck, sessionMiddleware } from './auth/middleware';
import { anyone } from './access/authorize';
import { authRoutes } from './routes/auth';
import { passwordResetRoutes } from './routes/password-reset';
import { meRoutes } from './routes/me';
import { strategyRoutes } from './routes/strategies';
import { versionRoutes } from './routes/versions';
import { exportRoutes } from './routes/export';
import { benefitRoutes } from './routes/benefits';
import { swotRoutes } from './routes/swot';
import { actionPlanRoutes, statusRequestRoutes } from './routes/action-plans';
import { eventRoutes } from './routes/events';
import { commentRoutes, notificationRoutes, strategyCommentRoutes } from './routes/comments';
import { invitationAdminRoutes, memberRoutes } from './routes/members';
import { invitationRoutes } from './routes/invitations';
import { sectionRoutes } from './routes/sections';
import { auditRoutes } from './routes/audit';
import { adminRoutes } from './routes/admin';
import { organizationRoutes } from './routes/organizations';
import { pendingApprovalRoutes, workflowRoutes } from './routes/workflow';
import { publicRoutes } from './routes/public';
import { ssoAdminRoutes, ssoConfigRoutes, ssoRoutes } from './routes/sso';

/** No request body of the API comes near this; larger ones are refused before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The API: thin routes behind small middleware, each doing one thing. Every route declares its
 * policy first (access/authorize.ts), then validates, then calls a command. The routes are chained
 * so the type of the whole API is one value: `AppType`, for `hc<AppType>` from `hono/client`.
 */
export function createApi(deps: Deps) {
  return (
    new Hono<AppEnv>()
      // Hono's request id: the caller's X-Request-Id when it is a sane token, else a new UUID.
      .use(requestId())
      .use(async (c, next) => {
        c.set('log', deps.log.child({ requestId: c.get('requestId') }));
        c.set('locale', localeFromAcceptLanguage(c.req.header('accept-language')));
        await next();
      })
      .use(
        bodyLimit({
          maxSize: MAX_BODY_BYTES,
          onError: (c) => {
            // The rest of the body is not read; node-server may cut the socket while draining it, so
            // the client must not send its next request over this connection.
            c.header('connection', 'close');
            return errorJson(c, 'payload_too_large', 413);
          },
        }),
      )
      .use(originCheck(deps))
      .use(sessionMiddleware(deps))
      .get('/health', anyone(), (c) => c.json({ ok: true as const }))
      // Ready when the database answers. Redis is reported, never a reason to be unready: if it
      // were, a Redis outage would take every process out of the load balancer at once, while
      // each keeps serving without it (reading the update log instead).
      .get('/ready', anyone(), async (c) => {
        const redis = deps.redis ? (deps.redis.connected ? 'connected' : 'unreachable') : 'not configured';
        try {
          await deps.db.select({ id: strategies.id }).from(strategies).limit(1);
        } catch (err) {
          c.get('log').error({ err }, 'readiness: the database does not answer');
          return c.json({ ready: false as const, database: 'unreachable' as const, redis }, 503);
        }
        return c.json({ ready: true as const, database: 'connected' as const, redis });
      })
      .route('/auth', authRoutes(deps))
      .route('/auth/sso', ssoRoutes(deps))
      .route('/auth/password-reset', passwordResetRoutes(deps))
      .route('/me', meRoutes(deps))
      .route('/strategies', strategyRoutes(deps))
      .route('/strategies/:id/versions', versionRoutes(deps))
      .route('/strategies/:id/export', exportRoutes(deps))
      .route('/strategies/:id/benefits', benefitRoutes(deps))
      .route('/strategies/:id/swot', swotRoutes(deps))
      .route('/strategies/:id/action-plans', actionPlanRoutes(deps))
      .route('/strategies', eventRoutes(deps))
      .route('/strategies', strategyCommentRoutes(deps))
      .route('/comments', commentRoutes(deps))
      .route('/notifications', notificationRoutes(deps))
      .route('/strategies/:id/members', memberRoutes(deps))
      .route('/strategies/:id/invitations', invitationAdminRoutes(deps))
      .route('/strategies/:id/sections', sectionRoutes(deps))
      .route('/strategies/:id/audit', auditRoutes(deps))
      .route('/invitations', invitationRoutes(deps))
      .route('/admin', adminRoutes(deps))
      .route('/organizations', organizationRoutes(deps))
      .route('/admin/sso-requests', ssoAdminRoutes(deps))
      .route('/admin/sso', ssoConfigRoutes(deps))
      .route('/strategies/:id/workflow', workflowRoutes(deps))
      .route('/workflow', pendingApprovalRoutes(deps))
      .route('/action-plans', statusRequestRoutes(deps))
      .route('/public', publicRoutes(deps))
      // Any other path under /api, whatever the method, is a JSON 404: never the web app's page.
      .all('*', (c) => errorJson(c, 'not_found', 404))
      .onError(handleError)
  );
}

/** The whole API's type: routes, inputs and answers, for `hc<AppType>('/api')`. */
export type AppType = ReturnType<typeof createApi>;
