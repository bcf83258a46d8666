import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import postgres from 'postgres';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from './collab-client';

/** The PostgreSQL and Redis servers the cluster tests run on (`.ci/run` starts them on loopback). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A database of its own on the test PostgreSQL server, dropped by `drop`. */
export async function freshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `samstrat_cluster_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * A Redis server of the test's own on a free port, so the test can stop and start it. Starts
 * with nothing stored, as the news it carries is never kept.
 */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> }> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const up = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    let ready = false;
    await waitFor(
      () => {
        void up().then((ok) => (ready = ok));
        return ready;
      },
      'redis-server to accept connections',
      15_000,
    );
  };
  const stop = async () => {
    const running = child;
    if (!running) return;
    child = null;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}

/** A ws WebSocket that presents a session cookie and an Origin the way a browser would. */
function socketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

/**
 * A browser tab as a load balancer would route it: one Y.Doc that lives on, connected with the
 * stock provider to one process, and moved to another when that one goes away.
 */
export class RoutedClient {
  readonly doc = new Y.Doc();
  provider: WebsocketProvider;
  readonly closeCodes: number[] = [];

  constructor(
    public url: string,
    private readonly strategyId: string,
    private readonly cookie: string,
  ) {
    this.provider = this.connectTo(url);
  }

  /** Connects the same document to another process; what it has that the server lacks goes there. */
  moveTo(url: string): void {
    this.provider.destroy();
    this.url = url;
    this.provider = this.connectTo(url);
  }

  get synced(): boolean {
    return this.provider.synced && this.provider.wsconnected;
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }

  private connectTo(url: string): WebsocketProvider {
    const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, this.strategyId, this.doc, {
      WebSocketPolyfill: socketWith({ cookie: this.cookie, origin: url }) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    });
    provider.on('connection-close', (event) => {
      if (event) this.closeCodes.push(event.code);
    });
    return provider;
  }
}

/** Types `text` at the end of the client's own paragraph of a section (made on first use), as one update. */
export function typeInto(doc: Y.Doc, sectionKey: string, paragraphIndex: Map<Y.Doc, Y.XmlText>, text: string): void {
  let target = paragraphIndex.get(doc);
  if (!target) {
    const paragraph = new Y.XmlElement('paragraph');
    target = new Y.XmlText();
    paragraph.insert(0, [target]);
    const fragment = doc.getXmlFragment(`section:${sectionKey}`);
    fragment.insert(fragment.length, [paragraph]);
    paragraphIndex.set(doc, target);
  }
  target.insert(target.length, text);
}

/** Every word of the form `c<client>.<n>;` in a section's text. */
export function tokensIn(doc: Y.Doc, sectionKeys: readonly string[]): Set<string> {
  const tokens = new Set<string>();
  for (const key of sectionKeys) {
    for (const match of doc
      .getXmlFragment(`section:${key}`)
      .toString()
      .matchAll(/c\d+\.\d+;/g))
      tokens.add(match[0]);
  }
  return tokens;
}
