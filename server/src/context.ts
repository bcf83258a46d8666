import type { Logger } from 'pino';
import type { Locale } from '@samstrat/shared/errors';
import type { Config } from './config';
import type { Db } from './db/client';
import type { RoomRegistry } from './collab/rooms';
import type { EventBus } from './events';
import type { Revocations } from './cluster/revocations';
import type { LoginLimiter } from './auth/rate-limit';
import type { NewsBus } from './cluster/bus';
import type { Mailer } from './mail/outbox';

/** The basics every part of the server gets handed at start; nothing reaches for globals. */
export interface BaseDeps {
  config: Config;
  db: Db;
  log: Logger;
}

/**
 * The basics plus the collaboration rooms (the registry is the one way into them: `edit`,
 * `revoke`, `onSaved`) and the event bus.
 */
export interface Deps extends BaseDeps {
  rooms: RoomRegistry;
  /** Per-strategy event bus behind `GET /api/strategies/:id/events`; publish after a transaction commits. */
  events: EventBus;
  /** Closes sockets and event streams whose rights are gone, on every server process. */
  revocations: Revocations;
  /** Failed logins, counted on every process alike. */
  loginLimiter: LoginLimiter;
  /** Single sign-ons begun (`/api/auth/sso/:provider/start`), per client address: SSO_START_LIMITS. */
  ssoStartLimiter: LoginLimiter;
  /** The news between server processes (Redis), or null when this process is alone. */
  redis: NewsBus | null;
  /** The e-mail outbox: `enqueue` in a command's transaction; sends nothing when SMTP is not configured. */
  mail: Mailer;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** Allowed by an organization admin to create strategies (admins may anyway). */
  createsStrategies: boolean;
  /** The installation operator (`users.is_operator`): creates organizations. */
  isOperator: boolean;
  organizationId: string;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    locale: Locale;
    user: SessionUser | null;
    sessionId: string | null;
  };
};
