import { randomUUID } from 'node:crypto';
import type { Db, Tx } from './db/client';
import { organizations, users } from './db/schema';
import { hashPassword } from './auth/password';

/** E-mail addresses are compared case-insensitively, so they are stored in one case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createOrganization(db: Tx, name: string): Promise<string> {
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
  /** May create strategies (users.creates_strategies). */
  createsStrategies?: boolean;
  /** The installation operator (see shared/access `organization.create`). */
  isOperator?: boolean;
}

/** In the caller's transaction, with the rows that belong with it. */
export async function insertUser(db: Tx, user: NewUser): Promise<string> {
  const id = randomUUID();
  await db.insert(users).values({ ...user, id, email: normalizeEmail(user.email), isAdmin: user.isAdmin ?? false });
  return id;
}

/** An organization administrator: manages accounts; strategy rights still come from memberships. */
export async function createAdmin(db: Db, admin: NewAdmin & { isOperator?: boolean }): Promise<string> {
  const { password, ...rest } = admin;
  // Hashed before the transaction opens: hashing is slow, and a transaction holds the writer.
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => await insertUser(tx, { ...rest, passwordHash, isAdmin: true }));
}
