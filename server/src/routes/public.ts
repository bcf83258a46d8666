import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv, Deps } from '../context';
import { anyone } from '../access/authorize';
import { validate } from '../validate';
import { publicStrategy } from '../workflow/publication';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,120}$/) });

/**
 * `/api/public/strategies/:slug`: an adopted strategy, read-only, for anyone with the link and no
 * login. Only the adopted text and where it was adopted: no comments, names or role labels.
 */
export function publicRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/strategies/:slug', anyone(), validate('param', slugParam), async (c) => {
    const strategy = await publicStrategy(deps, c.req.valid('param').slug);
    c.header('cache-control', 'public, max-age=300');
    return c.json(strategy);
  });
}
