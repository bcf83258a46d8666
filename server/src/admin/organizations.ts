import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { NewOrganizationInput } from '@samstrat/shared/organization';
import type { Db, Reader } from '../db/client';
import { organizations, users } from '../db/schema';
import { hashPassword } from '../auth/password';
import { insertUser, normalizeEmail } from '../accounts';
import { audit } from '../audit';

/** Why an organization could not be created, for the operator to read. */
export class OrganizationRefused extends Error {}

export interface FirstAdmin {
  email: string;
  name: string;
  password: string;
}

/**
 * Creates an organization (the installation operator's command, `npm run org:create`), and its
 * first administrator when one is given, in one transaction; the admin's creation is audited as
 * `account.created`. Answers the organization's id. Throws OrganizationRefused when another
 * organization has the same number, or an account the same e-mail address.
 */
export async function createOrganizationWithAdmin(
  db: Db,
  input: NewOrganizationInput,
  admin?: FirstAdmin,
): Promise<{ organizationId: string; adminId: string | null }> {
  // Hashed before the transaction opens: hashing is slow, and a transaction holds the writer.
  const passwordHash = admin ? await hashPassword(admin.password) : null;
  return await db.transaction(async (tx) => {
    const taken = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.organizationNumber, input.organizationNumber))
      .limit(1);
    if (taken[0]) {
      throw new OrganizationRefused(
        `Organization number ${input.organizationNumber} already belongs to ${taken[0].name}.`,
      );
    }
    const organizationId = randomUUID();
    await tx.insert(organizations).values({ id: organizationId, ...input });
    if (!admin) return { organizationId, adminId: null };
    const email = normalizeEmail(admin.email);
    if ((await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0]) {
      throw new OrganizationRefused(`An account with the e-mail address ${email} already exists.`);
    }
    const adminId = await insertUser(tx, { organizationId, email, name: admin.name, passwordHash, isAdmin: true });
    await audit(tx, { actorId: null, subjectId: adminId, action: 'account.created', detail: { by: 'org:create' } });
    return { organizationId, adminId };
  });
}

/** The caller's own organization as its members see it (`GET /api/me/organization`). */
export interface OrganizationView {
  name: string;
  organizationNumber: string | null;
  executiveTitle: string;
  /** What its new strategies are written in unless their creator chooses: 'nb' or 'nn'. */
  writtenForm: 'nb' | 'nn';
}

export async function organizationView(db: Reader, organizationId: string): Promise<OrganizationView | null> {
  const row = (
    await db
      .select({
        name: organizations.name,
        organizationNumber: organizations.organizationNumber,
        executiveTitle: organizations.executiveTitle,
        writtenForm: organizations.writtenForm,
      })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .limit(1)
  )[0];
  return row ? { ...row, writtenForm: row.writtenForm === 'nn' ? 'nn' : 'nb' } : null;
}
