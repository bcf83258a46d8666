import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BENEFIT_INPUT, type BenefitsDocument } from '@samstrat/shared/benefits';
import type { StrategyEvent } from '@samstrat/shared/events';
import { createOrganization } from '../src/accounts';
import { hashPassword } from '../src/auth/password';
import { users } from '../src/db/schema';
import { auditLog } from '../src/db/schema-audit';
import { startTestServer, type TestServer } from './harness';

const LEADER = 'leder@eksempel.no';

let s: TestServer;
let strategyId: string;
beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
});
afterAll(() => s.close());

async function call(method: 'GET' | 'PUT', email: string, body?: unknown, id = strategyId) {
  const headers: Record<string, string> = { cookie: await s.login(email) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${s.url}/api/strategies/${id}/benefits`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const document = (change: (d: BenefitsDocument) => void = () => {}): BenefitsDocument => {
  const d: BenefitsDocument = { input: structuredClone(DEFAULT_BENEFIT_INPUT), statusScore: 230 };
  change(d);
  return d;
};

describe('/api/strategies/:id/benefits', () => {
  it('gives a member the seed example as defaults before anyone has saved', async () => {
    const { status, body } = await call('GET', 'politiker@eksempel.no');
    expect(status).toBe(200);
    expect(body).toMatchObject({ input: DEFAULT_BENEFIT_INPUT, statusScore: null, isDefault: true, updatedBy: null });
  });

  it('lets the leader save figures with their sources, audited and announced to the members', async () => {
    const events: StrategyEvent[] = [];
    const unsubscribe = s.deps.events.subscribe(strategyId, (d) => events.push(d.event));
    const saved = document((d) => {
      d.input.inhabitants = { value: 7_210, source: 'SSB, 1. januar 2025' };
    });
    const put = await call('PUT', LEADER, saved);
    unsubscribe();
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      ...saved,
      isDefault: false,
      updatedBy: { name: 'Ingrid Solberg, prosjektleder' },
    });

    const { body } = await call('GET', 'tillitsvalgt@eksempel.no');
    expect(body).toMatchObject({
      input: { inhabitants: { value: 7_210, source: 'SSB, 1. januar 2025' } },
      statusScore: 230,
    });
    expect(events).toEqual([{ type: 'benefits.changed' }]);
    const entries = await s.deps.db.select().from(auditLog).where(eq(auditLog.action, 'benefits.saved'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ strategyId, detail: { statusScore: 230 } });
  });

  it.each([
    'kommunedirektor@eksempel.no',
    'styring@eksempel.no',
    'helse@eksempel.no',
    'radgiver@eksempel.no',
    'politiker@eksempel.no',
  ])('refuses %s, who is a member but not the leader, with 403', async (email) => {
    expect((await call('PUT', email, document())).status).toBe(403);
  });

  it('refuses a share over 100% and a score above the survey maximum with bad_request', async () => {
    const tooMuch = await call(
      'PUT',
      LEADER,
      document((d) => (d.input.digitalShare.value = 120)),
    );
    expect(tooMuch).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(
      (
        await call(
          'PUT',
          LEADER,
          document((d) => (d.statusScore = 405)),
        )
      ).status,
    ).toBe(400);
  });

  it('answers 404 to someone outside the strategy, as for a strategy that does not exist', async () => {
    const passwordHash = await hashPassword('annet-passord');
    await s.deps.db.transaction(async (tx) => {
      const organizationId = await createOrganization(tx, 'Annen kommune');
      await tx
        .insert(users)
        .values({ id: randomUUID(), organizationId, email: 'ansatt@annen.no', name: 'Ansatt', passwordHash });
    });
    const cookie = await s.login('ansatt@annen.no', 'annet-passord');
    const res = await fetch(`${s.url}/api/strategies/${strategyId}/benefits`, { headers: { cookie } });
    expect(res.status).toBe(404);
    expect((await call('GET', LEADER, undefined, 'finnes-ikke')).status).toBe(404);
  });
});
