/**
 * Joint strategies (interkommunalt samarbeid, issue 13 deliverable 2): several municipalities of the
 * installation write one strategy. Plain data and pure functions; the server enforces them.
 *
 * Who may make a strategy joint. Only an admin of the creating organization may name other
 * organizations as participants, and only organizations the installation has: taking part in an
 * inter-municipal strategy commits the municipality, an administrative decision an account allowed
 * merely to create strategies does not hold. Naming them is a proposal, not a grant: nobody of the
 * other organization gets a role or reads a word until one of that organization's own admins invites
 * them. The strategy becomes visible to the other organization's admins (in their strategy list, as
 * a participant) so they can invite their people; archiving and deleting stay with the creating
 * organization. This mirrors how a host municipality (vertskommune) runs a joint project while each
 * municipality staffs it and decides for itself (kommuneloven ch. 17–20).
 *
 * What each participant keeps for itself: its council adopts the strategy for it (the strategy is
 * Vedtatt only when every participating council has adopted it, shared/workflow), a decision is
 * recorded by that organization's own people, and each employer holds its own drøftingsmøte with its
 * own union representatives (Hovedavtalen § 1-4 binds an employer to its own unions).
 */

/** At most this many organizations in one strategy, the creating one included. */
export const MAX_PARTICIPANTS = 10;

/** A participating organization as the workflow binds it: its council records its decision. */
export interface Participant {
  organizationId: string;
  council: string;
}

/**
 * The council that adopts a strategy for one participant, named so that two participants' councils
 * never read alike: "Kommunestyret i Eksempel kommune".
 */
export function councilOf(organizationName: string): string {
  return `Kommunestyret i ${organizationName.trim()}`;
}

/**
 * The participants of a new strategy, the creating organization first, each once. `others` are the
 * organization ids the creator named; the creating organization among them is ignored.
 */
export function participantIds(creatingOrganizationId: string, others: readonly string[]): string[] {
  return [...new Set([creatingOrganizationId, ...others])];
}

/**
 * The councils of a joint strategy by the organization each decides for: what `record_decision`
 * checks (a council's decision is recorded by its own organization's people). Empty for a strategy
 * of one organization, whose councils anyone allowed may record.
 */
export function councilOrganizations(participants: readonly Participant[]): Record<string, string> {
  if (participants.length < 2) return {};
  return Object.fromEntries(participants.map((p) => [p.council, p.organizationId]));
}

/**
 * Whether a workflow settings change keeps the councils of a joint strategy: they are bound to the
 * participants, so the set must stay the same (order aside). Always true for one organization.
 */
export function keepsBoundCouncils(participants: readonly Participant[], councils: readonly string[]): boolean {
  if (participants.length < 2) return true;
  const bound = new Set(participants.map((p) => p.council));
  const asked = new Set(councils.map((c) => c.trim()));
  return bound.size === asked.size && [...bound].every((c) => asked.has(c));
}
