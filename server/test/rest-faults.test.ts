/**
 * Regression tests for the REST faults of issue 12, over real HTTP against a real server:
 * 8 (a suggestion on frozen text: rejected as accepted), 9 (authorization before validation),
 * 14 (a comment anchor that is not a Yjs position), 16 (unknown API paths).
 */
import type { ThreadView } from '@samstrat/shared/comments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorOf, apiAs } from './comments-support';
import { startTestServer, type TestServer } from './harness';
import { call, createAccount, organizationOf, otherStrategyMember } from './members-support';
import { LEADER, strategyLikeDemo, UNION, VIEWER, workflowApi } from './workflow-support';

let s: TestServer;
let demoId: string;
let api: ReturnType<typeof apiAs>['api'];
let cookieOf: (email: string) => Promise<string>;

beforeAll(async () => {
  s = await startTestServer();
  demoId = await s.strategyId();
  ({ api, cookieOf } = apiAs(s));
});
afterAll(() => s.close());

/** A union representative's suggestion on the vision of a strategy; answers its first comment's id. */
async function suggestion(strategyId: string): Promise<string> {
  const doc = await s.loadDocument(strategyId);
  const anchor = anchorOf(doc, 'visjon', 'digital');
  doc.destroy();
  const res = await api<ThreadView>(UNION, 'POST', `/strategies/${strategyId}/comments`, {
    sectionKey: 'visjon',
    anchor,
    quote: 'digital',
    body: 'Forslag',
    suggestion: { text: 'digitalt' },
  });
  expect(res.status).toBe(201);
  return res.body.comments[0]!.id;
}

describe('deciding a suggestion while the text is frozen (fault 8)', () => {
  it('is refused alike, 409 text_frozen, for accepting and for rejecting, and the suggestion stays open', async () => {
    const strategyId = await strategyLikeDemo(s, demoId);
    const accepted = await suggestion(strategyId);
    const rejected = await suggestion(strategyId);
    const workflow = workflowApi(s);
    await workflow.take(LEADER, strategyId, { action: 'submit' });

    const accept = await api<{ error: { code: string } }>(LEADER, 'POST', `/comments/${accepted}/suggestion/accept`);
    const reject = await api<{ error: { code: string } }>(LEADER, 'POST', `/comments/${rejected}/suggestion/reject`, {
      reason: 'Nei takk',
    });
    expect([accept.status, accept.body.error?.code]).toEqual([409, 'text_frozen']);
    expect([reject.status, reject.body.error?.code]).toEqual([409, 'text_frozen']);

    const thread = await api<ThreadView>(LEADER, 'GET', `/comments/${rejected}`);
    expect(thread.body.suggestion?.status).toBe('open');
    expect(thread.body.abilities.decide).toBe(false);
    // The strategy's page is told why, from the same rule.
    const detail = await api<{ sections: { key: string; readOnly: string | null }[] }>(
      LEADER,
      'GET',
      `/strategies/${strategyId}`,
    );
    expect(detail.body.sections.find((section) => section.key === 'visjon')?.readOnly).toBe('frozen');
  });
});

describe('authorization before validation (fault 9)', () => {
  it('refuses a union representative a leader-only workflow action with 403, however incomplete the body', async () => {
    for (const body of [
      { action: 'record_meeting' },
      { action: 'submit', note: 5 },
      { action: 'give_mandate', periodStart: 'snart' },
      { action: 'no_such_action' },
      {},
      'not even an object',
    ]) {
      const res = await api(UNION, 'POST', `/strategies/${demoId}/workflow`, body);
      expect(res.status, JSON.stringify(body)).toBe(403);
    }
  });

  it('still tells the leader what is wrong with an incomplete body: 400', async () => {
    const res = await api(LEADER, 'POST', `/strategies/${demoId}/workflow`, { action: 'record_meeting' });
    expect(res.status).toBe(400);
  });

  it('answers a non-member 404 and an anonymous caller 401 whatever they send', async () => {
    const outsider = await otherStrategyMember(s, await organizationOf(s, demoId));
    const cookie = await s.login(outsider.email);
    const bad = { action: 'record_meeting' };
    expect((await call(s, cookie, 'POST', `/strategies/${demoId}/workflow`, bad)).status).toBe(404);
    expect((await call(s, null, 'POST', `/strategies/${demoId}/workflow`, bad)).status).toBe(401);
  });

  it('refuses a viewer a comment, a restore or an invitation with 403 before reading the body', async () => {
    const viewer = await cookieOf(VIEWER);
    const attempts: [string, string, unknown][] = [
      ['POST', `/strategies/${demoId}/comments`, { sectionKey: 5 }],
      ['POST', `/strategies/${demoId}/versions/v/restore`, { sectionKey: 5 }],
      ['POST', `/strategies/${demoId}/members`, { email: 'x' }],
      ['PATCH', `/strategies/${demoId}/sections/kultur`, { restricted: 'ja' }],
    ];
    for (const [method, path, body] of attempts) {
      expect((await call(s, viewer, method, path, body)).status, path).toBe(403);
    }
  });

  it('refuses someone logged in as another person an invitation before reading the body', async () => {
    const stranger = await createAccount(s, { organizationId: await organizationOf(s, demoId) });
    const invite = await api<{ invitation: { url: string } }>(LEADER, 'POST', `/strategies/${demoId}/members`, {
      email: 'ny-person@eksempel.no',
      role: 'editor',
    });
    const token = invite.body.invitation.url.split('/invitasjon/')[1];
    const res = await call(s, await s.login(stranger.email), 'POST', `/invitations/${token}/accept`, { name: 5 });
    expect(res.status).toBe(403);
  });
});

describe('a comment anchor that is not a Yjs position (fault 14)', () => {
  it('answers 400 with a message that says the selection could not be read, and stores nothing', async () => {
    const before = await api<{ threads: ThreadView[] }>(LEADER, 'GET', `/strategies/${demoId}/comments`);
    for (const start of ['fg==', 'AA==', '////', 'not base64!']) {
      const res = await api<{ error: { code: string; message: string } }>(
        UNION,
        'POST',
        `/strategies/${demoId}/comments`,
        { sectionKey: 'visjon', anchor: { start, end: start }, quote: 'digital', body: 'Merknad' },
      );
      expect(res.status, start).toBe(400);
      expect(res.body.error.message, start).toMatch(/marker/i);
    }
    const after = await api<{ threads: ThreadView[] }>(LEADER, 'GET', `/strategies/${demoId}/comments`);
    expect(after.body.threads).toHaveLength(before.body.threads.length);
  });

  it('answers the same for a thread whose one end is good and the other is not', async () => {
    const doc = await s.loadDocument(demoId);
    const anchor = anchorOf(doc, 'visjon', 'digital');
    doc.destroy();
    const res = await api<{ error: { code: string } }>(UNION, 'POST', `/strategies/${demoId}/comments`, {
      sectionKey: 'visjon',
      anchor: { start: anchor.start, end: 'fg==' },
      quote: 'digital',
      body: 'Merknad',
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'anchor_malformed']);
  });

  it('refuses a position that names another root type, without creating that type in the live document', async () => {
    const position = Y.createRelativePositionFromJSON({ tname: 'section:uønsket', item: null, type: null, assoc: 0 });
    const encoded = Buffer.from(Y.encodeRelativePosition(position)).toString('base64');
    const room = await s.rooms.open(demoId);
    try {
      const res = await api<{ error: { code: string } }>(UNION, 'POST', `/strategies/${demoId}/comments`, {
        sectionKey: 'visjon',
        anchor: { start: encoded, end: encoded },
        quote: 'digital',
        body: 'Merknad',
      });
      expect([res.status, res.body.error.code]).toEqual([400, 'anchor_invalid']);
      expect(room.doc.share.has('section:uønsket')).toBe(false);
    } finally {
      s.rooms.release(room);
    }
  });
});

describe('an unknown path under /api (fault 16)', () => {
  it('answers a JSON 404 in the error shape, for any method and any depth, never the web app', async () => {
    const leader = await cookieOf(LEADER);
    for (const [method, path, cookie] of [
      ['GET', '/finnes-ikke', null],
      ['GET', '/finnes-ikke', leader],
      ['POST', '/finnes/ikke/heller', leader],
      ['GET', `/strategies/${demoId}/finnes-ikke`, leader],
      ['PUT', `/strategies/${demoId}/comments`, leader],
      ['DELETE', '/health', leader],
      ['GET', '/admin/finnes/ikke', leader],
    ] as const) {
      const res = await fetch(`${s.url}/api${path}`, {
        method,
        headers: { origin: s.url, ...(cookie ? { cookie } : {}) },
      });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type'), `${method} ${path}`).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toMatch(/Fant ikke/);
    }
  });
});
