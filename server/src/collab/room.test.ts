import * as decoding from 'lib0/decoding';
import pino from 'pino';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/client';
import { openTestDatabase } from '../../test/databases';
import { memberships, organizations, strategies, users } from '../db/schema';
import { DocumentStore, StaleRights } from './persistence';
import { encodeSyncStep2Update, MESSAGE_AWARENESS, MESSAGE_SYNC, readAwarenessEntries } from './protocol';
import type { NewsBus } from '../cluster/bus';
import { PRESENCE_RIDE_MS } from './fan-out';
import { decodeNews, RoomNewsLine } from './news';
import { Room, type RoomConnection, type RoomOptions } from './room';

const dbs: Db[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});

async function strategy(): Promise<{ db: Db; store: DocumentStore; id: string }> {
  const db = await openTestDatabase();
  dbs.push(db);
  const id = 'strategi';
  // A first text as a new strategy has it: one compacted state, an empty log.
  const first = new Y.Doc();
  for (const section of ['visjon', 'kultur']) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`Teksten i ${section}`)]);
    first.getXmlFragment(`section:${section}`).insert(0, [paragraph]);
  }
  await db.transaction(async (tx) => {
    await tx.insert(organizations).values({ id: 'kommune', name: 'Testkommune' });
    await tx.insert(strategies).values({
      id,
      organizationId: 'kommune',
      title: 'Strategi',
      municipality: 'Testkommune',
      periodStart: 2027,
      periodEnd: 2030,
    });
    await DocumentStore.saveInitial(tx, id, first);
  });
  return { db, store: new DocumentStore(db), id };
}

const open = async (store: DocumentStore, id: string, compactAfter = 200, options: Partial<RoomOptions> = {}) =>
  new Room(id, await store.read(id), { store, log: silent, compactAfter, ...options });

const silent = pino({ level: 'silent' });

/** A connection that records what it is sent, up to which sequence number the log was stored at that moment, and when. */
function recorder(room: Room, userId = 'u') {
  const writes: { messages: Uint8Array[]; logged: number; at: number }[] = [];
  const connection: RoomConnection = {
    userId,
    origin: { kind: 'connection', userId, sessionId: `${userId}-session` },
    awarenessIds: new Set(),
    send: (message) => writes.push({ messages: [message], logged: room.lastSeq, at: performance.now() }),
    sendFramed: (framed) =>
      writes.push({ messages: [...framed.messages], logged: room.lastSeq, at: performance.now() }),
  };
  return { connection, writes, messages: () => writes.flatMap((w) => w.messages) };
}

type Recorder = ReturnType<typeof recorder>;

/** A typist and a reader, both in the room. */
function typistAndReader(room: Room): { typist: Recorder; reader: Recorder } {
  const typist = recorder(room);
  const reader = recorder(room);
  room.add(typist.connection);
  room.add(reader.connection);
  return { typist, reader };
}

/** A client's awareness, sent through `connection`: `move` sets its caret and hands the change to the room. */
function caret(room: Room, connection: RoomConnection) {
  const peer = new Y.Doc();
  const awareness = new Awareness(peer);
  return {
    clientId: peer.clientID,
    move(cursor: unknown) {
      awareness.setLocalState({ user: { id: 'u' }, cursor });
      applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(awareness, [peer.clientID]), connection);
    },
    destroy() {
      awareness.destroy();
      peer.destroy();
    },
  };
}

/** The kinds of the messages in each write a connection was sent. */
const writeKinds = (c: Recorder) => c.writes.map((w) => w.messages.map((m) => read(m).type));

/** The kind of a y-websocket message and, for a sync message, its sync type and payload. */
function read(message: Uint8Array): { type: number; syncType?: number; payload?: Uint8Array } {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC) return { type };
  return { type, syncType: decoding.readVarUint(decoder), payload: decoding.readVarUint8Array(decoder) };
}

/** A client with the room's current text, and the updates it sends, one per transaction (as a client sends them). */
function clientOf(room: Room): { doc: Y.Doc; sent: Uint8Array[] } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const sent: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => sent.push(u));
  return { doc, sent };
}

/** The text of a section's first paragraph, in a client's document. */
const firstText = (doc: Y.Doc, section: string) =>
  (doc.getXmlFragment(`section:${section}`).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** A keystroke-sized update from a client of its own, made against the room's current text. */
function edit(room: Room, section: string, text: string): Uint8Array {
  const { doc, sent } = clientOf(room);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(`section:${section}`);
  fragment.insert(fragment.length, [paragraph]);
  doc.destroy();
  return sent[0]!;
}

describe('a room opened from a compacted state', () => {
  it('answers a client that has nothing with the stored state as it is, before building the document', async () => {
    const { store, id } = await strategy();
    const stored = (await store.read(id)).state!;
    const room = await open(store, id, 200);
    const client = recorder(room);
    room.add(client.connection);
    room.greet(client.connection);
    // The server's own step 1 needs the built document, so it waits.
    expect(client.messages()).toHaveLength(0);
    const answer = room.syncStep2(Y.encodeStateVector(new Y.Doc()));
    expect(Buffer.from(answer).equals(Buffer.from(encodeSyncStep2Update(stored)))).toBe(true);
    expect(client.messages()).toHaveLength(0);
    // Anything that needs the document builds it, and the waiting client is greeted.
    expect(room.doc.getXmlFragment('section:visjon').length).toBeGreaterThan(0);
    expect(client.messages().map(read)).toEqual([expect.objectContaining({ type: MESSAGE_SYNC, syncType: 0 })]);
    room.destroy();
  });

  it('answers a client that already has part of the document from the built document', async () => {
    const { store, id } = await strategy();
    const room = await open(store, id, 200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await store.read(id)).state!);
    doc.getXmlFragment('section:visjon').insert(0, [new Y.XmlElement('paragraph')]);
    const answer = read(room.syncStep2(Y.encodeStateVector(doc)));
    expect(answer.syncType).toBe(1);
    // The client has everything the server has: the answer carries no structs.
    expect(Y.decodeUpdate(answer.payload!).structs).toHaveLength(0);
    room.destroy();
  });

  it('builds the document at once when the log holds updates after the stored state', async () => {
    const { store, id } = await strategy();
    const first = await open(store, id, 1_000_000);
    await store.append(id, [edit(first, 'kultur', 'Bibliotek')]);
    first.destroy();
    const room = await open(store, id, 200);
    const client = recorder(room);
    room.add(client.connection);
    room.greet(client.connection);
    expect(client.messages().map(read)).toEqual([expect.objectContaining({ syncType: 0 })]);
    expect(room.doc.getXmlFragment('section:kultur').toString()).toContain('Bibliotek');
    room.destroy();
  });
});

describe('broadcasting', () => {
  it('sends an update once it is saved, what waited for a save merged, to everyone but their author', async () => {
    const { store, id } = await strategy();
    const room = await open(store, id, 1_000_000);
    const a = recorder(room);
    const b = recorder(room);
    const reader = recorder(room);
    for (const c of [a, b, reader]) room.add(c.connection);

    // Alfa is saved at once; what comes while its save is under way is saved after it, together.
    room.applyUpdate(edit(room, 'visjon', 'Alfa'), a.connection);
    room.applyUpdate(edit(room, 'kultur', 'Beta'), b.connection);
    room.applyUpdate(edit(room, 'visjon', 'Gamma'), a.connection);
    // Each sent once it reached the log; Beta and Gamma as one message.
    await vi.waitFor(() =>
      expect(reader.writes.map((w) => [w.logged, w.messages.length])).toEqual([
        [1, 1],
        [3, 1],
      ]),
    );

    const stored = (await store.read(id)).state!;
    const received = (c: ReturnType<typeof recorder>) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored);
      for (const m of c.messages().map(read)) if (m.type === MESSAGE_SYNC) Y.applyUpdate(doc, m.payload!);
      return {
        visjon: doc.getXmlFragment('section:visjon').toString(),
        kultur: doc.getXmlFragment('section:kultur').toString(),
      };
    };
    expect(received(reader)).toMatchObject({
      visjon: expect.stringMatching(/Alfa.*Gamma/),
      kultur: expect.stringContaining('Beta'),
    });
    // Nobody gets their own text back.
    expect(received(a)).toMatchObject({
      visjon: expect.not.stringContaining('Alfa'),
      kultur: expect.stringContaining('Beta'),
    });
    expect(received(b)).toMatchObject({
      visjon: expect.stringMatching(/Alfa.*Gamma/),
      kultur: expect.not.stringContaining('Beta'),
    });
    room.destroy();
  });

  it('stores and sends a fresh update as it came, and otherwise the change as Yjs encodes it', async () => {
    const { store, id } = await strategy();
    const room = await open(store, id, 1_000_000);
    const author = recorder(room);
    const reader = recorder(room);
    room.add(author.connection);
    room.add(reader.connection);
    const { doc: client, sent } = clientOf(room);
    const text = firstText(client, 'visjon');
    text.delete(0, 1);
    text.insert(0, 'X');
    const [deletion, keystroke] = sent;
    room.applyUpdate(deletion!, author.connection, performance.now(), true);
    room.applyUpdate(keystroke!, author.connection, performance.now(), true);
    // A sync reply after a reconnect: nothing new but the deletion the server has (not fresh).
    text.insert(1, 'Y');
    const reply = Y.encodeStateAsUpdate(client, Y.encodeStateVector(room.doc));
    room.applyUpdate(reply, author.connection);
    await vi.waitFor(async () => expect(await store.pendingUpdates(id)).toBe(3));
    const logged = (await store.tail(id, 0)).updates.map((u) => Buffer.from(u));
    expect(logged[0]!.equals(Buffer.from(deletion!))).toBe(true);
    expect(logged[1]!.equals(Buffer.from(keystroke!))).toBe(true);
    // Only the new letter: the deletion it repeated is not stored again.
    expect(logged[2]!.equals(Buffer.from(reply))).toBe(false);
    expect(Y.decodeUpdate(logged[2]!).ds.clients.size).toBe(0);
    // The deletion at once; the two saved while it was stored, merged into one message.
    await vi.waitFor(() => expect(reader.messages()).toHaveLength(2));
    const replica = new Y.Doc();
    Y.applyUpdate(replica, (await store.read(id)).state!);
    for (const m of reader.messages().map(read)) Y.applyUpdate(replica, m.payload!);
    expect(replica.getXmlFragment('section:visjon').toString()).toBe(
      client.getXmlFragment('section:visjon').toString(),
    );
    room.destroy();
  });

  it('stores the formatting Yjs tidies after a fresh update, so the log builds the live document', async () => {
    const { store, id } = await strategy();
    const room = await open(store, id, 1_000_000);
    const a = recorder(room);
    const b = recorder(room);
    room.add(a.connection);
    room.add(b.connection);
    // Two people make the same words bold at once: the second pair of marks changes nothing, and
    // Yjs removes it in a transaction of its own.
    const bold = (from: number, length: number) => {
      const { doc, sent } = clientOf(room);
      firstText(doc, 'visjon').format(from, length, { bold: true });
      return sent[0]!;
    };
    const [first, second] = [bold(0, 6), bold(0, 6)];
    room.applyUpdate(first, a.connection, performance.now(), true);
    room.applyUpdate(second, b.connection, performance.now(), true);
    // The two updates and Yjs's tidying.
    await vi.waitFor(async () => expect(await store.head(id)).toBe(3));
    const stored = DocumentStore.build(await store.read(id));
    expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(room.doc))).toBe(true);
    room.destroy();
  });

  it('sends what news from another process held back once a fresh update lets it in', async () => {
    const { store, id } = await strategy();
    const room = await open(store, id, 1_000_000);
    const reader = recorder(room);
    const author = recorder(room);
    room.add(reader.connection);
    room.add(author.connection);
    // A client on another process writes two letters; the second's news comes, the first's not.
    const { doc: elsewhere, sent } = clientOf(room);
    const text = firstText(elsewhere, 'kultur');
    text.insert(0, 'A');
    text.insert(1, 'B');
    await store.append(id, [sent[0]!, sent[1]!]);
    room.receive({ kind: 'update', first: 2, last: 2, update: sent[1]! });
    expect(room.doc.store.pendingStructs).not.toBeNull();
    // The first letter reaches this process from a client that moved here: new to this document.
    room.applyUpdate(sent[0]!, author.connection, performance.now(), true);
    expect(room.doc.store.pendingStructs).toBeNull();
    await vi.waitFor(() => expect(reader.messages().length).toBeGreaterThan(0));
    const replica = new Y.Doc();
    Y.applyUpdate(replica, (await store.read(id)).state!);
    for (const m of reader.messages().map(read)) if (m.type === MESSAGE_SYNC) Y.applyUpdate(replica, m.payload!);
    expect(replica.getXmlFragment('section:kultur').toString()).toContain('ABTeksten');
    room.destroy();
  });

  it('sends an update to the others and the awareness it came with to everyone', async () => {
    const { store, id } = await strategy();
    const room = await open(store, id, 1_000_000);
    const { typist, reader } = typistAndReader(room);
    const peer = caret(room, typist.connection);
    peer.move(null);
    room.applyUpdate(edit(room, 'visjon', 'Gamma'), typist.connection);
    const kinds = (c: Recorder) => c.writes.flatMap((w) => w.messages).map((m) => read(m).type);
    await vi.waitFor(() => expect(kinds(reader).sort()).toEqual([MESSAGE_SYNC, MESSAGE_AWARENESS].sort()));
    // The typist gets the awareness it caused (as every server relays it) but not its own update.
    expect(kinds(typist)).toEqual([MESSAGE_AWARENESS]);
    peer.destroy();
    room.destroy();
  });

  it('lets due awareness wait for the next text and go out with it, in one write per connection', async () => {
    const { store, id } = await strategy();
    // Long enough that nothing but the text can carry the caret here.
    const room = await open(store, id, 1_000_000, { presenceRideMs: 60_000 });
    const { typist, reader } = typistAndReader(room);
    const peer = caret(room, typist.connection);
    peer.move(1);
    // A turn of the event loop later (a server that sent it alone would have done so by now).
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reader.writes).toEqual([]);
    room.applyUpdate(edit(room, 'visjon', 'Gamma'), typist.connection);
    await vi.waitFor(() => expect(writeKinds(reader)).toEqual([[MESSAGE_SYNC, MESSAGE_AWARENESS]]));
    expect(writeKinds(typist)).toEqual([[MESSAGE_AWARENESS]]);
    peer.destroy();
    room.destroy();
  });

  it('sends due awareness alone, a moment later, when no text comes to carry it', async () => {
    const { store, id } = await strategy();
    const room = await open(store, id, 1_000_000);
    const { typist, reader } = typistAndReader(room);
    const peer = caret(room, typist.connection);
    const changedAt = performance.now();
    peer.move(1);
    await vi.waitFor(() => expect(writeKinds(reader)).toEqual([[MESSAGE_AWARENESS]]));
    // It waited for text first (PRESENCE_RIDE_MS; a timer may fire a little early by the loop's clock).
    expect(reader.writes[0]!.at - changedAt).toBeGreaterThanOrEqual(PRESENCE_RIDE_MS / 2);
    peer.destroy();
    room.destroy();
  });

  it('tells the other processes of a departure that still waited to go out when the room closes', async () => {
    const { store, id } = await strategy();
    const published: Uint8Array[] = [];
    const bus: NewsBus = {
      connected: true,
      publish: (_channel, message) => void published.push(message),
      subscribe: () => () => {},
      onState: () => () => {},
      close: async () => {},
    };
    const room = await open(store, id, 1_000_000, { news: new RoomNewsLine(bus, id, () => {}) });
    const visitor = recorder(room);
    room.add(visitor.connection);
    const peer = caret(room, visitor.connection);
    peer.move(1);
    await vi.waitFor(() => expect(published).toHaveLength(1));
    // They leave within the awareness interval, and the room is unloaded at once.
    room.remove(visitor.connection);
    room.destroy();
    expect(published).toHaveLength(2);
    const departure = decodeNews(published[1]!);
    expect(departure.kind).toBe('awareness');
    const [entry] = readAwarenessEntries(departure.update);
    expect(entry).toMatchObject({ clientId: peer.clientId, state: null });
    peer.destroy();
  });

  it('sends awareness at most every 50 ms and never holds text back for it', async () => {
    const { store, id } = await strategy();
    const kinds = () => writeKinds(reader);
    // What the reader had been sent when the text was saved (the room sends before it tells).
    let sentWhenSaved: number[][] | null = null;
    const room = await open(store, id, 1_000_000, { onSaved: () => (sentWhenSaved = kinds()) });
    const { typist, reader } = typistAndReader(room);
    const peer = caret(room, typist.connection);
    const awarenessWrites = () => kinds().filter((k) => k.includes(MESSAGE_AWARENESS)).length;

    peer.move(1);
    await vi.waitFor(() => expect(kinds()).toEqual([[MESSAGE_AWARENESS]]));

    room.applyUpdate(edit(room, 'visjon', 'Delta'), typist.connection);
    peer.move(2);
    await vi.waitFor(() => expect(sentWhenSaved).not.toBeNull());
    // The text went out as it was saved, whatever the caret's interval.
    expect(sentWhenSaved!.some((k) => k.includes(MESSAGE_SYNC))).toBe(true);

    await vi.waitFor(() => expect(awarenessWrites()).toBe(2));
    const sentAt = reader.writes
      .filter((w) => w.messages.some((m) => read(m).type === MESSAGE_AWARENESS))
      .map((w) => w.at);
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(49);
    peer.destroy();
    room.destroy();
  });
});

describe('awareness owners', () => {
  /** The one entry of an awareness update the peer would send now. */
  const entryOf = (awareness: Awareness, clientId: number) =>
    readAwarenessEntries(encodeAwarenessUpdate(awareness, [clientId]))[0]!;

  it('treats the ids someone gave up as theirs for a while, so relays of them are not taken as forgeries', async () => {
    const { store, id } = await strategy();
    const room = await open(store, id, 1_000_000);
    const helse = recorder(room, 'helse');
    const leader = recorder(room, 'leder');
    room.add(helse.connection);
    room.add(leader.connection);
    const peer = new Y.Doc();
    const awareness = new Awareness(peer);
    const publish = () =>
      applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(awareness, [peer.clientID]), helse.connection);
    const relayed = (by: RoomConnection) => room.isRelay(entryOf(awareness, peer.clientID), by);

    awareness.setLocalState({ user: { id: 'helse' } });
    publish();
    expect(relayed(helse.connection)).toBe(false);
    expect(relayed(leader.connection)).toBe(true);

    // Cleared: still helse's to the others, and helse may take it up again.
    awareness.setLocalState(null);
    publish();
    expect(relayed(leader.connection)).toBe(true);
    expect(relayed(helse.connection)).toBe(false);

    // Gone: the same for the connections that remain; an id nobody ever had is nobody's.
    awareness.setLocalState({ user: { id: 'helse' } });
    publish();
    room.remove(helse.connection);
    expect(relayed(leader.connection)).toBe(true);
    expect(room.isRelay({ clientId: peer.clientID + 1, clock: 0, state: {} }, leader.connection)).toBe(false);
    awareness.destroy();
    room.destroy();
  });

  it('lets the same person take over their presence from an old connection with a newer state, not with a relay', async () => {
    const { store, id } = await strategy();
    const room = await open(store, id, 1_000_000);
    const old = recorder(room, 'helse');
    const again = recorder(room, 'helse');
    room.add(old.connection);
    room.add(again.connection);
    const peer = new Y.Doc();
    const awareness = new Awareness(peer);
    awareness.setLocalState({ user: { id: 'helse' }, cursor: 1 });
    applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(awareness, [peer.clientID]), old.connection);

    // The same state again (what a relay carries) stays the old connection's.
    expect(room.isRelay(entryOf(awareness, peer.clientID), again.connection)).toBe(true);
    // A newer one is the person's own, from the connection they use now.
    awareness.setLocalState({ user: { id: 'helse' }, cursor: 2 });
    const newer = entryOf(awareness, peer.clientID);
    expect(room.isRelay(newer, again.connection)).toBe(false);
    room.adoptAwareness([newer], again.connection);
    expect([...again.connection.awarenessIds]).toEqual([peer.clientID]);
    expect(old.connection.awarenessIds.size).toBe(0);
    // The old socket's end no longer takes the presence with it.
    room.remove(old.connection);
    expect(room.awareness.getStates().has(peer.clientID)).toBe(true);
    awareness.destroy();
    room.destroy();
  });
});

describe('the storing transaction', () => {
  it("refuses a batch when any writer's rights version moved, and stores none of it", async () => {
    const { db, store, id } = await strategy();
    await db.transaction(async (tx) => {
      for (const userId of ['anne', 'bjorn']) {
        await tx.insert(users).values({ id: userId, organizationId: 'kommune', email: `${userId}@k.no`, name: userId });
        await tx.insert(memberships).values({ strategyId: id, userId, role: 'editor', rightsVersion: 2 });
      }
    });
    const room = await open(store, id, 1_000_000);
    const update = edit(room, 'visjon', 'Alfa');
    const anne = { userId: 'anne', rightsVersion: 2 };
    const bjorn = { userId: 'bjorn', rightsVersion: 2 };
    const refusal = (writers: { userId: string; rightsVersion: number }[]) =>
      store.append(id, [update], writers).then(
        () => null,
        (err: unknown) => (err instanceof StaleRights ? err.userIds : err),
      );
    expect(await refusal([{ ...anne, rightsVersion: 1 }, bjorn])).toEqual(['anne']);
    expect(await refusal([anne, { ...bjorn, rightsVersion: 3 }])).toEqual(['bjorn']);
    expect(await refusal([{ userId: 'nobody', rightsVersion: 0 }])).toEqual(['nobody']);
    expect(await store.pendingUpdates(id)).toBe(0);
    expect(await store.head(id)).toBe(0);
    expect(await store.append(id, [update], [anne, bjorn])).toBe(1);
    room.destroy();
  });

  it("refuses a keystroke that waited for the head while a freeze moved its writer's rights", async () => {
    const { db, store, id } = await strategy();
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ id: 'anne', organizationId: 'kommune', email: 'anne@k.no', name: 'Anne' });
      await tx.insert(memberships).values({ strategyId: id, userId: 'anne', role: 'editor', rightsVersion: 2 });
    });
    const room = await open(store, id, 1_000_000);
    const update = edit(room, 'visjon', 'Alfa');
    const appending: { outcome?: Promise<unknown> } = {};
    // As a freeze does: hold the head, move the rights, commit; the keystroke waits for the head.
    await db.transaction(async (tx) => {
      await store.lockIn(tx, id);
      await tx.update(memberships).set({ rightsVersion: 3 }).where(eq(memberships.userId, 'anne'));
      // Started outside this transaction's code path, as another socket's save would be.
      await new Promise<void>((resolve) =>
        setImmediate(() => {
          appending.outcome = store
            .append(id, [update], [{ userId: 'anne', rightsVersion: 2 }])
            .catch((err: unknown) => err);
          resolve();
        }),
      );
      if (db.engine === 'postgres') {
        // Until it waits for the head row's lock (SQLite runs one transaction at a time anyway).
        await vi.waitFor(async () => {
          const rows = (await db.execute(
            sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`,
          )) as unknown as { n: number }[];
          expect(rows[0]!.n).toBeGreaterThan(0);
        });
      }
    });
    expect(await appending.outcome).toBeInstanceOf(StaleRights);
    expect(await store.head(id)).toBe(0);
    room.destroy();
  });
});
