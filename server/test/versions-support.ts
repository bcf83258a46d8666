import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { createOrganization } from '../src/accounts';
import { hashPassword } from '../src/auth/password';
import { users } from '../src/db/schema';
import { connect, synced, waitFor, type CollabClient } from './collab-client';
import type { TestServer } from './harness';

export const LEADER = 'leder@eksempel.no';

/** Calls the API as a demo account (or anonymously with null) and answers status, headers and body. */
export function apiAs(s: TestServer) {
  const cookies = new Map<string, Promise<string>>();
  const cookieOf = (email: string, password?: string) => {
    let cookie = cookies.get(email);
    if (!cookie) {
      cookie = s.login(email, password);
      cookies.set(email, cookie);
    }
    return cookie;
  };
  async function raw(email: string | null, method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', origin: s.url };
    if (email) headers.cookie = await cookieOf(email);
    return fetch(`${s.url}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  async function api<T = unknown>(email: string | null, method: string, path: string, body?: unknown) {
    const res = await raw(email, method, path, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
  return { api, raw, cookieOf };
}

/** A user of another municipality, who is no member of the demo strategy; returns the e-mail to log in with. */
export async function outsider(s: TestServer, api: ReturnType<typeof apiAs>): Promise<string> {
  const email = `ansatt-${randomUUID().slice(0, 8)}@annen.no`;
  const passwordHash = await hashPassword('annet-passord-123');
  await s.deps.db.transaction(async (tx) => {
    const organizationId = await createOrganization(tx, `Annen kommune ${email}`);
    await tx
      .insert(users)
      .values({ id: randomUUID(), organizationId, email, name: 'Ansatt i annen kommune', passwordHash });
  });
  await api.cookieOf(email, 'annet-passord-123');
  return email;
}

/** A block appended to a section the way the editor's binding writes it. */
export function appendBlock(
  doc: Y.Doc,
  sectionKey: string,
  type: string,
  text: string,
  attrs: Record<string, string> = {},
): void {
  const block = new Y.XmlElement(type);
  for (const [key, value] of Object.entries(attrs)) block.setAttribute(key, value);
  block.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(`section:${sectionKey}`);
  fragment.insert(fragment.length, [block]);
}

/** The text of a section's first block, for editing words inside it. */
export function firstText(doc: Y.Doc, sectionKey: string): Y.XmlText {
  return (doc.getXmlFragment(`section:${sectionKey}`).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A leader's editor connection, synced, whose edits the test then waits to see on the server. */
export async function editorOf(s: TestServer, cookie: string, strategyId: string): Promise<CollabClient> {
  const client = connect(s.url, strategyId, cookie);
  await synced(client);
  return client;
}

/** Waits until the server's live document shows the client's text of these sections, so REST reads see the edit. */
export async function serverHas(
  s: TestServer,
  client: CollabClient,
  strategyId: string,
  sectionKeys: string[],
): Promise<void> {
  const text = (doc: Y.Doc, key: string) => doc.getXmlFragment(`section:${key}`).toString();
  await waitFor(
    () => {
      const live = s.rooms.get(strategyId)?.doc;
      return !!live && sectionKeys.every((key) => text(live, key) === text(client.doc, key));
    },
    `the server to have the edit of ${sectionKeys.join(', ')}`,
  );
}
