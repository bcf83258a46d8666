/**
 * Counts failed logins in a sliding window, per e-mail address (stops guessing one account's
 * password) and per client IP (stops spraying one password over many accounts). In memory: a
 * restart forgets the counts, which costs an attacker little compared with argon2's price per guess.
 */
export interface LoginRateLimits {
  windowMs: number;
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginRateLimits = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 30,
};

/**
 * Single sign-ons begun, each of which stores a sign-in under way until the provider's return: per
 * client address and provider (the «email» slot, keyed `sso-start:<provider>:<ip>`) and per address
 * over all providers. A municipality's staff often share one outgoing address, so the limits are
 * wide: they stop a script filling `sso_login_states`, not people signing in at nine o'clock.
 */
export const SSO_START_LIMITS: LoginRateLimits = {
  windowMs: 60 * 1000,
  maxFailuresPerEmail: 60,
  maxFailuresPerIp: 120,
};

export type RateLimitVerdict =
  { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: 'email' | 'ip' };

/** What the login route asks: counted in this process, or shared by every process (cluster/redis-rate-limit.ts). */
export interface LoginLimiter {
  check(email: string, ip: string): RateLimitVerdict | Promise<RateLimitVerdict>;
  recordFailure(email: string, ip: string): void | Promise<void>;
  recordSuccess(email: string): void | Promise<void>;
}

/** Past this many tracked keys, every call first drops keys whose failures have all expired. */
const PRUNE_THRESHOLD = 10_000;

export class LoginRateLimiter implements LoginLimiter {
  private readonly byEmail = new Map<string, number[]>();
  private readonly byIp = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginRateLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  check(email: string, ip: string): RateLimitVerdict {
    const now = this.now();
    const emailWait = this.waitMs(this.byEmail, email, this.limits.maxFailuresPerEmail, now);
    const ipWait = this.waitMs(this.byIp, ip, this.limits.maxFailuresPerIp, now);
    if (emailWait === 0 && ipWait === 0) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.ceil(Math.max(emailWait, ipWait) / 1000),
      reason: emailWait >= ipWait ? 'email' : 'ip',
    };
  }

  recordFailure(email: string, ip: string): void {
    const now = this.now();
    this.prune(now);
    this.push(this.byEmail, email, now);
    this.push(this.byIp, ip, now);
  }

  /** A correct password clears the account's count; the IP's count stays, or spraying would reset it. */
  recordSuccess(email: string): void {
    this.byEmail.delete(email);
  }

  /** Milliseconds until one more attempt is allowed for this key; 0 when it is allowed now. */
  private waitMs(map: Map<string, number[]>, key: string, max: number, now: number): number {
    const recent = this.recent(map, key, now);
    if (recent.length < max) return 0;
    // The attempt that frees a slot is the one that leaves the window first.
    const oldestCounting = recent[recent.length - max]!;
    return oldestCounting + this.limits.windowMs - now;
  }

  private recent(map: Map<string, number[]>, key: string, now: number): number[] {
    const times = map.get(key);
    if (!times) return [];
    const from = now - this.limits.windowMs;
    const recent = times.filter((t) => t > from);
    if (recent.length === 0) map.delete(key);
    else if (recent.length !== times.length) map.set(key, recent);
    return recent;
  }

  private push(map: Map<string, number[]>, key: string, now: number): void {
    const times = this.recent(map, key, now);
    times.push(now);
    map.set(key, times);
  }

  private prune(now: number): void {
    for (const map of [this.byEmail, this.byIp]) {
      if (map.size < PRUNE_THRESHOLD) continue;
      for (const key of [...map.keys()]) this.recent(map, key, now);
    }
  }
}
