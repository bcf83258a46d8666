/**
 * The yjs-13 reference server, @y/websocket-server, exactly as its own bin wires it (no auth,
 * no persistence), in a child process. Documents live in memory only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getYDoc, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { readSetup, serveIpc } from './ipc';
import { documentNames, initialUpdates } from './template';

const setup = readSetup();
const names = documentNames(setup);
const { template, history } = initialUpdates(setup);

// A reference document exists from its first connection on; seeding it when it is created keeps
// the memory of documents nobody opened out of the baseline.
const seeded = new Set<string>();
const seed = (name: string) => {
  if (seeded.has(name)) return;
  seeded.add(name);
  const doc = getYDoc(name);
  Y.transact(doc, () => {
    Y.applyUpdate(doc, template);
    if (name === names[0]) for (const update of history) Y.applyUpdate(doc, update);
  });
};
// The history document is built before clients come, like the other servers' databases.
if (history.length > 0) seed(names[0]!);

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (request, socket, head) => {
  seed((request.url ?? '').slice(1).split('?')[0]!);
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

serveIpc(
  {
    stateSize: (name: string) => Y.encodeStateAsUpdate(getYDoc(name)).length,
    stop: () => {
      setImmediate(() => process.exit(0));
    },
  },
  { url: `http://127.0.0.1:${port}`, documents: names, history: history.length ? { updates: history.length } : null },
);
