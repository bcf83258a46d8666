/**
 * Hocuspocus 4 with its SQLite persistence (@hocuspocus/extension-sqlite, defaults as shipped:
 * the whole document stored, debounced 2 s, at most every 10 s), in a child process.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SQLite, schema, upsertQuery } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { readSetup, serveIpc } from './ipc';
import { documentNames, initialUpdates } from './template';

const setup = readSetup();
const names = documentNames(setup);
const file = path.join(setup.dataDir, 'hocuspocus.sqlite');

// Seed the stored documents before the server opens the file, as a previous run would have left them.
{
  const { template, history } = initialUpdates(setup);
  const seedDb = new Database(file);
  seedDb.exec(schema);
  const insert = seedDb.prepare(upsertQuery);
  let first = template;
  if (history.length > 0) {
    const doc = new Y.Doc();
    Y.transact(doc, () => {
      Y.applyUpdate(doc, template);
      for (const update of history) Y.applyUpdate(doc, update);
    });
    first = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  seedDb.transaction(() => {
    names.forEach((name, i) => insert.run({ name, data: Buffer.from(i === 0 ? first : template) }));
  })();
  seedDb.close();
}

const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions: [new SQLite({ database: file })],
});
await server.listen();
const { port } = server.httpServer.address() as AddressInfo;

serveIpc(
  {
    isLoaded: (name: string) => server.hocuspocus.documents.has(name),
    stateSize: (name: string) => {
      const doc = server.hocuspocus.documents.get(name);
      return doc ? Y.encodeStateAsUpdate(doc).length : null;
    },
    stop: async () => {
      await server.destroy();
      setImmediate(() => process.exit(0));
    },
  },
  { url: `http://127.0.0.1:${port}`, documents: names, history: setup.historyFile ? { stored: 'merged state' } : null },
);
