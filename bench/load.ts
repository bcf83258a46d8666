import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { CollabMetrics } from '../server/src/collab/metrics';
import { SimClient } from './client';
import type { ClusterWindow } from './group';
import { Samples, type LatencySummary } from './stats';
import type { Target } from './targets';

export interface LoadPlan {
  clients: number;
  typists: number;
  /** Keystrokes per second of each typist. */
  rate: number;
  warmupMs: number;
  measureMs: number;
  /** Typists move their caret in awareness on every keystroke, as TipTap's caret extension does. */
  caret: boolean;
}

export interface LoadResult {
  plan: LoadPlan;
  latency: LatencySummary;
  /** Keystrokes sent in the measured window, per second. */
  updatesPerSecond: number;
  /** Updates received by other clients in the measured window, per second. */
  deliveriesPerSecond: number;
  /** Receipts that never came (after a drain of up to 10 s). */
  missing: number;
  /** Sockets the server closed during the run. */
  unexpectedCloses: number;
  /** The server's own provider ended with every typist's text. */
  verified: boolean;
  connectMs: number;
  /** cpuPercent: of one core over the window; cpuPerThousandReceipts: CPU milliseconds per 1,000 receipts (less sensitive to other load). */
  server: {
    cpuPercent: number;
    cpuPerThousandReceipts: number;
    writeCallsPerThousandReceipts: number;
    /** Involuntary context switches: the kernel gave the CPU to other work while the server had some. */
    preemptionsPerSecond: number;
    eventLoopP99: number;
  };
  generator: { utilization: number; eventLoopP99: number; preemptionsPerSecond: number };
  /** Ours only: the server's own timing of each stage an update passes, over the measured window. */
  stages: Stages | null;
  /** Several processes only. */
  cluster: ClusterLoadFigures | null;
}

/** What a run on several processes adds: receipts by where they were sent from, and the shared services' work. */
export interface ClusterLoadFigures {
  processes: number;
  /** Receipts at a client of the process the typist is connected to, and of another process. */
  sameProcess: LatencySummary;
  otherProcess: LatencySummary;
  /** PostgreSQL's backends for this database, and Redis, in CPU milliseconds per 1,000 receipts. */
  postgresCpuPerThousandReceipts: number;
  redisCpuPerThousandReceipts: number;
  /** WAL written in the measured window: this database's records (null if unknown), and the whole server's. */
  walBytes: number | null;
  serverWalBytes: number;
  commitsPerThousandReceipts: number;
  /** Each process's own stage timings (`stages` is the first one's). */
  stagesByProcess: (Stages | null)[];
}

export type Stages = ReturnType<CollabMetrics['summary']>;

const TEXT = 'Kommunen skal gi innbyggerne digitale tjenester som er enkle å bruke. ';

/** One typist: a paragraph of its own in one section, a character per keystroke. */
export class Typist {
  /** Clock after each update this typist sent, and when it was sent (performance.now()). */
  readonly ends: number[] = [];
  readonly times: number[] = [];
  private text: Y.XmlText | null = null;
  private typed = 0;
  readonly label: string;

  constructor(
    readonly index: number,
    readonly client: SimClient,
    readonly sectionKey: string,
  ) {
    this.label = `[T${index}] `;
    const doc = client.doc;
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      const sentAt = performance.now();
      client.sendUpdate(update);
      this.ends.push(Y.getState(doc.store, doc.clientID));
      this.times.push(sentAt);
    });
  }

  /** The paragraph the typist writes in, appended to its section the way the editor's binding writes it. */
  begin(): void {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    const fragment = this.client.doc.getXmlFragment(`section:${this.sectionKey}`);
    fragment.insert(fragment.length, [paragraph]);
    this.text = text;
  }

  keystroke(caret: boolean): void {
    const text = this.text!;
    const all = this.label + TEXT;
    text.insert(text.length, all[this.typed++ % all.length]!);
    if (caret) {
      const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
      this.client.publishAwareness({ user: this.client.user, cursor: { anchor: position, head: position } });
    }
  }

  get content(): string {
    return this.text?.toString() ?? '';
  }
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = () => {
      if (condition()) return resolve(true);
      if (performance.now() > deadline) return resolve(false);
      setTimeout(check, 20);
    };
    check();
  });
}

/**
 * K typists and the rest readers (awareness on) on one document; every update's latency from
 * its send to its receipt at every other client. One client is the server's own provider, which
 * checks at the end that the simulated clients' text arrived intact.
 */
export async function runLoad(
  target: Target,
  document: string,
  sectionKeys: readonly string[],
  plan: LoadPlan,
): Promise<LoadResult> {
  const started = performance.now();
  const { servers } = target;
  const clients: SimClient[] = [];
  const typists: Typist[] = [];
  /** The process each client is connected to. */
  const processOf: number[] = [];
  for (let i = 0; i < plan.clients - 1; i++) {
    const role = i < plan.typists ? 'typist' : 'reader';
    const sectionKey = sectionKeys[i % sectionKeys.length]!;
    const seat = target.seat(document, role, sectionKey, i);
    const client = new SimClient(seat.endpoint, seat.user);
    clients.push(client);
    processOf.push(seat.process);
    if (role === 'typist') typists.push(new Typist(i, client, sectionKey));
  }
  await inBatches(clients, 25, (c) => c.connect());
  const verifier = await target.verifier(document);
  const connectMs = performance.now() - started;

  const typistOf = new Map(typists.map((t) => [t.client.doc.clientID, t]));
  const samples = new Samples();
  // On several processes each receipt is also counted by where its typist is connected.
  const split = servers.size > 1 ? { same: new Samples(), other: new Samples() } : null;
  let windowStart = Infinity;
  let windowEnd = Infinity;
  let deliveries = 0;
  const pointers = clients.map(() => new Int32Array(typists.length));
  clients.forEach((client, c) => {
    const pointer = pointers[c]!;
    client.onUpdate = (update, at) => {
      const { structs } = Y.decodeUpdate(update);
      for (const struct of structs) {
        const typist = typistOf.get(struct.id.client);
        if (!typist || typist.client === client) continue;
        const end = struct.id.clock + struct.length;
        let p = pointer[typist.index]!;
        while (p < typist.ends.length && typist.ends[p]! <= end) {
          const sentAt = typist.times[p]!;
          if (sentAt >= windowStart && sentAt < windowEnd) {
            samples.add(at - sentAt);
            if (split) (processOf[c] === processOf[typist.index] ? split.same : split.other).add(at - sentAt);
            deliveries++;
          }
          p++;
        }
        pointer[typist.index] = p;
      }
    };
  });

  for (const typist of typists) typist.begin();
  const closesBefore = clients.filter((c) => c.closeCode !== null).length;

  // Keystrokes evenly spread over all typists: keystroke j is due at t0 + j / (K·rate).
  const interval = 1_000 / (plan.typists * plan.rate);
  const t0 = performance.now() + 200;
  windowStart = t0 + plan.warmupMs;
  windowEnd = windowStart + plan.measureMs;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  let cpuStart: number | null = null;
  let writeCallsStart = NaN;
  let preemptionsStart = NaN;
  let ownPreemptionsStart = 0;
  let eluStart: ReturnType<typeof performance.eventLoopUtilization> | null = null;
  let clusterWindow: Promise<(() => Promise<ClusterWindow>) | null> = Promise.resolve(null);
  let sentInWindow = 0;
  await new Promise<void>((resolve) => {
    let j = 0;
    const tick = () => {
      const now = performance.now();
      if (cpuStart === null && now >= windowStart) {
        cpuStart = servers.cpuSeconds();
        ({ writeCalls: writeCallsStart, preemptions: preemptionsStart } = servers.proc());
        ownPreemptionsStart = process.resourceUsage().involuntaryContextSwitches;
        void servers.callAll('resetEventLoop');
        void servers.callAll('resetStages');
        clusterWindow = servers.startWindow();
        eluStart = performance.eventLoopUtilization();
        loopDelay.enable();
      }
      while (t0 + j * interval <= now && t0 + j * interval < windowEnd) {
        const due = t0 + j * interval;
        if (due >= windowStart) sentInWindow++;
        typists[j % typists.length]!.keystroke(plan.caret);
        j++;
      }
      const next = t0 + j * interval;
      if (next >= windowEnd) return resolve();
      setTimeout(tick, Math.max(0, next - performance.now()));
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
  const elu = performance.eventLoopUtilization(eluStart!);
  const cpuSeconds = servers.cpuSeconds() - cpuStart!;
  const procEnd = servers.proc();
  const endClusterWindow = await clusterWindow;
  const shared = endClusterWindow ? await endClusterWindow() : null;
  const writeCalls = procEnd.writeCalls - writeCallsStart;
  const perSecond = (n: number) => n / (plan.measureMs / 1_000);
  const serverPreemptions = perSecond(procEnd.preemptions - preemptionsStart);
  const generatorPreemptions = perSecond(process.resourceUsage().involuntaryContextSwitches - ownPreemptionsStart);
  loopDelay.disable();

  const caughtUp = () =>
    clients.every((client, c) =>
      typists.every((t) => t.client === client || pointers[c]![t.index] === t.ends.length),
    ) && typists.every((t) => Y.getState(verifier.doc.store, t.client.doc.clientID) >= t.ends[t.ends.length - 1]!);
  await waitUntil(caughtUp, 10_000);
  let missing = 0;
  clients.forEach((client, c) => {
    for (const t of typists) if (t.client !== client) missing += t.ends.length - pointers[c]![t.index]!;
  });
  const verified = typists.every((t) =>
    verifier.doc.getXmlFragment(`section:${t.sectionKey}`).toString().includes(t.content),
  );
  const unexpectedCloses = clients.filter((c) => c.closeCode !== null).length - closesBefore;

  // Asked only now: a server that fell behind answers after its backlog.
  const usage = await Promise.race([servers.usage(), new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
  const stagesByProcess = usage ? await servers.callAll<Stages | null>('stages') : [];
  const perThousandReceipts = (n: number) => n / (deliveries / 1_000);
  verifier.close();
  await Promise.all(clients.map((c) => c.close()));
  for (const c of clients) c.destroy();

  return {
    plan,
    latency: samples.summary(),
    updatesPerSecond: sentInWindow / (plan.measureMs / 1_000),
    deliveriesPerSecond: deliveries / (plan.measureMs / 1_000),
    missing,
    unexpectedCloses,
    verified,
    connectMs,
    server: {
      cpuPercent: (100 * cpuSeconds * 1_000) / plan.measureMs,
      cpuPerThousandReceipts: perThousandReceipts(cpuSeconds * 1_000),
      writeCallsPerThousandReceipts: perThousandReceipts(writeCalls),
      preemptionsPerSecond: serverPreemptions,
      // The worst of the processes.
      eventLoopP99: usage ? Math.max(...usage.map((u) => u.eventLoop.p99)) : NaN,
    },
    generator: {
      utilization: elu.utilization,
      eventLoopP99: loopDelay.percentile(99) / 1e6,
      preemptionsPerSecond: generatorPreemptions,
    },
    stages: stagesByProcess[0] ?? null,
    cluster:
      split && shared
        ? {
            processes: servers.size,
            sameProcess: split.same.summary(),
            otherProcess: split.other.summary(),
            postgresCpuPerThousandReceipts: perThousandReceipts(shared.backendCpuSeconds * 1_000),
            redisCpuPerThousandReceipts: perThousandReceipts(shared.redisCpuSeconds * 1_000),
            walBytes: shared.walBytes,
            serverWalBytes: shared.serverWalBytes,
            commitsPerThousandReceipts: perThousandReceipts(shared.commits),
            stagesByProcess,
          }
        : null,
  };
}
