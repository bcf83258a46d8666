import type { JSONContent } from '@tiptap/core';
import type { InferRequestType } from 'hono/client';
import { API_BASE, answer, client, param, type Answered } from '$lib/api';

const strategy = client.strategies[':id'];
const version = strategy.versions[':vid'];
const diff = strategy.versions[':a'].diff[':b'];

/** The versions of a strategy, and the content hash of its text now (to tell whether it differs). */
export type VersionList = Answered<(typeof strategy)['versions']['$get']>;
/** A version as the list shows it: who, when, at which stage, for which text. */
export type VersionSummary = VersionList['versions'][number];
export type VersionKind = VersionSummary['kind'];
/** The text of a version (or of the strategy now, with `version` null). */
export type VersionText = Answered<(typeof version)['$get']>;
/** Two texts compared section by section, with the versions compared (null for the text now). */
export type VersionComparison = Answered<(typeof diff)['$get']>;
export type ExportFormat = InferRequestType<(typeof strategy)['export']['$get']>['query']['format'];

/**
 * A section's text from an answer, as TipTap's JSONContent. The server sends exactly that (shared/diff
 * `VersionSection`); hono's JSON types cannot follow a recursive type (`JSONParsed` says "any JSON
 * value" below its first level), so the client's type knows less than the server's.
 */
export function documentOf(content: VersionText['sections'][number]['content']): JSONContent {
  return content as JSONContent;
}

/** Where a version id is expected, `current` names the text as it is now. */
export const CURRENT = 'current';

export const versionsApi = {
  list: (strategyId: string) => answer(strategy.versions.$get({ param: param({ id: strategyId }) })),
  create: (strategyId: string, name: string) =>
    answer(strategy.versions.$post({ param: param({ id: strategyId }), json: { name } })),
  read: (strategyId: string, versionId: string) =>
    answer(version.$get({ param: param({ id: strategyId, vid: versionId }) })),
  compare: (strategyId: string, from: string, to: string) =>
    answer(diff.$get({ param: param({ id: strategyId, a: from, b: to }) })),
  restore: (strategyId: string, versionId: string, sectionKey: string) =>
    answer(version.restore.$post({ param: param({ id: strategyId, vid: versionId }), json: { sectionKey } })),
  pageCount: (strategyId: string) => answer(strategy.export['page-count'].$get({ param: param({ id: strategyId }) })),
};

/** The download address of an export; a plain link, so the browser saves the file under its name. */
export function exportHref(strategyId: string, format: ExportFormat, versionId?: string): string {
  const query = versionId ? { format, version: versionId } : { format };
  return API_BASE + strategy.export.$path({ param: param({ id: strategyId }), query });
}
