/**
 * Why the server closed a collaboration socket. One catalogue for server and web, so both
 * agree on what a client must do next (Outline keeps its close codes the same way).
 *
 * It lists exactly the codes the server sends (a test reads every close in server/src against it):
 * the WebSocket library's own protocol closes (1002, 1007, 1009) are translated to these before they
 * leave. A connection that stopped answering pings is cut without a close frame: its peer is gone.
 */
export const CLOSE_CODES = {
  /** The server is shutting down: reconnect, nothing is lost. */
  goingAway: 1001,
  /** A message could not be read (not the y-websocket protocol): start over with a fresh document. */
  malformed: 4400,
  /** The session ended or was never valid: log in again. */
  sessionEnded: 4401,
  /**
   * The connection's rights changed, or an update was refused (outside its rights, against the
   * editor schema, under someone else's client id): drop local state, reconnect, resync.
   */
  rightsChanged: 4403,
  /** The strategy does not exist or the user is not a member. */
  notFound: 4404,
  /** The workflow froze the text: reconnect read-only. */
  frozen: 4409,
  /**
   * A message was larger than the server takes. The refused change leaves a gap in the client's
   * Yjs clock that its later edits depend on, so the client must start over with a fresh document
   * (a new client id); reconnecting with the same one would resend the change for ever.
   */
  tooLarge: 4413,
  /** The room, the person or the session has as many connections as it may: try again later. */
  tooManyConnections: 4429,
  /** The server failed to load or save the document; the client retries. */
  serverError: 4500,
} as const;

export type CloseCodeName = keyof typeof CLOSE_CODES;
export type CloseCode = (typeof CLOSE_CODES)[CloseCodeName];

/** Codes after which reconnecting cannot help until the user acts. */
export const TERMINAL_CLOSE_CODES: readonly number[] = [CLOSE_CODES.sessionEnded, CLOSE_CODES.notFound];
