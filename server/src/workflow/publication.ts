import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { PoliticalDecision } from '@samstrat/shared/workflow';
import type { VersionSection } from '@samstrat/shared/diff';
import type { Deps } from '../context';
import { organizations, strategies } from '../db/schema';
import { versions } from '../db/schema-versions';
import { politicalDecisions, publications, strategyWorkflows } from '../db/schema-workflow';
import { AppError, notFound } from '../errors';
import { storedSections } from '../versions/versions';
import type { TransitionContext } from './transition';

/** "Digitaliseringsstrategi 2027–2030" → "digitaliseringsstrategi-2027-2030". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/**
 * Publishes the adopted candidate at `/vedtatt/<slug>`, inside the adopting transition's transaction.
 * The slug reads as the strategy's title and municipality; a random tail keeps two municipalities'
 * strategies of the same name apart.
 */
export async function publishAdoptedVersion(ctx: TransitionContext): Promise<void> {
  const { candidateVersionId, candidateHash } = ctx.record;
  if (!candidateVersionId || !candidateHash) throw new AppError('internal', 500, 'adopted without a candidate version');
  const strategy = (
    await ctx.tx
      .select({ title: strategies.title, municipality: strategies.municipality })
      .from(strategies)
      .where(eq(strategies.id, ctx.strategyId))
      .limit(1)
  )[0]!;
  const slug = `${slugify(`${strategy.title} ${strategy.municipality}`) || 'strategi'}-${randomBytes(4).toString('hex')}`;
  await ctx.tx.insert(publications).values({
    slug,
    strategyId: ctx.strategyId,
    versionId: candidateVersionId,
    contentHash: candidateHash,
    publishedBy: ctx.actor.userId,
  });
}

import type { Publication } from '@samstrat/shared/workflow-view';

export type { Publication };

export async function strategyPublication(deps: Deps, strategyId: string): Promise<Publication | null> {
  const row = (await deps.db.select().from(publications).where(eq(publications.strategyId, strategyId)).limit(1))[0];
  if (!row) return null;
  return {
    slug: row.slug,
    path: `/vedtatt/${row.slug}`,
    contentHash: row.contentHash,
    versionId: row.versionId,
    publishedAt: row.publishedAt.toISOString(),
  };
}

/**
 * The published strategy as anyone may read it, without logging in: the adopted text and where it
 * was adopted. Never comments, member names or role labels (a union representative's label reveals
 * union membership, special-category data).
 */
export interface PublicStrategy {
  title: string;
  /** The written form of the text, for the page's `lang`: 'nb' bokmål or 'nn' nynorsk. */
  writtenForm: 'nb' | 'nn';
  municipality: string;
  /** The municipality's executive title ("Rådmann"): an administrative adoption was by its approval. */
  executiveTitle: string;
  periodStart: number;
  periodEnd: number;
  publishedAt: string;
  versionNumber: number;
  contentHash: string;
  decisions: { council: string; saksnummer: string; meetingDate: string; decision: PoliticalDecision }[];
  sections: VersionSection[];
}

export async function publicStrategy(deps: Deps, slug: string): Promise<PublicStrategy> {
  const row = (
    await deps.db
      .select({
        strategyId: publications.strategyId,
        contentHash: publications.contentHash,
        publishedAt: publications.publishedAt,
        title: strategies.title,
        municipality: strategies.municipality,
        executiveTitle: organizations.executiveTitle,
        writtenForm: strategies.writtenForm,
        periodStart: strategies.periodStart,
        periodEnd: strategies.periodEnd,
        versionNumber: versions.number,
        sections: versions.sections,
      })
      .from(publications)
      .innerJoin(strategies, eq(strategies.id, publications.strategyId))
      .innerJoin(versions, eq(versions.id, publications.versionId))
      .innerJoin(organizations, eq(organizations.id, strategies.organizationId))
      .where(eq(publications.slug, slug))
      .limit(1)
  )[0];
  if (!row) throw notFound();
  const round = (
    await deps.db
      .select({ round: strategyWorkflows.round })
      .from(strategyWorkflows)
      .where(eq(strategyWorkflows.strategyId, row.strategyId))
      .limit(1)
  )[0]?.round;
  const decisions =
    round === undefined
      ? []
      : await deps.db
          .select({
            council: politicalDecisions.council,
            saksnummer: politicalDecisions.saksnummer,
            meetingDate: politicalDecisions.meetingDate,
            decision: politicalDecisions.decision,
          })
          .from(politicalDecisions)
          .where(and(eq(politicalDecisions.strategyId, row.strategyId), eq(politicalDecisions.round, round)))
          .orderBy(asc(politicalDecisions.meetingDate));
  // Versions store the outline with each section's text; only the text and headings go out.
  const sections = storedSections(row.sections).map(({ key, number, title, parentKey, content }) => ({
    key,
    number,
    title,
    parentKey,
    content,
  }));
  return {
    title: row.title,
    writtenForm: row.writtenForm === 'nn' ? 'nn' : 'nb',
    municipality: row.municipality,
    executiveTitle: row.executiveTitle,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    publishedAt: row.publishedAt.toISOString(),
    versionNumber: row.versionNumber,
    contentHash: row.contentHash,
    decisions,
    sections,
  };
}
