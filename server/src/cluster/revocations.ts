import type { Logger } from 'pino';
import type { NewsBus } from './bus';

/**
 * Whose open sockets (and event streams) to close, and how: every given field must match. Plain
 * data, so it can travel to every process: a removed member or an ended session loses its
 * sockets wherever they are.
 */
export interface Revocation {
  strategyId?: string;
  userId?: string;
  sessionId?: string;
  /** Keeps this session's sockets (a password change ends the person's other sessions). */
  exceptSessionId?: string;
  /** The close code for collaboration sockets (shared/close-codes). */
  code: number;
  reason: string;
  /** Also end matching event streams. */
  streams: boolean;
  /**
   * Instead of closing matching sockets, give them these rights (the roots they may write, none
   * for read-only) with the rights version they hold: an outline change updates rights on the
   * open connection (access/revocation.ts `changingOutline`). A socket not yet open closes with
   * `code`, as it would without this.
   */
  regrant?: { roots: string[]; rightsVersion: number };
}

/** Something a revocation may close: a socket or an event stream. */
export interface Holder {
  readonly strategyId: string;
  readonly userId: string;
  readonly sessionId: string;
}

export function revokes(revocation: Revocation, holder: Holder): boolean {
  const { strategyId, userId, sessionId, exceptSessionId } = revocation;
  return (
    (strategyId === undefined || holder.strategyId === strategyId) &&
    (userId === undefined || holder.userId === userId) &&
    (sessionId === undefined || holder.sessionId === sessionId) &&
    (exceptSessionId === undefined || holder.sessionId !== exceptSessionId)
  );
}

const CHANNEL = 'samstrat:revocations';

/**
 * Revocations for every process: `revoke` closes what matches here at once and tells the other
 * processes, which do the same. A lost message is covered by the database: the storing
 * transaction refuses updates of a member whose rights version moved (collab/persistence.ts), and
 * sessions are checked against the database on every request.
 */
export class Revocations {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly bus: NewsBus,
    private readonly apply: (revocation: Revocation) => void,
    log: Logger,
  ) {
    this.unsubscribe = bus.subscribe(CHANNEL, (message) => {
      let revocation: Revocation;
      try {
        revocation = JSON.parse(Buffer.from(message).toString('utf8')) as Revocation;
      } catch (err) {
        return log.warn({ err }, 'unreadable revocation from another process');
      }
      this.apply(revocation);
    });
  }

  revoke(revocation: Revocation): void {
    this.apply(revocation);
    this.bus.publish(CHANNEL, Buffer.from(JSON.stringify(revocation), 'utf8'));
  }

  close(): void {
    this.unsubscribe();
  }
}
