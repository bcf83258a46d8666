/** The authorization matrix's rows for action plans (see authorization-matrix.test.ts). */
import type { Row } from './matrix-rows';
import { osloToday } from '@samstrat/shared/status-rounds';
import {
  measure,
  measureSentenceFinding,
  MATRIX_GOAL,
  newMeasure,
  openRound,
  planFixture,
  planInState,
} from './plans-support';
import type { Ctx } from './matrix-support';

const plans = (ctx: Ctx) => `/strategies/${ctx.strategyId}/action-plans`;
const ready = async (ctx: Ctx) => await planFixture(ctx.s, ctx.strategyId);

export const PLAN_ROWS: Row[] = [
  {
    route: 'GET /strategies/:id/action-plans',
    declares: 'plan.read',
    request: (ctx) => ({ path: plans(ctx) }),
  },
  {
    route: 'POST /strategies/:id/action-plans',
    declares: 'plan.manage',
    ok: 201,
    // Only the leader may, once: the last year of the period, which nothing else creates.
    request: async (ctx) => (await ready(ctx), { path: plans(ctx), body: { year: 2030 } }),
    bad: (ctx) => ({ path: plans(ctx), body: { year: 'neste år' } }),
  },
  {
    route: 'GET /strategies/:id/action-plans/:year',
    declares: 'plan.read',
    request: async (ctx) => (await ready(ctx), { path: `${plans(ctx)}/2027` }),
  },
  {
    route: 'GET /strategies/:id/action-plans/:year/report',
    declares: 'export',
    request: async (ctx) => (await ready(ctx), { path: `${plans(ctx)}/2027/report?format=xlsx` }),
    bad: (ctx) => ({ path: `${plans(ctx)}/2027/report?format=exe` }),
  },
  {
    route: 'POST /strategies/:id/action-plans/:year/measures',
    declares: 'plan.manage',
    ok: 201,
    request: async (ctx) => (
      await ready(ctx),
      { path: `${plans(ctx)}/2027/measures`, body: measure(ctx.author.userId, [MATRIX_GOAL]) }
    ),
    bad: (ctx) => ({ path: `${plans(ctx)}/2027/measures`, body: { title: 5 } }),
  },
  {
    route: 'POST /strategies/:id/action-plans/:year/measures/from-text',
    declares: 'measure.moveFromText',
    ok: 201,
    writesText: true,
    request: async (ctx) => ({
      path: `${plans(ctx)}/2027/measures/from-text`,
      body: { sectionKey: 'kommuneportal', findingId: await measureSentenceFinding(ctx.s, ctx.strategyId) },
    }),
    bad: (ctx) => ({ path: `${plans(ctx)}/2027/measures/from-text`, body: { sectionKey: 7 } }),
  },
  {
    route: 'PATCH /strategies/:id/action-plans/:year/measures/:mid',
    declares: 'plan.manage',
    request: async (ctx) => ({
      path: `${plans(ctx)}/2027/measures/${await newMeasure(ctx.s, ctx.strategyId, ctx.author.userId)}`,
      body: { base: { title: measure('', []).title }, changes: { title: 'Nytt navn på tiltaket' } },
    }),
    bad: async (ctx) => ({
      path: `${plans(ctx)}/2027/measures/${await newMeasure(ctx.s, ctx.strategyId, ctx.author.userId)}`,
      body: { changes: { title: 'Uten grunnlag' }, base: {} },
    }),
  },
  {
    route: 'DELETE /strategies/:id/action-plans/:year/measures/:mid',
    declares: 'plan.manage',
    ok: 204,
    request: async (ctx) => ({
      path: `${plans(ctx)}/2027/measures/${await newMeasure(ctx.s, ctx.strategyId, ctx.author.userId)}`,
    }),
  },
  {
    route: 'POST /strategies/:id/action-plans/:year/measures/:mid/status',
    declares: 'measure.reportStatus',
    // Judged on the measure: its owner (the shared author, no principal) or a leader.
    judged: (ctx) => ({ action: 'measure.reportStatus', target: { kind: 'measure', ownerId: ctx.author.userId } }),
    request: async (ctx) => ({
      path: `${plans(ctx)}/2027/measures/${await newMeasure(ctx.s, ctx.strategyId, ctx.author.userId)}/status`,
      body: { status: 'started', note: 'I gang', base: 'planned' },
    }),
    bad: async (ctx) => ({
      path: `${plans(ctx)}/2027/measures/${await newMeasure(ctx.s, ctx.strategyId, ctx.author.userId)}/status`,
      body: { status: 'kanskje', note: '', base: 'planned' },
    }),
  },
  {
    route: 'POST /strategies/:id/action-plans/:year/status-rounds',
    declares: 'plan.statusRound',
    ok: 201,
    request: async (ctx) => (
      await newMeasure(ctx.s, ctx.strategyId, ctx.author.userId),
      { path: `${plans(ctx)}/2027/status-rounds`, body: { dueDate: osloToday(new Date()), message: 'Frist i dag' } }
    ),
    bad: (ctx) => ({ path: `${plans(ctx)}/2027/status-rounds`, body: { dueDate: 'i morgen', message: '' } }),
  },
  {
    route: 'POST /strategies/:id/action-plans/:year/status-rounds/current/reminders',
    declares: 'plan.statusRound',
    request: async (ctx) => (
      await openRound(ctx.s, ctx.strategyId, ctx.author.userId),
      { path: `${plans(ctx)}/2027/status-rounds/current/reminders` }
    ),
  },
  {
    route: 'POST /strategies/:id/action-plans/:year/approval',
    declares: 'plan.approve',
    // A plan of its own year, put back to a draft for each attempt.
    request: async (ctx) => ({
      path: `${plans(ctx)}/2029/approval`,
      body: { contentHash: await planInState(ctx.s, ctx.strategyId, 2029, 'draft') },
    }),
    bad: (ctx) => ({ path: `${plans(ctx)}/2029/approval`, body: { contentHash: 'godkjent' } }),
  },
  {
    route: 'PUT /strategies/:id/action-plans/:year/decision',
    declares: 'plan.recordDecision',
    request: async (ctx) => (
      await planInState(ctx.s, ctx.strategyId, 2029, 'approved'),
      { path: `${plans(ctx)}/2029/decision`, body: { date: '2026-12-14', caseNumber: '2026/1234' } }
    ),
    bad: (ctx) => ({ path: `${plans(ctx)}/2029/decision`, body: { date: '14.12.2026', caseNumber: '' } }),
  },
  {
    route: 'POST /strategies/:id/action-plans/:year/follow-up',
    declares: 'plan.startFollowUp',
    request: async (ctx) => (
      await planInState(ctx.s, ctx.strategyId, 2029, 'approved'),
      { path: `${plans(ctx)}/2029/follow-up` }
    ),
  },
  {
    route: 'GET /action-plans/status-requests',
    declares: 'signedIn',
    request: () => ({ path: '/action-plans/status-requests' }),
  },
];
