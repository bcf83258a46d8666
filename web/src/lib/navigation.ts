import { goto } from '$app/navigation';
import type { ResolvedPathname } from '$app/types';

/**
 * goto() for a path that is already resolved: a resolve() result with a query string, or the
 * in-app path a user came from. The type makes the caller resolve it first.
 */
export function navigate(path: ResolvedPathname, options?: Parameters<typeof goto>[1]): Promise<void> {
  // eslint-disable-next-line svelte/no-navigation-without-resolve -- the parameter's type guarantees it
  return goto(path, options);
}
