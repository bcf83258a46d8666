import { STRATEGY_DEPENDENCY, loadStrategy } from '$lib/strategy-load';
import type { LayoutLoad } from './$types';

// Every page of one strategy gets it from here, loaded once: `data.strategy`. Only the id and the
// pages' invalidation (reloadStrategy) load it again, not every change of the address.
export const load: LayoutLoad = async ({ params, url, depends, untrack }) => {
  depends(STRATEGY_DEPENDENCY);
  const returnTo = untrack(() => url.pathname + url.search);
  return { strategy: await loadStrategy(params.id, returnTo) };
};
