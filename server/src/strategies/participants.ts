import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { councilOf, participantIds, type Participant } from '@samstrat/shared/participants';
import type { Db, Tx } from '../db/client';
import { organizations, strategies } from '../db/schema';
import { strategyParticipants } from '../db/schema-participants';
import { strategyWorkflows } from '../db/schema-workflow';
import { AppError } from '../errors';

/** The database, an open transaction, or a reader: all this module asks is `select`. */
type Select = Pick<Db, 'select'>;

/**
 * The organizations of a joint strategy (rules: shared/participants), in order, the creating one
 * first; empty for a strategy of one organization.
 */
export async function loadParticipants(db: Select, strategyId: string): Promise<Participant[]> {
  return await db
    .select({ organizationId: strategyParticipants.organizationId, council: strategyParticipants.council })
    .from(strategyParticipants)
    .where(eq(strategyParticipants.strategyId, strategyId))
    .orderBy(asc(strategyParticipants.position));
}

/** Whether the organization takes part in the strategy: its own, or a participant of a joint one. */
export async function takesPart(db: Select, strategyId: string, organizationId: string): Promise<boolean> {
  const own = await db
    .select({ id: strategies.id })
    .from(strategies)
    .where(and(eq(strategies.id, strategyId), eq(strategies.organizationId, organizationId)))
    .limit(1);
  if (own[0]) return true;
  const joined = await db
    .select({ id: strategyParticipants.strategyId })
    .from(strategyParticipants)
    .where(
      and(eq(strategyParticipants.strategyId, strategyId), eq(strategyParticipants.organizationId, organizationId)),
    )
    .limit(1);
  return joined.length > 0;
}

/** The other organizations of the installation, by name: those a new strategy may name as participants. */
export async function participantOptions(db: Select, organizationId: string): Promise<{ id: string; name: string }[]> {
  return await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(ne(organizations.id, organizationId))
    .orderBy(asc(organizations.name));
}

/** The strategies another organization created in which this one takes part (for its admins' list). */
export async function joinedStrategyIds(db: Select, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: strategyParticipants.strategyId })
    .from(strategyParticipants)
    .innerJoin(strategies, eq(strategies.id, strategyParticipants.strategyId))
    .where(and(eq(strategyParticipants.organizationId, organizationId), ne(strategies.organizationId, organizationId)));
  return rows.map((r) => r.id);
}

/**
 * Makes a new strategy joint, in the creating transaction: the creating organization and the named
 * ones (each once) become its participants, each with its council, and the workflow's councils are
 * bound to them. Nothing is written for a strategy of one organization. Errors: 400
 * `unknown_organization` when a named organization does not exist in the installation.
 */
export async function addParticipants(
  tx: Tx,
  strategyId: string,
  creatingOrganizationId: string,
  others: readonly string[],
  addedBy: string,
): Promise<Participant[]> {
  const ids = participantIds(creatingOrganizationId, others);
  if (ids.length < 2) return [];
  const found = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  const names = new Map(found.map((o) => [o.id, o.name]));
  if (ids.some((id) => !names.has(id))) throw new AppError('unknown_organization', 400);
  const participants = ids.map((organizationId) => ({
    organizationId,
    council: councilOf(names.get(organizationId)!),
  }));
  await tx
    .insert(strategyParticipants)
    .values(participants.map((p, position) => ({ strategyId, ...p, position, addedBy })));
  await tx
    .insert(strategyWorkflows)
    .values({ strategyId, councils: participants.map((p) => p.council) })
    .onConflictDoUpdate({
      target: strategyWorkflows.strategyId,
      set: { councils: participants.map((p) => p.council) },
    });
  return participants;
}
