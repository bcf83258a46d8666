import { Hono } from 'hono';
import { isWorkflowAction, TRANSITIONS, transitionOf } from '@samstrat/shared/workflow';
import { workflowActionInput, type WorkflowActionInput } from '@samstrat/shared/workflow-input';
import type { Locale } from '@samstrat/shared/errors';
import type { Actor } from '@samstrat/shared/access';
import { currentUser } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { authorize, onStrategy, signedIn, strategyScope, type ActionChooser } from '../access/authorize';
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

async function take(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  organizationId: string,
  input: WorkflowActionInput,
  locale: Locale,
): Promise<TransitionResult> {
  switch (input.action) {
    case 'give_mandate':
      return await giveMandate(deps, strategyId, actor, input);
    case 'update_settings':
      return await updateSettings(deps, strategyId, actor, input);
    case 'start_consultation':
      return await startConsultation(deps, strategyId, actor, input.note);
    case 'record_meeting':
      return await recordMeeting(deps, strategyId, actor, organizationId, input);
    case 'submit':
      return await submitToSteering(deps, strategyId, actor, input.note);
    case 'steering_approve':
    case 'steering_return':
      return await decideAtGate(deps, strategyId, actor, 'styringsgruppe', {
        decision: input.action === 'steering_approve' ? 'approve' : 'return',
        contentHash: input.contentHash,
        note: input.note,
        locale,
      });
    case 'executive_approve':
    case 'executive_return':
      return await decideAtGate(deps, strategyId, actor, 'godkjenning', {
        decision: input.action === 'executive_approve' ? 'approve' : 'return',
        contentHash: input.contentHash,
        note: input.note,
        locale,
      });
    case 'record_decision':
      return await recordPoliticalDecision(deps, strategyId, actor, organizationId, { ...input, locale });
    case 'adopt_changed_version':
      return await adoptChangedVersion(deps, strategyId, actor, input.note);
  }
}

/** Every capability some workflow action needs: a caller holding none is refused whatever they send. */
const WORKFLOW_CAPABILITIES = [...new Set(TRANSITIONS.map((t) => t.capability))];

/** The capability of the action the body names, read before the body is validated. */
const workflowCapability: ActionChooser = (body) => {
  const action = typeof body === 'object' && body !== null ? (body as { action?: unknown }).action : undefined;
  return isWorkflowAction(action) ? [transitionOf(action).capability] : null;
};

/**
 * `/api/strategies/:id/workflow`: the process as the caller sees it (with the actions they may take
 * now), and one action at a time. Not a member → 404; a member whose role may not → 403; the wrong
 * stage or a stale hash → 409 (decided by shared/workflow).
 */
export function workflowRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', onStrategy(deps.db, 'workflow.read'), async (c) => {
      const { strategyId, actor } = c.var.access;
      return c.json(await workflowView(deps, strategyId, actor));
    })
    .post(
      '/',
      authorize(strategyScope(deps.db), WORKFLOW_CAPABILITIES, workflowCapability),
      validate('json', workflowActionInput),
      async (c) => {
        const { strategyId, actor } = c.var.access;
        const input = c.req.valid('json');
        const result = await take(deps, strategyId, actor, c.get('user')!.organizationId, input, c.get('locale'));
        return c.json({
          from: result.from,
          to: result.to,
          contentHash: result.contentHash,
          workflow: await workflowView(deps, strategyId, actor),
        });
      },
    );
}

/** `/api/workflow/pending`: the caller's strategies waiting for their approval or decision (the inbox entry). */
export function pendingApprovalRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/pending', signedIn(), async (c) =>
    c.json({ pending: await pendingApprovals(deps, currentUser(c).id) }),
  );
}
