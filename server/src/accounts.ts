import { randomUUID } from 'node:crypto';
import type { Db } from './db/client';
import { organizations, users } from './db/schema';
import { hashPassword } from './auth/password';

/** E-mail addresses are compared case-insensitively, so they are stored in one case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createOrganization(db: Db, name: string): string {
  const id = randomUUID();
  db.insert(organizations).values({ id, name }).run();
  return id;
}

export interface NewAdmin {
  organizationId: string;
  email: string;
  name: string;
  password: string;
}

/** An organization administrator: manages accounts; strategy rights still come from memberships. */
export async function createAdmin(db: Db, admin: NewAdmin): Promise<string> {
  const id = randomUUID();
  const passwordHash = await hashPassword(admin.password);
  db.insert(users)
    .values({
      id,
      organizationId: admin.organizationId,
      email: normalizeEmail(admin.email),
      name: admin.name,
      passwordHash,
      isAdmin: true,
    })
    .run();
  return id;
}
