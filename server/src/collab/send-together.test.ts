import type { WSContext } from 'hono/ws';
import { describe, expect, it } from 'vitest';
import { sendTogether } from './send-together';

function fakeSocket(withNetSocket: boolean) {
  const events: string[] = [];
  const raw = withNetSocket
    ? { _socket: { cork: () => events.push('cork'), uncork: () => events.push('uncork') } }
    : {};
  const ws = { raw, send: (m: Uint8Array) => events.push(`send ${m[0]}`) } as unknown as WSContext;
  return { ws, events };
}

describe('sendTogether', () => {
  it('corks the socket around the frames so they leave in one write', () => {
    const { ws, events } = fakeSocket(true);
    sendTogether(ws, [Uint8Array.of(0), Uint8Array.of(1)]);
    expect(events).toEqual(['cork', 'send 0', 'send 1', 'uncork']);
  });

  it('sends the frames one by one when the adapter gives no socket to cork', () => {
    const { ws, events } = fakeSocket(false);
    sendTogether(ws, [Uint8Array.of(0), Uint8Array.of(1)]);
    expect(events).toEqual(['send 0', 'send 1']);
  });
});
