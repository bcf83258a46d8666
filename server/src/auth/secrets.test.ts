import { describe, expect, it } from 'vitest';
import { constantTimeEqual, generateToken, hashToken } from './secrets';

describe('secrets', () => {
  it('compares equal secrets as equal and any difference as unequal', () => {
    expect(constantTimeEqual('abc123', 'abc123')).toBe(true);
    expect(constantTimeEqual('abc123', 'abc124')).toBe(false);
    expect(constantTimeEqual('abc123', 'abc1234')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('æøå', 'aoa')).toBe(false);
  });

  it('makes tokens of 160 random bits that never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
  });

  it('stores a token as the hex SHA-256 of it', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
