import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/client';
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

let dataDir: string;
let db: Db;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samstrat-sessions-'));
  db = openDatabase(dataDir);
  db.insert(organizations).values({ id: 'org', name: 'Eksempel kommune' }).run();
  for (const id of ['kari', 'ola']) {
    db.insert(users)
      .values({ id, organizationId: 'org', email: `${id}@eksempel.no`, name: id })
      .run();
  }
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('sessions', () => {
  it('makes tokens of 32 base32 characters that never repeat', () => {
    const tokens = new Set(Array.from({ length: 100 }, generateSessionToken));
    expect(tokens.size).toBe(100);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
  });

  it('keys the stored session by the SHA-256 of the token', () => {
    const token = generateSessionToken();
    const session = createSession(db, token, 'kari', T0);
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    expect(session.id).toBe(sessionIdFromToken(token));
    expect(db.select().from(sessions).where(eq(sessions.id, token)).all()).toEqual([]);
  });

  it('validates a fresh session without extending it', () => {
    const token = generateSessionToken();
    createSession(db, token, 'kari', T0);
    const valid = validateSessionToken(db, token, T0 + DAY);
    expect(valid).toMatchObject({ user: { id: 'kari', email: 'kari@eksempel.no' }, renewed: false });
    expect(valid!.session.expiresAt.getTime()).toBe(T0 + SESSION_LIFETIME_MS);
    expect(valid!.user).not.toHaveProperty('active');
  });

  it('slides the expiry forward to thirty days when less than fifteen are left', () => {
    const token = generateSessionToken();
    createSession(db, token, 'kari', T0);
    const later = T0 + 16 * DAY;
    const valid = validateSessionToken(db, token, later);
    expect(valid!.renewed).toBe(true);
    expect(valid!.session.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
    expect(db.select().from(sessions).get()!.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
  });

  it('rejects and deletes an expired session', () => {
    const token = generateSessionToken();
    createSession(db, token, 'kari', T0);
    expect(validateSessionToken(db, token, T0 + 30 * DAY)).toBeNull();
    expect(db.select().from(sessions).all()).toEqual([]);
  });

  it('rejects an unknown token', () => {
    expect(validateSessionToken(db, generateSessionToken(), T0)).toBeNull();
  });

  it('rejects the session of a deactivated user', () => {
    const token = generateSessionToken();
    createSession(db, token, 'kari', T0);
    db.update(users).set({ active: false }).where(eq(users.id, 'kari')).run();
    expect(validateSessionToken(db, token, T0)).toBeNull();
  });

  it('invalidates one session, or all of a user’s sessions and nobody else’s', () => {
    const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
    const first = createSession(db, a, 'kari', T0);
    createSession(db, b, 'kari', T0);
    createSession(db, c, 'ola', T0);

    invalidateSession(db, first.id);
    expect(validateSessionToken(db, a, T0)).toBeNull();
    expect(validateSessionToken(db, b, T0)).not.toBeNull();

    invalidateUserSessions(db, 'kari');
    expect(validateSessionToken(db, b, T0)).toBeNull();
    expect(validateSessionToken(db, c, T0)).not.toBeNull();
  });
});
