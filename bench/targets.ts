import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { connect as connectStock } from '../server/test/collab-client';
import { DEMO_PASSWORD } from '../server/src/demo';
import type { AwarenessUser, Endpoint } from './client';
import type { ServerGroup } from './group';

/** Where one simulated client connects, and who it says it is in awareness. */
export interface Seat {
  endpoint: Endpoint;
  user: AwarenessUser;
  /** Which process of the group it is connected to (0 when there is one). */
  process: number;
}

/** A client with the server's own provider, to check the simulated clients got everything right. */
export interface Verifier {
  doc: Y.Doc;
  close(): void;
}

export interface Target {
  servers: ServerGroup;
  /** Clients are spread over the group's processes round-robin by `index`. */
  seat(document: string, role: 'typist' | 'reader', sectionKey: string, index: number): Seat;
  verifier(document: string): Promise<Verifier>;
}

const COLORS = ['#1e6bb8', '#b8401e', '#1e8a4a', '#8a1e7a', '#6b6b1e'];
const READERS = [
  'politiker@eksempel.no',
  'kommunedirektor@eksempel.no',
  'styring@eksempel.no',
  'tillitsvalgt@eksempel.no',
];

/** Who types in a section of the demo strategy: the owners of the restricted ones, else a leader or an advisor. */
function typistAccount(sectionKey: string, index: number): string {
  if (sectionKey === 'helse-omsorg') return 'helse@eksempel.no';
  if (sectionKey === 'oppvekst-laering') return 'oppvekst@eksempel.no';
  return index % 2 === 0 ? 'leder@eksempel.no' : 'radgiver@eksempel.no';
}

function waitUntil(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 10);
    };
    check();
  });
}

/**
 * Our server: every client logs in as a demo account. Sessions are made once per account over
 * HTTP and shared by all the clients of that account, as tabs of one browser would share them.
 * On a cluster the sessions are made on the first process and hold on every one (they live in
 * the database); each client presents the Origin of the process it connects to.
 */
async function ours(servers: ServerGroup): Promise<Target> {
  const base = servers.ready.url;
  const sessions = new Map<string, { cookie: string; user: AwarenessUser }>();
  for (const email of [
    ...READERS,
    'helse@eksempel.no',
    'oppvekst@eksempel.no',
    'leder@eksempel.no',
    'radgiver@eksempel.no',
  ]) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login as ${email} failed with ${res.status}`);
    const { user } = (await res.json()) as { user: { id: string; name: string } };
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('samstrat_session='))!
      .split(';')[0]!;
    sessions.set(email, {
      cookie,
      user: { id: user.id, name: user.name, color: COLORS[sessions.size % COLORS.length]! },
    });
  }
  const bases = servers.members.map((m) => m.ready.url);
  return {
    servers,
    seat(document, role, sectionKey, index) {
      const email = role === 'typist' ? typistAccount(sectionKey, index) : READERS[index % READERS.length]!;
      const session = sessions.get(email)!;
      const process = index % bases.length;
      const origin = bases[process]!;
      return {
        endpoint: {
          url: `${origin.replace(/^http/, 'ws')}/collab/${document}`,
          framing: 'y-websocket',
          docName: document,
          headers: { cookie: session.cookie, origin },
        },
        user: session.user,
        process,
      };
    },
    async verifier(document) {
      const client = connectStock(base, document, sessions.get(READERS[0]!)!.cookie);
      await waitUntil(() => client.provider.synced, 'the stock provider to sync');
      return { doc: client.doc, close: () => client.destroy() };
    },
  };
}

function anonymousUser(role: string, index: number): AwarenessUser {
  return { id: `${role}-${index}`, name: `${role} ${index}`, color: COLORS[index % COLORS.length]! };
}

/** @y/websocket-server: no auth; the document is the URL path, as its provider builds it. */
function yWebsocketServer(servers: ServerGroup): Target {
  const wsBase = servers.ready.url.replace(/^http/, 'ws');
  return {
    servers,
    seat: (document, role, _sectionKey, index) => ({
      endpoint: { url: `${wsBase}/${document}`, framing: 'y-websocket', docName: document },
      user: anonymousUser(role, index),
      process: 0,
    }),
    async verifier(document) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(wsBase, document, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      await waitUntil(() => provider.synced, 'the stock provider to sync');
      return {
        doc,
        close: () => {
          provider.destroy();
          doc.destroy();
        },
      };
    },
  };
}

/** Hocuspocus: its own framing on one socket per client, and its own provider as the verifier. */
function hocuspocus(servers: ServerGroup): Target {
  const wsBase = servers.ready.url.replace(/^http/, 'ws');
  return {
    servers,
    seat: (document, role, _sectionKey, index) => ({
      endpoint: { url: wsBase, framing: 'hocuspocus', docName: document },
      user: anonymousUser(role, index),
      process: 0,
    }),
    async verifier(document) {
      const doc = new Y.Doc();
      const socket = new HocuspocusProviderWebsocket({
        url: wsBase,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      });
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: document,
        document: doc,
        token: 'bench',
      });
      provider.attach();
      await waitUntil(() => provider.synced, 'the Hocuspocus provider to sync');
      return {
        doc,
        close: () => {
          provider.destroy();
          socket.destroy();
          doc.destroy();
        },
      };
    },
  };
}

export async function targetFor(servers: ServerGroup): Promise<Target> {
  switch (servers.kind) {
    case 'ours':
      return ours(servers);
    case 'y-websocket-server':
      return yWebsocketServer(servers);
    case 'hocuspocus':
      return hocuspocus(servers);
  }
}
