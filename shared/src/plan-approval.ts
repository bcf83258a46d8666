// The approval of an action plan (issue 16, deliverable 6): the executive approves a draft, the
// municipality may record its political decision (with the budget and økonomiplan), then the plan is
// followed up. The approval is bound to a hash of the plan's content — what was approved — so a
// change of content afterwards voids it visibly, while status reports during follow-up do not.
import { sha256 } from '@oslojs/crypto/sha2';
import { z } from 'zod';
import { canonicalJson, type MeasureFields, type PlanState } from './action-plans';

/**
 * The fields of a measure that are the plan's content (measures, goals, owners, budgets, targets):
 * what the executive approves. Status and the status notes are follow-up, not content; the
 * description, unit and union discussion are also content, as they say what the measure is.
 */
export const CONTENT_FIELDS = [
  'title',
  'description',
  'goalIds',
  'ownerId',
  'unitName',
  'sectionKey',
  'startYear',
  'endYear',
  'budget',
  'expectedBenefit',
  'indicators',
  'changesWork',
  'unionDiscussion',
] as const satisfies readonly (keyof MeasureFields)[];

/**
 * An indicator's content: its name, unit, baseline, target and source. Its actual values per year
 * are measured during follow-up, so they are left out like the status.
 */
function indicatorContent(indicator: MeasureFields['indicators'][number]) {
  const { actual: _actual, ...content } = indicator;
  return content;
}

/**
 * SHA-256 (lowercase hex) of the plan's content: its year and each measure's content fields, in the
 * plan's order (an order the leader chose is content too). Same content, same hash, whatever the key
 * order of the stored JSON; status, status notes and actual indicator values never change it.
 */
export function planContentHash(year: number, measures: readonly MeasureFields[]): string {
  const content = measures.map((m) => {
    const picked: Record<string, unknown> = {};
    for (const field of CONTENT_FIELDS) picked[field] = m[field];
    picked.indicators = m.indicators.map(indicatorContent);
    return picked;
  });
  const bytes = sha256(new TextEncoder().encode(canonicalJson({ year, measures: content })));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether the recorded approval still holds: the plan is approved or followed up and its content
 * hash is the one approved. A draft has no approval to hold.
 */
export function approvalHolds(state: PlanState, approvedHash: string | null, currentHash: string): boolean {
  return state !== 'draft' && approvedHash !== null && approvedHash === currentHash;
}

/** The transitions of a plan and the state each needs. `approve` is also how a voided approval is renewed. */
export const PLAN_TRANSITIONS = {
  /** The executive approves the plan's content as it is now. */
  approve: ['draft', 'approved', 'followUp'],
  /** Follow-up starts once the plan is approved (and its approval holds). */
  startFollowUp: ['approved'],
} as const satisfies Record<string, readonly PlanState[]>;
export type PlanTransition = keyof typeof PLAN_TRANSITIONS;

/**
 * What keeps a transition from being taken, as a catalogue code, or null when it may be:
 * `plan_state_invalid` (the plan is not in a state the transition starts from),
 * `plan_approval_current` (approving content already approved as it is), `plan_approval_void`
 * (starting follow-up when the content changed since it was approved).
 */
export function transitionProblem(
  transition: PlanTransition,
  state: PlanState,
  approvedHash: string | null,
  currentHash: string,
): 'plan_state_invalid' | 'plan_approval_current' | 'plan_approval_void' | null {
  if (!(PLAN_TRANSITIONS[transition] as readonly PlanState[]).includes(state)) return 'plan_state_invalid';
  const holds = approvalHolds(state, approvedHash, currentHash);
  if (transition === 'approve') return holds ? 'plan_approval_current' : null;
  return holds ? null : 'plan_approval_void';
}

/** A political decision on the plan (kommunestyret with the budget and økonomiplan): its date and case number. */
export const planDecisionInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'plan_date_invalid'),
  caseNumber: z.string().trim().min(1, 'plan_case_number_required').max(50, 'plan_text_too_long'),
});
export type PlanDecisionInput = z.infer<typeof planDecisionInput>;

/** `POST …/:year/approval`: the hash the approver saw, so content changed meanwhile is not approved unseen. */
export const planApproveInput = z.object({ contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'bad_request') });
