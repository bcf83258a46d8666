import { anchorFromRange, findTextRange, type EncodedAnchor } from '@samstrat/shared/anchors';
import type * as Y from 'yjs';
import { connect, synced, waitFor, type CollabClient } from './collab-client';
import type { TestServer } from './harness';

/** Calls the API as a demo account (logging in once per account) and answers the status and JSON. */
export function apiAs(s: TestServer) {
  const cookies = new Map<string, Promise<string>>();
  const cookieOf = (email: string) => {
    let cookie = cookies.get(email);
    if (!cookie) {
      cookie = s.login(email);
      cookies.set(email, cookie);
    }
    return cookie;
  };
  async function api<T = unknown>(
    email: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const res = await fetch(`${s.url}/api${path}`, {
      method,
      headers: { cookie: await cookieOf(email), 'content-type': 'application/json', origin: s.url },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }
  return { api, cookieOf };
}

/** Collaboration clients for a test, destroyed together. */
export function clientPool(s: TestServer, cookieOf: (email: string) => Promise<string>) {
  const clients: CollabClient[] = [];
  return {
    async connect(email: string, strategyId: string): Promise<CollabClient> {
      const c = connect(s.url, strategyId, await cookieOf(email));
      clients.push(c);
      await synced(c);
      return c;
    },
    destroyAll() {
      for (const c of clients.splice(0)) c.destroy();
    },
  };
}

export function fragmentOf(doc: Y.Doc, sectionKey: string): Y.XmlFragment {
  return doc.getXmlFragment(`section:${sectionKey}`);
}

/** The anchor of the first occurrence of `words` in a section of this replica, as the browser would make it. */
export function anchorOf(doc: Y.Doc, sectionKey: string, words: string): EncodedAnchor {
  const range = findTextRange(fragmentOf(doc, sectionKey), words);
  if (!range) throw new Error(`"${words}" is not in ${sectionKey}`);
  const anchor = anchorFromRange(fragmentOf(doc, sectionKey), range.from, range.to);
  if (!anchor) throw new Error('no anchor');
  return anchor;
}

export async function waitForText(client: CollabClient, sectionKey: string, words: string): Promise<void> {
  await waitFor(
    () => findTextRange(fragmentOf(client.doc, sectionKey), words) !== null,
    `"${words}" to reach the client`,
  );
}

/** Server-sent events read with fetch and a streaming reader, the way a test can watch them arrive. */
export interface EventReader {
  status: number;
  events: { id: string | null; event: string; data: unknown }[];
  /** Comment lines (heartbeats) seen so far. */
  comments: string[];
  ended: boolean;
  close(): void;
}

export async function readEvents(
  url: string,
  cookie: string,
  headers: Record<string, string> = {},
): Promise<EventReader> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { cookie, accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const reader: EventReader = {
    status: res.status,
    events: [],
    comments: [],
    ended: false,
    close: () => controller.abort(),
  };
  if (res.status !== 200 || !res.body) {
    reader.ended = true;
    return reader;
  }
  const body = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await body.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let id: string | null = null;
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) reader.comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) reader.events.push({ id, event, data: JSON.parse(data.join('\n')) });
        }
      }
    } catch {
      /* aborted by the test */
    }
    reader.ended = true;
  })();
  return reader;
}
