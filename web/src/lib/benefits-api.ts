import type { BenefitsDocument } from '@samstrat/shared/benefits';
import type { SwotEntryInput } from '@samstrat/shared/swot';
import { answer, client, param, type Answered } from '$lib/api';
import { CURRENT } from '$lib/versions-api';

const strategy = client.strategies[':id'];

/** The benefit page's stored figures, with whether they are still the seed's example and who saved them. */
export type StoredBenefits = Answered<(typeof strategy)['benefits']['$get']>;

export const benefitsApi = {
  get: (strategyId: string) => answer(strategy.benefits.$get({ param: param({ id: strategyId }) })),
  save: (strategyId: string, document: BenefitsDocument) =>
    answer(strategy.benefits.$put({ param: param({ id: strategyId }), json: document })),
  /** The text as the server holds it now, to confirm an insertion arrived. */
  currentText: (strategyId: string) =>
    answer(strategy.versions[':vid'].$get({ param: param({ id: strategyId, vid: CURRENT }) })),
};

/** The SWOT board's entries, oldest first, each with its author. */
export type SwotBoard = Answered<(typeof strategy)['swot']['$get']>;

export const swotApi = {
  list: (strategyId: string) => answer(strategy.swot.$get({ param: param({ id: strategyId }) })),
  add: (strategyId: string, entry: SwotEntryInput) =>
    answer(strategy.swot.$post({ param: param({ id: strategyId }), json: entry })),
  /** The server writes the board into the status appendix (leaders; refused while the text is frozen). */
  insert: (strategyId: string) => answer(strategy.swot.insert.$post({ param: param({ id: strategyId }) })),
};
