import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, ne } from 'drizzle-orm';
import type {
  NewOrganizationBody,
  NewOrganizationInput,
  OrganizationSettings,
  OrganizationSummary,
} from '@samstrat/shared/organization';
import type { Db, Reader } from '../db/client';
import { AppError } from '../errors';
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
  /** Makes the admin the installation operator too (`npm run org:create -- --operator`). */
  isOperator?: boolean;
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
  actorId: string | null = null,
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
    await audit(tx, {
      actorId,
      action: 'organization.created',
      detail: { organizationId, name: input.name, organizationNumber: input.organizationNumber },
    });
    if (!admin) return { organizationId, adminId: null };
    const email = normalizeEmail(admin.email);
    if ((await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0]) {
      throw new OrganizationRefused(`An account with the e-mail address ${email} already exists.`);
    }
    const adminId = await insertUser(tx, {
      organizationId,
      email,
      name: admin.name,
      passwordHash,
      isAdmin: true,
      isOperator: admin.isOperator ?? false,
    });
    await audit(tx, {
      actorId,
      subjectId: adminId,
      action: 'account.created',
      detail: { by: actorId ? 'operator' : 'org:create' },
    });
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

/**
 * The operator page's creation (`POST /api/organizations`): as the CLI's, audited with the operator
 * as actor; a taken number or e-mail address answers 409 with the catalogue's words.
 */
export async function createOrganizationAsOperator(
  db: Db,
  operatorId: string,
  body: NewOrganizationBody,
): Promise<{ organizationId: string }> {
  const { admin, ...settings } = body;
  try {
    const { organizationId } = await createOrganizationWithAdmin(db, settings, admin, operatorId);
    return { organizationId };
  } catch (err) {
    if (err instanceof OrganizationRefused) {
      throw new AppError(/number/i.test(err.message) ? 'organization_number_taken' : 'account_email_taken', 409);
    }
    throw err;
  }
}

/** Every organization of the installation with its number of accounts, by name: the operator's list. */
export async function listOrganizations(db: Reader): Promise<OrganizationSummary[]> {
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      organizationNumber: organizations.organizationNumber,
      executiveTitle: organizations.executiveTitle,
      writtenForm: organizations.writtenForm,
      createdAt: organizations.createdAt,
      accounts: count(users.id),
    })
    .from(organizations)
    .leftJoin(users, eq(users.organizationId, organizations.id))
    .groupBy(organizations.id)
    .orderBy(asc(organizations.name));
  return rows.map((row) => ({
    ...row,
    writtenForm: row.writtenForm === 'nn' ? 'nn' : 'nb',
    createdAt: row.createdAt.toISOString(),
  }));
}

/**
 * An organization admin changes their own organization's settings, audited with what changed
 * (before and after). Another organization's number answers 409 `organization_number_taken`.
 */
export async function updateOrganizationSettings(
  db: Db,
  actor: { id: string; organizationId: string },
  settings: OrganizationSettings,
): Promise<OrganizationView> {
  await db.transaction(async (tx) => {
    const taken = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(
        and(
          eq(organizations.organizationNumber, settings.organizationNumber),
          ne(organizations.id, actor.organizationId),
        ),
      )
      .limit(1);
    if (taken[0]) throw new AppError('organization_number_taken', 409);
    const before = await organizationView(tx, actor.organizationId);
    if (!before) throw new AppError('not_found', 404);
    await tx.update(organizations).set(settings).where(eq(organizations.id, actor.organizationId));
    const changed = (Object.keys(settings) as (keyof OrganizationSettings)[]).filter(
      (key) => before[key] !== settings[key],
    );
    if (changed.length === 0) return;
    await audit(tx, {
      actorId: actor.id,
      action: 'organization.settings_changed',
      detail: {
        organizationId: actor.organizationId,
        changed: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: settings[key] }])),
      },
    });
  });
  return (await organizationView(db, actor.organizationId))!;
}
