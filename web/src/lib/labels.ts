import { m } from '$lib/paraglide/messages.js';
import type { Role } from '$lib/types';

const ROLE_LABELS: Record<Role, () => string> = {
  executive: m.role_executive,
  steering: m.role_steering,
  leader: m.role_leader,
  editor: m.role_editor,
  union: m.role_union,
  advisor: m.role_advisor,
  viewer: m.role_viewer,
};

export function roleLabel(role: Role): string {
  return (ROLE_LABELS[role] ?? (() => role))();
}

// The workflow's stage ids live in the server (and later shared/workflow); accept the spellings a
// slug of product.md's stage names can take, and show an unknown one as it is.
const STAGE_LABELS: Record<string, () => string> = {
  oppstart: m.stage_oppstart,
  utkast: m.stage_utkast,
  horing: m.stage_horing,
  intern_horing: m.stage_horing,
  styringsgruppe: m.stage_styringsgruppe,
  godkjenning: m.stage_godkjenning,
  kommunedirektor: m.stage_godkjenning,
  kommunedirektorens_godkjenning: m.stage_godkjenning,
  politisk: m.stage_politisk,
  politisk_behandling: m.stage_politisk,
  vedtatt: m.stage_vedtatt,
};

export function stageLabel(stage: string): string {
  const slug = stage
    .toLowerCase()
    .replaceAll('ø', 'o')
    .replaceAll('æ', 'ae')
    .replaceAll('å', 'a')
    .replace(/[^a-z]+/g, '_');
  const label = STAGE_LABELS[slug];
  return label ? label() : stage;
}

/** "4.1 Kommuneportal" */
export function sectionName(section: { number: string; title: string }): string {
  return section.number ? `${section.number} ${section.title}` : section.title;
}

/** Names joined the way the language joins lists ("Kari, Ola og Per"). */
export function joinNames(names: string[], locale: string): string {
  const lang = locale === 'en' ? 'en' : locale === 'nn' ? 'nn' : 'nb';
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);
}
