import type { AddressInfo } from 'node:net';
import type { WSContext } from 'hono/ws';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { Framed, framedSender } from './framed';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A real ws server and client on a loopback socket: the server side as Hono hands it to us. */
async function connected(): Promise<{
  server: WSContext;
  received: Promise<Buffer[]>;
  expect: (n: number) => void;
  throughAdapter: () => number;
}> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  servers.push(wss);
  await new Promise((resolve) => wss.once('listening', resolve));
  const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { perMessageDeflate: false });
  const messages: Buffer[] = [];
  let wanted = 0;
  let done: (m: Buffer[]) => void = () => {};
  const received = new Promise<Buffer[]>((resolve) => (done = resolve));
  client.on('message', (data: Buffer, isBinary) => {
    expect(isBinary).toBe(true);
    messages.push(data);
    if (messages.length === wanted) {
      done(messages);
      client.close();
    }
  });
  await new Promise((resolve) => client.once('open', resolve));
  const ws = await serverSide;
  let adapterSends = 0;
  const context = {
    raw: ws,
    send: (m: Uint8Array) => {
      adapterSends++;
      ws.send(m);
    },
  } as unknown as WSContext;
  return { server: context, received, expect: (n) => (wanted = n), throughAdapter: () => adapterSends };
}

const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);

describe('framedSender', () => {
  it('delivers every message intact through a real ws client, at each of the three length encodings', async () => {
    const { server, received, expect: wait, throughAdapter } = await connected();
    // 125 and 126 straddle the 7-bit length, 65,535 and 65,536 the 16-bit one.
    const messages = [5, 125, 126, 65_535, 65_536, 200_000].map((n, i) => bytes(n, i));
    wait(messages.length + 1);
    const send = framedSender(server);
    send(new Framed(messages.slice(0, 2)));
    send(new Framed(messages.slice(2)));
    expect(throughAdapter()).toBe(0);
    // Frames written directly and frames ws writes itself keep their order.
    server.send(Uint8Array.of(42) as Uint8Array<ArrayBuffer>);
    const got = await received;
    expect(got.map((m) => m.length)).toEqual([...messages.map((m) => m.length), 1]);
    got.slice(0, -1).forEach((m, i) => expect(new Uint8Array(m)).toEqual(messages[i]));
    expect(got.at(-1)![0]).toBe(42);
  });

  it('frames once, however many sockets it is written to', () => {
    const framed = new Framed([bytes(10, 1), bytes(300, 2)]);
    expect(framed.frames).toBe(framed.frames);
    expect(framed.frames.length).toBe(2 + 10 + 4 + 300);
  });

  it('goes through the adapter one message at a time when it cannot reach the socket', async () => {
    const { server, received, expect: wait } = await connected();
    const sent: number[] = [];
    const adapterOnly = {
      raw: undefined,
      readyState: 1,
      send: (m: Uint8Array) => {
        sent.push(m.length);
        server.send(m as Uint8Array<ArrayBuffer>);
      },
    } as unknown as WSContext;
    wait(2);
    framedSender(adapterOnly)(new Framed([bytes(3, 0), bytes(4, 0)]));
    expect(sent).toEqual([3, 4]);
    expect((await received).map((m) => m.length)).toEqual([3, 4]);
  });
});
