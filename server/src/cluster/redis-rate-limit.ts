import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  DEFAULT_LOGIN_LIMITS,
  LoginRateLimiter,
  type LoginLimiter,
  type LoginRateLimits,
  type RateLimitVerdict,
} from '../auth/rate-limit';

/**
 * Adds a failure to a sorted set of failure times (score and member: the time, made unique) and
 * drops what left the window. KEYS: the key. ARGV: now, window, a unique suffix.
 */
const RECORD = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1] .. ':' .. ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * Failed logins counted in Redis, so every process sees the same counts: a guesser gains nothing by
 * spreading attempts over processes. The same window and limits as the in-memory limiter; while
 * Redis cannot be reached, each process counts on its own.
 */
export class RedisLoginLimiter implements LoginLimiter {
  private readonly local: LoginRateLimiter;

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    private readonly limits: LoginRateLimits = DEFAULT_LOGIN_LIMITS,
  ) {
    this.local = new LoginRateLimiter(limits);
  }

  async check(email: string, ip: string): Promise<RateLimitVerdict> {
    try {
      const now = Date.now();
      const [emailWait, ipWait] = await Promise.all([
        this.waitMs(emailKey(email), this.limits.maxFailuresPerEmail, now),
        this.waitMs(ipKey(ip), this.limits.maxFailuresPerIp, now),
      ]);
      if (emailWait === 0 && ipWait === 0) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.ceil(Math.max(emailWait, ipWait) / 1000),
        reason: emailWait >= ipWait ? 'email' : 'ip',
      };
    } catch (err) {
      this.degraded(err);
      return this.local.check(email, ip);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    this.local.recordFailure(email, ip);
    try {
      const now = Date.now();
      const unique = Math.random().toString(36).slice(2);
      await Promise.all(
        [emailKey(email), ipKey(ip)].map((key) => this.redis.eval(RECORD, 1, key, now, this.limits.windowMs, unique)),
      );
    } catch (err) {
      this.degraded(err);
    }
  }

  /** A correct password clears the account's count; the IP's count stays, or spraying would reset it. */
  async recordSuccess(email: string): Promise<void> {
    this.local.recordSuccess(email);
    try {
      await this.redis.del(emailKey(email));
    } catch (err) {
      this.degraded(err);
    }
  }

  /** Milliseconds until one more attempt is allowed for this key; 0 when it is allowed now. */
  private async waitMs(key: string, max: number, now: number): Promise<number> {
    const from = now - this.limits.windowMs;
    await this.redis.zremrangebyscore(key, '-inf', from);
    // The attempt that frees a slot is the one that leaves the window first.
    const counting = await this.redis.zrange(key, String(-max), '-1', 'WITHSCORES');
    if (counting.length / 2 < max) return 0;
    return Number(counting[1]) + this.limits.windowMs - now;
  }

  private degraded(err: unknown): void {
    this.log.warn({ err: (err as Error).message }, 'redis unavailable for login limits; this process counts alone');
  }
}

const emailKey = (email: string) => `samstrat:login:email:${email.toLowerCase()}`;
const ipKey = (ip: string) => `samstrat:login:ip:${ip}`;
