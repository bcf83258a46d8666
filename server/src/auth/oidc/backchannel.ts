import { and, eq, or, type SQL } from 'drizzle-orm';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { sessions } from '../../db/schema';
import { identities } from '../../db/schema-sso';
import { audit } from '../../audit';
import type { OidcProviderConfig } from './providers';
import { oidcClients } from './sign-in';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** The remote key sets, one per jwks_uri, kept by jose (it refetches on an unknown key id). */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export class InvalidLogoutToken extends Error {}

/**
 * Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6):
 * signature with the provider's published keys, issuer, audience (our client id), a recent `iat`,
 * the back-channel logout event, no `nonce`, and `sub` or `sid`. Throws InvalidLogoutToken.
 */
export async function verifyLogoutToken(
  config: Config,
  provider: OidcProviderConfig,
  token: string,
): Promise<{ issuer: string; sub: string | null; sid: string | null }> {
  const metadata = (await oidcClients(config).get(provider)).serverMetadata();
  if (!metadata.jwks_uri) throw new InvalidLogoutToken('the provider publishes no keys');
  let keys = keySets.get(metadata.jwks_uri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(metadata.jwks_uri));
    keySets.set(metadata.jwks_uri, keys);
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer: metadata.issuer,
      audience: provider.clientId,
      maxTokenAge: '5 minutes',
      clockTolerance: 30,
    }));
  } catch (err) {
    throw new InvalidLogoutToken(
      err instanceof Error ? `${err.name}: ${(err as { code?: string }).code ?? ''}` : 'invalid',
    );
  }
  const events = payload.events as Record<string, unknown> | undefined;
  if (typeof events?.[BACKCHANNEL_EVENT] !== 'object') throw new InvalidLogoutToken('not a logout token');
  if ('nonce' in payload) throw new InvalidLogoutToken('a logout token has no nonce');
  const sub = typeof payload.sub === 'string' ? payload.sub : null;
  const sid = typeof payload.sid === 'string' ? payload.sid : null;
  if (!sub && !sid) throw new InvalidLogoutToken('neither sub nor sid');
  return { issuer: metadata.issuer, sub, sid };
}

/**
 * Ends the sessions a logout token names, begun through this provider: the one with its `sid`, or
 * every one of the person `sub` stands for. Audited on the person. Answers the ended session ids
 * (their sockets are closed by the caller after the commit).
 */
export async function endProviderSessions(
  db: Db,
  provider: OidcProviderConfig,
  token: { issuer: string; sub: string | null; sid: string | null },
): Promise<string[]> {
  return await db.transaction(async (tx) => {
    const identity = token.sub
      ? (
          await tx
            .select({ userId: identities.userId })
            .from(identities)
            .where(and(eq(identities.issuer, token.issuer), eq(identities.subject, token.sub)))
            .limit(1)
        )[0]
      : undefined;
    const which: SQL[] = [];
    if (token.sid) which.push(eq(sessions.providerSid, token.sid));
    if (identity && !token.sid) which.push(eq(sessions.userId, identity.userId));
    if (!which.length) return [];
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.providerId, provider.id), or(...which)))
      .returning({ id: sessions.id, userId: sessions.userId });
    const people = [...new Set(ended.map((s) => s.userId))];
    for (const userId of people)
      await audit(tx, {
        subjectId: userId,
        action: 'sso.backchannel_logout',
        detail: { provider: provider.id, sessions: ended.filter((s) => s.userId === userId).length },
      });
    return ended.map((s) => s.id);
  });
}
