import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, SecretKeyMissing } from './secret-box';

const key = randomBytes(32).toString('base64');

describe('secret box (AES-256-GCM under SAMSTRAT_SECRET_KEY)', () => {
  it('opens what it sealed, and never stores the plaintext', () => {
    const sealed = sealSecret(key, 'klienthemmelighet', 'entra');
    expect(sealed).not.toContain('klienthemmelighet');
    expect(sealed).not.toBe(sealSecret(key, 'klienthemmelighet', 'entra'));
    expect(openSecret(key, sealed, 'entra')).toBe('klienthemmelighet');
  });

  it('refuses another key, another place, a tampered value, and a missing key', () => {
    const sealed = sealSecret(key, 'klienthemmelighet', 'entra');
    expect(() => openSecret(randomBytes(32).toString('base64'), sealed, 'entra')).toThrow();
    expect(() => openSecret(key, sealed, 'annen')).toThrow();
    const parts = sealed.split('.');
    parts[2] = Buffer.from('x' + Buffer.from(parts[2]!, 'base64url').toString('latin1'), 'latin1').toString(
      'base64url',
    );
    expect(() => openSecret(key, parts.join('.'), 'entra')).toThrow();
    expect(() => sealSecret(undefined, 'x', 'entra')).toThrow(SecretKeyMissing);
  });
});
