import { asc, desc, eq } from 'drizzle-orm';
import { isRole, type Role } from '@samstrat/shared/roles';
import { templateSection } from '@samstrat/shared/template';
import type { Db } from '../db/client';
import { memberships, sectionOwners, sections, strategies, users } from '../db/schema';
import { sectionAbilities, strategyAbilities } from '@samstrat/shared/access';
import { textFrozen, withFrozenText } from '../workflow/frozen';

const summaryColumns = {
  id: strategies.id,
  title: strategies.title,
  municipality: strategies.municipality,
  periodStart: strategies.periodStart,
  periodEnd: strategies.periodEnd,
  stage: strategies.stage,
};

export interface StrategySummary {
  id: string;
  title: string;
  municipality: string;
  periodStart: number;
  periodEnd: number;
  stage: string;
  role: Role;
}

/** The strategies the user is a member of, newest period first. */
export function listStrategiesForUser(db: Db, userId: string): StrategySummary[] {
  const rows = db
    .select({ ...summaryColumns, role: memberships.role })
    .from(memberships)
    .innerJoin(strategies, eq(strategies.id, memberships.strategyId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(strategies.periodStart), asc(strategies.title))
    .all();
  return rows.flatMap(({ role, ...strategy }) => (isRole(role) ? [{ ...strategy, role }] : []));
}

/** One strategy with its outline as the member sees it; the caller has checked the membership. */
export function strategyDetail(db: Db, strategyId: string, userId: string, role: Role, orgAdmin = false) {
  const strategy = db.select(summaryColumns).from(strategies).where(eq(strategies.id, strategyId)).get();
  if (!strategy) return null;
  const actor = { userId, role, orgAdmin };

  const owners = db
    .select({ sectionKey: sectionOwners.sectionKey, id: users.id, name: users.name })
    .from(sectionOwners)
    .innerJoin(users, eq(users.id, sectionOwners.userId))
    .where(eq(sectionOwners.strategyId, strategyId))
    .orderBy(asc(users.name))
    .all();
  const ownersByKey = new Map<string, { id: string; name: string }[]>();
  for (const { sectionKey, id, name } of owners) {
    ownersByKey.set(sectionKey, [...(ownersByKey.get(sectionKey) ?? []), { id, name }]);
  }

  const outline = db
    .select()
    .from(sections)
    .where(eq(sections.strategyId, strategyId))
    .orderBy(asc(sections.position))
    .all()
    .map((section) => {
      const sectionOwnerList = ownersByKey.get(section.key) ?? [];
      const template = templateSection(section.key);
      return {
        key: section.key,
        number: section.number,
        title: section.title,
        parentKey: section.parentKey,
        // Sections a leader adds later have no template entry, hence no guidance.
        guidance: template?.guidance ?? [],
        exampleGoal: template?.exampleGoal ?? null,
        owners: sectionOwnerList,
        restricted: section.restricted,
        abilities: sectionAbilities(actor, {
          restricted: section.restricted,
          ownerIds: sectionOwnerList.map((o) => o.id),
        }),
      };
    });

  // While the workflow has the text frozen, nobody edits it: the abilities say so, as the socket does.
  return withFrozenText(
    { ...strategy, role, abilities: strategyAbilities(actor), sections: outline },
    textFrozen(db, strategyId),
  );
}
