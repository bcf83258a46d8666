import type { Logger } from 'pino';
import type { Locale } from '@samstrat/shared/errors';
import type { Config } from './config';
import type { Db } from './db/client';

/** What every part of the server gets handed at start; nothing reaches for globals. */
export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
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
