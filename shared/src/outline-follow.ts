import type { OutlineEntry } from './outline';

/**
 * How an open strategy page follows the outline (issue 13, "everyone with the page open sees the new
 * outline within a second"). An `outline.changed` event carries the whole outline; the page shows it
 * at once and keeps every section object whose outline did not change, so nothing is drawn again for
 * it (a keyed list with the same object does no work, and an editor is never rebuilt). A section
 * the page has never had (added or restored) gets the outline's fields and `details(entry)` until the
 * page has loaded what is the member's own (abilities, guidance, owners).
 */
export function followOutline<S extends OutlineEntry>(
  shown: readonly S[],
  outline: readonly OutlineEntry[],
  details: (entry: OutlineEntry) => Omit<S, keyof OutlineEntry>,
): S[] {
  const byKey = new Map(shown.map((section) => [section.key, section]));
  return outline.map((entry) => {
    const section = byKey.get(entry.key);
    if (!section) return { ...details(entry), ...entry } as S;
    return sameEntry(section, entry) ? section : { ...section, ...outlineFields(entry) };
  });
}

/**
 * The newly loaded sections, keeping the shown object of each that is the same in every field, so a
 * reload that brought nothing new for a section draws nothing again for it.
 */
export function keepUnchanged<S extends { key: string }>(shown: readonly S[], loaded: readonly S[]): S[] {
  const byKey = new Map(shown.map((section) => [section.key, section]));
  return loaded.map((section) => {
    const old = byKey.get(section.key);
    return old && JSON.stringify(old) === JSON.stringify(section) ? old : section;
  });
}

/** Whether `sections` already show `outline`: the same sections in the same order, each as it says. */
export function showsOutline(sections: readonly OutlineEntry[], outline: readonly OutlineEntry[]): boolean {
  return sections.length === outline.length && outline.every((entry, i) => sameEntry(sections[i]!, entry));
}

function outlineFields({ key, number, title, parentKey, substrategy }: OutlineEntry): OutlineEntry {
  return { key, number, title, parentKey, substrategy };
}

function sameEntry(section: OutlineEntry, entry: OutlineEntry): boolean {
  return (
    section.key === entry.key &&
    section.number === entry.number &&
    section.title === entry.title &&
    section.parentKey === entry.parentKey &&
    JSON.stringify(section.substrategy) === JSON.stringify(entry.substrategy)
  );
}
