import { and, eq, gt } from 'drizzle-orm';
import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { can } from '@samstrat/shared/access';
import { eventTarget } from '@samstrat/shared/events';
import type { AppEnv, Deps } from '../context';
import type { Reader } from '../db/client';
import { sessions, users } from '../db/schema';
import { unauthenticated } from '../errors';
import { onStrategy } from '../access/authorize';
import { memberRole } from '../access/load';
import type { DeliveredEvent, LiveStream } from '../events';

/** Whether a session still exists, has not expired and belongs to an active account. */
async function sessionIsLive(db: Reader, sessionId: string, now = Date.now()): Promise<boolean> {
  const row = (
    await db
      .select({ id: sessions.id })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date(now)), eq(users.active, true)))
      .limit(1)
  )[0];
  return row !== undefined;
}

/**
 * `GET /api/strategies/:id/events`: server-sent events for one strategy, members only. Like a
 * collaboration socket, a stream is authorized when it opens and revoked by closing it: the
 * revocations that close sockets (session ended, membership removed) end the stream at once
 * (access/revocation.ts), so the membership is not checked again per event; shared/access decides
 * which events the member receives (some are for one person only).
 */
export function eventRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/:id/events', onStrategy(deps.db, 'event.receive'), (c) => {
    const { strategyId, actor } = c.var.access;
    const sessionId = c.get('sessionId');
    if (!sessionId) throw unauthenticated();
    const log = c.get('log');
    const lastEventId = c.req.header('last-event-id');

    return streamSSE(c, async (stream) => {
      let ended = false;
      let finish: () => void = () => {};
      const done = new Promise<void>((resolve) => (finish = resolve));
      // Writes are chained so events leave in the order they were published.
      let queue: Promise<unknown> = Promise.resolve();
      const enqueue = (write: (s: SSEStreamingApi) => Promise<unknown>) => {
        queue = queue.then(() => (ended ? undefined : write(stream))).catch(() => end('write failed'));
      };

      // Live events wait while missed ones are replayed, then go out after them, each once.
      let replaying: DeliveredEvent[] | null = lastEventId ? [] : null;
      let sent = lastEventId && /^\d+$/.test(lastEventId) ? Number(lastEventId) : 0;
      const send = ({ id, event }: DeliveredEvent) => {
        if (Number(id) <= sent) return;
        sent = Number(id);
        if (!can(actor, 'event.receive', eventTarget(event))) return;
        enqueue((s) => s.writeSSE({ id, event: event.type, data: JSON.stringify(event) }));
      };
      const deliver = (delivered: DeliveredEvent) => {
        if (replaying) replaying.push(delivered);
        else send(delivered);
      };

      // Keeps proxies from closing an idle stream, and finds a client that went away.
      const heartbeat = setInterval(() => {
        enqueue((s) => s.write(': heartbeat\n\n'));
      }, deps.events.heartbeatMs);
      heartbeat.unref();

      const live: LiveStream = { userId: actor.userId, sessionId, strategyId, close: (reason) => end(reason) };
      const unsubscribe = deps.events.subscribe(strategyId, deliver);
      deps.events.track(live);
      // Before anything is awaited: a client that goes away meanwhile must still end the stream.
      stream.onAbort(() => end('client went away'));
      if (stream.aborted) end('client went away');
      // A revocation between the check above and this moment found no stream to close.
      if (!(await sessionIsLive(deps.db, sessionId)) || !(await memberRole(deps.db, strategyId, actor.userId))) {
        end('session ended or membership removed');
      }

      function end(reason: string) {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        deps.events.untrack(live);
        log.debug({ strategyId, userId: actor.userId, reason }, 'event stream ended');
        finish();
      }

      // A reconnecting EventSource sends the last id it saw: replay what it missed, or tell it to refetch.
      enqueue((s) => s.write('retry: 2000\n\n'));
      if (lastEventId) {
        const missed = await deps.events.since(strategyId, lastEventId);
        if (missed === null) {
          enqueue((s) => s.writeSSE({ event: 'stream.resync', data: JSON.stringify({ type: 'stream.resync' }) }));
          sent = 0;
        } else {
          for (const delivered of missed) send(delivered);
        }
        const live = replaying ?? [];
        replaying = null;
        for (const delivered of live) send(delivered);
      }

      await done;
      await queue;
    });
  });
}
