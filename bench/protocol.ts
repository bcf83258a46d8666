import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The two wire framings the benchmark speaks. Both carry the same y-protocols sync and awareness
 * payloads; Hocuspocus prefixes every message with the document name, sends an auth token first
 * and acknowledges updates. Written by hand so a simulated reader can read a broadcast without
 * applying it to a Y.Doc: with 200 clients in one generator process, applying every update 200
 * times would make the generator, not the server, the thing being measured.
 */
export type Framing = 'y-websocket' | 'hocuspocus';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;
const HP_CLOSE = 7;
const HP_SYNC_STATUS = 8;
const HP_PING = 9;
const HP_PONG = 10;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type Incoming =
  | { kind: 'sync'; syncType: number; payload: Uint8Array }
  | { kind: 'awareness'; payload: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'ping' }
  | { kind: 'other' };

export class Wire {
  constructor(
    readonly framing: Framing,
    readonly docName: string,
  ) {}

  private start(type: number): encoding.Encoder {
    const encoder = encoding.createEncoder();
    if (this.framing === 'hocuspocus') encoding.writeVarString(encoder, this.docName);
    encoding.writeVarUint(encoder, type);
    return encoder;
  }

  sync(syncType: number, payload: Uint8Array): Uint8Array {
    const encoder = this.start(SYNC);
    encoding.writeVarUint(encoder, syncType);
    encoding.writeVarUint8Array(encoder, payload);
    return encoding.toUint8Array(encoder);
  }

  awareness(update: Uint8Array): Uint8Array {
    const encoder = this.start(AWARENESS);
    encoding.writeVarUint8Array(encoder, update);
    return encoding.toUint8Array(encoder);
  }

  /** Hocuspocus only: the token message its provider sends before anything else. */
  auth(token: string): Uint8Array {
    const encoder = this.start(AUTH);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarString(encoder, token);
    encoding.writeVarString(encoder, 'bench');
    return encoding.toUint8Array(encoder);
  }

  pong(): Uint8Array {
    return Uint8Array.of(HP_PONG);
  }

  read(data: Uint8Array): Incoming {
    if (this.framing === 'hocuspocus' && data.length === 1 && data[0] === HP_PING) return { kind: 'ping' };
    const decoder = decoding.createDecoder(data);
    if (this.framing === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case SYNC:
      case SYNC_REPLY: {
        const syncType = decoding.readVarUint(decoder);
        return { kind: 'sync', syncType, payload: decoding.readVarUint8Array(decoder) };
      }
      case AWARENESS:
        return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
      case QUERY_AWARENESS:
        return { kind: 'query-awareness' };
      case AUTH:
      case HP_CLOSE:
      case HP_SYNC_STATUS:
        return { kind: 'other' };
      default:
        return { kind: 'other' };
    }
  }
}

export { awarenessUpdate } from '../server/test/collab-client';
