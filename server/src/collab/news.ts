import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { NewsBus } from '../cluster/bus';

/**
 * What processes tell each other about one strategy's document: stored updates with their
 * sequence numbers, and presence. News only: an update reaches the other processes after it is
 * stored, and what they miss they read from the database.
 */
export type DocumentNews =
  { kind: 'update'; first: number; last: number; update: Uint8Array } | { kind: 'awareness'; update: Uint8Array };

const UPDATE = 0;
const AWARENESS = 1;

export function documentChannel(strategyId: string): string {
  return `samstrat:doc:${strategyId}`;
}

export function encodeNews(news: DocumentNews): Uint8Array {
  const encoder = encoding.createEncoder();
  if (news.kind === 'update') {
    encoding.writeVarUint(encoder, UPDATE);
    encoding.writeVarUint(encoder, news.first);
    encoding.writeVarUint(encoder, news.last);
  } else {
    encoding.writeVarUint(encoder, AWARENESS);
  }
  encoding.writeVarUint8Array(encoder, news.update);
  return encoding.toUint8Array(encoder);
}

/** Throws on anything another process of ours would not send. */
export function decodeNews(message: Uint8Array): DocumentNews {
  const decoder = decoding.createDecoder(message);
  const kind = decoding.readVarUint(decoder);
  if (kind === UPDATE) {
    const first = decoding.readVarUint(decoder);
    const last = decoding.readVarUint(decoder);
    return { kind: 'update', first, last, update: decoding.readVarUint8Array(decoder) };
  }
  if (kind === AWARENESS) return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
  throw new Error(`unknown news kind ${kind}`);
}

/**
 * One room's line to the other processes. It listens from the moment it is made, and holds what
 * arrives until `deliverTo` names the room: a room subscribes before it reads the database, so
 * nothing stored in between is missed.
 */
export class RoomNewsLine {
  private held: DocumentNews[] | null = [];
  private receiver: ((news: DocumentNews) => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly bus: NewsBus,
    private readonly strategyId: string,
    private readonly onBadMessage: (err: unknown) => void,
  ) {
    this.unsubscribe = bus.subscribe(documentChannel(strategyId), (message) => {
      let news: DocumentNews;
      try {
        news = decodeNews(message);
      } catch (err) {
        return this.onBadMessage(err);
      }
      if (this.held) this.held.push(news);
      else this.receiver?.(news);
    });
  }

  /** From now on news goes to `receiver`, starting with what arrived meanwhile. */
  deliverTo(receiver: (news: DocumentNews) => void): void {
    this.receiver = receiver;
    const held = this.held ?? [];
    this.held = null;
    for (const news of held) receiver(news);
  }

  publish(news: DocumentNews): void {
    this.bus.publish(documentChannel(this.strategyId), encodeNews(news));
  }

  close(): void {
    this.unsubscribe();
    this.receiver = null;
    this.held = null;
  }
}
