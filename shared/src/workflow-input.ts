import * as z from 'zod';
import { POLITICAL_DECISIONS, QUORUMS } from './workflow';

/**
 * The body of `POST /api/strategies/:id/workflow`: one action with its own fields. Shared so the web
 * refuses what the server would refuse before anything is sent.
 */

export const WORKFLOW_LIMITS = { note: 2_000, minutes: 20_000, name: 200, council: 120, saksnummer: 60 } as const;

const note = z.string().max(WORKFLOW_LIMITS.note).optional();
const isoDate = z.iso.date();
const year = z.number().int().min(2000).max(2100);
/** A content hash as the client read it; a wrong one is a stale approval (409), not a bad request. */
const hash = z.string().min(1).max(128);

export const workflowActionInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('give_mandate'),
    periodStart: year,
    periodEnd: year,
    deadline: isoDate,
    projectLeaderId: z.string().min(1).max(100),
    note,
  }),
  z.object({
    action: z.literal('update_settings'),
    politicalRequired: z.boolean(),
    quorum: z.enum(QUORUMS),
    councils: z.array(z.string().trim().min(1).max(WORKFLOW_LIMITS.council)).min(1).max(20),
    note,
  }),
  z.object({ action: z.literal('start_consultation'), note }),
  z.object({
    action: z.literal('record_meeting'),
    date: isoDate,
    participants: z.array(z.string().trim().min(1).max(WORKFLOW_LIMITS.name)).min(1).max(100),
    minutes: z.string().trim().min(1).max(WORKFLOW_LIMITS.minutes),
    /** Members with the union role, of the recording employer, who took part. */
    unionRepresentativeIds: z.array(z.string().min(1).max(100)).max(100).optional(),
    note,
  }),
  z.object({ action: z.literal('submit'), note }),
  z.object({ action: z.literal('steering_approve'), contentHash: hash, note }),
  z.object({ action: z.literal('steering_return'), contentHash: hash.optional(), note }),
  z.object({ action: z.literal('executive_approve'), contentHash: hash, note }),
  z.object({ action: z.literal('executive_return'), contentHash: hash.optional(), note }),
  z.object({
    action: z.literal('record_decision'),
    council: z.string().trim().min(1).max(WORKFLOW_LIMITS.council).optional(),
    saksnummer: z.string().trim().min(1).max(WORKFLOW_LIMITS.saksnummer),
    meetingDate: isoDate,
    decision: z.enum(POLITICAL_DECISIONS),
    note,
  }),
  z.object({ action: z.literal('adopt_changed_version'), note }),
]);

export type WorkflowActionInput = z.infer<typeof workflowActionInput>;
