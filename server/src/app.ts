import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import { localeFromAcceptLanguage } from '@samstrat/shared/errors';
import type { AppEnv, Deps } from './context';
import { errorJson, handleError } from './errors';
import { originCheck, sessionMiddleware } from './auth/middleware';
import { authRoutes } from './routes/auth';
import { meRoutes } from './routes/me';
import { strategyRoutes } from './routes/strategies';
import { versionRoutes } from './routes/versions';
import { exportRoutes } from './routes/export';
import { benefitRoutes } from './routes/benefits';
import { eventRoutes } from './routes/events';
import { commentRoutes, notificationRoutes, strategyCommentRoutes } from './routes/comments';
import { invitationAdminRoutes, memberRoutes } from './routes/members';
import { invitationRoutes } from './routes/invitations';
import { sectionRoutes } from './routes/sections';
import { auditRoutes } from './routes/audit';
import { adminRoutes } from './routes/admin';
import { pendingApprovalRoutes, workflowRoutes } from './routes/workflow';
import { publicRoutes } from './routes/public';

/** No request body of the API comes near this; larger ones are refused before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The API: thin routes behind small middleware, each doing one thing. */
export function createApi(deps: Deps) {
  const api = new Hono<AppEnv>();

  api.use(async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId', requestId);
    c.set('log', deps.log.child({ requestId }));
    c.set('locale', localeFromAcceptLanguage(c.req.header('accept-language')));
    c.header('x-request-id', requestId);
    await next();
  });
  api.use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => errorJson(c, 'payload_too_large', 413) }));
  api.use(originCheck(deps));
  api.use(sessionMiddleware(deps));

  api.get('/health', (c) => c.json({ ok: true }));
  api.route('/auth', authRoutes(deps));
  api.route('/me', meRoutes(deps));
  api.route('/strategies', strategyRoutes(deps));
  api.route('/strategies/:id/versions', versionRoutes(deps));
  api.route('/strategies/:id/export', exportRoutes(deps));
  api.route('/strategies/:id/benefits', benefitRoutes(deps));
  api.route('/strategies', eventRoutes(deps));
  api.route('/strategies', strategyCommentRoutes(deps));
  api.route('/comments', commentRoutes(deps));
  api.route('/notifications', notificationRoutes(deps));
  api.route('/strategies/:id/members', memberRoutes(deps));
  api.route('/strategies/:id/invitations', invitationAdminRoutes(deps));
  api.route('/strategies/:id/sections', sectionRoutes(deps));
  api.route('/strategies/:id/audit', auditRoutes(deps));
  api.route('/invitations', invitationRoutes(deps));
  api.route('/admin', adminRoutes(deps));
  api.route('/strategies/:id/workflow', workflowRoutes(deps));
  api.route('/workflow', pendingApprovalRoutes(deps));
  api.route('/public', publicRoutes(deps));

  api.notFound((c) => errorJson(c, 'not_found', 404));
  api.onError(handleError);
  return api;
}
