import { randomBytes } from 'node:crypto';
import net from 'node:net';
import WebSocket from 'ws';
import { waitFor } from './collab-client';
import type { TestServer } from './harness';

/** A ws socket to the collaboration route, opened as `cookie`'s session, with what it received. */
export interface RawSocket {
  ws: WebSocket;
  /** Binary messages the server sent, in order. */
  messages: Uint8Array[];
  /** The close code once closed, else null. */
  readonly code: number | null;
  closed: Promise<number>;
}

/** Opens a plain ws socket (no y-websocket provider) and waits until it is open or refused. */
export async function openRaw(s: TestServer, strategyId: string, cookie: string): Promise<RawSocket> {
  const ws = new WebSocket(`${s.wsUrl}/collab/${strategyId}`, { headers: { cookie, origin: s.url } });
  const messages: Uint8Array[] = [];
  let code: number | null = null;
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) =>
    ws.on('close', (c) => {
      code = c;
      resolve(c);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  return {
    ws,
    messages,
    get code() {
      return code;
    },
    closed,
  };
}

/** Waits until the server either greeted the socket (it was let in) or closed it; answers the close code or null. */
export async function admittedOrClosed(socket: RawSocket): Promise<number | null> {
  await waitFor(() => socket.messages.length > 0 || socket.code !== null, 'a greeting or a close');
  return socket.code;
}

/**
 * A peer that completes the WebSocket upgrade by hand over plain TCP and then says nothing more:
 * it reads what the server sends but never answers a ping, like a laptop whose network dropped
 * (no FIN, no RST). `ended` turns true when the server cuts the connection.
 */
export async function silentPeer(s: TestServer, strategyId: string, cookie: string): Promise<SilentPeer> {
  const { port, hostname } = new URL(s.url);
  const socket = net.connect(Number(port), hostname);
  let ended = false;
  socket.on('close', () => (ended = true));
  socket.on('error', () => (ended = true));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    [
      `GET /collab/${strategyId} HTTP/1.1`,
      `Host: ${new URL(s.url).host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Origin: ${s.url}`,
      `Cookie: ${cookie}`,
      '',
      '',
    ].join('\r\n'),
  );
  // Everything after the response head is kept; pings among it go unanswered.
  let bytes = Buffer.alloc(0);
  const head = await new Promise<string>((resolve) => {
    let headEnd = -1;
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      if (headEnd >= 0) return;
      headEnd = bytes.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const text = bytes.subarray(0, headEnd).toString('latin1');
      bytes = bytes.subarray(headEnd + 4);
      resolve(text.slice(0, text.indexOf('\r\n')));
    });
  });
  if (!head.includes(' 101 ')) throw new Error(`the upgrade was refused: ${head}`);
  return {
    socket,
    get ended() {
      return ended;
    },
    writeFrame(opcode, payload, rsv = 0) {
      socket.write(maskedFrame(opcode, payload, rsv));
    },
    closeCode: () => closeCodeIn(bytes),
  };
}

export interface SilentPeer {
  socket: net.Socket;
  /** True once the server ended the connection. */
  readonly ended: boolean;
  /** Sends one masked frame, as a client must. */
  writeFrame(opcode: number, payload: Uint8Array, rsv?: number): void;
  /** The code of the close frame the server sent, or null when it sent none. */
  closeCode(): number | null;
}

/** Walks the server's (unmasked) frames and answers the close frame's code. */
function closeCodeIn(bytes: Buffer): number | null {
  for (let at = 0; at + 2 <= bytes.length;) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 && start + 2 <= bytes.length ? bytes.readUInt16BE(start) : null;
    at = start + length;
  }
  return null;
}

/** One client frame as RFC 6455 §5.2 has it: FIN, the opcode (and RSV bits), the length, a mask. */
function maskedFrame(opcode: number, payload: Uint8Array, rsv: number): Buffer {
  const mask = randomBytes(4);
  const length =
    payload.length < 126
      ? Buffer.from([0x80 | payload.length])
      : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x80 | (rsv << 4) | opcode]), length, mask, masked]);
}

/**
 * A TCP proxy in front of the server whose links can be cut the way a dropped network cuts them:
 * the client's side closes (so it notices and reconnects) while the server's side gets no FIN and
 * no RST and just stops hearing anything, a half-open connection. With `delayMs` the link is slow
 * (from the server to the client), so a client's messages overtake the server's answers.
 */
export async function cuttableProxy(
  s: TestServer,
  options: { delayMs?: number } = {},
): Promise<{ url: string; cut(): void; close(): void }> {
  const target = new URL(s.url);
  const links: { client: net.Socket; upstream: net.Socket }[] = [];
  const cutOff: net.Socket[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    client.pipe(upstream, { end: false });
    if (options.delayMs) {
      // A long way back: what the server sends reaches the client `delayMs` later, in order.
      upstream.on('data', (chunk: Buffer) =>
        setTimeout(() => {
          if (!client.destroyed) client.write(chunk);
        }, options.delayMs),
      );
    } else {
      upstream.pipe(client, { end: false });
    }
    client.on('error', () => {});
    upstream.on('error', () => {});
    links.push({ client, upstream });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      for (const { client, upstream } of links.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        // The server's end stays open and silent: nothing read, nothing written, nothing closed.
        upstream.pause();
        cutOff.push(upstream);
        client.destroy();
      }
    },
    close() {
      server.close();
      for (const { client, upstream } of links) {
        client.destroy();
        upstream.destroy();
      }
      for (const upstream of cutOff) upstream.destroy();
    },
  };
}
