import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { passwordResetRequestBody } from '@samstrat/shared/mail';
import { newPasswordSchema } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { anyone } from '../access/authorize';
import { errorJson } from '../errors';
import { recordAudit } from '../audit';
import { requestPasswordReset, resetPassword } from '../auth/password-reset';
import { validate } from '../validate';

const tokenParam = z.object({ token: z.string().min(1).max(100) });
const resetBody = z.object({ password: newPasswordSchema });

/**
 * `/api/auth/password-reset`: public, for someone who cannot log in. Asking is limited per address
 * and per IP like failed logins (the same limiter, its own keys), and answered alike for every
 * address; the link's token is the only credential for setting the password.
 */
export function passwordResetRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/', anyone(), validate('json', passwordResetRequestBody), async (c) => {
      const { email } = c.req.valid('json');
      const ip = clientIp(c);
      const verdict = await deps.loginLimiter.check(`reset:${email}`, `reset:${ip}`);
      if (!verdict.allowed) {
        await recordAudit(deps.db, {
          action: 'password.reset_throttled',
          detail: { email, ip, reason: verdict.reason },
        });
        c.header('Retry-After', String(verdict.retryAfterSeconds));
        return errorJson(c, 'too_many_attempts', 429);
      }
      await requestPasswordReset(deps, email, ip);
      await deps.loginLimiter.recordFailure(`reset:${email}`, `reset:${ip}`);
      return c.json({ ok: true as const });
    })
    .post('/:token', anyone(), validate('param', tokenParam), validate('json', resetBody), async (c) => {
      await resetPassword(deps, c.req.valid('param').token, c.req.valid('json').password);
      return c.json({ ok: true as const });
    });
}

function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
