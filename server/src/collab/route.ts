import { randomUUID } from 'node:crypto';
import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import type { WSContext } from 'hono/ws';
import type { Logger } from 'pino';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import type { RawData, WebSocket } from 'ws';
import { CollabConnection, TEXT_FRAME, type Frame } from './connection';
import { framedSender } from './framed';
import type { Person, Rights } from './guard';
import type { ConnectionKey } from './ledger';
import type { PingableSocket } from './liveness';
import { encodeAwareness } from './protocol';
import type { Room } from './room';
import type { LiveSocket, RoomRegistry } from './rooms';

/**
 * What the collaboration layer needs from the domain, handed in when the route is made, so that
 * collab itself imports no domain module: who is asking, and what they may do.
 */
export interface CollabHooks {
  /** Whether an upgrade may come from this Origin (the request's own host, or the public origin). */
  allowOrigin(origin: string | undefined, host: string | undefined, protocol: string): boolean;
  /** The person behind a Cookie header, or null without a live session. */
  authenticate(cookieHeader: string | undefined): Promise<Person | null>;
  /**
   * A member's rights on a strategy's document, with the version of them the database holds (the
   * storing transaction checks it); null for a non-member or an unknown strategy.
   */
  rightsOf(strategyId: string, userId: string): Promise<Grant | null>;
  /** Records a refused message (the audit log); its failure is logged, never the socket's problem. */
  refused(refusal: { strategyId: string; userId: string; reason: string }): Promise<void>;
}

/** What a member may do to the document, as of one rights version. */
export interface Grant {
  rights: Rights;
  rightsVersion: number;
}

type CollabEnv = {
  Variables: {
    collab: { person: Person; strategyId: string; grant: Grant; revocations: number };
  };
};

/** A frame as ws hands it over: the bytes of a binary frame, each fragment's when ws was told so. */
function frameOf(data: RawData, isBinary: boolean): Frame {
  if (!isBinary) return TEXT_FRAME;
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** Frames a socket may send before its room is open (a client's sync step 1 and its presence, usually). */
const MAX_EARLY_FRAMES = 100;

const CAP_REASONS = {
  room: 'too many connections to this document',
  person: 'too many connections of this person',
  session: 'too many connections of this session',
} as const;

/**
 * `/collab/:strategyId`: authenticate the upgrade (Origin, session, membership), compute the
 * connection's rights once, count it against the caps, then speak the stock y-websocket protocol
 * through a CollabConnection.
 */
export function collabRoute(rooms: RoomRegistry, hooks: CollabHooks, log: Logger) {
  const route = new Hono<CollabEnv>();

  route.get(
    '/:strategyId',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return c.text('Expected a WebSocket upgrade', 426);
      const url = new URL(c.req.url);
      if (!hooks.allowOrigin(c.req.header('origin'), c.req.header('host'), url.protocol)) {
        log.warn({ origin: c.req.header('origin') }, 'collab upgrade from a foreign origin refused');
        return c.text('Forbidden', 403);
      }
      const person = await hooks.authenticate(c.req.header('cookie'));
      if (!person) {
        log.debug({ strategyId: c.req.param('strategyId') }, 'collab upgrade refused: no live session');
        return c.text('Unauthorized', 401);
      }
      const strategyId = c.req.param('strategyId');
      // Noted before the rights are read: a revocation while they are read closes the socket on open.
      const revocations = rooms.revocations;
      const grant = await hooks.rightsOf(strategyId, person.userId);
      if (!grant) {
        log.debug({ strategyId, userId: person.userId }, 'collab upgrade refused: not a member');
        return c.text('Not found', 404);
      }
      c.set('collab', { person, strategyId, grant, revocations });
      await next();
    },
    upgradeWebSocket((c) => {
      const { person, strategyId, grant, revocations } = c.get('collab');
      const key: ConnectionKey = {
        strategyId,
        userId: person.userId,
        sessionId: person.sessionId,
        connectionId: randomUUID(),
      };
      const socketLog = log.child({ strategyId, userId: person.userId });
      let room: Room | null = null;
      let connection: CollabConnection | null = null;
      let admitted = false;
      let live: LiveSocket | null = null;
      let unwatch = () => {};
      // Frames that arrive while the room is being opened wait for it, in order.
      let early: { frame: Frame; arrivedAt: number }[] | null = [];

      const refuse = (ws: WSContext, code: number, reason: string) => {
        if (ws.readyState !== 1) return;
        socketLog.warn({ reason, code }, 'collab message refused');
        hooks
          .refused({ strategyId, userId: person.userId, reason })
          .catch((err: unknown) => socketLog.error({ err }, 'the refused message could not be recorded'));
        ws.close(code, reason);
      };

      function receive(ws: WSContext, frame: Frame, arrivedAt: number) {
        if (!connection) return;
        try {
          connection.receive(frame, arrivedAt);
        } catch (err) {
          // Nothing a client sends may escape the handler; a message the checks let through and
          // the document still could not take is this server's fault, logged once, socket closed.
          socketLog.error({ err }, 'a collab message could not be handled');
          if (ws.readyState === 1) ws.close(CLOSE_CODES.malformed, 'message could not be handled');
        }
      }

      /** Admits the socket, opens its room and hands it what arrived meanwhile. */
      async function open(ws: WSContext) {
        live = {
          ...key,
          close: (code, reason) => ws.close(code, reason),
          regrant: (next) => {
            if (!connection || ws.readyState !== 1) return false;
            connection.regrant(next);
            return true;
          },
        };
        rooms.track(live);
        // The node-server adapter's raw socket is ws's WebSocket (server.ts makes it CatalogedWebSocket).
        unwatch = rooms.liveness.watch(ws.raw as unknown as PingableSocket);
        // Rights were revoked between the upgrade and now; these may be stale, so start over.
        if (rooms.revocations !== revocations) return ws.close(CLOSE_CODES.rightsChanged, 'rights changed');
        const admission = await rooms.ledger.admit(key);
        if (!admission.ok) return ws.close(CLOSE_CODES.tooManyConnections, CAP_REASONS[admission.cap]);
        // Closed while the ledger answered: onClose found nothing to give back.
        if (ws.readyState !== 1) return void rooms.ledger.leave(key);
        admitted = true;
        let opened: Room;
        try {
          opened = await rooms.open(strategyId);
        } catch (err) {
          socketLog.error({ err }, 'loading the document failed');
          return ws.close(CLOSE_CODES.serverError, 'document could not be loaded');
        }
        if (ws.readyState !== 1) return rooms.release(opened);
        room = opened;
        connection = new CollabConnection(person, strategyId, grant, room, rooms, {
          get isOpen() {
            return ws.readyState === 1;
          },
          send: (message) => {
            if (ws.readyState === 1) ws.send(message as Uint8Array<ArrayBuffer>);
          },
          sendFramed: framedSender(ws),
          refuse: (code, reason) => refuse(ws, code, reason),
        });
        room.add(connection);
        room.greet(connection);
        const states = [...room.awareness.getStates().keys()];
        if (states.length > 0) connection.send(encodeAwareness(room.awareness, states));
        const waiting = early ?? [];
        early = null;
        for (const { frame, arrivedAt } of waiting) receive(ws, frame, arrivedAt);
      }

      return {
        onOpen(_event, ws) {
          // Frames are taken from ws itself: the adapter's onMessage would wrap each in a
          // MessageEvent and copy its bytes, on the path of every keystroke.
          (ws.raw as WebSocket).on('message', (data, isBinary) => {
            const arrivedAt = performance.now();
            const frame = frameOf(data, isBinary);
            if (early && early.length >= MAX_EARLY_FRAMES)
              return ws.close(CLOSE_CODES.tooLarge, 'too much sent before the document opened');
            if (early) early.push({ frame, arrivedAt });
            else receive(ws, frame, arrivedAt);
          });
          open(ws).catch((err: unknown) => {
            socketLog.error({ err }, 'opening the connection failed');
            if (ws.readyState === 1) ws.close(CLOSE_CODES.serverError, 'connection could not be opened');
          });
        },

        onClose() {
          unwatch();
          if (live) rooms.untrack(live);
          if (admitted) void rooms.ledger.leave(key);
          admitted = false;
          if (room && connection) {
            connection.closed();
            room.remove(connection);
            rooms.release(room);
          }
          room = null;
          connection = null;
          early = null;
        },
      };
    }),
  );

  return route;
}
