import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** 20 random bytes (160 bits) as base32: unguessable, and short enough for a link or a cookie. */
export function generateToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** What the database keeps of a token: its SHA-256, so a copy of the table cannot be replayed. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * Compares two secrets in time that depends only on their lengths, never on where they first
 * differ, so an attacker cannot find a secret byte by byte by timing the answers.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Still spend a comparison, so a wrong length is not answered faster than a wrong byte.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
