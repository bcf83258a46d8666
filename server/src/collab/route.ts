import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import type { WSContext } from 'hono/ws';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { isRole } from '@samstrat/shared/roles';
import type { Deps } from '../context';
import { isAllowedOrigin, userFromCookieHeader } from '../auth/middleware';
import { getMembership } from '../strategies/membership';
import { checkAwareness, checkUpdate, type Rights } from './guard';
import { connectionRights } from './rights';
import { revocationGeneration } from './revocation';
import { audit } from '../audit';
import { sendFramed } from './framed';
import { recordSince } from './metrics';
import { decodeMessage, encodeAwareness, writeAwarenessEntries } from './protocol';
import type { Room, RoomConnection } from './room';
import type { LiveSocket } from './rooms';

type CollabEnv = {
  Variables: {
    collab: { userId: string; sessionId: string; strategyId: string; rights: Rights; generation: number };
  };
};

/**
 * `/collab/:strategyId`: authenticate the upgrade (Origin, session cookie, membership), compute
 * the connection's rights once, then speak the stock y-websocket protocol with every update
 * passing the guard before it touches the room.
 */
export function collabRoute(deps: Deps) {
  const { rooms } = deps;
  const route = new Hono<CollabEnv>();

  route.get(
    '/:strategyId',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return c.text('Expected a WebSocket upgrade', 426);
      const url = new URL(c.req.url);
      if (!isAllowedOrigin(deps, c.req.header('origin'), c.req.header('host'), url.protocol)) {
        deps.log.warn({ origin: c.req.header('origin') }, 'collab upgrade from a foreign origin refused');
        return c.text('Forbidden', 403);
      }
      const auth = await userFromCookieHeader(deps, c.req.header('cookie'));
      if (!auth) return c.text('Unauthorized', 401);
      const strategyId = c.req.param('strategyId');
      const membership = getMembership(deps.db, strategyId, auth.user.id);
      if (!membership || !isRole(membership.role)) return c.text('Not found', 404);
      const rights = connectionRights(deps.db, strategyId, auth.user.id, membership.role);
      const generation = revocationGeneration(rooms);
      c.set('collab', { userId: auth.user.id, sessionId: auth.sessionId, strategyId, rights, generation });
      await next();
    },
    upgradeWebSocket((c) => {
      const { userId, sessionId, strategyId, rights, generation } = c.get('collab');
      const log = deps.log.child({ strategyId, userId });
      let room: Room | null = null;
      let connection: RoomConnection | null = null;
      let live: LiveSocket | null = null;

      const refuse = (ws: WSContext, code: number, reason: string) => {
        log.warn({ reason }, 'collab message refused');
        try {
          audit(deps.db, { strategyId, actorId: userId, action: 'collab.update_refused', detail: { reason } });
        } catch (err) {
          log.error({ err }, 'the refused update could not be audited');
        }
        ws.close(code, reason);
      };

      return {
        onOpen(_event, ws) {
          live = { userId, sessionId, strategyId, close: (code, reason) => ws.close(code, reason) };
          rooms.track(live);
          // Rights were revoked between the upgrade and now; these may be stale, so start over.
          if (revocationGeneration(rooms) !== generation) {
            ws.close(CLOSE_CODES.rightsChanged, 'rights changed');
            return;
          }
          try {
            room = rooms.open(strategyId);
          } catch (err) {
            log.error({ err }, 'loading the document failed');
            ws.close(CLOSE_CODES.serverError, 'document could not be loaded');
            return;
          }
          if (room.connections.size >= rooms.limits.maxConnectionsPerRoom) {
            ws.close(CLOSE_CODES.tooManyConnections, 'too many connections');
            room = null;
            return;
          }
          connection = {
            userId,
            awarenessIds: new Set(),
            send: (message) => {
              if (ws.readyState === 1) ws.send(message as Uint8Array<ArrayBuffer>);
            },
            sendFramed: (framed) => {
              if (ws.readyState === 1) sendFramed(ws, framed);
            },
          };
          room.add(connection);
          room.greet(connection);
          const states = [...room.awareness.getStates().keys()];
          if (states.length > 0) connection.send(encodeAwareness(room.awareness, states));
        },

        onMessage(event, ws) {
          const arrivedAt = performance.now();
          if (!room || !connection) return;
          // ws keeps delivering frames while a close we started is under way; they were sent under
          // rights that are being revoked (the text froze, a role changed), so none of them counts.
          if (ws.readyState !== 1) return;
          if (!(event.data instanceof ArrayBuffer))
            return refuse(ws, CLOSE_CODES.rightsChanged, 'text frames are not part of the protocol');
          let message;
          try {
            message = decodeMessage(new Uint8Array(event.data));
          } catch {
            return refuse(ws, CLOSE_CODES.rightsChanged, 'malformed message');
          }
          switch (message.kind) {
            case 'sync-step1':
              connection.send(room.syncStep2(message.stateVector));
              return;
            case 'update': {
              const verdict = checkUpdate(rights, room.doc, message.update);
              recordSince(rooms.metrics.guard, arrivedAt);
              if (!verdict.ok) return refuse(ws, CLOSE_CODES.rightsChanged, verdict.reason);
              room.applyUpdate(message.update, connection, arrivedAt);
              return;
            }
            case 'awareness': {
              const current = room;
              const owned = connection;
              const verdict = checkAwareness(userId, message.update, (id) => current.awarenessOwner(id, owned));
              if (!verdict.ok) return refuse(ws, CLOSE_CODES.rightsChanged, verdict.reason);
              if (verdict.entries.length > 0) {
                applyAwarenessUpdate(room.awareness, writeAwarenessEntries(verdict.entries), connection);
              }
              return;
            }
            case 'query-awareness':
              connection.send(encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]));
              return;
          }
        },

        onClose() {
          if (live) rooms.untrack(live);
          if (room && connection) {
            room.remove(connection);
            rooms.release(room);
          }
          room = null;
          connection = null;
        },
      };
    }),
  );

  return route;
}
