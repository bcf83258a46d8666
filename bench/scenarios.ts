import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { SimClient } from './client';
import type { ServerGroup } from './group';
import { runLoad, Typist, type LoadPlan, type LoadResult } from './load';
import { median } from './stats';
import type { Target } from './targets';

/** A scenario on our server as several processes on PostgreSQL + Redis (ours only). */
export interface ClusterPlan {
  processes: number;
  /** The one-process scenario of the same shape, whose figures the report shows beside. */
  beside: string;
}

export interface LoadScenario {
  kind: 'load';
  name: string;
  plan: LoadPlan;
  /** Runs per server; the one with the lowest p99 is reported. */
  rounds?: number;
  cluster?: ClusterPlan;
}

export interface ColdOpenScenario {
  kind: 'cold-open';
  name: string;
  updates: number;
}

export interface ManyRoomsScenario {
  kind: 'many-rooms';
  name: string;
  rooms: number;
  clientsPerRoom: number;
  cluster?: ClusterPlan;
}

export type Scenario = LoadScenario | ColdOpenScenario | ManyRoomsScenario;

export interface ServerFigures {
  peakRssBytes: number;
  /** Growth of the database files over the run. */
  databaseBytes: number;
  /** Bytes the server process sent to storage over the run (/proc/<pid>/io write_bytes). */
  storageWriteBytes: number;
}

export type LoadFigures = LoadResult & ServerFigures & { otherRounds?: { p50: number; p99: number }[] };

export interface SyncTiming {
  /** From opening the socket to the server's full answer (sync step 2) arriving. */
  answerMs: number;
  /** …and applied to the client's document, when a provider reports `synced`. */
  syncedMs: number;
  bytes: number;
}

export interface ColdOpenFigures extends ServerFigures {
  historyUpdates: number;
  /** Not loaded, history in the update log (ours only: the others store merged states). */
  beforeCompaction: SyncTiming | null;
  /** Not loaded, history compacted into one stored state (median of 3). */
  afterCompaction: SyncTiming | null;
  /** Document already open in the server (median of 3). */
  warm: SyncTiming;
  stateBytes: number | null;
}

export interface ManyRoomsFigures extends ServerFigures {
  rooms: number;
  clients: number;
  connectMs: number;
  /** Resident memory and JS heap (after a full GC) added per open room with its clients. */
  rssPerRoomBytes: number;
  heapPerRoomBytes: number;
  stateBytes: number | null;
  unexpectedCloses: number;
  /** Items (the paragraph, its text and five characters) of a room's typist not yet at a reader of the room when memory was read, summed. */
  missing: number;
  /** …and still missing after up to 10 s more. */
  missingAfterDrain: number;
  /** From the first keystroke until every reader had its typist's edits (NaN if some never came). */
  allReceivedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function storageFigures(servers: ServerGroup, before: { db: number; io: number }): Promise<ServerFigures> {
  const proc = servers.proc();
  return {
    peakRssBytes: proc.peakRssBytes,
    databaseBytes: (await servers.databaseBytes()) - before.db,
    storageWriteBytes: proc.storageWriteBytes - before.io,
  };
}

async function storageBaseline(servers: ServerGroup) {
  return { db: await servers.databaseBytes(), io: servers.proc().storageWriteBytes };
}

/** Hocuspocus stores a document 2 s after its last change; give every server that long to write. */
const PERSIST_SETTLE_MS = 3_000;

export async function runLoadScenario(
  target: Target,
  scenario: LoadScenario,
  sectionKeys: readonly string[],
): Promise<LoadFigures> {
  const before = await storageBaseline(target.servers);
  const result = await runLoad(target, target.servers.ready.documents[0]!, sectionKeys, scenario.plan);
  await sleep(PERSIST_SETTLE_MS);
  return { ...result, ...(await storageFigures(target.servers, before)) };
}

async function firstSync(target: Target, document: string): Promise<{ client: SimClient; timing: SyncTiming }> {
  const seat = target.seat(document, 'reader', 'visjon', 0);
  const client = new SimClient(seat.endpoint, seat.user);
  await client.connect(120_000);
  return {
    client,
    timing: {
      answerMs: client.step2At - client.openedAt,
      syncedMs: client.appliedAt - client.openedAt,
      bytes: client.bytesReceived,
    },
  };
}

function medianTiming(timings: SyncTiming[]): SyncTiming {
  return {
    answerMs: median(timings.map((t) => t.answerMs)),
    syncedMs: median(timings.map((t) => t.syncedMs)),
    bytes: median(timings.map((t) => t.bytes)),
  };
}

/**
 * A strategy with a long history opened by its first reader: from the update log (ours, before
 * compaction), from the stored state (after compaction; Hocuspocus only ever stores that), and
 * while already open.
 */
export async function runColdOpen(target: Target, scenario: ColdOpenScenario): Promise<ColdOpenFigures> {
  const { servers: child } = target;
  const before = await storageBaseline(child);
  const document = child.ready.documents[0]!;
  const persists = child.kind !== 'y-websocket-server';
  const open = async () => {
    const { client, timing } = await firstSync(target, document);
    await client.close();
    client.destroy();
    if (persists) await until(async () => !(await child.call<boolean>('isLoaded', document)), 'the document to unload');
    return timing;
  };

  let beforeCompaction: SyncTiming | null = null;
  let afterCompaction: SyncTiming | null = null;
  if (child.kind === 'ours') {
    beforeCompaction = await open();
    const pending = await child.call<number>('pendingUpdates', document);
    if (pending !== 0) throw new Error(`ours: ${pending} updates still in the log after the room unloaded`);
  }
  if (persists) afterCompaction = medianTiming([await open(), await open(), await open()]);

  const holder = await firstSync(target, document);
  // "Already open" means in memory: wait until the server has greeted the holder with its own state.
  await until(async () => holder.client.serverStep1At > 0, 'the server to greet the first client');
  const warmTimings: SyncTiming[] = [];
  for (let i = 0; i < 3; i++) {
    const { client, timing } = await firstSync(target, document);
    warmTimings.push(timing);
    await client.close();
    client.destroy();
  }
  const stateBytes = await child.call<number | null>('stateSize', document);
  await holder.client.close();
  holder.client.destroy();
  return {
    historyUpdates: scenario.updates,
    beforeCompaction,
    afterCompaction,
    warm: medianTiming(warmTimings),
    stateBytes,
    ...(await storageFigures(child, before)),
  };
}

/**
 * Many strategies open at once, each with a few clients and one edit: what a room costs in memory.
 * On several processes the clients of a room are spread over them, so every room is open on each.
 */
export async function runManyRooms(target: Target, scenario: ManyRoomsScenario): Promise<ManyRoomsFigures> {
  const { servers } = target;
  const before = await storageBaseline(servers);
  const documents = servers.ready.documents.slice(0, scenario.rooms);
  const baseline = await servers.gc();
  const baselineRss = servers.proc().rssBytes;

  const started = performance.now();
  const clients: SimClient[] = [];
  const typists: Typist[] = [];
  documents.forEach((document, d) => {
    for (let i = 0; i < scenario.clientsPerRoom; i++) {
      const seat = target.seat(document, i === 0 ? 'typist' : 'reader', 'visjon', d * scenario.clientsPerRoom + i);
      const client = new SimClient(seat.endpoint, seat.user);
      clients.push(client);
      if (i === 0) typists.push(new Typist(d, client, 'visjon'));
    }
  });
  for (let i = 0; i < clients.length; i += 25) await Promise.all(clients.slice(i, i + 25).map((c) => c.connect()));
  const connectMs = performance.now() - started;
  // How far each reader got in its room's typist's edits (a Yjs clock: one per item).
  const reached = new Map<SimClient, { typist: SimClient; clock: number }>();
  documents.forEach((_, d) => {
    const typist = clients[d * scenario.clientsPerRoom]!;
    for (let i = 1; i < scenario.clientsPerRoom; i++) {
      const reader = clients[d * scenario.clientsPerRoom + i]!;
      const progress = { typist, clock: 0 };
      reached.set(reader, progress);
      reader.onUpdate = (update) => {
        for (const struct of Y.decodeUpdate(update).structs)
          if (struct.id.client === typist.doc.clientID)
            progress.clock = Math.max(progress.clock, struct.id.clock + struct.length);
      };
    }
  });
  const typingStarted = performance.now();
  let allReceivedAt = NaN;
  const countMissing = () => {
    let n = 0;
    for (const { typist, clock } of reached.values()) n += Y.getState(typist.doc.store, typist.doc.clientID) - clock;
    if (n === 0 && Number.isNaN(allReceivedAt)) allReceivedAt = performance.now();
    return n;
  };
  for (const typist of typists) {
    typist.begin();
    for (let k = 0; k < 5; k++) typist.keystroke(true);
  }
  await sleep(PERSIST_SETTLE_MS);

  const loaded = await servers.gc();
  const loadedRss = servers.proc().rssBytes;
  const stateBytes = await servers.call<number | null>('stateSize', documents[documents.length - 1]);
  const unexpectedCloses = clients.filter((c) => c.closeCode !== null).length;
  const missing = countMissing();
  const figures = await storageFigures(servers, before);
  // Memory is read; now wait for stragglers (the time is only known to the 20 ms this polls at).
  await until(async () => countMissing() === 0, 'every edit to arrive', 10_000).catch(() => {});
  const missingAfterDrain = countMissing();
  await Promise.all(clients.map((c) => c.close()));
  for (const c of clients) c.destroy();
  return {
    rooms: documents.length,
    clients: clients.length,
    connectMs,
    rssPerRoomBytes: (loadedRss - baselineRss) / documents.length,
    heapPerRoomBytes: (loaded.heapUsed + loaded.external - baseline.heapUsed - baseline.external) / documents.length,
    stateBytes,
    unexpectedCloses,
    missing,
    missingAfterDrain,
    allReceivedMs: allReceivedAt - typingStarted,
    ...figures,
  };
}
