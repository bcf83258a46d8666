import { executiveWords, type ExecutiveWords } from '@samstrat/shared/executive-title';
import { executiveRoleLabel } from '@samstrat/shared/organization';
import { organizationSettings } from '$lib/stores/organization.svelte';
import type { Locale } from '@samstrat/shared/errors';
import type { Role } from '@samstrat/shared/roles';
import {
  ACTION_LABELS,
  DECISION_LABELS,
  QUORUM_LABELS,
  STAGE_DESCRIPTIONS,
  STAGE_LABELS,
  isStage,
  isWorkflowAction,
  workflowLabel,
  type PoliticalDecision,
  type Quorum,
  type Stage,
} from '@samstrat/shared/workflow';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

/** The person's language, as the labels in shared/ are keyed. */
export function localeOf(): Locale {
  const current = getLocale();
  return current === 'nn' || current === 'en' ? current : 'nb';
}

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

/** The executive's title the pages name: on a strategy's pages the strategy's own organization's, elsewhere the person's own. */
const executiveTitle = () => organizationSettings.strategyExecutiveTitle ?? organizationSettings.executiveTitle;

// The labels that name the executive take the title as their last argument, by default the pages'
// (above). A list of strategies outside a strategy's pages passes each strategy's own (its summary
// carries `executiveTitle`): a joint strategy's host may say rådmann where the person's own
// organization says kommunedirektør.

/** A role's name; the executive's follows the organization's title ("Rådmann" where it is set so). */
export function roleLabel(role: Role, title: string | null = executiveTitle()): string {
  if (role === 'executive') return executiveRoleLabel(title, getLocale(), m.role_executive());
  return ROLE_LABELS[role]();
}

/**
 * The words for the executive in the person's language, by that title ("rådmannen", "rådmannens"):
 * the parameters of every catalog message that names the executive.
 */
export const executive = (): ExecutiveWords => executiveWords(executiveTitle(), localeOf());

// The workflow's words (stages, actions, decisions, quorums) are data in shared/workflow, keyed by
// their typed unions, so the pages, the exports and the server's messages name them alike.

/** A stage by its name; one this version does not know (a version saved by a newer server) as it is. */
export function stageLabel(stage: Stage | string, title: string | null = executiveTitle()): string {
  return isStage(stage) ? workflowLabel(STAGE_LABELS[stage], localeOf(), title) : stage;
}

/** What happens in the stage, one sentence. */
export const stageDescription = (stage: Stage) =>
  workflowLabel(STAGE_DESCRIPTIONS[stage], localeOf(), executiveTitle());

/** A workflow action by its name; one this version does not know as it is. */
export const actionName = (action: string) =>
  isWorkflowAction(action) ? workflowLabel(ACTION_LABELS[action], localeOf()) : action;

export const decisionName = (decision: PoliticalDecision) => workflowLabel(DECISION_LABELS[decision], localeOf());
export const quorumName = (quorum: Quorum) => workflowLabel(QUORUM_LABELS[quorum], localeOf());

/** "4.1 Kommuneportal" */
export function sectionName(section: { number: string; title: string }): string {
  return section.number ? `${section.number} ${section.title}` : section.title;
}

/** Names joined the way the language joins lists ("Kari, Ola og Per"). */
export function joinNames(names: string[], locale: string): string {
  const lang = locale === 'en' ? 'en' : locale === 'nn' ? 'nn' : 'nb';
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);
}
