import { describe, expect, it } from 'vitest';
import { hashPassword, verifyDummyPassword, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with argon2id at 19 MiB, two passes, one lane', async () => {
    expect(await hashPassword('samstrat-demo')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('riktig passord');
    expect(await verifyPassword(hash, 'riktig passord')).toBe(true);
    expect(await verifyPassword(hash, 'feil passord')).toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    expect(await hashPassword('samme')).not.toBe(await hashPassword('samme'));
  });

  it('treats a damaged stored hash as a wrong password instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('always fails the dummy verification, whatever the password', async () => {
    expect(await verifyDummyPassword('samstrat-demo')).toBe(false);
    expect(await verifyDummyPassword('')).toBe(false);
  });
});
