import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { currentUser, requireUser } from '../auth/middleware';

export function meRoutes(_deps: Deps) {
  return new Hono<AppEnv>().use(requireUser).get('/', (c) => {
    const { id, email, name, isAdmin } = currentUser(c);
    return c.json({ user: { id, email, name, isAdmin } });
  });
}
