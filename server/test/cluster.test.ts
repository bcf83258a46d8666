/**
 * Three server processes on one PostgreSQL database and one Redis, as `compose.yaml` runs them,
 * with clients spread over them the way a load balancer without sticky sessions would: they
 * converge, the event stream and revocations reach every process, and neither a process killed
 * with SIGKILL nor Redis going away loses an update. Runs where `.ci/run` provides PostgreSQL
 * (TEST_POSTGRES_URL) and redis-server.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { DEMO_PASSWORD } from '../src/demo';
import { waitFor } from './collab-client';
import {
  freshPostgresDatabase,
  RoutedClient,
  startRedis,
  TEST_POSTGRES_URL,
  tokensIn,
  typeInto,
} from './cluster-support';
import { startServerProcess, tempDataDir, type ServerProcess } from './process';

const SECTIONS = ['innledning', 'prinsipper', 'visjon', 'vedlegg'] as const;
const CLIENTS = 30;
/** Generous: three processes and thirty clients share two cores with everything else. */
const CONVERGE_MS = 60_000;

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('samstrat_session='));
  return cookie!.split(';')[0]!;
}

async function api<T>(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers: { cookie, origin: url, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
}

describe.runIf(TEST_POSTGRES_URL)('three server processes on one PostgreSQL and one Redis', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let sql: postgres.Sql;
  const processes: ServerProcess[] = [];
  let strategyId: string;
  const clients: RoutedClient[] = [];

  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    // CLUSTER_LOG_LEVEL=debug (or info) tells more when a run fails; the failure message carries each process's log.
    LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'warn',
    // Thirty sockets on a few demo sessions stand for thirty browsers.
    COLLAB_MAX_CONNECTIONS_PER_PERSON: '200',
    COLLAB_MAX_CONNECTIONS_PER_SESSION: '200',
  });

  /** The strategy's document as the database holds it: the folded state and the log after it. */
  async function storedDocument(): Promise<Y.Doc> {
    const doc = new Y.Doc();
    await sql.begin('isolation level repeatable read', async (tx) => {
      const [state] = await tx`SELECT state, seq FROM yjs_states WHERE strategy_id = ${strategyId}`;
      if (state) Y.applyUpdate(doc, state.state as Uint8Array);
      const rows =
        await tx`SELECT "update" FROM yjs_updates WHERE strategy_id = ${strategyId} AND seq > ${state?.seq ?? 0} ORDER BY seq`;
      for (const row of rows) Y.applyUpdate(doc, row.update as Uint8Array);
    });
    return doc;
  }

  beforeAll(async () => {
    database = await freshPostgresDatabase(TEST_POSTGRES_URL!);
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    redis = await startRedis();
    // The first creates the demo data; the others start on it.
    processes.push(await startServerProcess(tempDataDir(), env()));
    processes.push(...(await Promise.all([1, 2].map(() => startServerProcess(tempDataDir(), env())))));
    const cookie = await login(processes[0]!.url, 'leder@eksempel.no');
    const strategies = await api<{ id: string }[]>(processes[0]!.url, cookie, 'GET', '/strategies');
    strategyId = strategies[0]!.id;
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.exited));
    await redis?.stop();
    await sql?.end();
    await database?.drop();
  }, 60_000);

  const paragraphs = new Map<Y.Doc, Y.XmlText>();
  const typed = new Set<string>();
  let counter = 0;

  /** Every client types one word into its section, on whatever process it is connected to. */
  function typeRound(only: readonly RoutedClient[] = clients): void {
    only.forEach((client) => {
      const i = clients.indexOf(client);
      const token = `c${i}.${counter++};`;
      typeInto(client.doc, SECTIONS[i % SECTIONS.length]!, paragraphs, token);
      typed.add(token);
    });
  }

  async function expectEveryWordEverywhere(): Promise<void> {
    try {
      await waitFor(
        () => clients.every((client) => client.synced && tokensIn(client.doc, SECTIONS).size === typed.size),
        `every client to hold all ${typed.size} words`,
        CONVERGE_MS,
      );
    } catch (err) {
      // What each client holds and each process said, so a failure in CI can be read.
      const stored = tokensIn(await storedDocument(), SECTIONS).size;
      const lagging = clients
        .map((c, i) => ({
          i,
          url: c.url,
          synced: c.synced,
          words: tokensIn(c.doc, SECTIONS).size,
          closes: c.closeCodes,
        }))
        .filter((c) => !c.synced || c.words !== typed.size);
      const logs = processes.map((p) => `--- ${p.url}\n${p.output().slice(-20_000)}`).join('\n');
      throw new Error(`${(err as Error).message}; stored ${stored}; lagging ${JSON.stringify(lagging)}\n${logs}`, {
        cause: err,
      });
    }
    let stored = new Set<string>();
    const deadline = Date.now() + CONVERGE_MS;
    while (stored.size !== typed.size && Date.now() < deadline) {
      stored = tokensIn(await storedDocument(), SECTIONS);
      if (stored.size !== typed.size) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([...typed].filter((t) => !stored.has(t))).toEqual([]);
  }

  it('30 clients editing four sections over three processes converge, and the database holds every word', async () => {
    const cookies = await Promise.all(processes.map((p) => login(p.url, 'leder@eksempel.no')));
    for (let i = 0; i < CLIENTS; i++) {
      const at = i % processes.length;
      clients.push(new RoutedClient(processes[at]!.url, strategyId, cookies[at]!));
    }
    await waitFor(() => clients.every((c) => c.synced), 'every client to sync', CONVERGE_MS);
    for (let round = 0; round < 10; round++) {
      typeRound();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expectEveryWordEverywhere();
  }, 120_000);

  it('the event stream and revocations cross processes within a second', async () => {
    const [a, , c] = processes as [ServerProcess, ServerProcess, ServerProcess];
    const leader = await login(a.url, 'leder@eksempel.no');
    // A stream on process C hears a comment made on process A.
    const union = await login(c.url, 'tillitsvalgt@eksempel.no');
    const aborted = new AbortController();
    const stream = await fetch(`${c.url}/api/strategies/${strategyId}/events`, {
      headers: { cookie: union },
      signal: aborted.signal,
    });
    const reader = stream.body!.getReader();
    let heard = '';
    const listening = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        heard += new TextDecoder().decode(value);
      }
    })().catch(() => {});
    // Client 0 typed its words into a paragraph of its own in Innledning.
    const text = paragraphs.get(clients[0]!.doc)!;
    const anchor = {
      start: Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 0))).toString('base64'),
      end: Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 3))).toString('base64'),
    };
    const thread = await api<{ id: string }>(a.url, leader, 'POST', `/strategies/${strategyId}/comments`, {
      sectionKey: 'innledning',
      anchor,
      quote: text.toString().slice(0, 3),
      body: 'Gjelder dette alle tjenesteområdene?',
    });
    await waitFor(
      () => heard.includes('comment.created') && heard.includes(thread.id),
      'the comment event on another process',
      10_000,
    );

    // A member removed on process A loses their socket on process C.
    const members = await api<{ members: { userId: string; email: string }[] }>(
      a.url,
      leader,
      'GET',
      `/strategies/${strategyId}/members`,
    );
    const advisor = members.members.find((m) => m.email === 'radgiver@eksempel.no')!;
    const advisorSocket = new RoutedClient(c.url, strategyId, await login(c.url, 'radgiver@eksempel.no'));
    await waitFor(() => advisorSocket.synced, 'the advisor to sync');
    await api(a.url, leader, 'DELETE', `/strategies/${strategyId}/members/${advisor.userId}`);
    await waitFor(
      () => advisorSocket.closeCodes.includes(CLOSE_CODES.notFound),
      'the removed member closed on C',
      10_000,
    );
    advisorSocket.destroy();
    aborted.abort();
    await listening;
  }, 60_000);

  it('with Redis down, a removed member keeps no write: the storing transaction refuses it', async () => {
    const [a, b] = processes as [ServerProcess, ServerProcess, ServerProcess];
    const leader = await login(a.url, 'leder@eksempel.no');
    const editor = new RoutedClient(b.url, strategyId, await login(b.url, 'oppvekst@eksempel.no'));
    await waitFor(() => editor.synced, 'the editor to sync');
    await redis.stop();
    const members = await api<{ members: { userId: string; email: string }[] }>(
      a.url,
      leader,
      'GET',
      `/strategies/${strategyId}/members`,
    );
    const editorId = members.members.find((m) => m.email === 'oppvekst@eksempel.no')!.userId;
    await api(a.url, leader, 'DELETE', `/strategies/${strategyId}/members/${editorId}`);
    // Process B never heard of it: the socket is open, and the editor writes in their section.
    expect(editor.closeCodes).toEqual([]);
    typeInto(editor.doc, 'oppvekst-laering', new Map(), 'skrevet etter fjerningen');
    await waitFor(
      () => editor.closeCodes.includes(CLOSE_CODES.rightsChanged),
      'the update refused in the storing transaction',
      15_000,
    );
    editor.destroy();
    const stored = await storedDocument();
    expect(stored.getXmlFragment('section:oppvekst-laering').toString()).not.toContain('skrevet etter fjerningen');
    await redis.start();
  }, 60_000);

  it('a process killed with SIGKILL mid-typing loses no word; its clients carry on on another process', async () => {
    const victim = processes[2]!;
    const survivor = processes[0]!;
    await waitFor(() => clients.every((c) => c.synced), 'every client to sync again after Redis returned', CONVERGE_MS);
    for (let round = 0; round < 5; round++) typeRound();
    victim.child.kill('SIGKILL');
    await victim.exited;
    // The load balancer sends the victim's clients elsewhere; they type on.
    const moved = clients.filter((c) => c.url === victim.url);
    // Same person, new process: the session cookie is valid everywhere (sessions live in the database).
    for (const client of moved) client.moveTo(survivor.url);
    for (let round = 0; round < 5; round++) typeRound();
    await expectEveryWordEverywhere();
    processes.splice(2, 1);
  }, 120_000);

  it('Redis stopped and started again mid-typing: everyone converges once it is back, nothing lost', async () => {
    for (let round = 0; round < 3; round++) typeRound();
    await redis.stop();
    for (let round = 0; round < 5; round++) typeRound();
    await redis.start();
    for (let round = 0; round < 3; round++) typeRound();
    await expectEveryWordEverywhere();
  }, 120_000);
});
