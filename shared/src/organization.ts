import * as z from 'zod';
import { WRITTEN_FORMS } from './new-strategy';
import { newPasswordSchema } from './members';
import { EXECUTIVE_TITLES, executiveTitleKey } from './executive-title';

/**
 * An organization (a municipality) as its operator creates it: name, organization number, the
 * title of its chief executive and the written form its strategies use by default. Source: issue 13;
 * the organization number's check digit is Brønnøysundregistrene's modulus 11 with the weights
 * 3 2 7 6 5 4 3 2.
 */

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * Whether `value` is a Norwegian organization number: nine digits whose last is the modulus 11
 * check digit of the first eight (a remainder that would give 10 means no number has those digits).
 */
export function isOrganizationNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * digits[i]!, 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits[8];
}

/** "974 760 673" → "974760673": people write the number in groups of three. */
export function normalizeOrganizationNumber(value: string): string {
  return value.replace(/[\s.]/g, '');
}

export const newOrganizationInput = z.object({
  name: z.string().trim().min(1, 'organization name is required').max(200),
  organizationNumber: z
    .string()
    .transform(normalizeOrganizationNumber)
    .refine(isOrganizationNumber, 'organization number must be nine digits with a valid check digit (modulus 11)'),
  executiveTitle: z.string().transform((v, ctx) => {
    const key = executiveTitleKey(v);
    if (!key) {
      ctx.addIssue({ code: 'custom', message: 'executive title must be kommunedirektør or rådmann' });
      return z.NEVER;
    }
    return EXECUTIVE_TITLES[key];
  }),
  writtenForm: z.enum(WRITTEN_FORMS, { message: 'written form must be nb (bokmål) or nn (nynorsk)' }),
});
export type NewOrganizationInput = z.infer<typeof newOrganizationInput>;

/**
 * An organization's settings as its admins change them (`PATCH /api/admin/organization`) and the
 * operator page creates them: the fields of `newOrganizationInput`, each refusal named by its
 * error catalogue code (shared/errors) so the caller reads Norwegian.
 */
export const organizationSettingsBody = z.object({
  name: z.string().trim().min(1, 'organization_name_required').max(200, 'organization_name_required'),
  organizationNumber: z
    .string()
    .max(20, 'organization_number_invalid')
    .transform(normalizeOrganizationNumber)
    .refine(isOrganizationNumber, 'organization_number_invalid'),
  executiveTitle: z
    .string()
    .max(40, 'executive_title_invalid')
    .transform((v, ctx) => {
      const key = executiveTitleKey(v);
      if (!key) {
        ctx.addIssue({ code: 'custom', message: 'executive_title_invalid' });
        return z.NEVER;
      }
      return EXECUTIVE_TITLES[key];
    }),
  writtenForm: z.enum(WRITTEN_FORMS, { message: 'bad_request' }),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsBody>;

/**
 * The operator page's new organization (`POST /api/organizations`): its settings and, optionally,
 * its first administrator with a starting password (at least 12 characters, as every password)
 * that the operator hands over by a safe channel.
 */
export const newOrganizationBody = organizationSettingsBody.extend({
  admin: z
    .object({
      email: z.email({ message: 'bad_request' }).max(254),
      name: z.string().trim().min(1).max(200),
      password: newPasswordSchema,
    })
    .optional(),
});
export type NewOrganizationBody = z.infer<typeof newOrganizationBody>;

/** An organization as the operator's list shows it. */
export interface OrganizationSummary {
  id: string;
  name: string;
  organizationNumber: string | null;
  executiveTitle: string;
  writtenForm: 'nb' | 'nn';
  accounts: number;
  createdAt: string;
}

/**
 * How the interface names the executive role (`executive`) in an organization: by the title the
 * organization set ("Rådmann" where the municipality still says rådmann), in bokmål and nynorsk
 * alike (the titles are spelt the same); in English, and when no valid title is known, by the
 * catalog's label `fallback`. Source: issue 13 (organization settings).
 */
export function executiveRoleLabel(title: string | null | undefined, locale: string, fallback: string): string {
  if (locale !== 'nb' && locale !== 'nn') return fallback;
  const key = title ? executiveTitleKey(title) : null;
  return key ? EXECUTIVE_TITLES[key] : fallback;
}
