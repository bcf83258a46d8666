import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { OidcConfigError, parseOidcProviders, type OidcProviderConfig } from './auth/oidc/providers';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data')),
    /** Unset: the embedded SQLite file in DATA_DIR. postgres://user:password@host:port/database: PostgreSQL. */
    DATABASE_URL: z
      .string()
      .optional()
      .refine((v) => !v || /^postgres(ql)?:\/\/.+/.test(v), {
        message: 'DATABASE_URL must be a postgres://user:password@host:port/database URL, or unset for SQLite.',
      }),
    /** redis://… lets several server processes serve the same strategies; unset: one process. */
    REDIS_URL: z
      .string()
      .optional()
      .refine((v) => !v || /^rediss?:\/\/.+/.test(v), {
        message: 'REDIS_URL must be a redis://host:port URL (rediss:// for TLS), or unset for one process.',
      }),
    PUBLIC_ORIGIN: z
      .url({ message: 'PUBLIC_ORIGIN must be a full URL such as https://samstrat.kommune.no' })
      .optional()
      .transform((v) => (v ? new URL(v).origin : undefined)),
    SAMSTRAT_DEMO: flag,
    WEB_DIR: z
      .string()
      .min(1)
      .default(path.join(repoRoot, 'web', 'build')),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SAMSTRAT_ADMIN_EMAIL: z.email({ message: 'SAMSTRAT_ADMIN_EMAIL must be an e-mail address' }).optional(),
    SAMSTRAT_ADMIN_PASSWORD: z
      .string()
      .min(12, { message: 'SAMSTRAT_ADMIN_PASSWORD must be at least 12 characters' })
      .optional(),
    SAMSTRAT_ADMIN_NAME: z.string().min(1).default('Administrator'),
    SAMSTRAT_ORGANIZATION: z.string().min(1).default('Kommunen'),
    /** Milliseconds a room stays loaded after its last connection leaves. */
    COLLAB_UNLOAD_DELAY_MS: z.coerce.number().int().min(0).default(5_000),
    /** Updates in the log before the room folds them into one state. */
    COLLAB_COMPACT_AFTER: z.coerce.number().int().min(1).default(200),
    /** Milliseconds between pings of each collaboration socket; one that misses a ping is cut at the next. */
    COLLAB_PING_INTERVAL_MS: z.coerce.number().int().min(10).default(30_000),
    /** Connections to one strategy's document, and of one person and one session to it. */
    COLLAB_MAX_CONNECTIONS_PER_ROOM: z.coerce.number().int().min(1).default(200),
    COLLAB_MAX_CONNECTIONS_PER_PERSON: z.coerce.number().int().min(1).default(20),
    COLLAB_MAX_CONNECTIONS_PER_SESSION: z.coerce.number().int().min(1).default(10),
    /** Milliseconds an update may wait for the structs it depends on before its socket is closed. */
    COLLAB_DEPENDENCY_WAIT_MS: z.coerce.number().int().min(1).default(15_000),
    // E-mail (server/src/mail). Unset SMTP_URL and SMTP_HOST: no mail is sent, links are copied by hand.
    /** smtp://user:password@host:587 or smtps://…:465; or give SMTP_HOST and the variables below. */
    SMTP_URL: z
      .string()
      .optional()
      .refine((v) => !v || /^smtps?:\/\/.+/.test(v), {
        message: 'SMTP_URL must be an smtp://host:port or smtps://host:port URL, or unset.',
      }),
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** TLS from the first byte (usually port 465); otherwise STARTTLS when the server offers it. */
    SMTP_SECURE: flag,
    /** The account to send as; with SMTP_PASSWORD, or with the SMTP_OAUTH2_* variables for XOAUTH2. */
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    SMTP_OAUTH2_CLIENT_ID: z.string().min(1).optional(),
    SMTP_OAUTH2_CLIENT_SECRET: z.string().min(1).optional(),
    SMTP_OAUTH2_REFRESH_TOKEN: z.string().min(1).optional(),
    SMTP_OAUTH2_ACCESS_TOKEN: z.string().min(1).optional(),
    /** Where a refresh token is exchanged, e.g. https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token. */
    SMTP_OAUTH2_TOKEN_URL: z.url({ message: 'SMTP_OAUTH2_TOKEN_URL must be a full URL' }).optional(),
    /** The sender, e.g. "Samstrat <samstrat@kommune.no>". */
    MAIL_FROM: z.string().min(3).optional(),
    /** Milliseconds between looks at the outbox (new mail is also sent as soon as it is committed). */
    /**
     * The key (32 bytes, base64) that encrypts the secrets an organization's admin stores in the
     * app (its single sign-on providers' client secrets; secret-box.ts). Unset: secrets can only
     * come from the environment, and storing one is refused with a message that says so.
     */
    SAMSTRAT_SECRET_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
      .optional(),
    MAIL_POLL_MS: z.coerce.number().int().min(10).default(15_000),
    /** Milliseconds before the first retry of a mail the SMTP server refused; doubled per attempt, at most an hour. */
    MAIL_RETRY_BASE_MS: z.coerce.number().int().min(1).default(60_000),
    /** Attempts before a mail is given up (and logged). */
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
    /** Milliseconds a process holds a claimed mail before another process may take it over. */
    MAIL_LEASE_MS: z.coerce.number().int().min(100).default(120_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.SAMSTRAT_DEMO) {
      ctx.addIssue({
        code: 'custom',
        path: ['SAMSTRAT_DEMO'],
        message: 'Demo mode creates accounts with known passwords and is refused when NODE_ENV=production.',
      });
    }
    if (env.SMTP_URL || env.SMTP_HOST) {
      if (!env.MAIL_FROM) {
        ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'Set MAIL_FROM (the sender) to send e-mail.' });
      }
      if (env.NODE_ENV === 'production' && !env.PUBLIC_ORIGIN) {
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_ORIGIN'],
          message: 'Set PUBLIC_ORIGIN (the address people open) so the links in e-mails lead to Samstrat.',
        });
      }
      const oauth = [env.SMTP_OAUTH2_CLIENT_ID, env.SMTP_OAUTH2_REFRESH_TOKEN, env.SMTP_OAUTH2_ACCESS_TOKEN].some(
        Boolean,
      );
      if (oauth && !env.SMTP_USER) {
        ctx.addIssue({
          code: 'custom',
          path: ['SMTP_USER'],
          message: 'XOAUTH2 needs SMTP_USER, the mailbox to send as.',
        });
      }
      if (oauth && env.SMTP_PASSWORD) {
        ctx.addIssue({
          code: 'custom',
          path: ['SMTP_PASSWORD'],
          message: 'Give either SMTP_PASSWORD or the SMTP_OAUTH2_* variables, not both.',
        });
      }
      if (
        env.SMTP_OAUTH2_REFRESH_TOKEN &&
        !(env.SMTP_OAUTH2_CLIENT_ID && env.SMTP_OAUTH2_CLIENT_SECRET && env.SMTP_OAUTH2_TOKEN_URL)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['SMTP_OAUTH2_REFRESH_TOKEN'],
          message: 'A refresh token needs SMTP_OAUTH2_CLIENT_ID, SMTP_OAUTH2_CLIENT_SECRET and SMTP_OAUTH2_TOKEN_URL.',
        });
      }
    } else if (env.SMTP_USER || env.SMTP_PASSWORD || env.SMTP_PORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_HOST'],
        message: 'SMTP settings were given without SMTP_HOST or SMTP_URL.',
      });
    }
    if (Boolean(env.SAMSTRAT_ADMIN_EMAIL) !== Boolean(env.SAMSTRAT_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SAMSTRAT_ADMIN_PASSWORD'],
        message: 'Set both SAMSTRAT_ADMIN_EMAIL and SAMSTRAT_ADMIN_PASSWORD to create the first administrator.',
      });
    }
  });

/**
 * The validated environment, plus the OpenID Connect providers read from `SAMSTRAT_OIDC_PROVIDERS`
 * and `SAMSTRAT_OIDC_<ID>_KIND|ISSUER|CLIENT_ID|CLIENT_SECRET|LABEL|SCOPES|NEW_ACCOUNTS|EMAIL_DOMAINS|ACR|ORGNO|ALTINN_RESOURCE|ADMIN_ROLES|STRATEGY_ROLES|SESSION_MINUTES`
 * (see auth/oidc/providers.ts and the README). With NODE_ENV=production an `http:` issuer is refused.
 */
export type Config = z.output<typeof envSchema> & { oidcProviders: OidcProviderConfig[] };

export class ConfigError extends Error {}

/** Reads and validates the configuration; every problem is listed with the variable it concerns. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  try {
    return { ...result.data, oidcProviders: parseOidcProviders(env, result.data.NODE_ENV === 'production') };
  } catch (err) {
    if (err instanceof OidcConfigError)
      throw new ConfigError(`Invalid configuration:\n  ${err.message.replaceAll('\n', '\n  ')}`);
    throw err;
  }
}
