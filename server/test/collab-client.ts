import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent this client, in order. */
  closeCodes: number[];
  destroy(): void;
}

/** A ws WebSocket that presents a session cookie and an Origin the way a browser would. */
function socketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

/** Connects a Y.Doc to the server with the stock y-websocket provider, as the browser does. */
export function connect(
  baseUrl: string,
  strategyId: string,
  cookie: string,
  options: { origin?: string; connect?: boolean } = {},
): CollabClient {
  const doc = new Y.Doc();
  const headers: Record<string, string> = { cookie, origin: options.origin ?? baseUrl };
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, strategyId, doc, {
    WebSocketPolyfill: socketWith(headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 200,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    closeCodes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits for a state, never for a fixed time: polls the condition until it holds or the deadline passes. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `waitFor` of a condition that asks something asynchronous (the database, the API). */
export async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function synced(client: CollabClient): Promise<void> {
  return waitFor(() => client.provider.synced, 'the provider to sync');
}

/** Appends a paragraph with the given text to a section, the way the editor's binding writes it. */
export function writeParagraph(doc: Y.Doc, sectionKey: string, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(`section:${sectionKey}`);
  fragment.insert(fragment.length, [paragraph]);
}

export function sectionText(doc: Y.Doc, sectionKey: string): string {
  return doc.getXmlFragment(`section:${sectionKey}`).toString();
}

/** Tries an upgrade by hand and reports the HTTP status the server answered with (or 101). */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', (err) => {
      if (!/Unexpected server response/.test(String(err))) reject(err);
    });
  });
}

/** One awareness entry, encoded the way y-protocols' encodeAwarenessUpdate does. */
export function awarenessUpdate(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

/** A y-websocket sync message carrying an update, as a client sends one. */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The update a client holding `base`'s current state would send for `change`, as `clientId` if given. */
export function craftUpdate(base: Y.Doc, change: (doc: Y.Doc) => void, clientId?: number): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  // Set after the state is in: Yjs picks a new id when a remote update carries the doc's own.
  if (clientId !== undefined) copy.clientID = clientId;
  const updates: Uint8Array[] = [];
  copy.on('update', (update: Uint8Array) => updates.push(update));
  copy.transact(() => change(copy));
  copy.destroy();
  return Y.mergeUpdates(updates);
}
