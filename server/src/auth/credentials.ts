import { eq } from 'drizzle-orm';
import type { Reader } from '../db/client';
import { users } from '../db/schema';
import { verifyDummyPassword, verifyPassword } from './password';

export type CredentialCheck =
  | {
      ok: true;
      user: {
        id: string;
        email: string;
        name: string;
        isAdmin: boolean;
        createsStrategies: boolean;
        isOperator: boolean;
        organizationId: string;
      };
    }
  | { ok: false; reason: 'unknown_email' | 'no_password' | 'wrong_password' | 'inactive' };

/**
 * Checks an e-mail address (already lower-case) and password. Every path runs one argon2
 * verification, so response times do not tell which accounts exist. The reason is for the log only;
 * the caller hears the same thing whatever it is.
 */
export async function checkCredentials(db: Reader, email: string, password: string): Promise<CredentialCheck> {
  const user = (await db.select().from(users).where(eq(users.email, email)).limit(1))[0];
  if (!user?.passwordHash) {
    await verifyDummyPassword(password);
    return { ok: false, reason: user ? 'no_password' : 'unknown_email' };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: 'wrong_password' };
  if (!user.active) return { ok: false, reason: 'inactive' };
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      createsStrategies: user.createsStrategies,
      isOperator: user.isOperator,
      organizationId: user.organizationId,
    },
  };
}
