/** How much a connection may have waiting for its dependencies, and for how long. */
export interface WaitLimits {
  maxUpdates: number;
  maxBytes: number;
  maxWaitMs: number;
}

/** A round trip's typing is a handful of small updates; the bytes allow one message of the largest size. */
export const DEFAULT_WAIT_LIMITS: WaitLimits = { maxUpdates: 100, maxBytes: 2_000_000, maxWaitMs: 15_000 };

import type { Need } from './inspect-update';

/** What became of one waiting update when it was tried again: applied, stopping it all, or what it needs now. */
export type Attempt = 'applied' | 'stop' | Need;

/**
 * Updates of one connection that depend on structs the room has not seen yet, kept in arrival
 * order until those arrive on the same connection (as Yjs keeps pending structs). An honest
 * client that reconnects sends its own sync reply a round trip after it may already have sent
 * newer typing; a client whose dependencies never come is stopped by the bounds.
 */
export class WaitingUpdates {
  private queue: { update: Uint8Array; arrivedAt: number; heldAt: number; need: Need }[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly limits: WaitLimits,
    /** Called when the oldest update has waited `maxWaitMs`. */
    private readonly onExpired: () => void,
  ) {}

  get size(): number {
    return this.queue.length;
  }

  /** Holds an update until `need` is met; false (holding nothing) when that would pass a bound. */
  hold(update: Uint8Array, arrivedAt: number, need: Need): boolean {
    if (this.queue.length + 1 > this.limits.maxUpdates) return false;
    if (this.bytes + update.byteLength > this.limits.maxBytes) return false;
    this.queue.push({ update, arrivedAt, heldAt: Date.now(), need });
    this.bytes += update.byteLength;
    this.arm();
    return true;
  }

  /**
   * Tries again the waiting updates whose need `isMet`, oldest first, as long as any of them gets
   * applied (one may be what an older one waits for); the rest cost one look each. `attempt` says
   * what became of each; 'stop' ends it all.
   */
  retry(isMet: (need: Need) => boolean, attempt: (update: Uint8Array, arrivedAt: number) => Attempt): void {
    let progress = true;
    while (progress && this.queue.length > 0) {
      progress = false;
      for (const entry of [...this.queue]) {
        if (!isMet(entry.need)) continue;
        const result = attempt(entry.update, entry.arrivedAt);
        if (result === 'stop') return this.clear();
        if (result === 'applied') {
          this.queue.splice(this.queue.indexOf(entry), 1);
          this.bytes -= entry.update.byteLength;
          progress = true;
        } else {
          entry.need = result;
        }
      }
    }
    this.arm();
  }

  clear(): void {
    this.queue = [];
    this.bytes = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One timer, for the oldest waiting update's deadline. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const oldest = this.queue[0];
    if (!oldest) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (this.queue.length > 0) this.onExpired();
      },
      Math.max(0, oldest.heldAt + this.limits.maxWaitMs - Date.now()),
    );
    this.timer.unref();
  }
}
