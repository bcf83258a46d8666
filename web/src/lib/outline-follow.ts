import { SECTION_ABILITIES } from '@samstrat/shared/access';
import type { OutlineEntry } from '@samstrat/shared/outline';
import type { Section } from '$lib/types';

const NO_ABILITIES = Object.fromEntries(Object.keys(SECTION_ABILITIES).map((k) => [k, false])) as Section['abilities'];

/**
 * What a section the page has not loaded yet (a leader just added or restored it) shows until the
 * strategy is loaded again: its heading, no guidance, and no right to anything.
 */
export function awaitingDetails(): Omit<Section, keyof OutlineEntry> {
  return { guidance: [], exampleGoal: null, owners: [], restricted: false, abilities: NO_ABILITIES, readOnly: null };
}
