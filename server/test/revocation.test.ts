import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { connect, sectionText, synced, waitFor, writeParagraph, type CollabClient } from './collab-client';
import { startTestServer, type TestServer } from './harness';
import { call, createAccount, organizationOf } from './members-support';

// Rights are computed per connection; a change closes the affected sockets and the client's
// reconnect brings the new rights. Closing "within a second" is a goal measured here, not asserted.

let s: TestServer;
let strategyId: string;
let organizationId: string;
let leader: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  organizationId = await organizationOf(s, strategyId);
  leader = await s.login('leder@eksempel.no');
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(() => s.close());

async function open(cookie: string): Promise<CollabClient> {
  const c = connect(s.url, strategyId, cookie);
  clients.push(c);
  await synced(c);
  return c;
}

/** Waits for the close; `started` is when the change was asked for, so the figure includes the request. */
async function closedWith(client: CollabClient, code: number, what: string, started = Date.now()): Promise<number> {
  await waitFor(() => client.closeCodes.includes(code), what);
  const ms = Date.now() - started;
  console.info(`benchmark: ${what} after ${ms} ms`);
  return ms;
}

function serverText(sectionKey: string): string {
  return sectionText(s.rooms.get(strategyId)!.doc, sectionKey);
}

describe('revoking rights on open sockets', () => {
  it("closes a member's sockets with 4403 when their role changes, and the reconnected socket's edits are refused", async () => {
    const person = await createAccount(s, { organizationId, strategyId, role: 'advisor' });
    const cookie = await s.login(person.email);
    const client = await open(cookie);
    writeParagraph(client.doc, 'visjon', 'Skrevet som rådgiver');
    await waitFor(() => serverText('visjon').includes('Skrevet som rådgiver'), 'the advisor edit to land');

    const asked = Date.now();
    const changed = await call(s, leader, 'PATCH', `/strategies/${strategyId}/members/${person.id}`, {
      role: 'viewer',
    });
    expect(changed.status).toBe(200);
    await closedWith(client, CLOSE_CODES.rightsChanged, 'the advisor socket closing after the role change', asked);

    // An honest client drops its document and connects afresh (as the web app does after 4403);
    // the new connection is read-only.
    const again = await open(cookie);
    writeParagraph(again.doc, 'visjon', 'Skrevet som lesetilgang');
    await closedWith(again, CLOSE_CODES.rightsChanged, 'the read-only socket refusing the edit');
    expect(serverText('visjon')).not.toContain('Skrevet som lesetilgang');
    expect((await s.loadDocument()).getXmlFragment('section:visjon').toString()).not.toContain(
      'Skrevet som lesetilgang',
    );
  });

  it('closes a removed member’s sockets with 4404, and their next request answers 404', async () => {
    const person = await createAccount(s, { organizationId, strategyId, role: 'editor' });
    const cookie = await s.login(person.email);
    const client = await open(cookie);
    const asked = Date.now();
    const removed = await call(s, leader, 'DELETE', `/strategies/${strategyId}/members/${person.id}`);
    expect(removed.status).toBe(200);
    await closedWith(client, CLOSE_CODES.notFound, 'the removed member’s socket closing', asked);
    expect((await call(s, cookie, 'GET', `/strategies/${strategyId}`)).status).toBe(404);
    expect((await call(s, cookie, 'GET', `/strategies/${strategyId}/members`)).status).toBe(404);
  });

  it('closes only the sockets whose rights a section change affects', async () => {
    const gains = await createAccount(s, { organizationId, strategyId, role: 'editor' });
    const loses = await createAccount(s, { organizationId, strategyId, role: 'editor' });
    const union = await createAccount(s, { organizationId, strategyId, role: 'union' });
    const gainer = await open(await s.login(gains.email));
    const loserCookie = await s.login(loses.email);
    const loser = await open(loserCookie);
    const reader = await open(await s.login(union.email));
    const leaderClient = await open(leader);

    const res = await call(s, leader, 'PATCH', `/strategies/${strategyId}/sections/plan-miljo`, {
      restricted: true,
      ownerIds: [gains.id],
    });
    expect(res.status).toBe(200);
    await closedWith(loser, CLOSE_CODES.rightsChanged, 'the editor who lost the section to be closed');

    // The owner's rights are the same set of sections as before (every open section plus this one),
    // the union rep's and the leader's too: their sockets stay open.
    expect(gainer.closeCodes).toEqual([]);
    expect(reader.closeCodes).toEqual([]);
    expect(leaderClient.closeCodes).toEqual([]);

    const loserAgain = await open(loserCookie);
    writeParagraph(loserAgain.doc, 'plan-miljo', 'Ikke lenger min');
    await closedWith(loserAgain, CLOSE_CODES.rightsChanged, 'the refused edit closing the socket');
    expect(serverText('plan-miljo')).not.toContain('Ikke lenger min');

    writeParagraph(gainer.doc, 'plan-miljo', 'Eierens tekst');
    await waitFor(() => serverText('plan-miljo').includes('Eierens tekst'), 'the owner edit to land');
  });

  it('closes the sockets of a session that logs out with 4401, and no other session’s', async () => {
    const person = await createAccount(s, { organizationId, strategyId, role: 'editor' });
    const first = await s.login(person.email);
    const second = await s.login(person.email);
    const loggingOut = await open(first);
    const staying = await open(second);
    const res = await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: { cookie: first, origin: s.url } });
    expect(res.status).toBe(200);
    await closedWith(loggingOut, CLOSE_CODES.sessionEnded, 'the logged-out socket closing');
    expect(staying.closeCodes).toEqual([]);
  });

  it('closes the sockets of every other session with 4401 when the password changes', async () => {
    const person = await createAccount(s, { organizationId, strategyId, role: 'editor' });
    const here = await s.login(person.email);
    const there = await s.login(person.email);
    const mine = await open(here);
    const theirs = await open(there);
    const res = await call(s, here, 'POST', '/me/password', {
      currentPassword: 'samstrat-demo',
      newPassword: 'helt nytt passord 1',
    });
    expect(res.status).toBe(200);
    await closedWith(theirs, CLOSE_CODES.sessionEnded, 'the other session’s socket closing');
    expect(mine.closeCodes).toEqual([]);
  });

  it('closes every socket of a deactivated account with 4401', async () => {
    const person = await createAccount(s, { organizationId, strategyId, role: 'editor' });
    const client = await open(await s.login(person.email));
    const res = await call(s, leader, 'POST', `/admin/users/${person.id}/deactivate`);
    expect(res.status).toBe(200);
    await closedWith(client, CLOSE_CODES.sessionEnded, 'the deactivated account’s socket closing');
  });
});
