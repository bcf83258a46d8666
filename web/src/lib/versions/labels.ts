import { getLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import type { Section } from '$lib/types';
import type { VersionKind, VersionSummary } from '$lib/versions-api';

/** How each kind of version came to be, as the list shows it. */
export const VERSION_KIND_LABEL: Record<VersionKind, () => string> = {
  named: m.versions_kind_named,
  gate: m.versions_kind_gate,
  hourly: m.versions_kind_hourly,
};

/** The version's name, or "Version N" for one saved automatically. */
export function versionLabel(version: VersionSummary): string {
  return version.name ?? m.versions_unnamed({ number: String(version.number) });
}

/** Date and time of an ISO timestamp, in the person's language. */
export function versionTime(iso: string): string {
  const locale = getLocale() === 'en' ? 'en-GB' : getLocale() === 'nn' ? 'nn-NO' : 'nb-NO';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Whether the person may restore this section's text from a version (the server decides; this offers). */
export function mayRestore(section: Section | undefined): boolean {
  return section?.abilities.restoreVersions ?? false;
}
