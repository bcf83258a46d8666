import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import pino, { type Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Config } from './config';
import type { AppEnv, Deps } from './context';
import { openDatabase } from './db/client';
import { LocalBus, RedisBus } from './cluster/bus';
import { Revocations, revokes } from './cluster/revocations';
import { RedisLoginLimiter } from './cluster/redis-rate-limit';
import { LoginRateLimiter, SSO_START_LIMITS } from './auth/rate-limit';
import { RedisConnectionLedger } from './cluster/redis-ledger';
import { createApi } from './app';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { collabRoute } from './collab/route';
import { RoomRegistry } from './collab/rooms';
import { DEFAULT_WAIT_LIMITS } from './collab/waiting';
import { documentShape } from './collab/document-shape';
import { MemoryConnectionLedger } from './collab/ledger';
import { DocumentStore } from './collab/persistence';
import { CatalogedWebSocket } from './collab/socket';
import { collabHooks } from './collab-hooks';
import { EventBus } from './events';
import { serveWebApp } from './web';
import { securityHeaders } from './security-headers';
import { prepareData } from './demo';
import { startHourlyVersions } from './versions/hourly';
import { startReanchoring } from './comments/reanchor';
import { Mailer } from './mail/outbox';
import { smtpTransport } from './mail/transport';
import { GOAL_WATCH_DELAY_MS, goalWatch } from './plans/goal-watch';

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
  const db = await openDatabase({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL });
  // Several processes share news through Redis; alone, there is nobody to tell.
  const bus = config.REDIS_URL ? new RedisBus(config.REDIS_URL, logger) : undefined;
  const caps = {
    perRoom: config.COLLAB_MAX_CONNECTIONS_PER_ROOM,
    perPerson: config.COLLAB_MAX_CONNECTIONS_PER_PERSON,
    perSession: config.COLLAB_MAX_CONNECTIONS_PER_SESSION,
  };
  const rooms = new RoomRegistry({
    bus,
    store: new DocumentStore(db),
    log: logger,
    unloadDelayMs: config.COLLAB_UNLOAD_DELAY_MS,
    compactAfter: config.COLLAB_COMPACT_AFTER,
    // The one schema the browser's editors use: the guard refuses what they could not read.
    shape: documentShape(editorSchema),
    ledger: bus ? new RedisConnectionLedger(bus.commands, logger, caps) : new MemoryConnectionLedger(caps),
    limits: {
      pingIntervalMs: config.COLLAB_PING_INTERVAL_MS,
      waiting: { ...DEFAULT_WAIT_LIMITS, maxWaitMs: config.COLLAB_DEPENDENCY_WAIT_MS },
    },
  });
  const events = new EventBus(db, logger, { bus });
  // Applied here and on every other process (cluster/revocations.ts).
  const revocations = new Revocations(
    bus ?? new LocalBus(),
    (revocation) => {
      if (revocation.regrant) {
        rooms.regrant((socket) => revokes(revocation, socket), revocation.regrant, revocation.code, revocation.reason);
      } else rooms.revoke((socket) => revokes(revocation, socket), revocation.code, revocation.reason);
      if (revocation.streams) events.closeStreams((stream) => revokes(revocation, stream), revocation.reason);
    },
    logger,
  );
  const loginLimiter = bus ? new RedisLoginLimiter(bus.commands, logger) : new LoginRateLimiter();
  const ssoStartLimiter = bus
    ? new RedisLoginLimiter(bus.commands, logger, SSO_START_LIMITS)
    : new LoginRateLimiter(SSO_START_LIMITS);
  // Links in mails start with PUBLIC_ORIGIN; without it (development, tests) with this server's own address.
  let ownOrigin = 'http://localhost';
  const mail = new Mailer({
    db,
    log: logger.child({ component: 'mail' }),
    transport: smtpTransport(config),
    origin: () => config.PUBLIC_ORIGIN ?? ownOrigin,
    pollMs: config.MAIL_POLL_MS,
    retryBaseMs: config.MAIL_RETRY_BASE_MS,
    maxAttempts: config.MAIL_MAX_ATTEMPTS,
    leaseMs: config.MAIL_LEASE_MS,
  });
  const deps: Deps = {
    config,
    db,
    log: logger,
    rooms,
    events,
    revocations,
    loginLimiter,
    ssoStartLimiter,
    redis: bus ?? null,
    mail,
  };
  await prepareData(deps);

  const app = new Hono<AppEnv>();
  app.use(securityHeaders(config));
  app.route('/api', createApi(deps));
  app.route('/collab', collabRoute(rooms, collabHooks(deps), logger));
  app.route('/', serveWebApp(config.WEB_DIR));

  // No permessage-deflate: keystroke-sized updates gain nothing from it, and broadcasts write
  // frames built once straight to each socket (collab/framed.ts). A message over maxPayload is
  // refused from its frame header; the socket class tells the client 4413, not ws's 1009.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: rooms.limits.maxMessageBytes,
    perMessageDeflate: false,
    WebSocket: CatalogedWebSocket,
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, websocket: { server: wss } }, () =>
      resolve(s),
    );
    // An idle kept-alive connection is closed by the server only after the clients in front of it
    // (a reverse proxy keeps its upstream connections 60 s) would have stopped reusing it: with
    // Node's 5 s, a request sent on a connection the server is closing that moment fails with
    // ECONNRESET (seen in the E2E tests' API client, microsoft/playwright#42698).
    if (s instanceof http.Server) {
      s.keepAliveTimeout = 65_000;
      s.headersTimeout = 66_000;
    }
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  logger.info({ port }, `Samstrat is listening on http://${host}:${port}`);
  ownOrigin = `http://${host}:${port}`;
  mail.start();
  const stopHourlyVersions = startHourlyVersions(deps);
  const reanchoring = startReanchoring(deps);
  // Threads come loose when their text goes and may find it again after an undo: look after each save.
  const stopReanchorHook = rooms.onSaved((strategyId) => reanchoring.saved(strategyId));
  // Action plans read their goals from the text: tell open plan pages when those goals change.
  const goalWatching = startReanchoring(deps, { delayMs: GOAL_WATCH_DELAY_MS, check: goalWatch() });
  const stopGoalHook = rooms.onSaved((strategyId) => goalWatching.saved(strategyId));

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // Order matters: refuse new connections, close the sockets (upgraded sockets keep
      // server.close() waiting), let every room persist, then release the database.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      stopHourlyVersions();
      stopReanchorHook();
      reanchoring.stop();
      stopGoalHook();
      goalWatching.stop();
      await deps.events.closeAll();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await rooms.closeAll();
      await stopped;
      wss.close();
      revocations.close();
      await mail.stop();
      await rooms.ledger.close();
      await bus?.close();
      await db.close();
      logger.info('Samstrat stopped; every document is saved');
    })());

  return { url: `http://${host}:${port}`, port, deps, rooms, close };
}
