import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './rate-limit';

const MINUTE = 60_000;

function limiter() {
  const clock = { now: 1_000_000 };
  const l = new LoginRateLimiter(undefined, () => clock.now);
  return {
    l,
    clock,
    fail: (email: string, ip = '10.0.0.1', times = 1) => {
      for (let i = 0; i < times; i++) l.recordFailure(email, ip);
    },
  };
}

describe('LoginRateLimiter', () => {
  it('allows five failed attempts for an account and refuses the sixth', () => {
    const { l, fail } = limiter();
    for (let i = 0; i < 5; i++) {
      expect(l.check('a@x.no', '10.0.0.1').allowed).toBe(true);
      fail('a@x.no');
    }
    expect(l.check('a@x.no', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 900, reason: 'email' });
  });

  it('refuses the account from any address once it is locked', () => {
    const { l, fail } = limiter();
    fail('a@x.no', '10.0.0.1', 5);
    expect(l.check('a@x.no', '192.168.1.7').allowed).toBe(false);
  });

  it('allows the account again when the oldest failure leaves the 15-minute window', () => {
    const { l, clock, fail } = limiter();
    fail('a@x.no');
    clock.now += 5 * MINUTE;
    fail('a@x.no', '10.0.0.1', 4);
    clock.now += 9 * MINUTE;
    expect(l.check('a@x.no', '10.0.0.1')).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    clock.now += MINUTE;
    expect(l.check('a@x.no', '10.0.0.1').allowed).toBe(true);
  });

  it('counts only failures, so the window slides rather than resetting on a schedule', () => {
    const { l, clock, fail } = limiter();
    fail('a@x.no', '10.0.0.1', 4);
    clock.now += 14 * MINUTE;
    fail('a@x.no');
    expect(l.check('a@x.no', '10.0.0.1').allowed).toBe(false);
    clock.now += 2 * MINUTE;
    expect(l.check('a@x.no', '10.0.0.1').allowed).toBe(true);
  });

  it('forgets an account’s failures after a successful login', () => {
    const { l, fail } = limiter();
    fail('a@x.no', '10.0.0.1', 4);
    l.recordSuccess('a@x.no');
    fail('a@x.no', '10.0.0.1', 4);
    expect(l.check('a@x.no', '10.0.0.1').allowed).toBe(true);
  });

  it('refuses an address after thirty failures spread over many accounts', () => {
    const { l, fail } = limiter();
    for (let i = 0; i < 30; i++) fail(`user${i}@x.no`, '10.0.0.9');
    expect(l.check('someone.new@x.no', '10.0.0.9')).toMatchObject({ allowed: false, reason: 'ip' });
    expect(l.check('someone.new@x.no', '10.0.0.10').allowed).toBe(true);
  });

  it('keeps counting the address after a success, so one known password does not reset spraying', () => {
    const { l, fail } = limiter();
    for (let i = 0; i < 30; i++) fail(`user${i}@x.no`, '10.0.0.9');
    l.recordSuccess('user0@x.no');
    expect(l.check('user0@x.no', '10.0.0.9').allowed).toBe(false);
  });

  it('takes its limits from the constructor', () => {
    const l = new LoginRateLimiter({ windowMs: 1000, maxFailuresPerEmail: 1, maxFailuresPerIp: 100 }, () => 0);
    l.recordFailure('a@x.no', 'ip');
    expect(l.check('a@x.no', 'ip')).toEqual({ allowed: false, retryAfterSeconds: 1, reason: 'email' });
  });
});
