import { randomUUID } from 'node:crypto';
import type { Db, Tx, Reader } from './db/client';
import { organizations, users } from './db/schema';
import { hashPassword } from './auth/password';

/** E-mail addresses are compared case-insensitively, so they are stored in one case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createOrganization(db: Reader, name: string): Promise<string> {
  const id = randomUUID();
  await db.insert(organizations).values({ id, name });
  return id;
}

export interface NewAdmin {
  organizationId: string;
  email: string;
  name: string;
  password: string;
}

export interface NewUser {
  organizationId: string;
  email: string;
  name: string;
  /** From hashPassword, computed before any transaction opens: hashing is slow and asynchronous. */
  passwordHash: string | null;
  isAdmin?: boolean;
}

/** Synchronous so it can join a transaction with the rows that belong with it. */
export async function insertUser(db: Tx, user: NewUser): Promise<string> {
  const id = randomUUID();
  await db.insert(users).values({ ...user, id, email: normalizeEmail(user.email), isAdmin: user.isAdmin ?? false });
  return id;
}

/** An organization administrator: manages accounts; strategy rights still come from memberships. */
export async function createAdmin(db: Reader, admin: NewAdmin): Promise<string> {
  const { password, ...rest } = admin;
  return await insertUser(db, { ...rest, passwordHash: await hashPassword(password), isAdmin: true });
}
