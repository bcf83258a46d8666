import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Setup, Usage } from './servers/ipc';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Linux reports process CPU time in clock ticks of 1/100 s. */
const CLOCK_TICKS = 100;

export type ServerKind = 'ours' | 'y-websocket-server' | 'hocuspocus';

export interface ReadyInfo {
  url: string;
  documents: string[];
  history: Record<string, unknown> | null;
}

/** A server under test, running in its own process, and the channel to ask it things. */
export class ServerChild {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private output = '';

  private constructor(
    readonly kind: ServerKind,
    readonly child: ChildProcess,
    readonly ready: ReadyInfo,
    readonly dataDir: string,
  ) {}

  static async start(
    kind: ServerKind,
    setup: Setup,
    options: { env?: Record<string, string>; cpuProfileDir?: string } = {},
  ): Promise<ServerChild> {
    const args = ['--expose-gc'];
    if (options.cpuProfileDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
    args.push('--import', 'tsx', path.join(repoRoot, 'bench', 'servers', `${kind}.ts`));
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...options.env, BENCH_SETUP: JSON.stringify(setup) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += String(chunk)));
    child.stderr?.on('data', (chunk) => (output += String(chunk)));
    const ready = await new Promise<ReadyInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} did not start within 180 s:\n${output}`)), 180_000);
      child.on('message', (message: { ready?: ReadyInfo }) => {
        if (message.ready) {
          clearTimeout(timer);
          resolve(message.ready);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${kind} exited with ${code} before it was ready:\n${output}`));
      });
    });
    const server = new ServerChild(kind, child, ready, setup.dataDir);
    server.output = output;
    child.stdout?.on('data', (chunk) => (server.output += String(chunk)));
    child.stderr?.on('data', (chunk) => (server.output += String(chunk)));
    child.on('message', (message: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
      if (message.id === undefined) return;
      const waiter = server.waiting.get(message.id);
      server.waiting.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`${kind}: ${message.error}`));
    });
    child.once('exit', (code, signal) => {
      for (const waiter of server.waiting.values()) {
        waiter.reject(new Error(`${kind} exited (${code ?? signal}):\n${server.output.slice(-4_000)}`));
      }
      server.waiting.clear();
    });
    return server;
  }

  call<T = unknown>(cmd: string, arg?: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, arg });
    });
  }

  usage(): Promise<Usage> {
    return this.call<Usage>('usage');
  }

  /** Kernel figures for the child: peak and current resident memory, bytes it sent to storage. */
  proc(): {
    peakRssBytes: number;
    rssBytes: number;
    storageWriteBytes: number;
    writeCalls: number;
    preemptions: number;
  } {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    let storageWriteBytes = NaN;
    let writeCalls = NaN;
    try {
      const io = fs.readFileSync(`/proc/${this.child.pid}/io`, 'utf8');
      storageWriteBytes = Number(/^write_bytes:\s+(\d+)/m.exec(io)?.[1] ?? NaN);
      writeCalls = Number(/^syscw:\s+(\d+)/m.exec(io)?.[1] ?? NaN);
    } catch {
      // Not readable in every container; the report says n/a then.
    }
    // Times the kernel took the CPU away from the process while it still had work: other load on the machine.
    const preemptions = Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
    return { peakRssBytes: kb('VmHWM'), rssBytes: kb('VmRSS'), storageWriteBytes, writeCalls, preemptions };
  }

  /** CPU seconds the child has used (user + system), read by the kernel: no answer from a busy child needed. */
  cpuSeconds(): number {
    const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  }

  /** Bytes of the server's database files on disk (SQLite file plus its WAL and journal). */
  databaseBytes(): number {
    if (!fs.existsSync(this.dataDir)) return 0;
    return fs
      .readdirSync(this.dataDir)
      .filter((name) => /\.sqlite(-wal|-journal)?$/.test(name))
      .reduce((sum, name) => sum + fs.statSync(path.join(this.dataDir, name)).size, 0);
  }

  logTail(): string {
    return this.output.slice(-4_000);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    try {
      await this.call('stop');
    } catch {
      // It may exit before it answers.
    }
    await exited;
    clearTimeout(timer);
  }
}
