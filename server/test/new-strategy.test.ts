import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@samstrat/shared/access';
import { contentHash } from '@samstrat/shared/content-hash';
import { sectionPlainText } from '@samstrat/shared/diff';
import { createOrganization, insertUser } from '../src/accounts';
import { hashPassword } from '../src/auth/password';
import { memberships, strategies } from '../src/db/schema';
import { auditLog } from '../src/db/schema-audit';
import { versions } from '../src/db/schema-versions';
import { DEMO_PASSWORD } from '../src/demo';
import { strategyContent } from '../src/strategies/content';
import { storedSections } from '../src/versions/versions';
import { decideAtGate, submitToSteering, updateSettings } from '../src/workflow/commands';
import { strategyPublication } from '../src/workflow/publication';
import { writeParagraph } from './collab-client';
import { startTestServer, type TestServer } from './harness';
import { call, createAccount, organizationOf, userIdOf, type Json } from './members-support';
import { appendBlock } from './versions-support';
import { EXECUTIVE, LEADER, STEERING, strategyLikeDemo } from './workflow-support';

// "Ny strategi" (issue 13): POST /api/strategies over real HTTP on a real database.

let s: TestServer;
let demoId: string;
let organizationId: string;
/** The demo's leader is also an organization admin. */
let admin: string;
let editor: string;

beforeAll(async () => {
  s = await startTestServer();
  demoId = await s.strategyId();
  organizationId = await organizationOf(s, demoId);
  admin = await s.login(LEADER);
  editor = await s.login('helse@eksempel.no');
}, 30_000);
afterAll(() => s.close());

const THREE_SERVICE_AREAS = ['helse-omsorg', 'oppvekst-laering', 'kultur'];
const fromTemplate = (over: Record<string, unknown> = {}) => ({
  title: 'Digitaliseringsstrategi 2031–2034',
  periodStart: 2031,
  periodEnd: 2034,
  writtenForm: 'nb',
  start: {
    kind: 'template',
    areas: ['kommuneportal', 'informasjonssikkerhet', ...THREE_SERVICE_AREAS],
    ownAreas: [{ chapter: 'tjenesteomrader', title: 'Næring og samfunnsutvikling' }],
  },
  ...over,
});

const strategyCount = async () => (await s.deps.db.select({ n: count() }).from(strategies))[0]!.n;

describe('POST /api/strategies from the template', () => {
  it('creates the strategy with the chosen areas and the municipality’s own, numbered, with the creator as leader', async () => {
    const res = await call(s, admin, 'POST', '/strategies', fromTemplate());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id: string = res.body.id;

    const detail = await call(s, admin, 'GET', `/strategies/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      title: 'Digitaliseringsstrategi 2031–2034',
      municipality: 'Eksempel kommune',
      periodStart: 2031,
      periodEnd: 2034,
      writtenForm: 'nb',
      stage: 'utkast',
      role: 'leader',
    });
    const outline = (detail.body.sections as Json[]).map((x) => `${x.number} ${x.title} [${x.key}]`);
    expect(outline).toEqual([
      '1 Innledning [innledning]',
      '2 Overordnede prinsipper [prinsipper]',
      '3 Visjon [visjon]',
      '4 Tverrgående satsingsområder [tverrgaende]',
      '4.1 Kommuneportal [kommuneportal]',
      '4.2 Informasjonssikkerhet [informasjonssikkerhet]',
      '5 Tjenesteområder [tjenesteomrader]',
      '5.1 Helse og omsorg [helse-omsorg]',
      '5.2 Oppvekst og læring [oppvekst-laering]',
      '5.3 Kultur [kultur]',
      '5.4 Næring og samfunnsutvikling [egen-naering-og-samfunnsutvikling]',
      '6 Vedlegg [vedlegg]',
    ]);
    const own = (detail.body.sections as Json[]).find((x) => x.key === 'egen-naering-og-samfunnsutvikling');
    expect(own).toMatchObject({ parentKey: 'tjenesteomrader', guidance: [], abilities: { edit: true } });
    // The template's starting text: the principles are there, the areas empty.
    const text = await strategyContent(s.deps, id);
    expect(sectionPlainText(text.find((x) => x.key === 'prinsipper')!.content)).toMatch(/registreres en gang/);

    const list = await call(s, admin, 'GET', '/strategies');
    expect((list.body as Json[]).map((x) => x.id)).toContain(id);
    const [membership] = await s.deps.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.strategyId, id), eq(memberships.userId, await userIdOf(s, LEADER))));
    expect(membership?.role).toBe('leader');

    const [entry] = await s.deps.db.select().from(auditLog).where(eq(auditLog.strategyId, id));
    expect(entry).toMatchObject({
      action: 'strategy.created',
      actorId: await userIdOf(s, LEADER),
      detail: expect.objectContaining({ start: 'template', title: 'Digitaliseringsstrategi 2031–2034', sections: 12 }),
    });
  });

  it('makes an empty outline, in nynorsk when asked', async () => {
    const res = await call(
      s,
      admin,
      'POST',
      '/strategies',
      fromTemplate({ title: 'Tom strategi', writtenForm: 'nn', start: { kind: 'empty' } }),
    );
    expect(res.status).toBe(201);
    const detail = await call(s, admin, 'GET', `/strategies/${res.body.id}`);
    expect(detail.body).toMatchObject({ title: 'Tom strategi', writtenForm: 'nn', sections: [] });
  });

  it('refuses bad input with the catalogue’s message, and creates nothing', async () => {
    const before = await strategyCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ periodEnd: 2035 }, 'period_too_long'],
      [{ periodStart: 2034, periodEnd: 2031 }, 'period_invalid'],
      [{ title: '   ' }, 'strategy_title_required'],
      [{ title: 'x'.repeat(201) }, 'strategy_title_too_long'],
      [{ writtenForm: 'sv' }, 'bad_request'],
      [{ start: { kind: 'template', areas: ['finnes-ikke'], ownAreas: [] } }, 'unknown_template_area'],
      [
        { start: { kind: 'template', areas: [], ownAreas: [{ chapter: 'tjenesteomrader', title: ' ' }] } },
        'area_title_required',
      ],
      [{ start: { kind: 'kopi' } }, 'bad_request'],
    ];
    for (const [over, code] of cases) {
      const res = await call(s, admin, 'POST', '/strategies', fromTemplate(over), { 'accept-language': 'nb' });
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.error.code, JSON.stringify(over)).toBe(code);
      expect(res.body.error.message).toMatch(/\S/);
    }
    const nn = await call(s, admin, 'POST', '/strategies', fromTemplate({ periodEnd: 2035 }), {
      'accept-language': 'nn',
    });
    expect(nn.body.error.message).toBe('Ein strategi dekkjer høgst fire år. Vel ein kortare periode.');
    expect(await strategyCount()).toBe(before);
  });
});

describe('who may create a strategy', () => {
  it('refuses a member who is no admin (403) and anyone without a session (401)', async () => {
    const before = await strategyCount();
    expect((await call(s, editor, 'POST', '/strategies', fromTemplate())).status).toBe(403);
    expect((await call(s, null, 'POST', '/strategies', fromTemplate())).status).toBe(401);
    expect(await strategyCount()).toBe(before);
  });

  it('lets an account an admin allowed to create strategies do so, and says so in /api/me', async () => {
    const account = await createAccount(s, { organizationId });
    const allow = (createsStrategies: unknown) =>
      call(s, admin, 'PATCH', `/admin/users/${account.id}`, { createsStrategies });
    expect((await allow('ja')).status).toBe(400);
    expect((await call(s, editor, 'PATCH', `/admin/users/${account.id}`, { createsStrategies: true })).status).toBe(
      403,
    );
    expect((await allow(true)).status).toBe(200);
    const [entry] = await s.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, account.id), eq(auditLog.action, 'account.strategy_creation_changed')));
    expect(entry?.detail).toEqual({ createsStrategies: true });
    const cookie = await s.login(account.email);
    expect((await call(s, cookie, 'GET', '/me')).body.user.abilities).toEqual({
      manageAccounts: false,
      createStrategies: true,
      // Only an admin makes a strategy joint (shared/participants).
      proposeJointStrategies: false,
      configureOrganization: false,
      configureSso: false,
      createOrganizations: false,
    });
    const res = await call(s, cookie, 'POST', '/strategies', fromTemplate({ title: 'Egen strategi' }));
    expect(res.status).toBe(201);
    expect((await call(s, cookie, 'GET', `/strategies/${res.body.id}`)).body.role).toBe('leader');
    expect((await call(s, editor, 'GET', '/me')).body.user.abilities.createStrategies).toBe(false);
    // Withdrawn: refused again on the same session.
    expect((await allow(false)).status).toBe(200);
    expect((await call(s, cookie, 'POST', '/strategies', fromTemplate())).status).toBe(403);
  });
});

describe('isolation between organizations', () => {
  let foreignAdmin: string;
  beforeAll(async () => {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const email = `admin-${Date.now()}@annen.no`;
    await s.deps.db.transaction(async (tx) =>
      insertUser(tx, {
        organizationId: await createOrganization(tx, 'Annen kommune'),
        email,
        name: 'Admin i annen kommune',
        passwordHash,
        isAdmin: true,
      }),
    );
    foreignAdmin = await s.login(email);
  });

  it('puts a strategy in its creator’s organization; members of another answer 404', async () => {
    const res = await call(s, foreignAdmin, 'POST', '/strategies', fromTemplate({ title: 'Annen kommunes strategi' }));
    expect(res.status).toBe(201);
    const id: string = res.body.id;
    const [row] = await s.deps.db.select().from(strategies).where(eq(strategies.id, id));
    expect(row?.organizationId).not.toBe(organizationId);
    expect(row?.municipality).toBe('Annen kommune');
    // Our organization's admin is no admin of theirs: as if it did not exist.
    expect((await call(s, admin, 'GET', `/strategies/${id}`)).status).toBe(404);
    expect((await call(s, admin, 'GET', '/strategies')).body.map((x: Json) => x.id)).not.toContain(id);
  });

  it('refuses the next period of another organization’s strategy as if it did not exist', async () => {
    const before = await strategyCount();
    const res = await call(
      s,
      foreignAdmin,
      'POST',
      '/strategies',
      fromTemplate({ start: { kind: 'next', fromStrategyId: demoId } }),
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    // A member of our organization who is not a member of the strategy: the same.
    const stranger = await createAccount(s, { organizationId });
    const allowed = await call(s, admin, 'PATCH', `/admin/users/${stranger.id}`, { createsStrategies: true });
    expect(allowed.status).toBe(200);
    const own = await call(
      s,
      await s.login(stranger.email),
      'POST',
      '/strategies',
      fromTemplate({ start: { kind: 'next', fromStrategyId: demoId } }),
    );
    expect(own.status).toBe(404);
    expect(await strategyCount()).toBe(before);
  });
});

describe('the next period', () => {
  const as = async (email: string, role: Actor['role']): Promise<Actor> => ({ userId: await userIdOf(s, email), role });

  /** A strategy with goals in its text, taken through both gates and adopted administratively. */
  async function adoptedStrategy(): Promise<string> {
    const id = await strategyLikeDemo(s, demoId);
    await s.rooms.edit(
      id,
      {
        kind: 'version.restored',
        userId: await userIdOf(s, LEADER),
        versionId: 'oppsett',
        sectionKey: 'kommuneportal',
      },
      (doc) => {
        appendBlock(doc, 'kommuneportal', 'mainGoal', 'Portalen er universelt utformet.', { goalId: 'g-portal' });
        appendBlock(doc, 'kommuneportal', 'subGoal', 'Alle skjema er digitale.', { goalId: 'g-skjema' });
        writeParagraph(doc, 'visjon', 'Vedtatt visjon.');
      },
    );
    await updateSettings(s.deps, id, await as(LEADER, 'leader'), {
      politicalRequired: false,
      quorum: 'all',
      councils: ['Kommunestyret'],
    });
    const { contentHash: hash } = await submitToSteering(s.deps, id, await as(LEADER, 'leader'));
    await decideAtGate(s.deps, id, await as(STEERING, 'steering'), 'styringsgruppe', {
      decision: 'approve',
      contentHash: hash,
      locale: 'nb',
    });
    await decideAtGate(s.deps, id, await as(EXECUTIVE, 'executive'), 'godkjenning', {
      decision: 'approve',
      contentHash: hash,
      locale: 'nb',
    });
    return id;
  }

  it('holds the adopted text and outline with the same goal ids; the adopted strategy is unchanged', async () => {
    const adoptedId = await adoptedStrategy();
    const publication = (await strategyPublication(s.deps, adoptedId))!;
    expect(publication).not.toBeNull();
    const [adopted] = await s.deps.db.select().from(versions).where(eq(versions.id, publication.versionId));
    const hashBefore = contentHash(await strategyContent(s.deps, adoptedId));
    expect(hashBefore).toBe(adopted!.contentHash);
    const versionsBefore = await s.deps.db.select().from(versions).where(eq(versions.strategyId, adoptedId));
    const [rowBefore] = await s.deps.db.select().from(strategies).where(eq(strategies.id, adoptedId));

    const res = await call(
      s,
      admin,
      'POST',
      '/strategies',
      fromTemplate({ title: 'Neste periode', start: { kind: 'next', fromStrategyId: adoptedId } }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const nextId: string = res.body.id;

    // The new strategy holds the adopted version's outline and text, goal ids included.
    const copied = await strategyContent(s.deps, nextId);
    const adoptedSections = storedSections(adopted!.sections);
    expect(copied).toEqual(adoptedSections);
    expect(contentHash(copied)).toBe(adopted!.contentHash);
    const portal = JSON.stringify(copied.find((x) => x.key === 'kommuneportal')!.content);
    expect(portal).toContain('"goalId":"g-portal"');
    expect(portal).toContain('"goalId":"g-skjema"');
    const detail = await call(s, admin, 'GET', `/strategies/${nextId}`);
    expect(detail.body).toMatchObject({ title: 'Neste periode', stage: 'utkast', frozen: false, role: 'leader' });

    // The adopted strategy is as it was: content hash, stage, row and versions.
    expect(contentHash(await strategyContent(s.deps, adoptedId))).toBe(hashBefore);
    const [rowAfter] = await s.deps.db.select().from(strategies).where(eq(strategies.id, adoptedId));
    expect(rowAfter).toEqual(rowBefore);
    expect(rowAfter?.stage).toBe('vedtatt');
    expect(await s.deps.db.select().from(versions).where(eq(versions.strategyId, adoptedId))).toEqual(versionsBefore);

    const [entry] = await s.deps.db.select().from(auditLog).where(eq(auditLog.strategyId, nextId));
    expect(entry?.detail).toMatchObject({ start: 'next', fromStrategyId: adoptedId, fromVersionId: adopted!.id });
  }, 30_000);

  it('takes the latest text of a strategy that is not adopted', async () => {
    const draftId = await strategyLikeDemo(s, demoId);
    await s.rooms.edit(
      draftId,
      { kind: 'version.restored', userId: await userIdOf(s, LEADER), versionId: 'oppsett', sectionKey: 'visjon' },
      (doc) => writeParagraph(doc, 'visjon', 'Siste utkast til visjon.'),
    );
    const hashBefore = contentHash(await strategyContent(s.deps, draftId));
    const res = await call(
      s,
      admin,
      'POST',
      '/strategies',
      fromTemplate({ title: 'Fra utkast', start: { kind: 'next', fromStrategyId: draftId } }),
    );
    expect(res.status).toBe(201);
    const copied = await strategyContent(s.deps, res.body.id);
    expect(sectionPlainText(copied.find((x) => x.key === 'visjon')!.content)).toContain('Siste utkast til visjon.');
    expect(contentHash(copied)).toBe(hashBefore);
    expect(contentHash(await strategyContent(s.deps, draftId))).toBe(hashBefore);
  });
});
