import { eq } from 'drizzle-orm';
import { DEFAULT_BENEFIT_INPUT, benefitInputSchema, type BenefitsDocument } from '@samstrat/shared/benefits';
import { audit } from '../audit';
import type { Deps } from '../context';
import { users } from '../db/schema';
import { strategyBenefits } from '../db/schema-benefits';

export interface StoredBenefits extends BenefitsDocument {
  /** True while nobody has saved figures: `input` is then the seed's example. */
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

export async function readBenefits(deps: Deps, strategyId: string): Promise<StoredBenefits> {
  const row = (
    await deps.db
      .select({
        input: strategyBenefits.input,
        statusScore: strategyBenefits.statusScore,
        updatedAt: strategyBenefits.updatedAt,
        userId: users.id,
        userName: users.name,
      })
      .from(strategyBenefits)
      .leftJoin(users, eq(users.id, strategyBenefits.updatedBy))
      .where(eq(strategyBenefits.strategyId, strategyId))
      .limit(1)
  )[0];
  if (!row)
    return { input: DEFAULT_BENEFIT_INPUT, statusScore: null, isDefault: true, updatedAt: null, updatedBy: null };
  // Parsed again on the way out: a row written by an older version with a figure since added gets
  // the default for it rather than reaching the page without it.
  const parsed = benefitInputSchema.safeParse(row.input);
  return {
    input: parsed.success ? parsed.data : { ...DEFAULT_BENEFIT_INPUT, ...row.input },
    statusScore: row.statusScore,
    isDefault: false,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.userId ? { id: row.userId, name: row.userName ?? '' } : null,
  };
}

/** Saves the figures and the score in one transaction with the audit entry and the members' event. */
export async function saveBenefits(
  deps: Deps,
  strategyId: string,
  actorId: string,
  document: BenefitsDocument,
): Promise<StoredBenefits> {
  await deps.db.transaction(async (db) => {
    const values = {
      input: document.input,
      statusScore: document.statusScore,
      updatedBy: actorId,
      updatedAt: new Date(),
    };
    await db
      .insert(strategyBenefits)
      .values({ strategyId, ...values })
      .onConflictDoUpdate({ target: strategyBenefits.strategyId, set: values });
    await audit(db, { strategyId, actorId, action: 'benefits.saved', detail: { statusScore: document.statusScore } });
    await deps.events.publishIn(db, strategyId, { type: 'benefits.changed' });
  });
  return await readBenefits(deps, strategyId);
}
