import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import type { EditOrigin, ServerEdit } from '../src/collab/origins';
import { connect, sectionText, synced, waitFor, writeParagraph, type CollabClient } from './collab-client';
import { POSTGRES_SERVER_URL } from './databases';
import { startTestServer, type TestServer } from './harness';

// The room registry is the one way into the collaboration layer for the rest of the server.

let s: TestServer;
let strategyId: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  s = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0', COLLAB_COMPACT_AFTER: '1000000' });
  strategyId = await s.strategyId();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(() => s.close());

async function client(email: string) {
  const c = connect(s.url, strategyId, await s.login(email));
  clients.push(c);
  await synced(c);
  return c;
}

const paragraph = (text: string) => (doc: Y.Doc) => writeParagraph(doc, 'kultur', text);
const origin = (userId: string): ServerEdit => ({
  kind: 'version.restored',
  userId,
  versionId: 'v1',
  sectionKey: 'kultur',
});

describe('edit', () => {
  it('saves a server-side change before it returns, and every open connection receives it', async () => {
    const reader = await client('politiker@eksempel.no');
    const pending = await s.pendingUpdates();
    const answer = await s.rooms.edit(strategyId, origin('u'), (doc) => {
      paragraph('Lagt inn av tjeneren')(doc);
      return 42;
    });
    expect(answer).toBe(42);
    expect(await s.pendingUpdates()).toBe(pending + 1);
    await waitFor(() => sectionText(reader.doc, 'kultur').includes('Lagt inn av tjeneren'), 'the reader to get it');
  });

  it('opens a room nobody has open, saves, and lets it unload again', async () => {
    await waitFor(() => !s.rooms.isLoaded(strategyId), 'the room to be unloaded');
    await s.rooms.edit(strategyId, origin('u'), paragraph('Uten noen tilkoblet'));
    expect((await s.loadDocument()).getXmlFragment('section:kultur').toString()).toContain('Uten noen tilkoblet');
    await waitFor(() => !s.rooms.isLoaded(strategyId), 'the room to unload');
  });

  it('inside a database transaction, stores the change with it and sends it once it commits', async () => {
    const reader = await client('politiker@eksempel.no');
    const pending = await s.pendingUpdates();
    await s.deps.db.transaction(async (tx) => {
      await s.rooms.edit(strategyId, origin('u'), paragraph('I en transaksjon'), { tx });
      // Nobody hears of what may still roll back.
      expect(sectionText(reader.doc, 'kultur')).not.toContain('I en transaksjon');
    });
    expect(await s.pendingUpdates()).toBe(pending + 1);
    await waitFor(() => sectionText(reader.doc, 'kultur').includes('I en transaksjon'), 'the reader to get it');
  });

  it('inside a transaction, opens a room nobody has open', async () => {
    await waitFor(() => !s.rooms.isLoaded(strategyId), 'the room to be unloaded');
    await s.deps.db.transaction((tx) =>
      s.rooms.edit(strategyId, origin('u'), paragraph('Åpnet i en transaksjon'), { tx }),
    );
    expect((await s.loadDocument()).getXmlFragment('section:kultur').toString()).toContain('Åpnet i en transaksjon');
  });

  it('inside a transaction that rolls back, stores and sends nothing, and closes no socket', async () => {
    const reader = await client('politiker@eksempel.no');
    const pending = await s.pendingUpdates();
    const failed = s.deps.db.transaction(async (tx) => {
      await s.rooms.edit(strategyId, origin('u'), paragraph('Rullet tilbake'), { tx });
      throw new Error('the command fails after the edit');
    });
    await expect(failed).rejects.toThrow('the command fails');
    expect(await s.pendingUpdates()).toBe(pending);
    expect((await s.loadDocument()).getXmlFragment('section:kultur').toString()).not.toContain('Rullet tilbake');
    // The live document never took the change: the room stays, and whoever syncs from it now
    // gets the text as stored.
    await s.rooms.edit(strategyId, origin('u'), paragraph('Etterpå'));
    await waitFor(() => sectionText(reader.doc, 'kultur').includes('Etterpå'), 'the reader to get the next edit');
    const again = await client('politiker@eksempel.no');
    expect(sectionText(again.doc, 'kultur')).not.toContain('Rullet tilbake');
    expect(sectionText(reader.doc, 'kultur')).not.toContain('Rullet tilbake');
    expect(reader.closeCodes).toEqual([]);
  });

  it('inside a transaction, keeps nothing of a change that throws halfway', async () => {
    const reader = await client('politiker@eksempel.no');
    const failed = s.deps.db.transaction((tx) =>
      s.rooms.edit(
        strategyId,
        origin('u'),
        (doc) => {
          paragraph('Halvveis')(doc);
          throw new Error('the change fails halfway');
        },
        { tx },
      ),
    );
    await expect(failed).rejects.toThrow('halfway');
    const again = await client('politiker@eksempel.no');
    expect(sectionText(again.doc, 'kultur')).not.toContain('Halvveis');
    expect((await s.loadDocument()).getXmlFragment('section:kultur').toString()).not.toContain('Halvveis');
    expect(reader.closeCodes).toEqual([]);
  });

  it.skipIf(!POSTGRES_SERVER_URL)(
    'inside a serializable transaction retried after a serialization failure, applies the edit once and closes no socket',
    async () => {
      const reader = await client('politiker@eksempel.no');
      let attempts = 0;
      await s.deps.db.transaction(async (tx) => {
        await s.rooms.edit(strategyId, origin('u'), paragraph('Forsøkt to ganger'), { tx });
        // What PostgreSQL reports when a serializable transaction loses a race: the attempt is retried.
        if (++attempts === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      });
      expect(attempts).toBe(2);
      await waitFor(() => sectionText(reader.doc, 'kultur').includes('Forsøkt to ganger'), 'the reader to get it');
      expect(sectionText(reader.doc, 'kultur').split('Forsøkt to ganger')).toHaveLength(2);
      const stored = (await s.loadDocument()).getXmlFragment('section:kultur').toString();
      expect(stored.split('Forsøkt to ganger')).toHaveLength(2);
      expect(reader.closeCodes).toEqual([]);
    },
  );
});

describe('onSaved', () => {
  it('tells listeners of every saved change with its origin, a socket’s and the server’s alike', async () => {
    const heard: { strategyId: string; origin: EditOrigin }[] = [];
    const stop = s.rooms.onSaved((id, origin) => heard.push({ strategyId: id, origin }));
    try {
      const editor = await client('leder@eksempel.no');
      writeParagraph(editor.doc, 'kultur', 'Fra en tilkobling');
      await waitFor(() => heard.length === 1, 'the socket’s change');
      expect(heard[0]).toEqual({
        strategyId,
        origin: { kind: 'connection', userId: expect.any(String), sessionId: expect.any(String) },
      });
      await s.rooms.edit(strategyId, origin('leder'), paragraph('Fra tjeneren'));
      expect(heard[1]).toEqual({ strategyId, origin: origin('leder') });
    } finally {
      stop();
    }
    await s.rooms.edit(strategyId, origin('leder'), paragraph('Etter at lytteren sluttet'));
    expect(heard).toHaveLength(2);
  });
});

describe('revoke', () => {
  it('closes exactly the matching sockets with the given code, and moves the revocation counter', async () => {
    const editor = await client('helse@eksempel.no');
    const reader = await client('politiker@eksempel.no');
    const before = s.rooms.revocations;
    const cookie = await s.login('helse@eksempel.no');
    const me = (await (await fetch(`${s.url}/api/me`, { headers: { cookie } })).json()) as {
      user: { id: string };
    };
    expect(s.rooms.revoke((socket) => socket.userId === me.user.id, CLOSE_CODES.frozen, 'text frozen')).toBe(1);
    await waitFor(() => editor.closeCodes.includes(CLOSE_CODES.frozen), 'the editor to be closed');
    expect(reader.closeCodes).toEqual([]);
    expect(s.rooms.revocations).toBe(before + 1);
  });
});
