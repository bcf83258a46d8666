import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/databases';
import type { Db } from '../db/client';
import { organizations, sessions, users } from '../db/schema';
import {
  SESSION_LIFETIME_MS,
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  sessionIdFromToken,
  validateSessionToken,
} from './sessions';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2027, 0, 1);

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
  await db.transaction(async (tx) => {
    await tx.insert(organizations).values({ id: 'org', name: 'Eksempel kommune' });
    for (const id of ['kari', 'ola']) {
      await tx.insert(users).values({ id, organizationId: 'org', email: `${id}@eksempel.no`, name: id });
    }
  });
});
afterEach(() => db.close());

describe('sessions', () => {
  it('makes tokens of 32 base32 characters that never repeat', async () => {
    const tokens = new Set(Array.from({ length: 100 }, generateSessionToken));
    expect(tokens.size).toBe(100);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
  });

  it('keys the stored session by the SHA-256 of the token', async () => {
    const token = generateSessionToken();
    const session = await db.transaction((tx) => createSession(tx, token, 'kari', T0));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    expect(session.id).toBe(sessionIdFromToken(token));
    expect(await db.select().from(sessions).where(eq(sessions.id, token))).toEqual([]);
  });

  it('validates a fresh session without extending it', async () => {
    const token = generateSessionToken();
    await db.transaction((tx) => createSession(tx, token, 'kari', T0));
    const valid = await validateSessionToken(db, token, T0 + DAY);
    expect(valid).toMatchObject({ user: { id: 'kari', email: 'kari@eksempel.no' }, renewed: false });
    expect(valid!.session.expiresAt.getTime()).toBe(T0 + SESSION_LIFETIME_MS);
    expect(valid!.user).not.toHaveProperty('active');
  });

  it('slides the expiry forward to thirty days when less than fifteen are left', async () => {
    const token = generateSessionToken();
    await db.transaction((tx) => createSession(tx, token, 'kari', T0));
    const later = T0 + 16 * DAY;
    const valid = await validateSessionToken(db, token, later);
    expect(valid!.renewed).toBe(true);
    expect(valid!.session.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
    expect((await db.select().from(sessions))[0]!.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
  });

  it('ends a session begun at a provider when the provider says, and never extends it', async () => {
    const token = generateSessionToken();
    const providerEnd = T0 + 20 * DAY;
    const session = await db.transaction((tx) =>
      createSession(tx, token, 'kari', T0, { providerId: 'entra', expiresAt: new Date(providerEnd) }),
    );
    expect(session).toMatchObject({ providerId: 'entra', expiresAt: new Date(providerEnd) });
    // Less than fifteen days left would extend a password session; this one stays as it is.
    const valid = await validateSessionToken(db, token, T0 + 16 * DAY);
    expect(valid).toMatchObject({ renewed: false, session: { expiresAt: new Date(providerEnd) } });
    expect(await validateSessionToken(db, token, providerEnd)).toBeNull();
    // A provider session longer than ours is cut to our usual lifetime.
    const long = await db.transaction((tx) =>
      createSession(tx, generateSessionToken(), 'ola', T0, { providerId: 'entra', expiresAt: new Date(T0 + 90 * DAY) }),
    );
    expect(long.expiresAt.getTime()).toBe(T0 + SESSION_LIFETIME_MS);
  });

  it('rejects and deletes an expired session', async () => {
    const token = generateSessionToken();
    await db.transaction((tx) => createSession(tx, token, 'kari', T0));
    expect(await validateSessionToken(db, token, T0 + 30 * DAY)).toBeNull();
    expect(await db.select().from(sessions)).toEqual([]);
  });

  it('rejects an unknown token', async () => {
    expect(await validateSessionToken(db, generateSessionToken(), T0)).toBeNull();
  });

  it('rejects the session of a deactivated user', async () => {
    const token = generateSessionToken();
    await db.transaction((tx) => createSession(tx, token, 'kari', T0));
    await db.transaction((tx) => tx.update(users).set({ active: false }).where(eq(users.id, 'kari')));
    expect(await validateSessionToken(db, token, T0)).toBeNull();
  });

  it('invalidates one session, or all of a user’s sessions and nobody else’s', async () => {
    const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
    const first = await db.transaction((tx) => createSession(tx, a, 'kari', T0));
    await db.transaction((tx) => createSession(tx, b, 'kari', T0));
    await db.transaction((tx) => createSession(tx, c, 'ola', T0));

    await db.transaction((tx) => invalidateSession(tx, first.id));
    expect(await validateSessionToken(db, a, T0)).toBeNull();
    expect(await validateSessionToken(db, b, T0)).not.toBeNull();

    await db.transaction((tx) => invalidateUserSessions(tx, 'kari'));
    expect(await validateSessionToken(db, b, T0)).toBeNull();
    expect(await validateSessionToken(db, c, T0)).not.toBeNull();
  });
});
