import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import pino, { type Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Config } from './config';
import type { AppEnv, Deps } from './context';
import { openDatabase } from './db/client';
import { createApi } from './app';
import { collabRoute } from './collab/route';
import { RoomRegistry } from './collab/rooms';
import { EventBus } from './events';
import { serveWebApp } from './web';
import { securityHeaders } from './security-headers';
import { prepareData } from './demo';
import { startHourlyVersions } from './versions/hourly';
import { startReanchoring } from './comments/reanchor';

export interface RunningServer {
  url: string;
  port: number;
  deps: Deps;
  rooms: RoomRegistry;
  /** Stops taking connections, closes every socket and persists every room. */
  close(): Promise<void>;
}

export async function startServer(config: Config, log?: Logger): Promise<RunningServer> {
  const logger = log ?? pino({ level: config.LOG_LEVEL });
  const db = openDatabase(config.DATA_DIR);
  const rooms = new RoomRegistry({ config, db, log: logger });
  const deps: Deps = { config, db, log: logger, rooms, events: new EventBus() };
  await prepareData(deps);

  const app = new Hono<AppEnv>();
  app.use(securityHeaders(config));
  app.route('/api', createApi(deps));
  app.route('/collab', collabRoute(deps));
  app.route('/', serveWebApp(config.WEB_DIR));

  // No permessage-deflate: keystroke-sized updates gain nothing from it, and broadcasts write
  // frames built once straight to each socket (collab/framed.ts).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: rooms.limits.maxMessageBytes,
    perMessageDeflate: false,
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, websocket: { server: wss } }, () =>
      resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  logger.info({ port }, `Samstrat is listening on http://${host}:${port}`);
  const stopHourlyVersions = startHourlyVersions(deps);
  const reanchoring = startReanchoring(deps);
  rooms.onSaved = reanchoring.saved; // TEMPORARY (w12/anchors): the collab engineer's rooms.onSaved hook at merge

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // Order matters: refuse new connections, close the sockets (upgraded sockets keep
      // server.close() waiting), let every room persist, then release the database.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      stopHourlyVersions();
      reanchoring.stop();
      deps.events.closeAll();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await rooms.closeAll();
      await stopped;
      wss.close();
      db.$client.close();
      logger.info('Samstrat stopped; every document is saved');
    })());

  return { url: `http://${host}:${port}`, port, deps, rooms, close };
}
