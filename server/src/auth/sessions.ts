import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { randomBytes } from 'node:crypto';
import type { BaseDeps, SessionUser } from '../context';
import type { Db, Tx } from '../db/client';
import { sessions, users } from '../db/schema';

// Sessions the Lucia way (lucia-auth.com/sessions): the browser holds a random token, the database
// only its SHA-256, so a copy of the sessions table cannot be replayed as cookies.

export const SESSION_COOKIE = 'samstrat_session';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used within its last 15 days is extended, so active people are never logged out. */
const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
  /** The OpenID Connect provider the session was begun through; null for a password login. */
  providerId: string | null;
}

/** A session begun through an OpenID Connect provider: it ends at `expiresAt` and is never extended. */
export interface SsoSessionOptions {
  providerId: string;
  expiresAt: Date;
  /** The provider's session id (`sid`), when its ID token has one: back-channel logout names it. */
  sid?: string | null;
}

export interface ValidatedSession {
  session: Session;
  user: SessionUser;
  /** True when the expiry slid forward and the cookie should be sent again. */
  renewed: boolean;
}

/** 20 random bytes (160 bits) as base32: enough that guessing is hopeless, short enough for a cookie. */
export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * Stores a new session for the token, in the caller's transaction (with its login's audit entry).
 * `sso` makes it an SSO session: its expiry is the earlier of `sso.expiresAt` and the usual lifetime.
 */
export async function createSession(
  tx: Tx,
  token: string,
  userId: string,
  now = Date.now(),
  sso?: SsoSessionOptions,
): Promise<Session> {
  const usual = now + SESSION_LIFETIME_MS;
  const session: Session = {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: new Date(sso ? Math.min(usual, sso.expiresAt.getTime()) : usual),
    providerId: sso?.providerId ?? null,
  };
  await tx.insert(sessions).values({ ...session, providerSid: sso?.sid ?? null });
  return session;
}

/** The session and its user, or null for an unknown, expired or deactivated one. */
export async function validateSessionToken(db: Db, token: string, now = Date.now()): Promise<ValidatedSession | null> {
  const sessionId = sessionIdFromToken(token);
  const row = (
    await db
      .select({
        session: {
          id: sessions.id,
          userId: sessions.userId,
          expiresAt: sessions.expiresAt,
          providerId: sessions.providerId,
        },
        user: {
          id: users.id,
          email: users.email,
          name: users.name,
          isAdmin: users.isAdmin,
          createsStrategies: users.createsStrategies,
          isOperator: users.isOperator,
          organizationId: users.organizationId,
          active: users.active,
        },
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sessionId))
      .limit(1)
  )[0];
  if (!row) return null;

  const { session, user } = row;
  if (now >= session.expiresAt.getTime()) {
    await db.transaction((tx) => invalidateSession(tx, session.id));
    return null;
  }
  // Deactivating an account also invalidates its sessions; this check covers a row left behind.
  if (!user.active) return null;

  let renewed = false;
  // An SSO session never outlives the provider's session or the ID token, so it is never extended.
  if (!session.providerId && session.expiresAt.getTime() - now < SESSION_RENEW_WITHIN_MS) {
    session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
    const expiresAt = session.expiresAt;
    await db.transaction((tx) => tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, session.id)));
    renewed = true;
  }
  const { active: _active, ...sessionUser } = user;
  return { session, user: sessionUser, renewed };
}

/** Ends one session, in the caller's transaction; the caller closes its sockets after the commit. */
export async function invalidateSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a person, in the caller's transaction. */
export async function invalidateUserSessions(tx: Tx, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * Secure whenever the site is served over https, directly or behind a proxy that PUBLIC_ORIGIN
 * names; plain http only in local development, where a Secure cookie would never come back.
 */
export function isSecure(c: Context, deps: BaseDeps): boolean {
  return deps.config.PUBLIC_ORIGIN?.startsWith('https:') || new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookie(c: Context, deps: BaseDeps, token: string, expiresAt: Date, now = Date.now()): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isSecure(c, deps),
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now) / 1000)),
  });
}

export function deleteSessionCookie(c: Context, deps: BaseDeps): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecure(c, deps) });
}
