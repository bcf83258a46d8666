import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';

export type ConnectionStatus =
  | 'connecting' // first connection, nothing synced yet
  | 'connected' // synced with the server
  | 'reconnecting' // lost the connection, trying again
  | 'offline' // lost it for a while or the browser is offline; edits wait in this tab
  | 'session-ended' // 4401: the user must log in again
  | 'not-found'; // 4404: no such strategy, or no longer a member

/** A transient problem the provider recovers from by itself; shown until the next sync. */
export type ConnectionNotice = 'too-many' | 'server-error';

/** Why the page must throw the document away and load it again from the server. */
export type ReloadReason = 'rights-changed' | 'frozen' | 'too-large';

/** What the REST API says about the user's access when the socket cannot even be opened. */
export type AccessCheck = 'ok' | 'session-ended' | 'not-found';

export interface ConnectionHandlers {
  sessionEnded(): void;
  reload(reason: ReloadReason): void;
  checkAccess(): Promise<AccessCheck>;
}

/**
 * The WebSocket standard's "message too big" (RFC 6455): the socket layer itself refused a frame over
 * its cap, before the server could answer with its own code. The change is as lost as after 4413.
 */
const MESSAGE_TOO_BIG = 1009;

// Closes after which this provider must not reconnect: either the user has to act (log in, no
// access) or the page rebuilds the document from scratch with the rights it has now.
const STOP_CODES: readonly number[] = [
  CLOSE_CODES.sessionEnded,
  CLOSE_CODES.notFound,
  CLOSE_CODES.rightsChanged,
  CLOSE_CODES.malformed,
  CLOSE_CODES.frozen,
  CLOSE_CODES.tooLarge,
  MESSAGE_TOO_BIG,
];

/** A lost connection reads "reconnecting" this long before the user is told they are offline. */
const OFFLINE_AFTER_MS = 5000;

/** A refused upgrade (HTTP 401/404) reaches the browser only as close code 1006, so ask the API. */
const CHECK_ACCESS_AFTER_FAILED_OPENS = 2;

/**
 * The state of the collaboration socket as the user should understand it, and what to do on each
 * close code. y-websocket reconnects by itself; this decides when it should not.
 */
export class Connection {
  status = $state<ConnectionStatus>('connecting');
  notice = $state<ConnectionNotice | null>(null);
  /** True once the document has been synced with the server at least once. */
  synced = $state(false);
  /** Local edits made while not connected, not yet acknowledged by a sync. */
  unsyncedEdits = $state(false);

  readonly #provider: WebsocketProvider;
  readonly #doc: Y.Doc;
  readonly #handlers: ConnectionHandlers;
  #stopped = false;
  #opened = false;
  #failedOpens = 0;
  #offlineTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(provider: WebsocketProvider, doc: Y.Doc, handlers: ConnectionHandlers) {
    this.#provider = provider;
    this.#doc = doc;
    this.#handlers = handlers;
    provider.shouldReconnect = (event) => !STOP_CODES.includes(event.code);
    provider.on('status', this.#onStatus);
    provider.on('sync', this.#onSync);
    provider.on('connection-close', this.#onClose);
    doc.on('update', this.#onUpdate);
    window.addEventListener('online', this.#onNetworkChange);
    window.addEventListener('offline', this.#onNetworkChange);
    window.addEventListener('beforeunload', this.#onBeforeUnload);
  }

  destroy(): void {
    this.#clearOfflineTimer();
    this.#provider.off('status', this.#onStatus);
    this.#provider.off('sync', this.#onSync);
    this.#provider.off('connection-close', this.#onClose);
    this.#doc.off('update', this.#onUpdate);
    window.removeEventListener('online', this.#onNetworkChange);
    window.removeEventListener('offline', this.#onNetworkChange);
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
  }

  #onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
    if (this.#stopped) return;
    if (status === 'connected') {
      this.#opened = true;
      this.#failedOpens = 0;
      return; // shown as connected once synced
    }
    if (status === 'connecting') this.#opened = false;
    this.status = this.#lostStatus();
  };

  #onSync = (isSynced: boolean): void => {
    if (!isSynced || this.#stopped) return;
    this.synced = true;
    this.#clearOfflineTimer();
    this.status = 'connected';
    this.notice = null;
    this.unsyncedEdits = false;
  };

  #onClose = (event: CloseEvent | null): void => {
    if (!event || this.#stopped) return;
    if (!this.#opened) {
      this.#failedOpens++;
      if (this.#failedOpens % CHECK_ACCESS_AFTER_FAILED_OPENS === 0) void this.#checkAccess();
    }
    switch (event.code) {
      case CLOSE_CODES.sessionEnded:
        this.#stop('session-ended');
        this.#handlers.sessionEnded();
        break;
      case CLOSE_CODES.notFound:
        this.#stop('not-found');
        break;
      // Malformed: the server could not read what this tab sent, and resending it would fail the same way.
      case CLOSE_CODES.rightsChanged:
      case CLOSE_CODES.malformed:
        this.#stop(this.#lostStatus());
        this.#handlers.reload('rights-changed');
        break;
      case CLOSE_CODES.frozen:
        this.#stop(this.#lostStatus());
        this.#handlers.reload('frozen');
        break;
      case CLOSE_CODES.tooLarge:
      case MESSAGE_TOO_BIG:
        // The provider would send the same oversized change again on reconnect, forever, and every
        // later edit depends on it: only a fresh document from the server gets this tab saving again.
        this.#stop(this.#lostStatus());
        this.#handlers.reload('too-large');
        break;
      case CLOSE_CODES.tooManyConnections:
        this.notice = 'too-many';
        break;
      case CLOSE_CODES.serverError:
        this.notice = 'server-error';
        break;
      default:
        break;
    }
  };

  #onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin !== this.#provider && this.status !== 'connected') this.unsyncedEdits = true;
  };

  #onNetworkChange = (): void => {
    if (!this.#stopped && this.status !== 'connected') this.status = this.#lostStatus();
  };

  #onBeforeUnload = (event: BeforeUnloadEvent): void => {
    // Edits made offline live only in this tab until the server has them.
    if (this.unsyncedEdits) event.preventDefault();
  };

  async #checkAccess(): Promise<void> {
    const access = await this.#handlers.checkAccess().catch((): AccessCheck => 'ok');
    if (this.#stopped || access === 'ok') return;
    this.#stop(access);
    this.#provider.disconnect();
    if (access === 'session-ended') this.#handlers.sessionEnded();
  }

  #lostStatus(): ConnectionStatus {
    if (!this.synced) return 'connecting';
    if (!navigator.onLine || this.status === 'offline') return 'offline';
    this.#offlineTimer ??= setTimeout(() => {
      this.#offlineTimer = null;
      if (!this.#stopped && this.status === 'reconnecting') this.status = 'offline';
    }, OFFLINE_AFTER_MS);
    return 'reconnecting';
  }

  #clearOfflineTimer(): void {
    if (this.#offlineTimer) clearTimeout(this.#offlineTimer);
    this.#offlineTimer = null;
  }

  // The provider itself does not reconnect after these codes (see shouldReconnect).
  #stop(status: ConnectionStatus): void {
    this.#stopped = true;
    this.#clearOfflineTimer();
    this.status = status;
  }
}
