import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import {
  awarenessUpdate,
  connect,
  craftUpdate,
  sectionText,
  synced,
  syncUpdateFrame,
  waitFor,
  writeParagraph,
} from './collab-client';
import { openRaw, type RawSocket } from './collab-sockets';
import { startTestServer, type TestServer } from './harness';
import { prng } from './random';

// Hostile frames crash nothing: honest messages with bytes flipped, cut short or grown are either
// taken, or the socket is closed with a catalogued code; nothing escapes the message handler and
// the server keeps serving honest edits.

const FRAMES = Number(process.env.HOSTILE_FRAMES ?? 600);

let s: TestServer;
let strategyId: string;
let cookie: string;

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  cookie = await s.login('helse@eksempel.no');
});
afterAll(() => s.close());

/** Honest messages of every kind the protocol has, made against the server's current document. */
function honestFrames(doc: Y.Doc, userId: string): Uint8Array[] {
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, 0);
  syncProtocol.writeSyncStep1(step1, doc);
  const awareness = encoding.createEncoder();
  encoding.writeVarUint(awareness, 1);
  encoding.writeVarUint8Array(awareness, awarenessUpdate(777, 1, { user: { id: userId }, cursor: { anchor: 3 } }));
  return [
    encoding.toUint8Array(step1),
    syncUpdateFrame(craftUpdate(doc, (d) => writeParagraph(d, 'helse-omsorg', 'Ærlig tekst'))),
    encoding.toUint8Array(awareness),
    new Uint8Array([3]),
  ];
}

function mutate(frame: Uint8Array, random: (n: number) => number): Uint8Array {
  const bytes = Uint8Array.from(frame);
  switch (random(4)) {
    case 0:
      for (let i = 1 + random(4); i > 0; i--) bytes[random(bytes.length)] = random(256);
      return bytes;
    case 1:
      return bytes.slice(0, random(bytes.length));
    case 2:
      return Uint8Array.from([...bytes, ...Array.from({ length: 1 + random(16) }, () => random(256))]);
    default:
      return Uint8Array.from(Array.from({ length: 1 + random(40) }, () => random(256)));
  }
}

describe('hostile frames', () => {
  it(`crash nothing: ${FRAMES} mutated messages are taken or closed with a catalogued code`, async () => {
    const me = (await (await fetch(`${s.url}/api/me`, { headers: { cookie } })).json()) as { user: { id: string } };
    const catalogued = new Set<number>(Object.values(CLOSE_CODES));
    const errors = vi.spyOn(console, 'error');
    const random = prng(12).int;
    const codes: number[] = [];
    let socket: RawSocket | null = null;
    try {
      for (let sent = 0; sent < FRAMES; sent++) {
        if (!socket || socket.code !== null) {
          if (socket) codes.push(await socket.closed);
          socket = await openRaw(s, strategyId, cookie);
        }
        const doc = s.rooms.get(strategyId)?.doc ?? (await s.loadDocument());
        const frames = honestFrames(doc, me.user.id);
        socket.ws.send(mutate(frames[random(frames.length)]!, random));
        // One at a time, so a close is seen before the next frame needs a socket.
        await new Promise((resolve) => setImmediate(resolve));
      }
      socket?.ws.terminate();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    expect(codes.length).toBeGreaterThan(FRAMES / 20);
    expect(codes.filter((code) => !catalogued.has(code))).toEqual([]);

    const leader = connect(s.url, strategyId, await s.login('leder@eksempel.no'));
    try {
      await synced(leader);
      writeParagraph(leader.doc, 'visjon', 'Fortsatt oppe');
      await waitFor(() => sectionText(s.rooms.get(strategyId)!.doc, 'visjon').includes('Fortsatt oppe'), 'an edit');
    } finally {
      leader.destroy();
    }
  });

  it('a presence nested deeper than any caret is refused with a catalogued code, and the server keeps serving', async () => {
    const me = (await (await fetch(`${s.url}/api/me`, { headers: { cookie } })).json()) as { user: { id: string } };
    // {"user":{"id":…},"deep":{"a":{"a":…}}}, written out: too deep for JSON.stringify to make.
    const depth = 20_000;
    const json = `{"user":{"id":${JSON.stringify(me.user.id)}},"deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const frame = (clock: number) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 1);
      encoding.writeVarUint(update, 4242);
      encoding.writeVarUint(update, clock);
      encoding.writeVarString(update, json);
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
      return encoding.toUint8Array(encoder);
    };
    const socket = await openRaw(s, strategyId, cookie);
    // Taken, y-protocols would overflow the stack writing it into the next broadcast.
    socket.ws.send(frame(1));
    socket.ws.send(frame(2));
    expect(await socket.closed).toBe(CLOSE_CODES.malformed);
    const leader = connect(s.url, strategyId, await s.login('leder@eksempel.no'));
    try {
      await synced(leader);
      writeParagraph(leader.doc, 'visjon', 'Fortsatt oppe etter dyp tilstedeværelse');
      await waitFor(
        () => sectionText(s.rooms.get(strategyId)!.doc, 'visjon').includes('Fortsatt oppe etter dyp'),
        'an edit',
      );
    } finally {
      leader.destroy();
    }
  });
});
