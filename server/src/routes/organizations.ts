import { Hono } from 'hono';
import { newOrganizationBody } from '@samstrat/shared/organization';
import type { AppEnv, Deps } from '../context';
import { onOrganization } from '../access/authorize';
import { createOrganizationAsOperator, listOrganizations } from '../admin/organizations';
import { validate } from '../validate';

/**
 * `/api/organizations`: the installation's organizations, for its operator only (shared/access
 * `organization.create`). Organization admins change their own at `/api/admin/organization`.
 */
export function organizationRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', onOrganization('organization.create'), async (c) =>
      c.json({ organizations: await listOrganizations(deps.db) }),
    )
    .post('/', onOrganization('organization.create'), validate('json', newOrganizationBody), async (c) => {
      const created = await createOrganizationAsOperator(deps.db, c.var.access.actor.userId, c.req.valid('json'));
      return c.json(created, 201);
    });
}
