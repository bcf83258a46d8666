/** The parts of ws's WebSocket a liveness check uses. */
export interface PingableSocket {
  ping(): void;
  terminate(): void;
  on(event: 'pong', listener: () => void): unknown;
  off(event: 'pong', listener: () => void): unknown;
}

/**
 * Finds connections whose peer is gone without a word (a laptop closed, a network dropped: no FIN,
 * no RST). Every interval each socket is pinged; one that has not answered the previous ping by
 * then is cut, so a dead connection goes within two intervals, its room can unload and it stops
 * counting against the caps. Browsers and ws answer pings by themselves. A cut sends no close
 * frame: nobody is there to read it.
 */
export class Liveness {
  private readonly sockets = new Map<PingableSocket, { alive: boolean; onPong: () => void }>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.timer = setInterval(() => this.sweep(), intervalMs);
    this.timer.unref();
  }

  /** Starts checking a socket; the returned function stops it (call it when the socket closes). */
  watch(socket: PingableSocket): () => void {
    const entry = { alive: true, onPong: () => (entry.alive = true) };
    socket.on('pong', entry.onPong);
    this.sockets.set(socket, entry);
    return () => {
      socket.off('pong', entry.onPong);
      this.sockets.delete(socket);
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sweep(): void {
    for (const [socket, entry] of this.sockets) {
      if (!entry.alive) {
        this.sockets.delete(socket);
        socket.terminate();
        continue;
      }
      entry.alive = false;
      try {
        socket.ping();
      } catch {
        // Closing already: its close handler unwatches it.
      }
    }
  }
}
