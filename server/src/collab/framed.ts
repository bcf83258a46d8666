import type { WSContext } from 'hono/ws';

/** The parts of ws's WebSocket this reaches into: its net.Socket and the state of its sender. */
type WsInternals = {
  readyState: number;
  _socket?: { write?: (bytes: Buffer) => boolean };
  _sender?: { _state?: number };
};

/** ws's sender state when it writes frames straight to the socket (no compression or Blob under way). */
const WS_SENDER_IDLE = 0;
/** WebSocket.OPEN. */
const WS_OPEN = 1;

/**
 * Protocol messages as WebSocket frames, built once for every recipient of a broadcast.
 *
 * Fan-out costs mostly per connection: ws frames each message anew and writes header and payload
 * with a cork, a writev and an allocation or two. Frames from the server are never masked, so the
 * bytes are the same for every recipient: built once, they go to each socket as one plain write.
 */
export class Framed {
  private bytes: Buffer | null = null;

  constructor(readonly messages: readonly Uint8Array[]) {}

  /** The messages as binary frames, one after the other. */
  get frames(): Buffer {
    this.bytes ??= Buffer.concat(this.messages.flatMap((message) => [frameHeader(message.length), message]));
    return this.bytes;
  }
}

/** RFC 6455 §5.2: FIN and the binary opcode, then the payload length in 7, 7+16 or 7+64 bits; no mask. */
export function frameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x82, length]);
  if (length < 65_536) {
    const header = Buffer.alloc(4);
    header[0] = 0x82;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.alloc(10);
  header[0] = 0x82;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/**
 * A function that writes frames to one socket, where ws itself would write them at once: made once
 * per connection, so a broadcast to hundreds of sockets does no lookups per socket. ws is used
 * without permessage-deflate (see server.ts), so its sender is idle unless something else changes;
 * then, or with another adapter, the messages go through ws one by one. Nothing is written to a
 * socket that is closing or closed.
 */
export function framedSender(ws: WSContext): (framed: Framed) => void {
  const raw = ws.raw as WsInternals | undefined;
  const write = raw?._socket?.write?.bind(raw._socket);
  if (!raw || !write) {
    return (framed) => {
      if (ws.readyState !== WS_OPEN) return;
      for (const message of framed.messages) ws.send(message as Uint8Array<ArrayBuffer>);
    };
  }
  return (framed) => {
    if (raw.readyState !== WS_OPEN) return;
    if (raw._sender?._state === WS_SENDER_IDLE) {
      write(framed.frames);
      return;
    }
    for (const message of framed.messages) ws.send(message as Uint8Array<ArrayBuffer>);
  };
}
