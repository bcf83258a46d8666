import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as z from 'zod';
import {
  createMeasureInput,
  createPlanInput,
  statusUpdateInput,
  updateMeasureInput,
} from '@samstrat/shared/action-plans';
import { present, type Actor, type MeasureTarget, type StrategyTarget } from '@samstrat/shared/access';
import type { AppEnv, Deps } from '../context';
import type { Reader } from '../db/client';
import { actionPlans, measures } from '../db/schema-plans';
import { authorize, onStrategy, signedIn, type Scope } from '../access/authorize';
import { loadStrategyAccess, type StrategyAccess } from '../access/load';
import { validate } from '../validate';
import { notFound } from '../errors';
import { addMeasure, createPlan, deleteMeasure, reportStatus, updateMeasure } from '../plans/commands';
import { moveMeasureFromText } from '../plans/move-from-text';
import { findPlan, listPlans, planView } from '../plans/read';
import { remindStatusRound, roundView, startStatusRound, statusRequestsFor } from '../plans/rounds';
import { approvalView, approvePlan, recordPlanDecision, startFollowUp } from '../plans/approval';
import { statusRoundInput } from '@samstrat/shared/status-rounds';
import { planApproveInput, planDecisionInput } from '@samstrat/shared/plan-approval';
import { currentUser } from '../auth/middleware';
import { planReportDocument } from '../plans/report-document';
import { loadDocx, loadPdf, loadXlsx } from '../export/renderers';
import { recordAudit } from '../audit';
import { strategies } from '../db/schema';
import { strategyOutline } from '../strategies/content';

/** "Flytt til handlingsplanen" on a `measure-in-text` finding: the finding's section and id. */
const moveMeasureInput = z.object({ sectionKey: z.string().min(1).max(100), findingId: z.string().min(1).max(300) });

const reportQuery = z.object({ format: z.enum(['xlsx', 'docx', 'pdf']) });

const REPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/** `Handlingsplan-2027-Eksempel-kommune.xlsx`: ASCII, so every browser and file system keeps it. */
function reportFileName(year: number, municipality: string, extension: string): string {
  const place = municipality
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'Ae')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/å/g, 'a')
    .replace(/Å/g, 'A')
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-');
  return `Handlingsplan-${year}-${place}.${extension}`;
}

const yearParam = (raw: string | undefined): number => {
  const year = Number(raw);
  if (!Number.isInteger(year)) throw notFound();
  return year;
};

/** A route about one measure: the strategy access plus the measure's owner, for `measure.reportStatus`. */
function measureScope(db: Reader): Scope<StrategyAccess & { measure: MeasureTarget }> {
  return {
    load: async (c, user) => {
      const access = await loadStrategyAccess(db, c.req.param('id') ?? '', user);
      if (!access) return null;
      const [row] = await db
        .select({ ownerId: measures.ownerId })
        .from(measures)
        .innerJoin(actionPlans, eq(actionPlans.id, measures.planId))
        .where(
          and(
            eq(measures.id, c.req.param('mid') ?? ''),
            eq(actionPlans.strategyId, access.strategyId),
            eq(actionPlans.year, Number(c.req.param('year'))),
          ),
        )
        .limit(1);
      // A measure that is not there is answered like any: 404 to non-members, else 404 after the role check.
      return { ...access, measure: { kind: 'measure', ownerId: row?.ownerId ?? '', strategy: access.strategy } };
    },
    target: (loaded, action) => (action === 'measure.reportStatus' ? loaded.measure : loaded.strategy),
  };
}

/** What the caller may do with the strategy's plans (the web app shows its buttons by these). */
function planAbilities(actor: Actor, strategy: StrategyTarget) {
  return present(actor, strategy, {
    manage: 'plan.manage',
    statusRound: 'plan.statusRound',
    approve: 'plan.approve',
    recordDecision: 'plan.recordDecision',
    startFollowUp: 'plan.startFollowUp',
  });
}

/**
 * `/api/strategies/:id/action-plans`: the strategy's action plans by year and their measures.
 * Members read; leaders create plans and manage measures; a measure's owner (or a leader) reports
 * its status. Edits are merged field by field; a conflict answers 409 with both values.
 */
export function actionPlanRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', onStrategy(deps.db, 'plan.read'), async (c) => {
      const { strategyId, actor, strategy } = c.var.access;
      return c.json({
        ...(await listPlans(deps.db, strategyId)),
        abilities: planAbilities(actor, strategy),
      });
    })
    .post('/', onStrategy(deps.db, 'plan.manage'), validate('json', createPlanInput), async (c) => {
      const { strategyId, actor } = c.var.access;
      const { year } = c.req.valid('json');
      await createPlan(deps, strategyId, actor.userId, year);
      return c.json((await planView(deps, strategyId, year, actor))!, 201);
    })
    .get('/:year', onStrategy(deps.db, 'plan.read'), async (c) => {
      const { strategyId, actor, strategy } = c.var.access;
      const year = yearParam(c.req.param('year'));
      const view = await planView(deps, strategyId, year, actor);
      const plan = view && (await findPlan(deps.db, strategyId, year));
      if (!view || !plan) throw notFound();
      const abilities = planAbilities(actor, strategy);
      return c.json({
        ...view,
        approval: await approvalView(deps.db, plan),
        // Who has not answered is for those who run the rounds.
        round: abilities.statusRound ? await roundView(deps.db, plan.id) : null,
        abilities,
      });
    })
    .get('/:year/report', onStrategy(deps.db, 'export'), validate('query', reportQuery), async (c) => {
      const { strategyId, actor } = c.var.access;
      const year = yearParam(c.req.param('year'));
      const view = await planView(deps, strategyId, year, actor);
      if (!view) throw notFound();
      const [strategy] = await deps.db
        .select({ title: strategies.title, municipality: strategies.municipality })
        .from(strategies)
        .where(eq(strategies.id, strategyId))
        .limit(1);
      const outline = await strategyOutline(deps.db, strategyId);
      const sections = new Map(outline.map((s) => [s.key, `${s.number} ${s.title}`.trim()]));
      const { format } = c.req.valid('query');
      const meta = { strategyTitle: strategy?.title ?? '', municipality: strategy?.municipality ?? '' };
      const body =
        format === 'xlsx'
          ? await (await loadXlsx()).renderPlanXlsx(view, { ...meta, sections }, c.get('locale'))
          : format === 'docx'
            ? await (await loadDocx()).renderDocx(planReportDocument(view, { ...meta, areas: sections }))
            : (await (await loadPdf()).renderPdf(planReportDocument(view, { ...meta, areas: sections }))).data;
      await recordAudit(deps.db, {
        action: 'strategy.exported',
        strategyId,
        actorId: actor.userId,
        detail: { format, report: 'action-plan', year },
      });
      const name = reportFileName(year, strategy?.municipality ?? '', format);
      return c.body(new Uint8Array(body), 200, {
        'content-type': REPORT_TYPES[format],
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      });
    })
    .post('/:year/measures', onStrategy(deps.db, 'plan.manage'), validate('json', createMeasureInput), async (c) => {
      const { strategyId, actor } = c.var.access;
      const id = await addMeasure(deps, strategyId, actor.userId, yearParam(c.req.param('year')), c.req.valid('json'));
      return c.json({ id }, 201);
    })
    .patch(
      '/:year/measures/:mid',
      onStrategy(deps.db, 'plan.manage'),
      validate('json', updateMeasureInput),
      async (c) => {
        const { strategyId, actor } = c.var.access;
        const year = yearParam(c.req.param('year'));
        await updateMeasure(deps, strategyId, actor.userId, year, c.req.param('mid'), c.req.valid('json'));
        return c.json({ ok: true as const });
      },
    )
    .post(
      '/:year/measures/from-text',
      onStrategy(deps.db, 'measure.moveFromText'),
      validate('json', moveMeasureInput),
      async (c) => {
        const year = yearParam(c.req.param('year'));
        const id = await moveMeasureFromText(deps, c.var.access, year, c.req.valid('json'));
        return c.json({ id }, 201);
      },
    )
    .delete('/:year/measures/:mid', onStrategy(deps.db, 'plan.manage'), async (c) => {
      const { strategyId, actor } = c.var.access;
      await deleteMeasure(deps, strategyId, actor.userId, yearParam(c.req.param('year')), c.req.param('mid'));
      return c.body(null, 204);
    })
    .post(
      '/:year/status-rounds',
      onStrategy(deps.db, 'plan.statusRound'),
      validate('json', statusRoundInput),
      async (c) => {
        const { strategyId, actor } = c.var.access;
        const year = yearParam(c.req.param('year'));
        const id = await startStatusRound(deps, strategyId, actor.userId, year, c.req.valid('json'));
        return c.json({ id }, 201);
      },
    )
    .post('/:year/status-rounds/current/reminders', onStrategy(deps.db, 'plan.statusRound'), async (c) => {
      const { strategyId, actor } = c.var.access;
      const reminded = await remindStatusRound(deps, strategyId, actor.userId, yearParam(c.req.param('year')));
      return c.json({ reminded });
    })
    .post('/:year/approval', onStrategy(deps.db, 'plan.approve'), validate('json', planApproveInput), async (c) => {
      const { strategyId, actor } = c.var.access;
      const year = yearParam(c.req.param('year'));
      await approvePlan(deps, strategyId, actor.userId, year, c.req.valid('json').contentHash);
      return c.json({ ok: true as const });
    })
    .put(
      '/:year/decision',
      onStrategy(deps.db, 'plan.recordDecision'),
      validate('json', planDecisionInput),
      async (c) => {
        const { strategyId, actor } = c.var.access;
        const year = yearParam(c.req.param('year'));
        await recordPlanDecision(deps, strategyId, actor.userId, year, c.req.valid('json'));
        return c.json({ ok: true as const });
      },
    )
    .post('/:year/follow-up', onStrategy(deps.db, 'plan.startFollowUp'), async (c) => {
      const { strategyId, actor } = c.var.access;
      await startFollowUp(deps, strategyId, actor.userId, yearParam(c.req.param('year')));
      return c.json({ ok: true as const });
    })
    .post(
      '/:year/measures/:mid/status',
      authorize(measureScope(deps.db), ['measure.reportStatus']),
      validate('json', statusUpdateInput),
      async (c) => {
        const { strategyId, actor } = c.var.access;
        const year = yearParam(c.req.param('year'));
        await reportStatus(deps, strategyId, actor, year, c.req.param('mid'), c.req.valid('json'));
        return c.json({ ok: true as const });
      },
    );
}

/**
 * `/api/action-plans/status-requests`: the caller's inbox of status requests, across strategies
 * (as `/api/workflow/pending` is for approvals). Each entry is answered through the measure's
 * status route above.
 */
export function statusRequestRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/status-requests', signedIn(), async (c) =>
    c.json({ requests: await statusRequestsFor(deps.db, currentUser(c).id) }),
  );
}
