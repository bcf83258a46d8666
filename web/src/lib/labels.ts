import { m } from '$lib/paraglide/messages.js';
import { isStage, type Stage } from '@samstrat/shared/workflow';
import type { Role } from '$lib/types';

/** One name per role; a missing one does not compile. */
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
  return ROLE_LABELS[role]();
}

/** One name per stage of the workflow; a missing one does not compile. */
const STAGE_LABELS: Record<Stage, () => string> = {
  oppstart: m.stage_oppstart,
  utkast: m.stage_utkast,
  horing: m.stage_horing,
  styringsgruppe: m.stage_styringsgruppe,
  godkjenning: m.stage_godkjenning,
  politisk: m.stage_politisk,
  vedtatt: m.stage_vedtatt,
};

/** A stage by its name; one this version does not know (from a newer server) is shown as it is. */
export function stageLabel(stage: Stage | string): string {
  return isStage(stage) ? STAGE_LABELS[stage]() : stage;
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
