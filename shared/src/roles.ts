/**
 * The roles a member holds in one strategy (product.md). The full capability matrix grows
 * in access.ts; this is the part the walking skeleton needs.
 */
export const ROLES = ['executive', 'steering', 'leader', 'editor', 'union', 'advisor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that write the text. Union representatives suggest, the executive and steering group comment. */
const EDITING_ROLES: readonly Role[] = ['leader', 'editor', 'advisor'];
const COMMENTING_ROLES: readonly Role[] = ['executive', 'steering', 'leader', 'editor', 'union', 'advisor'];

export function roleCanEdit(role: Role): boolean {
  return EDITING_ROLES.includes(role);
}

export function roleCanComment(role: Role): boolean {
  return COMMENTING_ROLES.includes(role);
}
