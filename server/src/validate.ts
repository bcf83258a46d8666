import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
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
  return zValidator(target, schema, (result) => {
    if (!result.success) throw badRequest(result.error.issues);
  });
}
