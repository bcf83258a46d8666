import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import {
  present,
  readOnlyReason,
  SECTION_ABILITIES,
  STRATEGY_ABILITIES,
  type ReadOnlyReason,
  type SectionAbilities,
} from '@samstrat/shared/access';
import { isRole, type Role } from '@samstrat/shared/roles';
import { templateSection } from '@samstrat/shared/template';
import { isStage, type Stage } from '@samstrat/shared/workflow';
import type { WrittenForm } from '@samstrat/shared/new-strategy';
import type { Reader } from '../db/client';
import type { SectionSubstrategy } from '@samstrat/shared/outline';
import { substrategiesOf } from './outline-entries';
import { memberships, organizations, sectionOwners, sections, strategies, users } from '../db/schema';
import { loadSectionTargets, removedSection, type StrategyAccess } from '../access/load';

const summaryColumns = {
  id: strategies.id,
  title: strategies.title,
  municipality: strategies.municipality,
  periodStart: strategies.periodStart,
  periodEnd: strategies.periodEnd,
  stage: strategies.stage,
  writtenForm: strategies.writtenForm,
  executiveTitle: organizations.executiveTitle,
};

export interface StrategySummary {
  id: string;
  title: string;
  municipality: string;
  periodStart: number;
  periodEnd: number;
  stage: Stage;
  /** The written form of the text: bokmål or nynorsk. */
  writtenForm: WrittenForm;
  role: Role;
  /**
   * The title of the strategy's own organization's chief executive (kommunedirektør / rådmann): that
   * organization runs the process and its executive approves, so everyone in a joint strategy names
   * the role by it, as the exported documents do, whatever their own organization says. Lists carry
   * it for each strategy, since a list may hold strategies of other organizations.
   */
  executiveTitle: string;
}

/** A written form this version does not know reads as bokmål. */
const writtenFormOf = (value: string): WrittenForm => (value === 'nn' ? 'nn' : 'nb');

/** The strategies the user is a member of, newest period first. */
export async function listStrategiesForUser(db: Reader, userId: string): Promise<StrategySummary[]> {
  const rows = await db
    .select({ ...summaryColumns, role: memberships.role })
    .from(memberships)
    .innerJoin(strategies, eq(strategies.id, memberships.strategyId))
    .innerJoin(organizations, eq(organizations.id, strategies.organizationId))
    // Archived strategies are out of the lists until an admin restores them.
    .where(and(eq(memberships.userId, userId), isNull(strategies.archivedAt)))
    .orderBy(desc(strategies.periodStart), asc(strategies.title));
  return rows.flatMap(({ role, stage, writtenForm, ...strategy }) =>
    // A stage this version does not know is shown as a draft, as the workflow treats it.
    isRole(role)
      ? [{ ...strategy, stage: isStage(stage) ? stage : 'utkast', writtenForm: writtenFormOf(writtenForm), role }]
      : [],
  );
}

export interface SectionDetail {
  key: string;
  number: string;
  title: string;
  parentKey: string | null;
  guidance: string[];
  exampleGoal: string | null;
  owners: { id: string; name: string }[];
  restricted: boolean;
  abilities: SectionAbilities;
  /** Why the caller may not edit the section, null when they may: for the page to say. */
  readOnly: ReadOnlyReason | null;
  /** The area's delstrategi, when a leader linked one. */
  substrategy: SectionSubstrategy | null;
}

export interface StrategyDetail extends StrategySummary {
  /** The workflow froze the text (under approval or adopted), or it is archived: nobody edits it. */
  frozen: boolean;
  /** Archived by an organization admin: read-only, out of the lists, restorable. */
  archived: boolean;
  abilities: Record<keyof typeof STRATEGY_ABILITIES, boolean>;
  sections: SectionDetail[];
}

/**
 * One strategy with its outline as a member sees it, with the abilities shared/access gives them
 * (a frozen text is read-only for everyone, as the socket treats it); null for someone who is not a
 * member, or when the strategy is gone.
 */
export async function strategyDetail(
  db: Reader,
  { strategyId, actor, strategy: target }: StrategyAccess,
): Promise<StrategyDetail | null> {
  const strategy = (
    await db
      .select(summaryColumns)
      .from(strategies)
      .innerJoin(organizations, eq(organizations.id, strategies.organizationId))
      .where(eq(strategies.id, strategyId))
      .limit(1)
  )[0];
  if (!strategy || !actor.role) return null;

  const owners = new Map<string, { id: string; name: string }[]>();
  for (const { sectionKey, id, name } of await db
    .select({ sectionKey: sectionOwners.sectionKey, id: users.id, name: users.name })
    .from(sectionOwners)
    .innerJoin(users, eq(users.id, sectionOwners.userId))
    .where(eq(sectionOwners.strategyId, strategyId))
    .orderBy(asc(users.name))) {
    owners.set(sectionKey, [...(owners.get(sectionKey) ?? []), { id, name }]);
  }
  const targets = await loadSectionTargets(db, strategyId, target);
  const substrategies = await substrategiesOf(db, strategyId);
  const outline = (
    await db.select().from(sections).where(eq(sections.strategyId, strategyId)).orderBy(asc(sections.position))
  ).map((section): SectionDetail => {
    // Guidance and example goals in the strategy's written form.
    const template = templateSection(section.key, writtenFormOf(strategy.writtenForm));
    const sectionTarget = targets.get(section.key) ?? removedSection(target);
    return {
      key: section.key,
      number: section.number,
      title: section.title,
      parentKey: section.parentKey,
      // Sections a leader adds later have no template entry, hence no guidance.
      guidance: template?.guidance ?? [],
      exampleGoal: template?.exampleGoal ?? null,
      owners: owners.get(section.key) ?? [],
      restricted: section.restricted,
      abilities: present(actor, sectionTarget, SECTION_ABILITIES),
      readOnly: readOnlyReason(actor, sectionTarget),
      substrategy: substrategies.get(section.key) ?? null,
    };
  });
  return {
    ...strategy,
    writtenForm: writtenFormOf(strategy.writtenForm),
    stage: target.stage,
    role: actor.role,
    frozen: target.frozen,
    archived: target.archived ?? false,
    abilities: present(actor, target, STRATEGY_ABILITIES),
    sections: outline,
  };
}
