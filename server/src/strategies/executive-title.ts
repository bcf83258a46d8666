import { eq } from 'drizzle-orm';
import type { Reader } from '../db/client';
import { organizations, strategies } from '../db/schema';

/**
 * The title of the chief executive of the strategy's own organization, as stored ("Rådmann"), or
 * null for a strategy that is gone. A strategy's exports, mails and public page name the executive
 * by it, so a municipality that says rådmann reads rådmann (issue 13); in a joint strategy it is the
 * host's, whose executive approves.
 */
export async function strategyExecutiveTitle(db: Reader, strategyId: string): Promise<string | null> {
  const row = (
    await db
      .select({ title: organizations.executiveTitle })
      .from(strategies)
      .innerJoin(organizations, eq(organizations.id, strategies.organizationId))
      .where(eq(strategies.id, strategyId))
      .limit(1)
  )[0];
  return row?.title ?? null;
}
