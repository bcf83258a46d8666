import { eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { auditLog } from '../src/db/schema-audit';
import { MESSAGE_AWARENESS } from '../src/collab/protocol';
import {
  awarenessUpdate,
  craftUpdate,
  sectionText,
  synced,
  syncUpdateFrame,
  waitFor,
  waitUntil,
  writeParagraph,
} from './collab-client';
import { cuttableProxy, openRaw } from './collab-sockets';
import { collabFixtures } from './collab-fixtures';
import type { TestServer } from './harness';

// Issue 12, faults 1, 2, 12, 13 and 16 (presence): what the guard lets through and what it
// refuses, on real sockets against a real server.

const { server, client, onCleanup } = collabFixtures();

const refusals = (s: TestServer) =>
  s.deps.db.select().from(auditLog).where(eq(auditLog.action, 'collab.update_refused'));

const serverText = async (s: TestServer, key: string) => sectionText(s.rooms.get(await s.strategyId())!.doc, key);

/** Sends one frame on a raw socket as `email` and answers the close code, or null if the socket is still open. */
async function sendAs(s: TestServer, email: string, frame: Uint8Array, settled: () => boolean): Promise<number | null> {
  const socket = await openRaw(s, await s.strategyId(), await s.login(email));
  socket.ws.send(frame);
  await waitFor(() => socket.code !== null || settled(), 'the server to refuse or take the frame');
  const code = socket.code;
  socket.ws.terminate();
  return code;
}

describe('members who may only read', () => {
  it('stay connected when they reconnect or open the text after something was deleted, and nothing is audited', async () => {
    const s = await server({ COLLAB_UNLOAD_DELAY_MS: '0' });
    const strategyId = await s.strategyId();
    const leader = await client(s, 'leder@eksempel.no');
    const viewer = await client(s, 'politiker@eksempel.no');
    writeParagraph(leader.doc, 'visjon', 'Denne setningen slettes');
    await waitFor(() => sectionText(viewer.doc, 'visjon').includes('slettes'), 'the viewer to get the text');
    const visjon = leader.doc.getXmlFragment('section:visjon');
    visjon.delete(visjon.length - 1, 1);
    await waitFor(() => !sectionText(viewer.doc, 'visjon').includes('slettes'), 'the viewer to see the deletion');

    // A network blip: the viewer's routine sync reply now carries the delete set.
    viewer.provider.disconnect();
    viewer.provider.connect();
    await synced(viewer);
    // Everyone leaves; the next reader opens a cold room and gets the server's step 1 after the text.
    leader.destroy();
    const union = await client(s, 'tillitsvalgt@eksempel.no');
    viewer.destroy();
    union.destroy();
    await waitFor(() => !s.rooms.isLoaded(strategyId), 'the room to unload');
    const fresh = await client(s, 'politiker@eksempel.no');
    const editor = await client(s, 'helse@eksempel.no');
    // Messages are handled in order: once an edit made after the replies reached the reader, so did they.
    writeParagraph(editor.doc, 'visjon', 'Etter svarene');
    await waitFor(() => sectionText(fresh.doc, 'visjon').includes('Etter svarene'), 'a later edit to arrive');

    for (const c of [viewer, union, fresh]) expect(c.closeCodes).not.toContain(CLOSE_CODES.rightsChanged);
    expect(await refusals(s)).toEqual([]);
  });
});

describe('an editor who worked offline', () => {
  it('keeps the offline paragraph and the word typed right after reconnecting, though the word arrives first', async () => {
    const s = await server({ COLLAB_UNLOAD_DELAY_MS: '0' });
    const strategyId = await s.strategyId();
    // A link with some 80 ms round trip, so the client's typing overtakes the server's answers.
    const link = await cuttableProxy(s, { delayMs: 80 });
    onCleanup(() => link.close());
    const editor = await client(s, 'helse@eksempel.no', { baseUrl: link.url });
    editor.provider.disconnect();
    writeParagraph(editor.doc, 'helse-omsorg', 'Skrevet uten nett');
    await waitFor(() => !s.rooms.isLoaded(strategyId), 'the room to unload while the editor is offline');

    // The word goes out the moment the socket is open, right after the client's sync step 1: a
    // round trip before the client can answer the server's step 1 with the offline paragraph.
    editor.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      queueMicrotask(() => {
        const fragment = editor.doc.getXmlFragment('section:helse-omsorg');
        const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
        const text = paragraph.get(0) as Y.XmlText;
        text.insert(text.length, ' og et ord');
      });
    });
    editor.provider.connect();
    // Read from the database, not the room: asking the room for its document would build it and
    // greet the client early, sooner than over a real network.
    const stored = async () => (await s.loadDocument()).getXmlFragment('section:helse-omsorg').toString();
    await waitUntil(
      async () => (await stored()).includes('og et ord') || editor.closeCodes.length > 0,
      'the word to be stored',
    );
    expect(editor.closeCodes).toEqual([]);
    expect(await stored()).toContain('Skrevet uten nett og et ord');
    expect(await refusals(s)).toEqual([]);
  });

  it('has an update taken once what it depends on arrives, even over another of the person’s sockets', async () => {
    const s = await server();
    const strategyId = await s.strategyId();
    await client(s, 'leder@eksempel.no');
    const room = s.rooms.get(strategyId)!.doc;
    // Two tabs of one browser: the second had the first's offline paragraph (tabs share it) and
    // typed into it; its update reaches the server before the first tab is back.
    const tab = new Y.Doc();
    Y.applyUpdate(tab, Y.encodeStateAsUpdate(room));
    const before = Y.encodeStateVector(tab);
    writeParagraph(tab, 'visjon', 'Fra første fane');
    const first = Y.encodeStateAsUpdate(tab, before);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(tab));
    const middle = Y.encodeStateVector(other);
    const fragment = other.getXmlFragment('section:visjon');
    ((fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Andre fane: ');
    const second = Y.encodeStateAsUpdate(other, middle);

    const cookie = await s.login('helse@eksempel.no');
    const waiting = await openRaw(s, strategyId, cookie);
    onCleanup(() => waiting.ws.terminate());
    waiting.ws.send(syncUpdateFrame(second));
    const sender = await openRaw(s, strategyId, cookie);
    onCleanup(() => sender.ws.terminate());
    sender.ws.send(syncUpdateFrame(first));
    await waitFor(() => sectionText(room, 'visjon').includes('Andre fane: Fra første fane'), 'both updates');
    expect([waiting.code, sender.code]).toEqual([null, null]);
  });

  it('is stopped when what an update depends on never comes', async () => {
    const s = await server({ COLLAB_DEPENDENCY_WAIT_MS: '200' });
    const strategyId = await s.strategyId();
    await client(s, 'leder@eksempel.no');
    const room = s.rooms.get(strategyId)!.doc;
    // The second of two edits, without the first: it waits for structs that are never sent.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(room));
    writeParagraph(offline, 'visjon', 'Første');
    const before = Y.encodeStateVector(offline);
    writeParagraph(offline, 'visjon', 'Andre');
    const second = Y.encodeStateAsUpdate(offline, before);
    const code = await sendAs(s, 'helse@eksempel.no', syncUpdateFrame(second), () => false);
    expect(code).toBe(CLOSE_CODES.rightsChanged);
    expect(await serverText(s, 'visjon')).not.toContain('Andre');
  });
});

describe('content that does not fit the editor schema', () => {
  const section = 'section:helse-omsorg';
  const lastParagraph = (doc: Y.Doc) => {
    const fragment = doc.getXmlFragment(section);
    return fragment.get(fragment.length - 1) as Y.XmlElement;
  };
  const MISFITS: [string, (doc: Y.Doc) => void][] = [
    ['text straight under the section', (doc) => doc.getXmlFragment(section).insert(0, [new Y.XmlText('løs tekst')])],
    // Yjs stores a bare string in an element's children as plain content, not as a text.
    ['a bare string inside a paragraph', (doc) => lastParagraph(doc).insert(0, ['bar tekst' as unknown as Y.XmlText])],
    [
      'an embed inside a paragraph’s text',
      (doc) => (lastParagraph(doc).get(0) as Y.XmlText).insertEmbed(0, { bilde: 'x' }),
    ],
    [
      'an element the schema does not know',
      (doc) => doc.getXmlFragment(section).insert(0, [new Y.XmlElement('script')]),
    ],
    ['a paragraph inside a paragraph', (doc) => lastParagraph(doc).insert(0, [new Y.XmlElement('paragraph')])],
    ['a format that is no mark', (doc) => (lastParagraph(doc).get(0) as Y.XmlText).format(0, 2, { onclick: 'x' })],
  ];

  it('is refused even in the sender’s own section, and changes nothing', async () => {
    const s = await server();
    const helse = await client(s, 'helse@eksempel.no');
    writeParagraph(helse.doc, 'helse-omsorg', 'Eierens tekst');
    const roomDoc = s.rooms.get(await s.strategyId())!.doc;
    await waitFor(() => sectionText(roomDoc, 'helse-omsorg').includes('Eierens tekst'), 'the text to land');
    for (const [what, change] of MISFITS) {
      const before = Buffer.from(Y.encodeStateAsUpdate(roomDoc)).toString('base64');
      const code = await sendAs(s, 'helse@eksempel.no', syncUpdateFrame(craftUpdate(roomDoc, change)), () => false);
      expect(code, what).toBe(CLOSE_CODES.rightsChanged);
      expect(Buffer.from(Y.encodeStateAsUpdate(roomDoc)).toString('base64'), what).toBe(before);
    }
    // The same person's schema-shaped edits still go through.
    const ok = craftUpdate(roomDoc, (doc) => writeParagraph(doc, 'helse-omsorg', 'Gyldig avsnitt'));
    expect(
      await sendAs(s, 'helse@eksempel.no', syncUpdateFrame(ok), () =>
        sectionText(roomDoc, 'helse-omsorg').includes('Gyldig avsnitt'),
      ),
    ).toBeNull();
  });
});

describe('Yjs client ids', () => {
  it('refuses structs under another person’s client id, and that person’s next edit is still taken', async () => {
    const s = await server();
    const helse = await client(s, 'helse@eksempel.no');
    writeParagraph(helse.doc, 'visjon', 'Helse skriver først');
    const roomDoc = s.rooms.get(await s.strategyId())!.doc;
    await waitFor(() => sectionText(roomDoc, 'visjon').includes('Helse skriver først'), 'helse’s edit');

    // Another editor writes under helse's live client id, at helse's next clock.
    const forged = craftUpdate(roomDoc, (doc) => writeParagraph(doc, 'visjon', 'Forfalsket'), helse.doc.clientID);
    expect(await sendAs(s, 'oppvekst@eksempel.no', syncUpdateFrame(forged), () => false)).toBe(
      CLOSE_CODES.rightsChanged,
    );
    expect(sectionText(roomDoc, 'visjon')).not.toContain('Forfalsket');

    writeParagraph(helse.doc, 'visjon', 'Helse skriver igjen');
    await waitFor(() => sectionText(roomDoc, 'visjon').includes('Helse skriver igjen'), 'helse’s next edit');
    expect(helse.closeCodes).toEqual([]);
  });
});

describe('presence', () => {
  it('refuses a presence under the member’s own id but another name', async () => {
    const s = await server();
    const me = (await (
      await fetch(`${s.url}/api/me`, { headers: { cookie: await s.login('helse@eksempel.no') } })
    ).json()) as { user: { id: string; name: string } };
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(
      message,
      awarenessUpdate(4242, 1, { user: { id: me.user.id, name: 'Kommunedirektøren' } }),
    );
    expect(await sendAs(s, 'helse@eksempel.no', encoding.toUint8Array(message), () => false)).toBe(
      CLOSE_CODES.rightsChanged,
    );

    // Under the account's own name, presence is taken.
    const honest = await client(s, 'helse@eksempel.no');
    const watcher = await client(s, 'leder@eksempel.no');
    honest.provider.awareness.setLocalStateField('user', { id: me.user.id, name: me.user.name, color: '#0062ba' });
    await waitFor(
      () => [...watcher.provider.awareness.getStates().values()].some((st) => st.user?.name === me.user.name),
      'the presence to show',
    );
    expect(honest.closeCodes).toEqual([]);
  });
});
