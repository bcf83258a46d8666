import * as Y from 'yjs';
import type { StoredDocument } from './persistence';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncStep2Update, isEmptyStateVector } from './protocol';
import type { RoomConnection } from './room';

/** Origin of the transaction that builds a room's document from storage: nothing new to save. */
export const LOADING = Symbol('loading');

/** How long a cold room waits before it builds its document when nothing needs it sooner. */
const HYDRATE_FALLBACK_MS = 200;

/**
 * A room's document as storage holds it, built lazily. A room opened from a compacted state
 * answers a client that has nothing with the stored state as it is, and builds the Y.Doc right
 * after (or as soon as anything needs it): building a long history takes far longer than sending
 * it, and the first reader should not wait for it. A log to replay cannot be sent as it is, so
 * then the document is built at once.
 */
export class Loading {
  /** What storage holds, until the document is built from it. */
  private stored: StoredDocument | null;
  /** The compacted state when it is all storage holds: valid while the document is not built. */
  private readonly snapshot: Uint8Array | null;
  /** Connections still owed the server's sync step 1, which needs the built document. */
  private readonly ungreeted = new Set<RoomConnection>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  /** Throws (after `onBroken`) when the stored document cannot be built. */
  constructor(
    private readonly doc: Y.Doc,
    stored: StoredDocument,
    private readonly onBroken: (err: unknown) => void,
  ) {
    this.stored = stored;
    this.snapshot = this.stored.updates.length === 0 ? this.stored.state : null;
    if (!this.snapshot) this.build();
  }

  /** True while the document still is exactly the stored compacted state: nothing to fold. */
  get untouchedSnapshot(): boolean {
    return this.stored !== null && this.snapshot !== null;
  }

  /** Builds the document from storage if it is not built yet; throws (after `onBroken`) if it cannot be. */
  build(): void {
    const stored = this.stored;
    if (!stored) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      Y.transact(
        this.doc,
        () => {
          if (stored.state) Y.applyUpdate(this.doc, stored.state);
          for (const update of stored.updates) Y.applyUpdate(this.doc, update);
        },
        LOADING,
      );
    } catch (err) {
      this.onBroken(err);
      throw err;
    }
    this.stored = null;
    for (const connection of this.ungreeted) connection.send(encodeSyncStep1(this.doc));
    this.ungreeted.clear();
  }

  /**
   * Sends a new connection the server's sync step 1. In a cold room it waits until the document
   * is built: meanwhile the client asks (stock providers do on open) and is answered from storage.
   */
  greet(connection: RoomConnection): void {
    if (!this.stored) {
      connection.send(encodeSyncStep1(this.doc));
      return;
    }
    this.ungreeted.add(connection);
    this.timer ??= setTimeout(() => this.buildQuietly(), HYDRATE_FALLBACK_MS);
  }

  /** The answer to a client's sync step 1: what it lacks of the document. */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    // The document is built when anything needs it, or by the greeting's timer: not right away,
    // so the first reader's answer goes out before the server spends its time on the build.
    if (this.untouchedSnapshot && isEmptyStateVector(stateVector)) return encodeSyncStep2Update(this.snapshot!);
    this.build();
    return encodeSyncStep2(this.doc, stateVector);
  }

  forget(connection: RoomConnection): void {
    this.ungreeted.delete(connection);
  }

  destroy(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private buildQuietly(): void {
    if (this.closed) return;
    try {
      this.build();
    } catch {
      // Reported by build.
    }
  }
}
