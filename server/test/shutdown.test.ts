import { afterEach, describe, expect, it } from 'vitest';
import { connect, sectionText, synced, waitFor, writeParagraph, type CollabClient } from './collab-client';
import { startServerProcess, tempDataDir, type ServerProcess } from './process';

const clients: CollabClient[] = [];
const processes: ServerProcess[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const p of processes.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

async function start(dataDir: string) {
  const p = await startServerProcess(dataDir);
  processes.push(p);
  return p;
}

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'samstrat-demo' }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function strategyId(url: string, cookie: string): Promise<string> {
  const list = (await (await fetch(`${url}/api/strategies`, { headers: { cookie } })).json()) as { id: string }[];
  return list[0]!.id;
}

async function join(url: string, email: string) {
  const cookie = await login(url, email);
  const client = connect(url, await strategyId(url, cookie), cookie);
  clients.push(client);
  await synced(client);
  return client;
}

/** Writes as one member and waits until another member has received it. */
async function editSeenByAnother(p: ServerProcess, text: string) {
  const writer = await join(p.url, 'helse@eksempel.no');
  const reader = await join(p.url, 'politiker@eksempel.no');
  writeParagraph(writer.doc, 'helse-omsorg', text);
  await waitFor(() => sectionText(reader.doc, 'helse-omsorg').includes(text), 'another client to receive the edit');
}

describe('the server process', () => {
  it('on SIGTERM closes the sockets, saves every document and exits 0; a new start has every received edit', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    await editSeenByAnother(first, 'Alle sykehjem skal ha trådløst nett');

    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.output()).toContain('every document is saved');

    const second = await start(dataDir);
    const reader = await join(second.url, 'leder@eksempel.no');
    expect(sectionText(reader.doc, 'helse-omsorg')).toContain('Alle sykehjem skal ha trådløst nett');
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('killed without warning, still loses no edit that another client had received', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    await editSeenByAnother(first, 'Hjemmetjenesten skal bruke digitale tilsyn');

    first.child.kill('SIGKILL');
    await first.exited;

    const second = await start(dataDir);
    const reader = await join(second.url, 'leder@eksempel.no');
    expect(sectionText(reader.doc, 'helse-omsorg')).toContain('Hjemmetjenesten skal bruke digitale tilsyn');
    second.child.kill('SIGTERM');
    await second.exited;
  });
});
