import { z } from 'zod';
import { ROLES } from './roles';

/**
 * Payloads of the member, invitation, section and account routes, shared so the web app checks
 * a form with exactly the rules the server applies. A schema message that is an error code
 * (shared/errors) becomes that code's message in the caller's language.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Longer passwords are no safer and only feed junk to the hasher. */
export const PASSWORD_MAX_LENGTH = 1024;

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const roleSchema = z.enum(ROLES);
export const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH, 'password_too_short').max(PASSWORD_MAX_LENGTH);

export const inviteBody = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleBody = z.object({ role: roleSchema });

export const acceptInvitationBody = z.object({
  /** Needed only when the invitation creates the account. */
  name: z.string().trim().min(1, 'name_required').max(200).optional(),
  password: newPasswordSchema.optional(),
});

export const sectionKeySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/);

export const updateSectionBody = z
  .object({
    restricted: z.boolean().optional(),
    ownerIds: z.array(z.string().min(1).max(100)).max(100).optional(),
  })
  .refine((body) => body.restricted !== undefined || body.ownerIds !== undefined);

/** `PATCH /api/admin/users/:id`: what an organization admin allows an account. */
export const accountRightsBody = z.object({ createsStrategies: z.boolean() });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: newPasswordSchema,
});

export const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
