/**
 * `AppType` is the whole API's type: a client made with `hc<AppType>` from `hono/client` knows every
 * route's path, input and answer. The type assertions below are checked by `tsc -p server` (npm run
 * lint); the calls run against a real server, so the types describe what really comes back.
 */
import { hc, type InferRequestType, type InferResponseType } from 'hono/client';
import type { ReadOnlyReason, StrategyAbilities } from '@samstrat/shared/access';
import type { ThreadView } from '@samstrat/shared/comments';
import type { Role } from '@samstrat/shared/roles';
import type { Stage } from '@samstrat/shared/workflow';
import type { WorkflowView } from '@samstrat/shared/workflow-view';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { AppType } from '../src/app';
import type { UserView } from '../src/auth/user-view';
import { startTestServer, type TestServer } from './harness';

let s: TestServer;
let strategyId: string;
let client: ReturnType<typeof hc<AppType>>;

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  const cookie = await s.login('leder@eksempel.no');
  client = hc<AppType>(`${s.url}/api`, { headers: { cookie, origin: s.url } });
});
afterAll(() => s.close());

describe('hc<AppType>', () => {
  it('types the strategy list and one strategy with its abilities, and they arrive as typed', async () => {
    type List = InferResponseType<typeof client.strategies.$get, 200>;
    expectTypeOf<List[number]['stage']>().toEqualTypeOf<Stage>();
    expectTypeOf<List[number]['role']>().toEqualTypeOf<Role>();
    type Detail = InferResponseType<(typeof client.strategies)[':id']['$get'], 200>;
    expectTypeOf<Detail['abilities']>().toEqualTypeOf<StrategyAbilities>();
    expectTypeOf<Detail['sections'][number]['abilities']['edit']>().toEqualTypeOf<boolean>();
    expectTypeOf<Detail['sections'][number]['readOnly']>().toEqualTypeOf<ReadOnlyReason | null>();

    const res = await client.strategies[':id'].$get({ param: { id: strategyId } });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const detail = await res.json();
    expect(detail.stage).toBe('utkast');
    expect(detail.abilities.edit).toBe(true);
    expect(detail.sections.length).toBeGreaterThan(0);
  });

  it("types a route's input from its validator and its answer from the handler", async () => {
    type NewComment = InferRequestType<(typeof client.strategies)[':id']['comments']['$post']>['json'];
    expectTypeOf<NewComment['sectionKey']>().toEqualTypeOf<string>();
    type Created = InferResponseType<(typeof client.strategies)[':id']['comments']['$post'], 201>;
    expectTypeOf<Created>().toEqualTypeOf<ThreadView>();
    type Workflow = InferResponseType<(typeof client.strategies)[':id']['workflow']['$get'], 200>;
    expectTypeOf<Workflow>().toEqualTypeOf<WorkflowView>();

    const res = await client.strategies[':id'].workflow.$get({ param: { id: strategyId } });
    expect(res.status).toBe(200);
    if (res.status === 200) expect((await res.json()).stage).toBe('utkast');
  });

  it('keeps error bodies out of the success types, so a 2xx answer is only what the handler returns', async () => {
    // errorJson answers with 4xx/5xx statuses only; typed as any status, the login's 429 body would
    // count among its 200 answers.
    expectTypeOf<InferResponseType<typeof client.auth.login.$post, 200>>().toEqualTypeOf<{ user: UserView }>();
    type Me = InferResponseType<typeof client.me.$get, 200>;
    expectTypeOf<Me>().toEqualTypeOf<{ user: UserView }>();
    const me = await client.me.$get();
    expect(me.status).toBe(200);
    if (me.status === 200) expect((await me.json()).user.abilities.manageAccounts).toBe(true);
  });

  it('types the error answers too, in the one error shape', async () => {
    const res = await client.strategies[':id'].$get({ param: { id: 'finnes-ikke' } });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error?: { code: string } };
    expect(body.error?.code).toBe('not_found');
    const health = await client.health.$get();
    expectTypeOf<InferResponseType<typeof client.health.$get>>().toEqualTypeOf<{ ok: true }>();
    expect(await health.json()).toEqual({ ok: true });
  });
});
