import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@samstrat/shared/content-hash';
import type { VersionDiff, VersionSection } from '@samstrat/shared/diff';
import { auditLog } from '../src/db/schema-audit';
import { strategyWorkflows } from '../src/db/schema-workflow';
import { strategyContent } from '../src/strategies/content';
import { runHourlyVersions, HOUR_MS } from '../src/versions/hourly';
import { createVersion, type VersionSummary } from '../src/versions/versions';
import { sectionText, waitFor, type CollabClient } from './collab-client';
import { startTestServer, type TestServer } from './harness';
import { apiAs, appendBlock, editorOf, firstText, LEADER, outsider, serverHas } from './versions-support';

interface VersionList {
  versions: VersionSummary[];
  currentHash: string;
}
interface VersionRead {
  version: VersionSummary | null;
  sections: VersionSection[];
  contentHash: string;
}
type DiffAnswer = VersionDiff & { from: VersionSummary | null; to: VersionSummary | null };

const VISION_START = 'Digitalisering er tatt i bruk på alle områder';

let s: TestServer;
let strategyId: string;
let call: ReturnType<typeof apiAs>;
let leader: CollabClient;
const base = () => `/strategies/${strategyId}/versions`;

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  call = apiAs(s);
  leader = await editorOf(s, await call.cookieOf(LEADER), strategyId);
});
afterAll(async () => {
  leader.destroy();
  await s.close();
});

const auditEntries = (action: string) =>
  s.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.strategyId, strategyId), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.id));

async function nameVersion(name: string): Promise<VersionSummary> {
  const res = await call.api<VersionSummary>(LEADER, 'POST', base(), { name });
  expect(res.status).toBe(201);
  return res.body;
}

describe('named versions', () => {
  it('are saved by the leader with who, when, the stage and the hash of the text as it is now', async () => {
    const before = await call.api<VersionList>(LEADER, 'GET', base());
    const version = await nameVersion('  Første utkast  ');
    expect(version).toMatchObject({
      number: before.body.versions.length + 1,
      name: 'Første utkast',
      kind: 'named',
      stage: 'utkast',
      createdBy: { name: expect.stringContaining('Ingrid Solberg') },
    });
    expect(version.contentHash).toBe(contentHash(await strategyContent(s.deps, strategyId)));
    expect(version.contentHash).toBe(before.body.currentHash);
    expect(Date.now() - Date.parse(version.createdAt)).toBeLessThan(60_000);

    const list = await call.api<VersionList>('politiker@eksempel.no', 'GET', base());
    expect(list.status).toBe(200);
    expect(list.body.versions[0]).toEqual(version);
    expect((await auditEntries('version.created')).some((e) => e.detail.versionId === version.id)).toBe(true);
  });

  it('open read-only with every section, its number, title and text', async () => {
    const version = await nameVersion('Til lesing');
    const read = await call.api<VersionRead>('tillitsvalgt@eksempel.no', 'GET', `${base()}/${version.id}`);
    expect(read.status).toBe(200);
    expect(read.body.version).toEqual(version);
    expect(read.body.sections.map((x) => x.key)).toContain('kommuneportal');
    const vision = read.body.sections.find((x) => x.key === 'visjon')!;
    expect(vision).toMatchObject({ number: '3', title: 'Visjon', parentKey: null });
    expect(JSON.stringify(vision.content)).toContain(VISION_START);
    expect(contentHash(read.body.sections)).toBe(version.contentHash);
  });

  it.each([
    ['helse@eksempel.no', 403],
    ['radgiver@eksempel.no', 403],
    ['kommunedirektor@eksempel.no', 403],
    ['tillitsvalgt@eksempel.no', 403],
    ['politiker@eksempel.no', 403],
  ])('are refused to %s (%i): only leaders name versions', async (email, status) => {
    expect((await call.api(email, 'POST', base(), { name: 'Mitt navn' })).status).toBe(status);
  });

  it('need a name', async () => {
    expect((await call.api(LEADER, 'POST', base(), { name: '   ' })).status).toBe(400);
    expect((await call.api(LEADER, 'POST', base(), {})).status).toBe(400);
  });

  it('are hidden from people outside the strategy and from anonymous callers', async () => {
    const stranger = await outsider(s, call);
    const someVersion = (await call.api<VersionList>(LEADER, 'GET', base())).body.versions[0]!;
    for (const [method, path, body] of [
      ['GET', base()],
      ['POST', base(), { name: 'x' }],
      ['GET', `${base()}/${someVersion.id}`],
      ['GET', `${base()}/${someVersion.id}/diff/current`],
      ['POST', `${base()}/${someVersion.id}/restore`, { sectionKey: 'visjon' }],
    ] as const) {
      expect((await call.api(stranger, method, path, body)).status, `${method} ${path} as outsider`).toBe(404);
      expect((await call.api(null, method, path, body)).status, `${method} ${path} anonymously`).toBe(401);
    }
    expect((await call.api(LEADER, 'GET', `${base()}/finnes-ikke`)).status).toBe(404);
    expect((await call.api(LEADER, 'GET', `/strategies/finnes-ikke/versions`)).status).toBe(404);
  });
});

describe('comparing versions', () => {
  it('shows exactly the words inserted and deleted and the goals added and changed', async () => {
    const v1 = await nameVersion('Før endringene');

    const vision = firstText(leader.doc, 'visjon');
    const at = vision.toString().indexOf('gode tjenester');
    leader.doc.transact(() => {
      vision.delete(at, 'gode'.length);
      vision.insert(at, 'trygge og gode');
      vision.insert(0, 'I 2030: ');
      appendBlock(leader.doc, 'kommuneportal', 'mainGoal', 'Kommunens portal skal være universelt utformet.', {
        goalId: 'mål-portal',
      });
      appendBlock(leader.doc, 'kompetanse', 'subGoal', 'Alle ansatte får grunnopplæring i digital sikkerhet.', {
        goalId: 'mål-kurs',
      });
    });
    await serverHas(s, leader, strategyId, ['visjon', 'kommuneportal', 'kompetanse']);
    const v2 = await nameVersion('Etter endringene');
    expect(v2.contentHash).not.toBe(v1.contentHash);

    const diff = await call.api<DiffAnswer>('politiker@eksempel.no', 'GET', `${base()}/${v1.id}/diff/${v2.id}`);
    expect(diff.status).toBe(200);
    expect(diff.body.from?.id).toBe(v1.id);
    expect(diff.body.to?.id).toBe(v2.id);
    const changed = diff.body.sections.filter((x) => x.status !== 'unchanged');
    expect(changed.map((x) => x.key)).toEqual(['visjon', 'kommuneportal', 'kompetanse']);
    const words = (key: string, kind: 'insert' | 'delete') =>
      diff.body.sections
        .find((x) => x.key === key)!
        .changes.filter((c) => c.kind === kind)
        .map((c) => c.text.trim());
    expect(words('visjon', 'insert')).toEqual(['I 2030:', 'trygge og']);
    expect(words('visjon', 'delete')).toEqual([]);
    expect(words('kommuneportal', 'insert')).toEqual(['Hovedmål: Kommunens portal skal være universelt utformet.']);
    expect(words('kompetanse', 'insert')).toEqual(['Delmål: Alle ansatte får grunnopplæring i digital sikkerhet.']);
    expect(diff.body.goals).toEqual([
      {
        goalId: 'mål-portal',
        status: 'added',
        after: { kind: 'main', text: 'Kommunens portal skal være universelt utformet.', sectionKey: 'kommuneportal' },
      },
      {
        goalId: 'mål-kurs',
        status: 'added',
        after: { kind: 'sub', text: 'Alle ansatte får grunnopplæring i digital sikkerhet.', sectionKey: 'kompetanse' },
      },
    ]);

    // The other way round, the same words are deletions and the goals removed.
    const back = await call.api<DiffAnswer>(LEADER, 'GET', `${base()}/${v2.id}/diff/${v1.id}`);
    expect(
      back.body.sections
        .find((x) => x.key === 'visjon')!
        .changes.filter((c) => c.kind === 'delete')
        .map((c) => c.text.trim()),
    ).toEqual(['I 2030:', 'trygge og']);
    expect(back.body.goals.map((g) => [g.goalId, g.status])).toEqual([
      ['mål-portal', 'removed'],
      ['mål-kurs', 'removed'],
    ]);
  });

  it('compares a version with the text as it is now', async () => {
    const v = await nameVersion('Utgangspunkt');
    const goal = leader.doc.getXmlFragment('section:kommuneportal');
    const portalGoal = goal
      .toArray()
      .find(
        (n) =>
          n instanceof Object &&
          (n as { getAttribute?: (k: string) => unknown }).getAttribute?.('goalId') === 'mål-portal',
      );
    expect(portalGoal).toBeDefined();
    const text = (portalGoal as import('yjs').XmlElement).get(0) as import('yjs').XmlText;
    text.insert(text.length - 1, ' og enkel å bruke');
    await serverHas(s, leader, strategyId, ['kommuneportal']);

    const diff = await call.api<DiffAnswer>(LEADER, 'GET', `${base()}/${v.id}/diff/current`);
    expect(diff.status).toBe(200);
    expect(diff.body.to).toBeNull();
    expect(diff.body.goals).toEqual([
      {
        goalId: 'mål-portal',
        status: 'changed',
        before: { kind: 'main', text: 'Kommunens portal skal være universelt utformet.', sectionKey: 'kommuneportal' },
        after: {
          kind: 'main',
          text: 'Kommunens portal skal være universelt utformet og enkel å bruke.',
          sectionKey: 'kommuneportal',
        },
      },
    ]);
    expect(
      diff.body.sections
        .find((x) => x.key === 'kommuneportal')!
        .changes.filter((c) => c.kind === 'insert')
        .map((c) => c.text.trim()),
    ).toEqual(['og enkel å bruke']);
  });
});

describe('restoring a section from a version', () => {
  it('puts the version’s text back as a new edit that open editors receive, and audits it', async () => {
    const original = await nameVersion('Visjonen slik den var');
    const vision = firstText(leader.doc, 'visjon');
    vision.delete(0, vision.length);
    vision.insert(0, 'En helt ny visjon som ingen har godkjent.');
    await serverHas(s, leader, strategyId, ['visjon']);
    expect(contentHash(await strategyContent(s.deps, strategyId))).not.toBe(original.contentHash);

    const res = await call.api<{ contentHash: string }>(LEADER, 'POST', `${base()}/${original.id}/restore`, {
      sectionKey: 'visjon',
    });
    expect(res.status).toBe(200);
    // Only the vision was edited since, so restoring it gives back exactly the version's text.
    expect(res.body.contentHash).toBe(original.contentHash);
    await waitFor(
      () => sectionText(leader.doc, 'visjon').includes('I 2030: '),
      'the open editor to receive the restored text',
    );
    expect(sectionText(leader.doc, 'visjon')).not.toContain('En helt ny visjon');
    // Stored, not only in memory: the database's document has it too.
    const stored = await s.loadDocument(strategyId);
    expect(sectionText(stored, 'visjon')).toContain('I 2030: ');
    stored.destroy();
    expect((await auditEntries('version.section_restored')).at(-1)?.detail).toMatchObject({
      versionId: original.id,
      sectionKey: 'visjon',
    });
  });

  it('is allowed only to members who may edit that section', async () => {
    const version = await nameVersion('Tjenesteområdene');
    const restore = (email: string, sectionKey: string) =>
      call.api(email, 'POST', `${base()}/${version.id}/restore`, { sectionKey });
    expect((await restore('oppvekst@eksempel.no', 'helse-omsorg')).status).toBe(403);
    expect((await restore('radgiver@eksempel.no', 'helse-omsorg')).status).toBe(403);
    expect((await restore('tillitsvalgt@eksempel.no', 'visjon')).status).toBe(403);
    expect((await restore('politiker@eksempel.no', 'visjon')).status).toBe(403);
    expect((await restore('kommunedirektor@eksempel.no', 'visjon')).status).toBe(403);
    expect((await restore('helse@eksempel.no', 'helse-omsorg')).status).toBe(200);
    expect((await restore('radgiver@eksempel.no', 'visjon')).status).toBe(200);
    expect((await restore(LEADER, 'finnes-ikke')).status).toBe(404);
    expect((await call.api(LEADER, 'POST', `${base()}/finnes-ikke/restore`, { sectionKey: 'visjon' })).status).toBe(
      404,
    );
  });

  it('is refused while the text is frozen for approval', async () => {
    const version = await nameVersion('Før frysing');
    await s.deps.db.transaction((tx) =>
      tx
        .insert(strategyWorkflows)
        .values({ strategyId, frozen: true })
        .onConflictDoUpdate({ target: strategyWorkflows.strategyId, set: { frozen: true } }),
    );
    try {
      const res = await call.api<{ error: { code: string } }>(LEADER, 'POST', `${base()}/${version.id}/restore`, {
        sectionKey: 'visjon',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('text_frozen');
    } finally {
      await s.deps.db.transaction((tx) =>
        tx.update(strategyWorkflows).set({ frozen: false }).where(eq(strategyWorkflows.strategyId, strategyId)),
      );
    }
  });
});

describe('automatic versions', () => {
  it('are made at a gate by the workflow’s call, with the kind and stage recorded', async () => {
    const version = await createVersion(s.deps, strategyId, { kind: 'gate', actorId: null });
    const list = await call.api<VersionList>(LEADER, 'GET', base());
    expect(list.body.versions[0]).toMatchObject({
      id: version.id,
      kind: 'gate',
      stage: 'utkast',
      createdBy: null,
      contentHash: list.body.currentHash,
    });
  });

  it('are made after an hour with edits, and not without edits or before the hour is up', async () => {
    const fresh = await startTestServer();
    try {
      const id = await fresh.strategyId();
      const created = Date.now();
      const at = (ms: number) => new Date(created + ms);
      expect(await runHourlyVersions(fresh.deps, at(2 * HOUR_MS))).toEqual([]);

      const writer = await editorOf(fresh, await fresh.login(LEADER), id);
      appendBlock(writer.doc, 'visjon', 'paragraph', 'Første time med endringer.');
      await serverHas(fresh, writer, id, ['visjon']);
      expect(await runHourlyVersions(fresh.deps, at(10 * 60 * 1000))).toEqual([]);
      const [first, ...more] = await runHourlyVersions(fresh.deps, at(2 * HOUR_MS));
      expect(more).toEqual([]);
      expect(first).toMatchObject({ kind: 'hourly', createdBy: null, createdAt: at(2 * HOUR_MS).toISOString() });

      appendBlock(writer.doc, 'visjon', 'paragraph', 'Andre time med endringer.');
      await serverHas(fresh, writer, id, ['visjon']);
      expect(await runHourlyVersions(fresh.deps, at(2.5 * HOUR_MS))).toEqual([]);
      const [second] = await runHourlyVersions(fresh.deps, at(3.1 * HOUR_MS));
      expect(second).toMatchObject({ kind: 'hourly', number: first!.number + 1 });
      expect(second!.contentHash).not.toBe(first!.contentHash);

      // An hour later with no edits, nothing new.
      expect(await runHourlyVersions(fresh.deps, at(4.2 * HOUR_MS))).toEqual([]);
      writer.destroy();
    } finally {
      await fresh.close();
    }
  });
});
