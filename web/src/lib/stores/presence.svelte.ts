import type { Awareness } from 'y-protocols/awareness';
import type { CollabUser } from '$lib/types';

export interface PresentPerson {
  user: CollabUser;
  /** Key of the section the person last worked in, or null while they only read. */
  section: string | null;
  isSelf: boolean;
}

function asUser(value: unknown): CollabUser | null {
  if (!value || typeof value !== 'object') return null;
  const { id, name, color } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string') return null;
  return { id, name, color: typeof color === 'string' ? color : '#4b5563' };
}

/**
 * Who is on the strategy page, from the awareness states (fields `user` and `section`).
 * One person with several tabs is shown once.
 */
export class Presence {
  people = $state.raw<PresentPerson[]>([]);

  readonly #awareness: Awareness;
  readonly #selfId: string;

  constructor(awareness: Awareness, selfId: string) {
    this.#awareness = awareness;
    this.#selfId = selfId;
    awareness.on('change', this.#refresh);
    this.#refresh();
  }

  destroy(): void {
    this.#awareness.off('change', this.#refresh);
  }

  /** Everyone whose focus is in the given section. */
  inSection(key: string): PresentPerson[] {
    return this.people.filter((person) => person.section === key);
  }

  setSection(key: string | null): void {
    this.#awareness.setLocalStateField('section', key);
  }

  #refresh = (): void => {
    const byUser: Record<string, PresentPerson> = Object.create(null);
    const local = this.#awareness.clientID;
    // The local state first, so this tab's section wins over the user's other tabs.
    const states = [...this.#awareness.getStates().entries()].sort(([a], [b]) =>
      a === local ? -1 : b === local ? 1 : 0,
    );
    for (const [, state] of states) {
      const user = asUser(state.user);
      if (!user) continue;
      const section = typeof state.section === 'string' ? state.section : null;
      const known = byUser[user.id];
      if (known) {
        if (!known.section && section) known.section = section;
        continue;
      }
      byUser[user.id] = { user, section, isSelf: user.id === this.#selfId };
    }
    this.people = Object.values(byUser).sort(
      (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.user.name.localeCompare(b.user.name, 'nb'),
    );
  };
}
