import type { OutlineOrder } from '@samstrat/shared/outline';
import { answer, client, param, type Answered } from '$lib/api';

const sections = client.strategies[':id'].sections;

/** A section taken out of the outline ("Fjernede deler"), with its text still in the document. */
export type RemovedSection = Answered<(typeof sections)['removed']['$get']>['removed'][number];

/** The outline routes (issue 13): each change reaches every open page through `outline.changed`. */
export const outlineApi = {
  add: (strategyId: string, title: string, parentKey: string | null) =>
    answer(sections.$post({ param: param({ id: strategyId }), json: { title, parentKey } })).then((r) => r.section),
  rename: (strategyId: string, key: string, title: string) =>
    answer(sections[':key'].title.$patch({ param: param({ id: strategyId, key }), json: { title } })),
  order: (strategyId: string, order: OutlineOrder) =>
    answer(sections.order.$put({ param: param({ id: strategyId }), json: order })),
  remove: (strategyId: string, key: string) =>
    answer(sections[':key'].$delete({ param: param({ id: strategyId, key }) })),
  removed: (strategyId: string) =>
    answer(sections.removed.$get({ param: param({ id: strategyId }) })).then((r) => r.removed),
  restore: (strategyId: string, key: string) =>
    answer(sections.removed[':key'].restore.$post({ param: param({ id: strategyId, key }) })),
  /** Links an area to another strategy as its delstrategi, or unlinks it (`null`). */
  linkSubstrategy: (strategyId: string, key: string, substrategyId: string | null) =>
    answer(sections[':key'].substrategy.$put({ param: param({ id: strategyId, key }), json: { substrategyId } })),
};
