import WebSocket from 'ws';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';

/**
 * ws's own closes for frames it cannot take, and what the client is told instead. A stock
 * y-websocket client reconnects after 1009 and sends the same oversized change again, for ever;
 * after 4413 it starts over with a fresh document. The other two mean the client does not speak
 * the protocol at all.
 */
const TRANSLATED: ReadonlyMap<number, number> = new Map([
  [1002, CLOSE_CODES.malformed], // protocol error: a bad frame
  [1007, CLOSE_CODES.malformed], // a text frame that is not UTF-8
  [1009, CLOSE_CODES.tooLarge], // a message over maxPayload, refused from its header, before it is read
]);

/**
 * The WebSocket class the server's sockets are made of (ws's `WebSocket` option): ws closes with
 * its own codes when a frame breaks its limits, and the catalogue in shared/close-codes lists
 * what the client is sent instead. A peer's own close is echoed as it came.
 */
export class CatalogedWebSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    super.close(code === undefined ? code : (TRANSLATED.get(code) ?? code), data);
  }
}
