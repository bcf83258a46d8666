import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets an organization's admin stores in the app (a single sign-on provider's client secret),
 * encrypted with AES-256-GCM under SAMSTRAT_SECRET_KEY, which lives only in the environment: a copy
 * of the database (a backup, a dump) does not give the secrets away. Each value gets its own random
 * 96-bit nonce; the GCM tag makes a tampered value fail to open instead of opening to garbage.
 * `aad` binds a ciphertext to its place (the provider's id), so it cannot be moved to another row.
 */
const VERSION = 'v1';

export class SecretKeyMissing extends Error {
  constructor() {
    super('SAMSTRAT_SECRET_KEY is not set: secrets cannot be stored in the app');
  }
}

function keyOf(base64Key: string | undefined): Buffer {
  if (!base64Key) throw new SecretKeyMissing();
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('SAMSTRAT_SECRET_KEY must be 32 bytes in base64');
  return key;
}

/** `v1.<nonce>.<ciphertext>.<tag>`, each part base64url. */
export function sealSecret(base64Key: string | undefined, plaintext: string, aad: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(base64Key), nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, nonce, body, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plaintext of a sealed secret; throws when the key, the place or the value is not the one sealed. */
export function openSecret(base64Key: string | undefined, sealed: string, aad: string): string {
  const [version, nonce, body, tag] = sealed.split('.');
  if (version !== VERSION || !nonce || body === undefined || !tag) throw new Error('Not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(base64Key), Buffer.from(nonce, 'base64url'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
