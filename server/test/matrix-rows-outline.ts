/**
 * Authorization matrix rows of the outline routes (issue 13, "Outline editing, live"). Each attempt
 * makes its own section straight in the database, so a frozen copy (writesText) has one too.
 */
import { randomUUID } from 'node:crypto';
import { outlineOrder } from '@samstrat/shared/outline';
import { sections } from '../src/db/schema';
import { removedSections } from '../src/db/schema-outline';
import { strategyOutline } from '../src/strategies/content';
import type { Ctx } from './matrix-support';
import type { Row } from './matrix-rows';

/** A new chapter at the end of the outline, written as the outline routes would; answers its key. */
async function newChapter(ctx: Ctx): Promise<string> {
  const key = `matrise-${randomUUID().slice(0, 8)}`;
  await ctx.s.deps.db.transaction(async (tx) => {
    const count = (await strategyOutline(tx, ctx.strategyId)).length;
    await tx.insert(sections).values({
      strategyId: ctx.strategyId,
      key,
      position: count,
      number: String(count + 1),
      title: 'Matrise',
      parentKey: null,
    });
  });
  return key;
}

/** A section in the strategy's removed sections; answers its key. */
async function newRemoved(ctx: Ctx): Promise<string> {
  const key = `fjernet-${randomUUID().slice(0, 8)}`;
  await ctx.s.deps.db.transaction(async (tx) => {
    await tx
      .insert(removedSections)
      .values({ strategyId: ctx.strategyId, key, title: 'Fjernet', number: '9', parentKey: null });
  });
  return key;
}

const base = (ctx: Ctx) => `/strategies/${ctx.strategyId}/sections`;
const tooLong = 'x'.repeat(101);

export const OUTLINE_ROWS: Row[] = [
  {
    route: 'POST /strategies/:id/sections',
    declares: 'outline.edit',
    ok: 201,
    request: (ctx) => ({ path: base(ctx), body: { title: 'Ny del' } }),
    bad: (ctx) => ({ path: base(ctx), body: { title: '' } }),
    writesText: true,
  },
  {
    route: 'PUT /strategies/:id/sections/order',
    declares: 'outline.edit',
    request: async (ctx) => {
      const order = outlineOrder(await strategyOutline(ctx.s.deps.db, ctx.strategyId));
      return { path: `${base(ctx)}/order`, body: { chapters: [...order.chapters].reverse() } };
    },
    bad: (ctx) => ({ path: `${base(ctx)}/order`, body: { chapters: 'alle' } }),
    writesText: true,
  },
  {
    route: 'GET /strategies/:id/sections/removed',
    declares: 'strategy.read',
    request: (ctx) => ({ path: `${base(ctx)}/removed` }),
  },
  {
    route: 'POST /strategies/:id/sections/removed/:key/restore',
    declares: 'outline.edit',
    request: async (ctx) => ({ path: `${base(ctx)}/removed/${await newRemoved(ctx)}/restore` }),
    bad: (ctx) => ({ path: `${base(ctx)}/removed/${tooLong}/restore` }),
    writesText: true,
  },
  {
    route: 'PATCH /strategies/:id/sections/:key/title',
    declares: 'outline.edit',
    request: async (ctx) => ({ path: `${base(ctx)}/${await newChapter(ctx)}/title`, body: { title: 'Nytt navn' } }),
    bad: async (ctx) => ({ path: `${base(ctx)}/${await newChapter(ctx)}/title`, body: { title: 7 } }),
    writesText: true,
  },
  {
    route: 'DELETE /strategies/:id/sections/:key',
    declares: 'outline.edit',
    request: async (ctx) => ({ path: `${base(ctx)}/${await newChapter(ctx)}` }),
    bad: (ctx) => ({ path: `${base(ctx)}/${tooLong}` }),
    writesText: true,
  },
  {
    route: 'PUT /strategies/:id/sections/:key/substrategy',
    declares: 'section.manage',
    request: async (ctx) => ({
      path: `${base(ctx)}/kultur/substrategy`,
      body: { substrategyId: await ctx.newEmptyStrategy() },
    }),
    bad: (ctx) => ({ path: `${base(ctx)}/kultur/substrategy`, body: { substrategyId: 7 } }),
  },
];
