import type { VersionDiff, VersionSection } from '@samstrat/shared/diff';
import { request } from '$lib/api';

export type VersionKind = 'named' | 'gate' | 'hourly';

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

export interface VersionList {
  versions: VersionSummary[];
  /** The content hash of the text as it is now, to tell whether it differs from the newest version. */
  currentHash: string;
}

export interface VersionText {
  version: VersionSummary | null;
  sections: VersionSection[];
  contentHash: string;
}

export type VersionComparison = VersionDiff & { from: VersionSummary | null; to: VersionSummary | null };

export type ExportFormat = 'docx' | 'pdf' | 'md';

/** Where a version id is expected, `current` names the text as it is now. */
export const CURRENT = 'current';

const base = (strategyId: string) => `/strategies/${encodeURIComponent(strategyId)}`;

export const versionsApi = {
  list: (strategyId: string) => request<VersionList>('GET', `${base(strategyId)}/versions`),
  create: (strategyId: string, name: string) =>
    request<VersionSummary>('POST', `${base(strategyId)}/versions`, { name }),
  read: (strategyId: string, versionId: string) =>
    request<VersionText>('GET', `${base(strategyId)}/versions/${encodeURIComponent(versionId)}`),
  compare: (strategyId: string, from: string, to: string) =>
    request<VersionComparison>(
      'GET',
      `${base(strategyId)}/versions/${encodeURIComponent(from)}/diff/${encodeURIComponent(to)}`,
    ),
  restore: (strategyId: string, versionId: string, sectionKey: string) =>
    request<{ contentHash: string }>('POST', `${base(strategyId)}/versions/${encodeURIComponent(versionId)}/restore`, {
      sectionKey,
    }),
  pageCount: (strategyId: string) => request<{ pages: number }>('GET', `${base(strategyId)}/export/page-count`),
};

/** The download address of an export; a plain link, so the browser saves the file under its name. */
export function exportHref(strategyId: string, format: ExportFormat, versionId?: string): string {
  const query = new URLSearchParams({ format });
  if (versionId) query.set('version', versionId);
  return `/api${base(strategyId)}/export?${query}`;
}
