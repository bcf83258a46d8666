import { eq } from 'drizzle-orm';
import type { Role } from '@samstrat/shared/roles';
import { insertUser } from '../src/accounts';
import { hashPassword } from '../src/auth/password';
import { memberships, strategies, users } from '../src/db/schema';
import { createStrategyFromTemplate } from '../src/strategies/create';
import { DEMO_PASSWORD } from '../src/demo';
import type { TestServer } from './harness';

/** Tests read answers field by field; a loose type keeps them short. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

/** One API call with a given Cookie header (or none), from the site's own origin. */
export async function call<T = Json>(
  s: TestServer,
  cookie: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await fetch(`${s.url}/api${path}`, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      origin: s.url,
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function userIdOf(s: TestServer, email: string): Promise<string> {
  const [row] = await s.deps.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (!row) throw new Error(`no account ${email}`);
  return row.id;
}

export async function organizationOf(s: TestServer, strategyId: string): Promise<string> {
  const [row] = await s.deps.db
    .select({ organizationId: strategies.organizationId })
    .from(strategies)
    .where(eq(strategies.id, strategyId))
    .limit(1);
  return row!.organizationId;
}

let demoHash: Promise<string> | null = null;
let counter = 0;

/** A new account with the demo password, optionally a member of a strategy with a role. */
export async function createAccount(
  s: TestServer,
  options: { organizationId: string; strategyId?: string; role?: Role; isAdmin?: boolean; name?: string },
): Promise<{ id: string; email: string }> {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  const passwordHash = await demoHash;
  const email = `person${++counter}-${Date.now()}@eksempel.no`;
  const name = options.name ?? `Person ${counter}`;
  const id = await s.deps.db.transaction(async (tx) => {
    const userId = await insertUser(tx, {
      organizationId: options.organizationId,
      email,
      name,
      passwordHash,
      isAdmin: options.isAdmin ?? false,
    });
    if (options.strategyId && options.role) {
      await tx.insert(memberships).values({ strategyId: options.strategyId, userId, role: options.role });
    }
    return userId;
  });
  return { id, email };
}

/** A second strategy in the same municipality, with one member: someone who belongs elsewhere. */
export async function otherStrategyMember(s: TestServer, organizationId: string) {
  const strategyId = await s.deps.db.transaction((tx) =>
    createStrategyFromTemplate(tx, {
      organizationId,
      title: 'Annen strategi',
      municipality: 'Eksempel kommune',
      periodStart: 2027,
      periodEnd: 2030,
    }),
  );
  const account = await createAccount(s, { organizationId, strategyId, role: 'leader' });
  return { strategyId, ...account };
}

/** The token at the end of an invitation link. */
export function tokenOf(url: string): string {
  return url.split('/invitasjon/')[1]!;
}
