import type { WSContext } from 'hono/ws';

/** The part of ws's WebSocket this reaches into: its net.Socket, which ws keeps as `_socket`. */
type WithSocket = { _socket?: { cork?: () => void; uncork?: () => void } };

/**
 * Sends several frames with one write to the socket. A broadcast's cost is mostly one system
 * call per frame and connection; ws writes every frame on its own, so the socket is corked
 * around them. Without access to the socket (another adapter) the frames simply go one by one.
 */
export function sendTogether(ws: WSContext, messages: readonly Uint8Array[]): void {
  const socket = (ws.raw as WithSocket | undefined)?._socket;
  const corked = typeof socket?.cork === 'function' && typeof socket.uncork === 'function';
  if (corked) socket.cork!();
  try {
    for (const message of messages) ws.send(message as Uint8Array<ArrayBuffer>);
  } finally {
    if (corked) socket.uncork!();
  }
}
