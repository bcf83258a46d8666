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
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.SAMSTRAT_DEMO) {
      ctx.addIssue({
        code: 'custom',
        path: ['SAMSTRAT_DEMO'],
        message: 'Demo mode creates accounts with known passwords and is refused when NODE_ENV=production.',
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
 * and `SAMSTRAT_OIDC_<ID>_KIND|ISSUER|CLIENT_ID|CLIENT_SECRET|LABEL|SCOPES|NEW_ACCOUNTS|EMAIL_DOMAINS|ACR|ORGNO|ADMIN_ROLES|SESSION_MINUTES`
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
