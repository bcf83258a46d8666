import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { localeFromAcceptLanguage } from '@samstrat/shared/errors';
import type { AppEnv, Deps } from './context';
import { errorJson, handleError } from './errors';
import { originCheck, sessionMiddleware } from './auth/middleware';
import { authRoutes } from './routes/auth';
import { meRoutes } from './routes/me';
import { strategyRoutes } from './routes/strategies';

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
  api.use(originCheck(deps));
  api.use(sessionMiddleware(deps));

  api.get('/health', (c) => c.json({ ok: true }));
  api.route('/auth', authRoutes(deps));
  api.route('/me', meRoutes(deps));
  api.route('/strategies', strategyRoutes(deps));

  api.notFound((c) => errorJson(c, 'not_found', 404));
  api.onError(handleError);
  return api;
}
