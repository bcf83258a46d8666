import type { BenefitsDocument } from '@samstrat/shared/benefits';
import type { JSONContent } from '@tiptap/core';
import { request } from '$lib/api';

/** The benefit page's stored figures (`/api/strategies/:id/benefits`). */
export interface StoredBenefits extends BenefitsDocument {
  /** True while nobody has saved: the figures are the seed's example. */
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

const path = (strategyId: string) => `/strategies/${encodeURIComponent(strategyId)}`;

export const benefitsApi = {
  get: (strategyId: string) => request<StoredBenefits>('GET', `${path(strategyId)}/benefits`),
  save: (strategyId: string, document: BenefitsDocument) =>
    request<StoredBenefits>('PUT', `${path(strategyId)}/benefits`, document),
  /** The text as the server holds it now, to confirm an insertion arrived. */
  currentText: (strategyId: string) =>
    request<{ sections: { key: string; content: JSONContent }[] }>('GET', `${path(strategyId)}/versions/current`),
};
