import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import {
  connect,
  craftUpdate,
  sectionText,
  synced,
  syncUpdateFrame,
  waitFor,
  writeParagraph,
  type CollabClient,
} from './collab-client';
import { startTestServer, type TestServer } from './harness';

// Acceptance for issue 3: members who may not edit, sending hand-made Yjs updates over a raw
// socket, change nothing and the server stays up; an editor restricted from a section cannot
// change or delete anything in it, even with an update whose delete set spans sections.

let s: TestServer;
let strategyId: string;
const cookies = new Map<string, string>();
const helpers: CollabClient[] = [];

async function cookieOf(email: string) {
  if (!cookies.has(email)) cookies.set(email, await s.login(email));
  return cookies.get(email)!;
}

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  // The owners put text in their restricted sections, so there is something to delete.
  for (const [email, key, text] of [
    ['helse@eksempel.no', 'helse-omsorg', 'Helse sin tekst'],
    ['oppvekst@eksempel.no', 'oppvekst-laering', 'Oppvekst sin tekst'],
  ] as const) {
    const client = connect(s.url, strategyId, await cookieOf(email));
    helpers.push(client);
    await synced(client);
    writeParagraph(client.doc, key, text);
  }
  await waitFor(() => serverText('oppvekst-laering').includes('Oppvekst sin tekst'), 'the owners’ text to land');
  await waitFor(() => serverText('helse-omsorg').includes('Helse sin tekst'), 'the owners’ text to land');
});
afterAll(async () => {
  for (const c of helpers) c.destroy();
  await s.close();
});

const roomDoc = () => s.rooms.get(strategyId)!.doc;
const serverText = (key: string) => sectionText(roomDoc(), key);
const snapshot = () => Buffer.from(Y.encodeStateAsUpdate(roomDoc())).toString('base64');

/** The update a client with the server's current state would send for `change`. */
const craft = (change: (doc: Y.Doc) => void) => craftUpdate(roomDoc(), change);

/**
 * Opens a raw socket as `email`, sends one frame and answers the close code the server chose, or
 * -1 when the socket is still open once `accepted` holds (the update was taken).
 */
async function sendRaw(email: string, frame: Uint8Array, accepted?: () => boolean): Promise<number> {
  const ws = new WebSocket(`${s.wsUrl}/collab/${strategyId}`, {
    headers: { cookie: await cookieOf(email), origin: s.url },
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  ws.send(frame);
  let code: number | null = null;
  void closed.then((c) => (code = c));
  await waitFor(() => code !== null || (accepted?.() ?? false), 'the server to refuse or take the update');
  if (code === null) {
    // Taken: the server kept the socket open. Give a refusal that might still follow no chance to hide.
    ws.close();
    code = await closed;
    return code === 1005 || code === 1000 ? -1 : code;
  }
  ws.terminate();
  return code;
}

function paragraphIn(key: string, text: string) {
  return (doc: Y.Doc) => writeParagraph(doc, key, text);
}

/** Deletes the last block of each section: the one with the owners' text in the restricted ones. */
const deleteLastIn =
  (...keys: string[]) =>
  (doc: Y.Doc) => {
    for (const key of keys) {
      const fragment = doc.getXmlFragment(`section:${key}`);
      fragment.delete(fragment.length - 1, 1);
    }
  };

function boldFirstWordIn(key: string) {
  return (doc: Y.Doc) => {
    const fragment = doc.getXmlFragment(`section:${key}`);
    const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).format(0, 5, { bold: {} });
  };
}

/** Proves the server is alive and still accepts honest edits after the attack. */
async function serverStillWorks(marker: string) {
  expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
  const leader = connect(s.url, strategyId, await cookieOf('leder@eksempel.no'));
  try {
    await synced(leader);
    writeParagraph(leader.doc, 'innledning', marker);
    await waitFor(() => serverText('innledning').includes(marker), 'an honest edit after the attack');
  } finally {
    leader.destroy();
  }
}

const REFUSED = CLOSE_CODES.rightsChanged;

const READERS = [
  'tillitsvalgt@eksempel.no',
  'styring@eksempel.no',
  'kommunedirektor@eksempel.no',
  'politiker@eksempel.no',
];

/** What each attack is answered with: forgeries as refused updates, garbage as a broken protocol. */
const ATTACKS: [string, () => Uint8Array, number][] = [
  ['a new paragraph in an open section', () => craft(paragraphIn('visjon', 'Forfalsket visjon')), REFUSED],
  ['a new paragraph in a restricted section', () => craft(paragraphIn('oppvekst-laering', 'Forfalsket')), REFUSED],
  ['a deletion only (no new structs)', () => craft(deleteLastIn('visjon')), REFUSED],
  ['a formatting change', () => craft(boldFirstWordIn('visjon')), REFUSED],
  [
    'a brand-new root',
    () => craft((doc) => doc.getXmlFragment('section:ny-seksjon').insert(0, [new Y.XmlElement('paragraph')])),
    REFUSED,
  ],
  ['bytes that are no update at all', () => new Uint8Array([1, 2, 3, 250, 251, 252, 0, 7]), CLOSE_CODES.malformed],
];

describe('members who may not edit, sending crafted updates', () => {
  for (const email of READERS) {
    it(`change nothing when ${email.split('@')[0]} sends any of them, and the server stays up`, async () => {
      for (const [what, make, expected] of ATTACKS) {
        const before = snapshot();
        const code = await sendRaw(email, syncUpdateFrame(make()));
        expect(code, what).toBe(expected);
        expect(snapshot(), what).toBe(before);
      }
      await serverStillWorks(`Levende etter ${email}`);
    });
  }
});

describe('an editor restricted from a section', () => {
  const helse = 'helse@eksempel.no';

  it('cannot add to it, format it or delete from it', async () => {
    for (const [what, update] of [
      ['add', craft(paragraphIn('oppvekst-laering', 'Helse skriver her'))],
      ['format', craft(boldFirstWordIn('oppvekst-laering'))],
      ['delete', craft(deleteLastIn('oppvekst-laering'))],
    ] as const) {
      const before = snapshot();
      expect(await sendRaw(helse, syncUpdateFrame(update)), what).toBe(CLOSE_CODES.rightsChanged);
      expect(snapshot(), what).toBe(before);
    }
    expect(serverText('oppvekst-laering')).toContain('Oppvekst sin tekst');
  });

  it('cannot delete in it with a delete set that also spans sections they may edit; nothing of it applies', async () => {
    const update = craft(deleteLastIn('helse-omsorg', 'visjon', 'oppvekst-laering'));
    const decoded = Y.decodeUpdate(update);
    expect(decoded.structs).toEqual([]);
    expect(decoded.ds.clients.size).toBeGreaterThan(0);
    const before = snapshot();
    expect(await sendRaw(helse, syncUpdateFrame(update))).toBe(CLOSE_CODES.rightsChanged);
    expect(snapshot()).toBe(before);
    expect(serverText('helse-omsorg')).toContain('Helse sin tekst');
    expect(serverText('oppvekst-laering')).toContain('Oppvekst sin tekst');
  });

  it('cannot hide a change to it inside an update that also writes their own section', async () => {
    const update = craft((doc) => {
      writeParagraph(doc, 'helse-omsorg', 'Lovlig');
      doc.getXmlFragment('section:oppvekst-laering').delete(0, 1);
    });
    const before = snapshot();
    expect(await sendRaw(helse, syncUpdateFrame(update))).toBe(CLOSE_CODES.rightsChanged);
    expect(snapshot()).toBe(before);
  });

  it('still writes and deletes in their own section and open ones with the same kind of update', async () => {
    const write = craft(paragraphIn('helse-omsorg', 'Helse skriver lovlig'));
    expect(
      await sendRaw(helse, syncUpdateFrame(write), () => serverText('helse-omsorg').includes('Helse skriver lovlig')),
    ).toBe(-1);
    expect(serverText('helse-omsorg')).toContain('Helse skriver lovlig');

    const visjon = serverText('visjon');
    const del = craft(deleteLastIn('helse-omsorg', 'visjon'));
    expect(await sendRaw(helse, syncUpdateFrame(del), () => serverText('visjon') !== visjon)).toBe(-1);
    expect(serverText('helse-omsorg')).not.toContain('Helse skriver lovlig');
    await serverStillWorks('Levende etter helse');
  });
});
