import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type * as z from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from '@samstrat/shared/errors';
import { AppError, badRequest } from './errors';

const validators = new WeakSet<object>();

/** Whether a route handler is one of `validate`'s: the authorization matrix checks the policy comes first. */
export function isValidator(handler: unknown): boolean {
  return typeof handler === 'function' && validators.has(handler);
}

/**
 * zValidator answering in our error shape: invalid input becomes a 400 `bad_request`
 * (the zod issues ride on the error's detail for debugging; the caller gets the catalogue message).
 * A schema may name a more helpful catalogue code as an issue's message, e.g.
 * `z.string().min(12, 'password_too_short')`; the first such issue decides the answer.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) {
      const code = result.error.issues.map((issue) => issue.message).find(isErrorCode);
      throw code ? new AppError(code, 400, result.error.issues) : badRequest(result.error.issues);
    }
  });
  // Hono's validator throws its own HTTPException for a body that is not JSON at all; translate it so
  // it reaches the caller as bad_request instead of falling through to the 500 handler.
  const wrapped: typeof validator = async (c, next) => {
    try {
      return await validator(c, next);
    } catch (err) {
      if (err instanceof HTTPException && err.status === 400) throw badRequest(err.message);
      throw err;
    }
  };
  validators.add(wrapped);
  return wrapped;
}

function isErrorCode(message: string): message is ErrorCode {
  return Object.hasOwn(ERROR_MESSAGES, message);
}
