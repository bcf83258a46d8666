import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type * as z from 'zod';
import { badRequest } from './errors';

/**
 * zValidator answering in our error shape: invalid input becomes a 400 `bad_request`
 * (the zod issues ride on the error's detail for debugging; the caller gets the catalogue message).
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw badRequest(result.error.issues);
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
  return wrapped;
}
