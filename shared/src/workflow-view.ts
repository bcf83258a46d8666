import type { Finding } from './lint';
import type { PoliticalDecision, Quorum, Stage, WorkflowAction } from './workflow';

// The shape of `GET /api/strategies/:id/workflow`, written once for the server that builds it
// and the web app that reads it.

export interface Person {
  id: string;
  name: string;
}

/** Where the adopted version is published, once the strategy is Vedtatt. */
export interface Publication {
  slug: string;
  path: string;
  contentHash: string;
  versionId: string;
  publishedAt: string;
}

export interface WorkflowView {
  stage: Stage;
  frozen: boolean;
  /** The hash approvals name now: the candidate's when there is one, else the text's as it is now. */
  contentHash: string;
  /** The text's hash as it is now (equals the candidate's while frozen). */
  currentHash: string;
  round: number;
  candidate: { versionId: string; number: number; contentHash: string; createdAt: string } | null;
  settings: { politicalRequired: boolean; quorum: Quorum; councils: string[] };
  changesPending: boolean;
  /** The actions the caller may take now (shared/workflow availableActions). */
  actions: WorkflowAction[];
  /** Open quality-check findings, shown as warnings before submitting to a gate (never a block). */
  gateFindings: Finding[];
  /** The steering gate of the current round: who has decided, and how many approvals the quorum needs. */
  steering: { needed: number; approved: number; members: { id: string; name: string; approved: boolean }[] };
  approvals: {
    id: string;
    round: number;
    stage: string;
    user: Person | null;
    decision: 'approve' | 'return';
    reason: string | null;
    contentHash: string;
    versionId: string | null;
    at: string;
  }[];
  history: {
    id: number;
    from: string;
    to: string;
    action: string;
    actor: Person | null;
    note: string | null;
    versionId: string | null;
    versionNumber: number | null;
    contentHash: string | null;
    at: string;
  }[];
  mandate: {
    periodStart: number;
    periodEnd: number;
    deadline: string;
    projectLeader: Person | null;
    note: string | null;
    givenBy: Person | null;
    givenAt: string;
  } | null;
  meetings: {
    id: string;
    date: string;
    participants: string[];
    minutes: string;
    /** The employer that held it: in a joint strategy each participating organization holds its own. */
    organizationId: string | null;
    /** Its union representatives among the strategy's members (each of that employer). */
    unionRepresentativeIds: string[];
    recordedBy: Person | null;
    recordedAt: string;
  }[];
  decisions: {
    id: string;
    round: number;
    council: string;
    saksnummer: string;
    meetingDate: string;
    decision: PoliticalDecision;
    note: string | null;
    appliedVersionId: string | null;
    recordedBy: Person | null;
    at: string;
  }[];
  councilsWaiting: string[];
  /** Members who may be named project leader in a mandate. */
  projectLeaderCandidates: Person[];
  /** The strategy's union representatives of the caller's own organization, for the drøftingsmøte it records. */
  unionRepresentativeCandidates: Person[];
  publication: Publication | null;
}
