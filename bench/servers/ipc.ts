import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * The server side of the benchmark's IPC channel. Every server under test runs in its own
 * child process, so its CPU and memory are its own; the generator asks it for them here.
 */
export type Handler = (arg: never) => unknown;

export interface Usage {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
  /** Event loop delay since the last reset, in milliseconds. */
  eventLoop: { p50: number; p99: number; max: number };
}

export function serveIpc(handlers: Record<string, Handler>, ready: Record<string, unknown>): void {
  if (!process.send) throw new Error('bench servers run as children of bench/run.ts (no IPC channel)');
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const common: Record<string, Handler> = {
    usage: (): Usage => ({
      cpu: process.cpuUsage(),
      memory: process.memoryUsage(),
      eventLoop: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    }),
    resetEventLoop: () => delay.reset(),
    // Only our server times its stages; the references answer that they have none.
    stages: () => null,
    resetStages: () => {},
    gc: () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    },
  };
  const all = { ...common, ...handlers };
  process.on('message', (message: { id: number; cmd: string; arg: unknown }) => {
    const handler = all[message.cmd];
    void (async () => {
      try {
        if (!handler) throw new Error(`unknown command ${message.cmd}`);
        const result = await (handler as (arg: unknown) => unknown)(message.arg);
        process.send!({ id: message.id, ok: true, result });
      } catch (err) {
        process.send!({
          id: message.id,
          ok: false,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        });
      }
    })();
  });
  process.send({ ready });
}

/** Seeding instructions the parent passes to a server child at start. */
export interface Setup {
  /** How many documents (strategies) the scenario uses. */
  documents: number;
  /** A file of length-prefixed Yjs updates to load into the first document before clients come. */
  historyFile?: string;
  dataDir: string;
  /** False for the second and later processes of a cluster: the first one seeds the shared database. */
  seed?: boolean;
}

export function readSetup(): Setup {
  const raw = process.env.BENCH_SETUP;
  if (!raw) throw new Error('BENCH_SETUP is not set');
  return JSON.parse(raw) as Setup;
}
