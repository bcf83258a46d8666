import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Connection, type ConnectionHandlers } from '$lib/stores/connection.svelte';
import { Presence } from '$lib/stores/presence.svelte';
import type { CollabUser } from '$lib/types';

/**
 * Everything one open strategy page shares: one Y.Doc, one socket (the stock y-websocket
 * protocol at /collab/<strategyId>, authenticated by the session cookie), and the connection and
 * presence state built on them. Every section editor binds to this doc.
 */
export class CollabSession {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly connection: Connection;
  readonly presence: Presence;
  readonly user: CollabUser;

  constructor(strategyId: string, user: CollabUser, handlers: ConnectionHandlers) {
    this.user = user;
    this.doc = new Y.Doc();
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
    this.provider = new WebsocketProvider(base, strategyId, this.doc, {
      // The server is the only authority on what this user may change; tabs must not feed each
      // other updates it never saw (a refused change would come back from the other tab).
      disableBc: true,
      maxBackoffTime: 8000,
    });
    this.provider.awareness.setLocalStateField('user', user);
    this.provider.awareness.setLocalStateField('section', null);
    this.connection = new Connection(this.provider, this.doc, handlers);
    this.presence = new Presence(this.provider.awareness, user.id);
  }

  destroy(): void {
    this.presence.destroy();
    this.connection.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }
}
