/**
 * The roles a member holds in one strategy (product.md). What each role may do is shared/access's
 * capability matrix; nothing else decides it.
 */
export const ROLES = ['executive', 'steering', 'leader', 'editor', 'union', 'advisor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
