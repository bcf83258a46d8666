import type { Answered, client } from '$lib/api';

export type { Role } from '@samstrat/shared/roles';

// The shapes of the API's answers, read from the server's routes (never written out again here).

/** The signed-in person (`/api/me`, the login's answer). */
export type User = Answered<typeof client.me.$get>['user'];

/** One strategy of the caller's list (`/api/strategies`). */
export type StrategySummary = Answered<typeof client.strategies.$get>[number];

/** One strategy with its outline and the caller's abilities (`/api/strategies/:id`). */
export type Strategy = Answered<(typeof client.strategies)[':id']['$get']>;

/** A section of the outline, with its abilities and why it is read-only, if it is. */
export type Section = Strategy['sections'][number];

/** The user as the collaboration layer shows them to others (awareness field `user`). */
export interface CollabUser {
  id: string;
  name: string;
  color: string;
}
