import { randomUUID } from 'node:crypto';
import { and, desc, eq, max } from 'drizzle-orm';
import * as Y from 'yjs';
import { contentHash } from '@samstrat/shared/content-hash';
import type { VersionSection } from '@samstrat/shared/diff';
import { fitToSchema } from '@samstrat/shared/editor/fit-schema';
import type { Deps } from '../context';
import { strategies, users } from '../db/schema';
import { versions } from '../db/schema-versions';
import { notFound } from '../errors';
import { documentContent, strategyOutline } from '../strategies/content';
import { DocumentStore } from '../collab/persistence';
import type { Reader, Tx } from '../db/client';
import { audit } from '../audit';

export type VersionKind = 'named' | 'gate' | 'hourly';

/** A version as the list shows it: who, when, at which stage, for which text. */
export interface VersionSummary {
  id: string;
  number: number;
  name: string | null;
  kind: VersionKind;
  stage: string;
  contentHash: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

export interface VersionContent extends VersionSummary {
  sections: VersionSection[];
}

export interface NewVersion {
  kind: VersionKind;
  name?: string | null;
  /** Null when the server makes the version on its own (hourly). */
  actorId: string | null;
  /** When the version is made; the hourly job passes its clock. */
  at?: Date;
}

const summaryColumns = {
  id: versions.id,
  number: versions.number,
  name: versions.name,
  kind: versions.kind,
  stage: versions.stage,
  contentHash: versions.contentHash,
  createdAt: versions.createdAt,
  createdById: versions.createdBy,
  createdByName: users.name,
};

type SummaryRow = {
  id: string;
  number: number;
  name: string | null;
  kind: VersionKind;
  stage: string;
  contentHash: string;
  createdAt: Date;
  createdById: string | null;
  createdByName: string | null;
};

function present(row: SummaryRow): VersionSummary {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    kind: row.kind,
    stage: row.stage,
    contentHash: row.contentHash,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdById && row.createdByName ? { id: row.createdById, name: row.createdByName } : null,
  };
}

/**
 * Saves the strategy's text as it is now as a new version: the full Yjs state and every section's
 * ProseMirror JSON with the outline of the day, with the content hash approvals compare against.
 * Leaders name versions; the hourly job saves one after an hour with edits.
 */
export async function createVersion(deps: Deps, strategyId: string, input: NewVersion): Promise<VersionSummary> {
  return await deps.db.transaction(async (tx) => {
    const version = await createVersionIn(deps, tx, strategyId, input);
    await deps.events.publishIn(tx, strategyId, { type: 'versions.changed', versionId: version.id });
    return version;
  });
}

/** What making a version needs of the server: the document store and the log. */
export type VersionStoreDeps = Pick<Deps, 'log'> & { rooms: Pick<Deps['rooms'], 'store'> };

/**
 * `createVersion` inside the caller's transaction (the workflow makes its candidate so, at each
 * gate). The text is the stored document, read while the transaction holds back every other write
 * to it (DocumentStore.lockIn), so it is exactly the text as of the commit, whichever process holds
 * the live document. The caller publishes `versions.changed` after the commit.
 */
export async function createVersionIn(
  deps: VersionStoreDeps,
  tx: Tx,
  strategyId: string,
  input: NewVersion,
): Promise<VersionSummary> {
  const strategy = (
    await tx.select({ stage: strategies.stage }).from(strategies).where(eq(strategies.id, strategyId)).limit(1)
  )[0];
  if (!strategy) throw notFound();
  const outline = await strategyOutline(tx, strategyId);
  await deps.rooms.store.lockIn(tx, strategyId);
  const doc = DocumentStore.build(await deps.rooms.store.readIn(tx, strategyId));
  const sections = documentContent(doc, outline, deps.log.child({ strategyId }));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const id = randomUUID();
  const hash = contentHash(sections);
  const name = input.name?.trim() || null;
  const last = (
    await tx
      .select({ number: max(versions.number) })
      .from(versions)
      .where(eq(versions.strategyId, strategyId))
      .limit(1)
  )[0];
  await tx.insert(versions).values({
    id,
    strategyId,
    number: (last?.number ?? 0) + 1,
    name,
    kind: input.kind,
    stage: strategy.stage,
    contentHash: hash,
    createdBy: input.actorId,
    ...(input.at ? { createdAt: input.at } : {}),
    state: Buffer.from(state),
    sections: JSON.stringify(sections),
  });
  await audit(tx, {
    action: 'version.created',
    strategyId,
    actorId: input.actorId,
    detail: { versionId: id, kind: input.kind, name, contentHash: hash },
  });
  const summary = await getVersionSummary(tx, strategyId, id);
  return summary!;
}

/** The strategy's versions, newest first. */
export async function listVersions(deps: Deps, strategyId: string): Promise<VersionSummary[]> {
  return (
    await deps.db
      .select(summaryColumns)
      .from(versions)
      .leftJoin(users, eq(users.id, versions.createdBy))
      .where(eq(versions.strategyId, strategyId))
      .orderBy(desc(versions.number))
  ).map(present);
}

export async function getVersionSummary(
  db: Reader,
  strategyId: string,
  versionId: string,
): Promise<VersionSummary | null> {
  const row = (
    await db
      .select(summaryColumns)
      .from(versions)
      .leftJoin(users, eq(users.id, versions.createdBy))
      .where(and(eq(versions.strategyId, strategyId), eq(versions.id, versionId)))
      .limit(1)
  )[0];
  return row ? present(row) : null;
}

/**
 * The sections a version row stores (its `sections` column), each with its text fitted to the editor
 * schema: a version keeps the text of its day, which older servers read with odd nodes in it.
 */
export function storedSections(json: string): VersionSection[] {
  return (JSON.parse(json) as VersionSection[]).map((section) => ({
    ...section,
    content: fitToSchema(section.content),
  }));
}

/** One version's text, read-only; null when the strategy has no such version. */
export async function getVersion(deps: Deps, strategyId: string, versionId: string): Promise<VersionContent | null> {
  const summary = await getVersionSummary(deps.db, strategyId, versionId);
  if (!summary) return null;
  const row = (
    await deps.db.select({ sections: versions.sections }).from(versions).where(eq(versions.id, versionId)).limit(1)
  )[0]!;
  return { ...summary, sections: storedSections(row.sections) };
}

/** The newest version, if any: the hourly job compares against it. */
export async function latestVersion(db: Reader, strategyId: string): Promise<VersionSummary | null> {
  const row = (
    await db
      .select(summaryColumns)
      .from(versions)
      .leftJoin(users, eq(users.id, versions.createdBy))
      .where(eq(versions.strategyId, strategyId))
      .orderBy(desc(versions.number))
      .limit(1)
  )[0];
  return row ? present(row) : null;
}
