/* eslint-disable svelte/prefer-svelte-reactivity -- the handler registries are private bookkeeping that drives no UI. */
import { STRATEGY_EVENT_TYPES, type StrategyEvent, type StrategyEventType } from '@samstrat/shared/events';
import { API_BASE, client, param } from '$lib/api';

type EventOf<T extends StrategyEventType> = Extract<StrategyEvent, { type: T }>;

/**
 * The strategy's event stream (`GET /api/strategies/:id/events`, server-sent events) for one open
 * strategy page. Stores subscribe per event type and refetch what changed. EventSource reconnects
 * by itself and the server replays what was missed; when it cannot, or when the stream had to be
 * opened anew, `onResync` handlers refetch everything.
 */
export class StrategyEvents {
  status = $state<'connecting' | 'open' | 'closed'>('connecting');

  #url: string;
  #source: EventSource | null = null;
  #handlers = new Map<StrategyEventType, Set<(event: StrategyEvent) => void>>();
  #resync = new Set<() => void>();
  #retry: ReturnType<typeof setTimeout> | null = null;
  #retries = 0;
  #opened = false;
  #destroyed = false;

  constructor(strategyId: string) {
    this.#url = API_BASE + client.strategies[':id'].events.$path({ param: param({ id: strategyId }) });
    this.#open();
  }

  on<T extends StrategyEventType>(type: T, handler: (event: EventOf<T>) => void): () => void {
    const set = this.#handlers.get(type) ?? new Set();
    const wrapped = handler as (event: StrategyEvent) => void;
    set.add(wrapped);
    this.#handlers.set(type, set);
    return () => set.delete(wrapped);
  }

  /** Called when the page must refetch: events may have been missed. */
  onResync(handler: () => void): () => void {
    this.#resync.add(handler);
    return () => this.#resync.delete(handler);
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#source?.close();
    this.#source = null;
    this.status = 'closed';
  }

  #open(): void {
    const source = new EventSource(this.#url, { withCredentials: true });
    this.#source = source;
    for (const type of STRATEGY_EVENT_TYPES) {
      source.addEventListener(type, (message) => this.#dispatch(message as MessageEvent<string>));
    }
    source.onopen = () => {
      this.status = 'open';
      this.#retries = 0;
      // A fresh EventSource (after a permanent failure) has no Last-Event-ID to catch up from.
      if (this.#opened) this.#emitResync();
      this.#opened = true;
    };
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) {
        this.status = 'connecting';
        return;
      }
      // EventSource gives up on an HTTP error (a 401 after logout, a 404 after removal, a proxy's
      // 502). Try again later; the collaboration socket is the one that reports the session ending.
      this.status = 'closed';
      if (this.#destroyed) return;
      const delay = Math.min(30_000, 1_000 * 2 ** this.#retries++);
      this.#retry = setTimeout(() => {
        this.#retry = null;
        if (!this.#destroyed) this.#open();
      }, delay);
    };
  }

  #dispatch(message: MessageEvent<string>): void {
    let event: StrategyEvent;
    try {
      event = JSON.parse(message.data) as StrategyEvent;
    } catch {
      return;
    }
    if (event.type === 'stream.resync') return this.#emitResync();
    for (const handler of this.#handlers.get(event.type) ?? []) handler(event);
  }

  #emitResync(): void {
    for (const handler of this.#resync) handler();
  }
}
