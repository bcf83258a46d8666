import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { awarenessUpdate, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, Wire, type Framing } from './protocol';

export interface Endpoint {
  /** The socket URL of one document. */
  url: string;
  framing: Framing;
  docName: string;
  headers?: Record<string, string>;
}

export interface AwarenessUser {
  id: string;
  name: string;
  color: string;
}

/** What the generator learns from a client once it is synced: every broadcast update it receives. */
export type UpdateListener = (update: Uint8Array, at: number) => void;

/** Renewal period of an awareness state, as y-protocols' Awareness renews its own (outdatedTimeout / 2). */
const AWARENESS_RENEW_MS = 15_000;

/**
 * One simulated collaborator on a real socket. It syncs like a provider (answers the server's
 * step 1, applies the server's step 2) and then stops applying: broadcasts are handed to the
 * listener as bytes, so 200 of them fit in one process without the generator becoming the
 * bottleneck. A typist's own keystrokes only ever refer to its own paragraph, which it has.
 */
export class SimClient {
  readonly doc = new Y.Doc();
  readonly wire: Wire;
  private ws: WebSocket | null = null;
  private awarenessClock = 0;
  private awarenessState: unknown = null;
  private renewTimer: NodeJS.Timeout | null = null;
  synced = false;
  /** performance.now() when the socket was opened, the server's step 2 arrived, and it was applied. */
  openedAt = 0;
  step2At = 0;
  appliedAt = 0;
  /** When the server's own sync step 1 arrived: the server has the document in memory by then. */
  serverStep1At = 0;
  closeCode: number | null = null;
  awarenessReceived = 0;
  bytesReceived = 0;
  onUpdate: UpdateListener | null = null;

  constructor(
    readonly endpoint: Endpoint,
    readonly user: AwarenessUser,
  ) {
    this.wire = new Wire(endpoint.framing, endpoint.docName);
  }

  /** Opens the socket and resolves once the first sync is done. */
  connect(timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sync timed out after ${timeoutMs} ms`)), timeoutMs);
      this.openedAt = performance.now();
      const ws = new WebSocket(this.endpoint.url, { headers: this.endpoint.headers, perMessageDeflate: false });
      this.ws = ws;
      ws.binaryType = 'nodebuffer';
      ws.on('open', () => {
        if (this.endpoint.framing === 'hocuspocus') ws.send(this.wire.auth('bench'));
        ws.send(this.wire.sync(SYNC_STEP1, Y.encodeStateVector(this.doc)));
        this.publishAwareness({ user: this.user, cursor: null });
      });
      ws.on('message', (data: Buffer) => {
        this.bytesReceived += data.length;
        const message = this.wire.read(data);
        switch (message.kind) {
          case 'sync':
            if (message.syncType === SYNC_STEP1) {
              this.serverStep1At = performance.now();
              ws.send(this.wire.sync(SYNC_STEP2, Y.encodeStateAsUpdate(this.doc, message.payload)));
            } else if (this.synced) {
              this.onUpdate?.(message.payload, performance.now());
            } else {
              if (message.syncType === SYNC_STEP2) this.step2At = performance.now();
              Y.applyUpdate(this.doc, message.payload, 'remote');
              if (message.syncType === SYNC_STEP2) {
                this.appliedAt = performance.now();
                this.synced = true;
                clearTimeout(timer);
                resolve();
              }
            }
            return;
          case 'awareness':
            this.awarenessReceived++;
            return;
          case 'query-awareness':
            this.sendAwareness();
            return;
          case 'ping':
            ws.send(this.wire.pong());
            return;
          default:
            return;
        }
      });
      ws.on('close', (code) => {
        this.closeCode = code;
        clearTimeout(timer);
        if (this.renewTimer) clearInterval(this.renewTimer);
        if (!this.synced) reject(new Error(`socket closed with ${code} before the first sync`));
      });
      ws.on('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        reject(new Error(`upgrade refused with HTTP ${res.statusCode}`));
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** Sends a document update this client made (a keystroke). */
  sendUpdate(update: Uint8Array): void {
    this.ws?.send(this.wire.sync(SYNC_UPDATE, update));
  }

  /** Sets this client's awareness state and sends it, as a provider does on every change. */
  publishAwareness(state: unknown): void {
    this.awarenessState = state;
    this.awarenessClock++;
    this.sendAwareness();
    if (!this.renewTimer) {
      this.renewTimer = setInterval(() => {
        this.awarenessClock++;
        this.sendAwareness();
      }, AWARENESS_RENEW_MS);
      this.renewTimer.unref();
    }
  }

  private sendAwareness(): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    this.ws.send(this.wire.awareness(awarenessUpdate(this.doc.clientID, this.awarenessClock, this.awarenessState)));
  }

  /** Bytes the socket still holds for sending: a generator falling behind shows here first. */
  get buffered(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  close(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2_000).unref();
    });
  }

  destroy(): void {
    this.doc.destroy();
  }
}
