import { Hono } from 'hono';
import { transitionOf } from '@samstrat/shared/workflow';
import { workflowActionInput, type WorkflowActionInput } from '@samstrat/shared/workflow-input';
import type { Locale } from '@samstrat/shared/errors';
import type { Actor } from '@samstrat/shared/access';
import { currentUser, requireUser } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { authorize } from '../strategies/access';
import { validate } from '../validate';
import {
  adoptChangedVersion,
  decideAtGate,
  giveMandate,
  recordMeeting,
  recordPoliticalDecision,
  startConsultation,
  submitToSteering,
  updateSettings,
} from '../workflow/commands';
import type { TransitionResult } from '../workflow/transition';
import { pendingApprovals, workflowView } from '../workflow/view';

function take(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  input: WorkflowActionInput,
  locale: Locale,
): TransitionResult {
  switch (input.action) {
    case 'give_mandate':
      return giveMandate(deps, strategyId, actor, input);
    case 'update_settings':
      return updateSettings(deps, strategyId, actor, input);
    case 'start_consultation':
      return startConsultation(deps, strategyId, actor, input.note);
    case 'record_meeting':
      return recordMeeting(deps, strategyId, actor, input);
    case 'submit':
      return submitToSteering(deps, strategyId, actor, input.note);
    case 'steering_approve':
    case 'steering_return':
      return decideAtGate(deps, strategyId, actor, 'styringsgruppe', {
        decision: input.action === 'steering_approve' ? 'approve' : 'return',
        contentHash: input.contentHash,
        note: input.note,
        locale,
      });
    case 'executive_approve':
    case 'executive_return':
      return decideAtGate(deps, strategyId, actor, 'godkjenning', {
        decision: input.action === 'executive_approve' ? 'approve' : 'return',
        contentHash: input.contentHash,
        note: input.note,
        locale,
      });
    case 'record_decision':
      return recordPoliticalDecision(deps, strategyId, actor, { ...input, locale });
    case 'adopt_changed_version':
      return adoptChangedVersion(deps, strategyId, actor, input.note);
  }
}

/**
 * `/api/strategies/:id/workflow`: the process as the caller sees it (with the actions they may take
 * now), and one action at a time. Not a member → 404; a member whose role may not → 403; the wrong
 * stage or a stale hash → 409 (decided by shared/workflow).
 */
export function workflowRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', (c) => {
      const strategyId = c.req.param('id')!;
      const actor = authorize(deps.db, currentUser(c), strategyId, 'workflow.read');
      return c.json(workflowView(deps, strategyId, actor));
    })
    .post('/', validate('json', workflowActionInput), (c) => {
      const strategyId = c.req.param('id')!;
      const input = c.req.valid('json');
      const actor = authorize(deps.db, currentUser(c), strategyId, transitionOf(input.action).capability);
      const result = take(deps, strategyId, actor, input, c.get('locale'));
      return c.json({
        from: result.from,
        to: result.to,
        contentHash: result.contentHash,
        workflow: workflowView(deps, strategyId, actor),
      });
    });
}

/** `/api/workflow/pending`: the caller's strategies waiting for their approval or decision (the inbox entry). */
export function pendingApprovalRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/pending', (c) => c.json({ pending: pendingApprovals(deps, currentUser(c).id) }));
}
